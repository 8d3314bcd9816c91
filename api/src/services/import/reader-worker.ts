// One reader thread: a file in, a grid (or the Vietnamese refusal) out. See reader-pool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../errors';
import type { ReadLimits } from './limits';
import { readSpreadsheet } from './read';

const limits = (workerData as { limits: ReadLimits }).limits;

parentPort!.on('message', async (job: { id: number; bytes: Uint8Array; fileName: string }) => {
  try {
    const grid = await readSpreadsheet(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.fileName, limits);
    parentPort!.postMessage({ id: job.id, grid });
  } catch (e) {
    if (e instanceof ApiError) parentPort!.postMessage({ id: job.id, error: { statusCode: e.statusCode, code: e.code, message: e.message } });
    else parentPort!.postMessage({ id: job.id, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
