// A reader of GET /api/events for tests, as the browser's (web/src/live/stream.ts) reads it: fetch,
// the text parsed by the shared parser. Waits for events; never sleeps.
import { createSseParser, type LiveEvent } from '@nq57/shared';

export interface TestStream {
  status: number;
  headers: Headers;
  /** the answer's body when the stream was refused */
  refusal: { statusCode: number; code: string; message: string } | null;
  /** the next event (in order) that `match` accepts; earlier ones are passed over */
  next(match?: (e: LiveEvent) => boolean): Promise<LiveEvent>;
  /** resolves after the next heartbeat (a comment line) */
  heartbeat(): Promise<void>;
  /** resolves when the server ended the stream */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<TestStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (res.status !== 200) {
    return { status: res.status, headers: res.headers, refusal: await res.json(), next: () => Promise.reject(new Error('refused')), heartbeat: () => Promise.reject(new Error('refused')), ended: Promise.resolve(), close: () => {} };
  }
  const feed = createSseParser();
  const queue: LiveEvent[] = [];
  let wake = null as (() => void) | null;
  let beat = null as (() => void) | null;
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        if (text.includes(': ping')) beat?.();
        queue.push(...feed(text));
        wake?.();
      }
    } catch {
      // aborted by close()
    }
    wake?.();
  })();
  let over = false;
  void ended.then(() => (over = true));
  return {
    status: res.status,
    headers: res.headers,
    refusal: null,
    async next(match = () => true) {
      for (;;) {
        const i = queue.findIndex(match);
        if (i >= 0) return queue.splice(0, i + 1).pop()!;
        queue.length = 0;
        if (over) throw new Error('the stream ended');
        await new Promise<void>((r) => (wake = r));
      }
    },
    heartbeat: () => new Promise<void>((r) => (beat = r)),
    ended,
    close: () => abort.abort(),
  };
}
