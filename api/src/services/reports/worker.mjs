// The reading worker: one report read (./read-job.ts) in a thread of its own, which sandbox.ts
// starts with a time and a memory limit and ends when either is passed, so that a file that makes
// a library loop or swell never stalls the server. Plain JavaScript, because a worker starts
// without the TypeScript loader the server (tsx) and the tests (Vitest) run under: tsx's
// register() gives it one (the sandbox starts it with no inherited flags, so it is the only one).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { readJob, Refusal } = await import('./read-job.ts');
  try {
    parentPort.postMessage({ ok: true, out: await readJob(workerData) });
  } catch (e) {
    if (e instanceof Refusal) parentPort.postMessage({ ok: false, refusal: { status: e.status, code: e.code, message: e.message } });
    else parentPort.postMessage({ ok: false, unexpected: String(e?.stack ?? e) });
  }
} catch (e) {
  parentPort.postMessage({ ok: false, unexpected: String(e?.stack ?? e) });
}
