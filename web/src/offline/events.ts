// What the outbox tells whoever shows it (issue 15): the form that is open, the summary line, the
// query cache. Sends happen in this page, in another tab or in the service worker (Background
// Sync); a BroadcastChannel carries each one's news to the others, so an answer the worker got
// while the form was open moves the form on like its own.
import type { SubmissionPutBody, SubmissionSaved } from '@nq57/shared/schemas';
import type { Held, OutboxRecord, QueuedRequest } from './outbox';

export type OutboxEvent =
  /** the outbox's content changed: read it again */
  | { type: 'changed' }
  | { type: 'sending'; key: string }
  /** the server did `request` (`body`, as sent); `left` is what still waits for that form */
  | { type: 'acked'; key: string; request: QueuedRequest; body: SubmissionPutBody; result: SubmissionSaved; left: OutboxRecord | null }
  /** no network (`offline`) or a server error: tried again later. key '*': nothing could be tried */
  | { type: 'failed'; key: string; offline: boolean; message: string }
  | { type: 'held'; key: string; held: Held }
  /** no session for the outbox (expired, or a 401): the page asks for a sign-in (`me` again); the records wait */
  | { type: 'signedOut'; message: string };

type Listener = (e: OutboxEvent) => void;

const listeners = new Set<Listener>();
const channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel('nq57-outbox') : null;
channel?.addEventListener('message', (m: MessageEvent<OutboxEvent>) => {
  for (const l of listeners) l(m.data);
});
// Node's channel (the unit tests) would keep the process alive; browsers have no unref
(channel as unknown as { unref?: () => void } | null)?.unref?.();

/** To this page's listeners at once (synchronously), and to the other tabs and the worker. */
export function emit(e: OutboxEvent) {
  for (const l of listeners) l(e);
  channel?.postMessage(e);
}

export function onOutbox(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
