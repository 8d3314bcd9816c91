// Serialised, compressed responses kept in memory per URL and data version. The probe showed
// re-serialising a 32 KB ranking per request reaches 0.1× a bare route and compressing per
// request less; a Buffer made once serves at about 1.0×. The ETag is a hash of the bytes, so
// every instance computes the same tag for the same figures.
//
// A cached answer to an anonymous read can also be sent before the framework sees the request
// (`answerEarly`, decision 025): the same bytes and headers, without routing, hooks and
// validation, which cost as much as the answer itself (issue 13, bench throughput).
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataVersion } from './data-version';

interface Entry {
  version: number;
  etag: string;
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  type: string;
  /** an early answer's headers, made once per entry: a fresh object per answer cost a third of the rate (decision 025) */
  early?: Record<'identity' | 'br' | 'gzip' | 'notModified', Record<string, string>>;
}

const MAX_ENTRIES = 2000;
const COMPRESS_OVER = 1024;

/** An address answered to an anonymous reader, and until when its key stands (a key with a day in it). */
interface Learned {
  key: string;
  until: number;
}

export interface EarlyOptions {
  /** the headers every answer carries (the security headers): an early answer sends the same */
  headers: Record<string, string>;
  /**
   * Whether this request's answer is the answer to anyone who asks for its address unsigned: true
   * only for a GET without a session or a briefing token that the route has let through. An early
   * answer is only ever sent for an address learned this way.
   */
  mayLearn: (req: FastifyRequest) => boolean;
}

export function createResponseCache(version: DataVersion, opts: { enabled?: boolean; now?: () => Date; early?: EarlyOptions } = {}) {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  const enabled = opts.enabled ?? true;
  const now = opts.now ?? (() => new Date());
  const early = opts.early;
  // the raw address (path and query as sent) → its cache key; learned only from anonymous reads
  const learned = new Map<string, Learned>();

  function build(body: Buffer, type: string, atVersion: number): Entry {
    const big = body.length > COMPRESS_OVER;
    return {
      version: atVersion,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      body,
      gzip: big ? gzipSync(body, { level: 6 }) : null,
      br: big ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : null,
      type,
    };
  }

  function send(req: FastifyRequest, reply: FastifyReply, e: Entry) {
    reply.header('etag', e.etag).header('vary', 'accept-encoding').header('cache-control', 'no-cache');
    if (notModified(req.headers, e)) return reply.code(304).send();
    const [encoding, body] = encodingFor(req.headers, e);
    reply.type(e.type);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  }

  function learn(req: FastifyRequest, key: string, until: Date | undefined) {
    if (!enabled || !early || req.method !== 'GET' || !early.mayLearn(req)) return;
    if (learned.size >= MAX_ENTRIES && !learned.has(req.url)) learned.delete(learned.keys().next().value!);
    learned.set(req.url, { key, until: until ? until.getTime() : Infinity });
  }

  /** The headers of an early answer, in the order the framework sends them; made once per entry. */
  function earlyHeaders(e: Entry) {
    if (e.early) return e.early;
    const common = { ...early!.headers, etag: e.etag, vary: 'accept-encoding', 'cache-control': 'no-cache' };
    const with_ = (encoding: string | null, body: Buffer | null) =>
      body ? { ...common, 'content-type': e.type, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': String(body.length) } : {};
    e.early = { identity: with_(null, e.body), br: with_('br', e.br), gzip: with_('gzip', e.gzip), notModified: common };
    return e.early;
  }

  return {
    /**
     * Answers from the cache, or computes, serialises and stores. `key` must capture every input
     * of `compute` (route and normalised query). `until`: the key stops standing for this address
     * then (an answer that depends on the day, where the key carries the day).
     */
    async reply(
      req: FastifyRequest,
      reply: FastifyReply,
      key: string,
      compute: () => Promise<unknown>,
      serialise: (v: unknown) => { body: Buffer; type: string } = json,
      { until }: { until?: Date } = {},
    ) {
      const hit = entries.get(key);
      if (hit && hit.version === version.current) {
        learn(req, key, until);
        return send(req, reply, hit);
      }
      let p = enabled ? pending.get(key) : undefined;
      if (!p) {
        // stamped with the version seen before reading, so a change during the read is not hidden
        const atVersion = version.current;
        p = compute().then((v) => {
          const s = serialise(v);
          return build(s.body, s.type, atVersion);
        });
        if (enabled) {
          pending.set(key, p);
          p.finally(() => pending.delete(key)).catch(() => {});
        }
      }
      const e = await p;
      if (enabled) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, e);
      }
      // an answer computed at an older version is not learned: the next read computes anew
      if (e.version === version.current) learn(req, key, until);
      return send(req, reply, e);
    },

    /**
     * Sends the cached answer to a request before the framework sees it, when its address was
     * answered to an anonymous reader and that answer is still current; false otherwise (the
     * request then goes through the framework as any other). The caller decides that the request
     * is anonymous (no session cookie, no briefing token) and that the app is not closing.
     */
    answerEarly(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.method !== 'GET' || !req.url) return false;
      const l = learned.get(req.url);
      if (!l) return false;
      const e = entries.get(l.key);
      if (!e || e.version !== version.current) return false;
      if (now().getTime() >= l.until) {
        learned.delete(req.url);
        return false;
      }
      const headers = earlyHeaders(e);
      if (notModified(req.headers, e)) {
        res.writeHead(304, headers.notModified).end();
        return true;
      }
      const [encoding, body] = encodingFor(req.headers, e);
      res.writeHead(200, headers[encoding ?? 'identity']).end(body);
      return true;
    },

    clear: () => {
      entries.clear();
      learned.clear();
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;

/** The request already holds these bytes (If-None-Match names the entry's ETag). */
function notModified(headers: IncomingHttpHeaders, e: Pick<Entry, 'etag'>): boolean {
  const inm = headers['if-none-match'];
  return !!inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === e.etag);
}

/** The smallest encoding the request takes: brotli, gzip, or the bytes as they are. */
function encodingFor(headers: IncomingHttpHeaders, e: Pick<Entry, 'body' | 'gzip' | 'br'>): ['br' | 'gzip' | null, Buffer] {
  const ae = headers['accept-encoding'] ?? '';
  if (e.br && /\bbr\b/.test(ae)) return ['br', e.br];
  if (e.gzip && /\bgzip\b/.test(ae)) return ['gzip', e.gzip];
  return [null, e.body];
}

const json = (v: unknown) => ({ body: Buffer.from(JSON.stringify(v)), type: 'application/json; charset=utf-8' });

/** A stable cache key: path plus the query's entries sorted, empty values dropped. */
export function cacheKey(path: string, query: Record<string, unknown>): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}
