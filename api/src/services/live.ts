// The live stream (issue 13, decision 020): every open GET /api/events, told of each change of the
// figures and each playlist edited (this instance's and, through LISTEN/NOTIFY, every other
// instance's) that its client wants, with a heartbeat so a reader notices a silent loss. Contract:
//  - `open` admits a stream or throws a Vietnamese 429 (too many from one client) or 503 (too many
//    in all) before anything is written; once admitted the reply is the stream's, until the client
//    goes, its right to read ends (`stillAllowed`, checked every few seconds: a revoked briefing
//    link, a session signed out), or the app closes;
//  - a stream hears the notices its client `wants`, in the order they came, even where deciding
//    takes a read (a briefing link: the rounds its playlist shows); heartbeats go to every stream;
//  - `close` ends every stream (the app's preClose), so app.close() never waits on a browser;
//  - one timer for all streams; a stream whose client stopped reading is dropped, never buffered.
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { LIVE_HEARTBEAT_MS, SSE_HEARTBEAT, sseFrame, type LiveEvent, type LiveNotice } from '@nq57/shared';
import { ApiError } from '../errors';
import type { DataVersion } from './data-version';

export interface LiveOptions {
  heartbeatMs: number;
  /** how often a stream's right to read is checked again */
  recheckMs: number;
  /** streams of one session or one briefing link (a few tabs, a screen and its preview) */
  maxPerClient: number;
  /** streams of one address without a session (an office behind one NAT address) */
  maxPerAddress: number;
  maxTotal: number;
}

export const LIVE_DEFAULTS: LiveOptions = { heartbeatMs: LIVE_HEARTBEAT_MS, recheckMs: 5000, maxPerClient: 8, maxPerAddress: 64, maxTotal: 2000 };

/** More than this waiting to be sent to one client: it stopped reading; it is dropped. */
const MAX_BUFFERED = 64 * 1024;

export interface StreamClient {
  /** who is asking: a session, a briefing link, or an address without either */
  key: string;
  anonymous: boolean;
  /** null while still allowed to read; otherwise why not (sent as `refused`) */
  stillAllowed?: () => Promise<string | null>;
  /**
   * Whether the client is told of this notice (the same object for every stream, so work can be
   * shared per notice). A failure counts as yes: a missed refresh is worse than an extra one.
   */
  wants: (notice: LiveNotice) => boolean | Promise<boolean>;
}

interface Stream extends StreamClient {
  res: ServerResponse;
  checking: boolean;
  /** the notices still being decided, in order; null when none */
  deciding: Promise<void> | null;
}

export function createLiveService(version: DataVersion, options: Partial<LiveOptions> = {}) {
  const opts = { ...LIVE_DEFAULTS, ...options };
  const streams = new Set<Stream>();
  const perClient = new Map<string, number>();
  let heartbeat: NodeJS.Timeout | null = null;
  let recheck: NodeJS.Timeout | null = null;
  let closed = false;

  function write(s: Stream, text: string) {
    if (s.res.destroyed || s.res.writableEnded) return;
    if (s.res.writableLength > MAX_BUFFERED) {
      s.res.destroy();
      return;
    }
    s.res.write(text);
  }

  function broadcast(text: string) {
    for (const s of streams) write(s, text);
  }

  function tell(s: Stream, notice: LiveNotice, frame: string) {
    let wanted: boolean | Promise<boolean>;
    try {
      wanted = s.wants(notice);
    } catch {
      wanted = true;
    }
    if (typeof wanted === 'boolean' && !s.deciding) {
      if (wanted) write(s, frame);
      return;
    }
    // decided later (or behind one that is): queued, so the stream's notices keep their order
    const decided = (s.deciding ?? Promise.resolve())
      .then(() => wanted)
      .catch(() => true)
      .then((yes) => {
        if (yes) write(s, frame);
      });
    s.deciding = decided;
    void decided.then(() => {
      if (s.deciding === decided) s.deciding = null;
    });
  }

  function end(s: Stream, last?: LiveEvent) {
    if (last) write(s, sseFrame(last));
    s.res.end();
  }

  async function checkAll() {
    await Promise.all(
      [...streams].map(async (s) => {
        if (!s.stillAllowed || s.checking) return;
        s.checking = true;
        try {
          const why = await s.stillAllowed();
          if (why !== null) end(s, { type: 'refused', message: why });
        } catch {
          // the database is away: the stream stays; the next check decides
        } finally {
          s.checking = false;
        }
      }),
    );
  }

  function timers(on: boolean) {
    if (on && !heartbeat) {
      heartbeat = setInterval(() => broadcast(SSE_HEARTBEAT), opts.heartbeatMs);
      recheck = setInterval(() => void checkAll(), opts.recheckMs);
      heartbeat.unref();
      recheck.unref();
    } else if (!on && heartbeat) {
      clearInterval(heartbeat);
      clearInterval(recheck!);
      heartbeat = recheck = null;
    }
  }

  const unsubscribe = version.subscribeNotices((notice) => {
    const frame = sseFrame(notice);
    for (const s of streams) tell(s, notice, frame);
  });

  function forget(s: Stream) {
    if (!streams.delete(s)) return;
    const n = (perClient.get(s.key) ?? 1) - 1;
    if (n > 0) perClient.set(s.key, n);
    else perClient.delete(s.key);
    if (streams.size === 0) timers(false);
  }

  return {
    /** Admits the stream (or throws 429/503/503-closing) and answers with it. */
    open(reply: FastifyReply, client: StreamClient) {
      if (closed) throw new ApiError(503, 'SHUTTING_DOWN', 'Máy chủ đang dừng, trang sẽ tự kết nối lại');
      if (streams.size >= opts.maxTotal) {
        throw new ApiError(503, 'TOO_MANY_STREAMS', 'Máy chủ đang có quá nhiều kết nối cập nhật trực tiếp; trang sẽ tự làm mới định kỳ');
      }
      const limit = client.anonymous ? opts.maxPerAddress : opts.maxPerClient;
      const mine = perClient.get(client.key) ?? 0;
      if (mine >= limit) {
        throw new ApiError(
          429,
          'TOO_MANY_STREAMS',
          `Quá nhiều kết nối cập nhật trực tiếp từ ${client.anonymous ? 'địa chỉ' : 'phiên'} này (tối đa ${limit}); hãy đóng bớt thẻ, trang vẫn tự làm mới định kỳ`,
        );
      }
      const res = reply.raw;
      const s: Stream = { ...client, res, checking: false, deciding: null };
      streams.add(s);
      perClient.set(client.key, mine + 1);
      res.on('close', () => forget(s));
      reply.hijack();
      res.writeHead(200, {
        // the security headers the app set on this reply (helmet), then the stream's own
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx and others buffer answers by default: this one must go out as it is written
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.socket?.setNoDelay(true);
      res.write(`retry: 2000\n\n${sseFrame({ type: 'hello', heartbeatMs: opts.heartbeatMs })}`);
      timers(true);
    },
    /** How many streams are open (health and tests). */
    get size() {
      return streams.size;
    },
    /** Ends every stream; later opens answer 503. */
    close() {
      closed = true;
      unsubscribe();
      timers(false);
      for (const s of [...streams]) end(s);
      streams.clear();
      perClient.clear();
    },
  };
}

export type LiveService = ReturnType<typeof createLiveService>;
