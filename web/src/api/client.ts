// The one way the web talks to the API. A failed request becomes an Error whose message is the
// API's Vietnamese message ({ statusCode, code, message }), so any panel can show it as is.
import type { ErrorResponse } from '@nq57/shared/schemas';
import { t } from '../i18n/dashboard';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

type Params = Record<string, string | number | undefined | null>;

/** "/api/rankings" + { period: 'q3-2025', type: undefined } → "/api/rankings?period=q3-2025" */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(body: unknown): body is ErrorResponse {
  return typeof body === 'object' && body !== null && typeof (body as ErrorResponse).message === 'string';
}

/** `headers`: extra request headers, e.g. the briefing's x-briefing-token (issue 5). */
export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal, headers?: Record<string, string>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), { signal, headers: { ...headers, accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', t.state.networkError);
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // not JSON (a proxy's HTML error page): fall back to a generic message
    }
    if (isErrorBody(body)) throw new ApiError(body.statusCode ?? res.status, body.code ?? 'ERROR', body.message);
    throw new ApiError(res.status, 'HTTP_' + res.status, t.state.serverError(res.status));
  }
  return (await res.json()) as T;
}

// The session's anti-forgery token (GET /api/auth/me, POST /api/auth/login). Kept here rather
// than read from the query cache so that every write, from any page, sends the current one.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Someone is signed in here, with a write token (the offline code is loaded only then, issue 15). */
export function hasSession(): boolean {
  return csrfToken !== null;
}

// A sign-out the server did not hear (no network, a refusal): the session's cookie is httpOnly, so
// the page cannot drop it, and online again /api/auth/me would answer with the same account. The
// flag makes the next answer naming an account end that session first (../api/queries.ts askMe).
// localStorage: it outlives the tab; the service worker has none and never sees the flag.
const PENDING_SIGN_OUT = 'nq57:dang-xuat-cho-mang';

export function pendingSignOut(): boolean {
  try {
    return window.localStorage.getItem(PENDING_SIGN_OUT) === '1';
  } catch {
    return false; // no window (the worker, Node) or storage blocked
  }
}

export function setPendingSignOut(pending: boolean) {
  try {
    if (pending) window.localStorage.setItem(PENDING_SIGN_OUT, '1');
    else window.localStorage.removeItem(PENDING_SIGN_OUT);
  } catch {
    // storage blocked: the session then simply expires (12 h)
  }
}

/** The header every write carries (decision 005): sendJson's, and the upload's XMLHttpRequest's. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * A write (POST/PUT/PATCH/DELETE) with the x-csrf-token header. Only mutations.ts calls it: pages
 * write through its factories, which also say what each write invalidates. Errors become ApiError with the
 * API's Vietnamese message: 400 invalid, 401 signed out, 403 refused, 409 conflict (a stale
 * version or a locked form), 429 too many attempts. A 204 answer resolves to undefined.
 */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...csrfHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t.state.networkError);
  }
  if (!res.ok) {
    let errBody: unknown = null;
    try {
      errBody = await res.json();
    } catch {
      // not JSON: the generic message below
    }
    if (isErrorBody(errBody)) throw new ApiError(errBody.statusCode ?? res.status, errBody.code ?? 'ERROR', errBody.message);
    throw new ApiError(res.status, 'HTTP_' + res.status, t.state.serverError(res.status));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
