// When the page sends the outbox (issue 15): at once after a save, when the app opens, on the
// `online` event, when the tab comes back to the front, and again on a back-off after a server
// error. It also asks the service worker for a Background Sync after each save, so the browser
// sends what waits when the network returns even if every tab is closed by then.
// Flushes are coalesced: saves made while one runs are sent by one more run right after it.
import { emit } from './events';
import { isSettled, outboxKey, queueChanges, retryDelay, type FormChange, type OutboxRecord } from './outbox';
import { flushOutbox, SYNC_TAG, type FlushOutcome, type OutboxTransport } from './sync';
import { outboxRecord, updateOutbox } from './store';

/** After no network, a try this often anyway: `online` does not fire on a weak signal that comes back. */
const OFFLINE_POLL_MS = 30_000;

let running: Promise<FlushOutcome> | null = null;
let followUp: Promise<FlushOutcome> | null = null;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let transport: OutboxTransport | null = null;

function schedule(outcome: FlushOutcome) {
  if (timer) clearTimeout(timer);
  timer = null;
  if (outcome === 'done' || outcome === 'signedOut' || !transport) {
    attempt = 0;
    return;
  }
  const wait = outcome === 'offline' ? OFFLINE_POLL_MS : retryDelay(attempt++);
  timer = setTimeout(() => void requestFlush(), wait);
}

function start(t: OutboxTransport): Promise<FlushOutcome> {
  const run = flushOutbox(t).catch((): FlushOutcome => 'retry');
  running = run;
  void run.then((outcome) => {
    if (running === run) running = null;
    schedule(outcome);
  });
  return run;
}

/**
 * Sends what waits now, or right after the run in progress (one more run, shared by everyone who
 * asked meanwhile: what they queued may have missed the running one). Resolves when it is over.
 */
export function requestFlush(t: OutboxTransport | null = transport): Promise<FlushOutcome> {
  if (!t) return Promise.resolve('done');
  if (!running) return start(t);
  followUp ??= running.then(() => {
    followUp = null;
    return start(t);
  });
  return followUp;
}

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks the browser to wake the worker when the network is back (Chromium; elsewhere the page's own triggers do). */
async function askBackgroundSync() {
  try {
    const reg = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & SyncRegistration) | undefined;
    await reg?.sync?.register(SYNC_TAG);
  } catch {
    // no permission or no worker (the dev server): the page's triggers still send
  }
}

/**
 * The form's save: into the outbox first (it survives the tab), then sent if the network allows.
 * Resolves, once that try is over, with what is left of the form's record (null: nothing waits).
 */
export async function queueSave(t: OutboxTransport, change: FormChange): Promise<OutboxRecord | null> {
  const key = outboxKey(change.owner, change.period, change.commune);
  await updateOutbox(key, (r) => queueChanges(r, change, new Date()));
  emit({ type: 'changed' });
  transport ??= t;
  void askBackgroundSync();
  await requestFlush(t);
  const left = await outboxRecord(key);
  return left && !isSettled(left) ? left : null;
}

/** Installed once for a signed-in user (the app's root): sends at once, then on every chance. */
export function startOutbox(t: OutboxTransport): () => void {
  transport = t;
  const now = () => {
    attempt = 0;
    void requestFlush();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') now();
  };
  window.addEventListener('online', now);
  document.addEventListener('visibilitychange', onVisible);
  now();
  return () => {
    window.removeEventListener('online', now);
    document.removeEventListener('visibilitychange', onVisible);
    if (timer) clearTimeout(timer);
    timer = null;
    transport = null;
  };
}
