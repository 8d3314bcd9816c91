// What every request goes through before and after a route, so that no input answers 500, no
// secret reaches the log, and every refusal is a Vietnamese sentence (issue 16). Kept apart from
// app.ts so each rule has one home and its own test (api/test/hardening.test.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { formatNumber } from '@nq57/shared';

// ── Security headers ─────────────────────────────────────────────────────────────────────

/**
 * The headers helmet sets for `options`, computed once at start. @fastify/helmet ran helmet()
 * anew on every request (its middlewares rebuilt, the CSP parsed again): 15 % of the time of a
 * cached read as `npm start` runs (issue 13). The same values, set by one hook from this object.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failed: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => void (failed = err ?? null));
  if (failed) throw failed;
  return headers;
}

// ── Control characters ───────────────────────────────────────────────────────────────────

/**
 * C0 control characters (and DEL) never belong in a figure, a name or a code. PostgreSQL refuses
 * NUL in text (a 500, and the failed query in the log); the others are invisible in a table and
 * can hide a different name. Line breaks and tabs are allowed only in text a person writes at
 * length (comments, explanations), which the body carries.
 */
const CONTROL_ANYWHERE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F]/;

/** The path of the first string that holds a control character, or null. */
export function controlCharacterAt(value: unknown, multiline: boolean, path = ''): string | null {
  if (typeof value === 'string') return (multiline ? CONTROL_ANYWHERE : CONTROL_IN_LINE).test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = controlCharacterAt(value[i], multiline, `${path}[${i}]`);
      if (at !== null) return at;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL_IN_LINE.test(k)) return path ? `${path}.${k}` : k;
      const at = controlCharacterAt(v, multiline, path ? `${path}.${k}` : k);
      if (at !== null) return at;
    }
  }
  return null;
}

/** preValidation hook: 400 in Vietnamese, before any schema, route or query sees the value. */
export async function refuseControlCharacters(req: FastifyRequest, reply: FastifyReply) {
  const where: [unknown, boolean, string][] = [
    [req.params, false, 'Tham số đường dẫn'],
    [req.query, false, 'Tham số'],
    [req.body, true, 'Trường'],
  ];
  for (const [value, multiline, label] of where) {
    const at = controlCharacterAt(value, multiline);
    if (at !== null) {
      return reply.code(400).send({
        statusCode: 400,
        code: 'CONTROL_CHARACTER',
        message: `${label}${at ? ` "${at}"` : ''} chứa ký tự điều khiển (ví dụ ký tự rỗng) không được chấp nhận`,
      });
    }
  }
}

// ── Logs ─────────────────────────────────────────────────────────────────────────────────

/** A briefing link's token, a session or a reset token in an address: never written to the log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|t)=)[^&#]*/gi, '$1[ẩn]');
}

/**
 * What an unexpected error may put in the log: its kind, a first line and the stack, never the
 * failed query's parameters (drizzle puts them in the message, "params: …": for a new account
 * that is the password hash) nor the query text. The logger's `err` serializer (app.ts), so an
 * error logged as it came (`log.error(e)`, `log.error({ err: e })`) is cleaned the same way.
 */
export function loggableError(err: unknown): { type: string; code: string | undefined; message: string; stack: string; [key: string]: unknown } {
  const e = err as { name?: string; type?: string; code?: string; message?: string; stack?: string; cause?: { code?: string; message?: string } };
  const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0].replace(/\bparams:.*$/s, 'params: [ẩn]').slice(0, 300);
  const message = /^Failed query:/.test(e.message ?? '') ? `Failed query (${e.cause?.code ?? 'database'}): ${firstLine(e.cause?.message)}` : firstLine(e.message);
  const stack = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  // the logger's `err` serializer is this function too: an error already made loggable keeps its type
  return { type: e.name ?? e.type ?? 'Error', code: e.code ?? e.cause?.code, message, stack };
}

/** The request as the log shows it: method and address (token hidden), never headers or body. */
export const requestSerializer = (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip });

// ── The request log ──────────────────────────────────────────────────────────────────────

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A read slower than this is worth a line at info. */
const SLOW_MS = 1000;

/**
 * Which requests the log shows at its default level (info): every write (when it comes in and how
 * it ended), every refusal or error, every slow read. A routine read that succeeded is logged at
 * debug: at thousands of cached reads a second, two lines each cost 40 % of the requests per
 * second as `npm start` runs (issue 13), and a reverse proxy keeps the access log anyway.
 * `LOG_LEVEL=debug` shows every request.
 */
export const requestLog = {
  onRequest(req: FastifyRequest, _reply: FastifyReply, done: () => void) {
    if (READS.has(req.method)) req.log.debug({ req }, 'incoming request');
    else req.log.info({ req }, 'incoming request');
    done();
  },
  onResponse(req: FastifyRequest, reply: FastifyReply, done: () => void) {
    const routine = READS.has(req.method) && reply.statusCode < 400 && reply.elapsedTime < SLOW_MS;
    const line = { req, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (routine) req.log.debug(line, 'request completed');
    else req.log.info(line, 'request completed');
    done();
  },
};

// ── Refusals Fastify makes before a route ────────────────────────────────────────────────

export const BODY_LIMIT = 1024 * 1024;

/** Fastify's own refusals (too large, not JSON, a broken address) in the house's words. */
export function frameworkRefusal(err: FastifyError): { statusCode: number; code: string; message: string } | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { statusCode: 413, code: 'BODY_TOO_LARGE', message: `Dữ liệu gửi lên quá lớn (tối đa ${formatNumber(BODY_LIMIT / 1024)} KB). Tệp số liệu gửi qua trang Nhập tệp (tối đa 10 MB).` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Kiểu dữ liệu gửi lên không được hỗ trợ: hãy gửi JSON (application/json)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, code: 'EMPTY_BODY', message: 'Thiếu nội dung: yêu cầu khai báo JSON nhưng không gửi gì' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { statusCode: 400, code: 'BAD_CONTENT_LENGTH', message: 'Độ dài nội dung (Content-Length) không khớp với dữ liệu gửi lên' };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return { statusCode: 400, code: 'BAD_URL', message: 'Đường dẫn không hợp lệ (có ký tự mã hóa sai)' };
    default:
      if ((err as { type?: string }).type === 'entity.parse.failed' || err instanceof SyntaxError || /JSON/.test(err.message ?? '')) {
        return (err.statusCode ?? 500) < 500 ? { statusCode: 400, code: 'BAD_JSON', message: 'Nội dung gửi lên không phải JSON hợp lệ' } : null;
      }
      return null;
  }
}

// ── A database that is away ──────────────────────────────────────────────────────────────

/**
 * postgres.js's and the server's codes for "the connection is gone": the server restarting
 * (57P01–57P03), any connection exception (class 08), a dropped or refused socket. The pool opens
 * a new connection on the next query, so the request after is served; this one is told to retry.
 */
const CONNECTION_LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

/** 503 with Retry-After rather than a 500 while PostgreSQL restarts (drizzle wraps the driver's error in `cause`). */
export function databaseUnavailable(err: unknown): { statusCode: 503; code: string; message: string } | null {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = String(e?.code ?? '');
  const cause = String(e?.cause?.code ?? '');
  const lost = [code, cause].some((c) => CONNECTION_LOST.has(c) || /^08[0-9A-Z]{3}$/.test(c));
  return lost ? { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'Cơ sở dữ liệu tạm thời không trả lời, vui lòng thử lại sau ít giây' } : null;
}
