// The one way the web talks to the API. A failed request becomes an Error whose message is the
// API's Vietnamese message ({ statusCode, code, message }), so any panel can show it as is.
import type { ErrorResponse } from '@nq57/shared/schemas';
import { t } from '../i18n';

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

export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), { signal, headers: { accept: 'application/json' } });
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
