// Sends what waits in the outbox (issue 15): the same code in the page (at once after a save, on
// the `online` event, when the app opens) and in the service worker (Background Sync, which the
// browser fires when the network is back even with no tab open). One sender at a time across
// tabs and the worker (a Web Lock where the browser has them); two at once would still be safe,
// only wasteful: a resend with the same client id is answered, not done twice.
//
// For each record of the signed-in account: write the request down, send it, then apply the
// answer in one IndexedDB transaction (./outbox.ts says what an answer, a failure and a refusal
// leave), and tell the others (./events.ts). The transport is the mutation layer's
// (../api/mutations.ts `outboxTransport`): every write of the web goes through there.
import type { SubmissionPutBody, SubmissionSaved } from '@nq57/shared/schemas';
import { emit } from './events';
import { acknowledge, failed, heldKind, hold, newClientId, nextRequest, requestBody, type QueuedRequest } from './outbox';
import { outboxOf, updateOutbox } from './store';

/** An error from the API (the shape of ../api/client.ts's ApiError, without importing it here). */
interface ApiLikeError {
  status: number;
  code: string;
  message: string;
}

export interface OutboxTransport {
  /** who is signed in here, with a write token ready; null when nobody is. `fresh`: ask the server */
  signedIn(fresh: boolean): Promise<string | null>;
  /** the PUT of one queued save of `owner`'s; fails with the API's error (status 0: no network) */
  put(request: QueuedRequest, owner: string): Promise<SubmissionSaved>;
  /** after a save (`body` is what was sent): the copies kept for opening with no network follow it */
  saved(request: QueuedRequest, body: SubmissionPutBody, result: SubmissionSaved): Promise<void>;
}

/** The Background Sync tag: the page asks for it after a save, the service worker answers it (../sw/sw.ts). */
export const SYNC_TAG = 'nq57-outbox';

export type FlushOutcome = 'done' | 'offline' | 'retry' | 'signedOut';

const asApiError = (e: unknown): ApiLikeError => {
  const x = e as Partial<ApiLikeError> | null;
  return typeof x?.status === 'number' ? { status: x.status, code: x.code ?? 'ERROR', message: x.message ?? '' } : { status: 0, code: 'NETWORK', message: String(e) };
};

// without Web Locks (older Safari): one sender per page at least
let pageQueue: Promise<unknown> = Promise.resolve();
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request('nq57-outbox', work) as Promise<T>;
  const run = pageQueue.then(work, work);
  pageQueue = run.catch(() => undefined);
  return run;
}

/** A record answered many times in one go is being typed into as it goes: the next flush takes it on. */
const MAX_ROUNDS_PER_FORM = 10;

/**
 * Sends everything the signed-in account has waiting (or one form's, `only`), in order, and says
 * how it went: 'done' (nothing left that may go), 'offline', 'retry' (a server error: try later),
 * 'signedOut' (the session is gone: the figures wait for the next sign-in).
 */
export function flushOutbox(t: OutboxTransport, opts: { only?: string; freshSession?: boolean } = {}): Promise<FlushOutcome> {
  return exclusively(async () => {
    let owner: string | null;
    try {
      owner = await t.signedIn(opts.freshSession ?? false);
    } catch (e) {
      const err = asApiError(e);
      emit({ type: 'failed', key: '*', offline: err.status === 0, message: err.message });
      return err.status === 0 ? 'offline' : 'retry';
    }
    // the session ended (12 h, while the phone had no signal for days): said out loud, so the page
    // asks for a sign-in; the records wait for their owner's next session
    if (!owner) {
      emit({ type: 'signedOut', message: '' });
      return 'signedOut';
    }
    const records = (await outboxOf(owner)).filter((r) => !opts.only || r.key === opts.only);
    let outcome: FlushOutcome = 'done';
    for (const first of records) {
      const r = await sendRecord(t, first.key, owner);
      if (r === 'offline' || r === 'signedOut') return r;
      if (r === 'retry') outcome = 'retry';
    }
    emit({ type: 'changed' });
    return outcome;
  });
}

async function sendRecord(t: OutboxTransport, key: string, owner: string): Promise<FlushOutcome> {
  for (let round = 0; round < MAX_ROUNDS_PER_FORM; round++) {
    let request: QueuedRequest | undefined;
    // written down BEFORE it leaves: a crash after the send resends the same client id
    await updateOutbox(key, (r) => {
      const next = r ? nextRequest(r, newClientId, new Date()) : null;
      request = next?.request;
      return next ? next.record : r;
    });
    if (!request) return 'done';
    const sent: QueuedRequest = request;
    emit({ type: 'sending', key });
    let result: SubmissionSaved;
    try {
      result = await t.put(sent, owner);
    } catch (e) {
      const err = asApiError(e);
      if (err.status === 401) {
        emit({ type: 'signedOut', message: err.message });
        return 'signedOut';
      }
      const kind = heldKind(err.status, err.code);
      if (kind) {
        const held = { kind, code: err.code, message: err.message, at: new Date().toISOString() };
        await updateOutbox(key, (r) => (r ? hold(r, sent.clientId, held) : r));
        emit({ type: 'held', key, held });
        emit({ type: 'changed' });
        return 'done';
      }
      await updateOutbox(key, (r) => (r ? failed(r, sent.clientId, new Date()) : r));
      emit({ type: 'failed', key, offline: err.status === 0, message: err.message });
      return err.status === 0 ? 'offline' : 'retry';
    }
    const left = await updateOutbox(key, (r) => (r ? acknowledge(r, sent.clientId, result) : r));
    const body = requestBody(sent);
    await t.saved(sent, body, result).catch(() => undefined); // a kept copy out of date is refreshed on the next read
    emit({ type: 'acked', key, request: sent, body, result, left });
  }
  return 'retry';
}
