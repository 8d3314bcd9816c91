// Reading a spreadsheet off the main thread. readSpreadsheet stops at its limits, but even within
// them exceljs may take a second of CPU, and a file that finds a way past them must cost its
// uploader, never everyone else: one upload once held the event loop 77 s and every user waited.
// So files are read in worker threads, at most `size` at once, each with a time limit and a heap
// ceiling; past either the worker is terminated (the next file gets a fresh one) and the upload
// answers in Vietnamese. Idle workers end after `idleMs` and never keep the process alive.
import { Worker } from 'node:worker_threads';
import { formatNumber } from '@nq57/shared';
import { ApiError } from '../../errors';
import { READ_LIMITS, type ReadLimits } from './limits';
import type { Grid } from './read';

export interface ReaderOptions {
  limits?: ReadLimits;
  /** files read at once (the machine has 2 cores; the API needs one) */
  size?: number;
  /** files waiting for a reader before the next is refused with 503 */
  queue?: number;
  idleMs?: number;
  /** the V8 heap a reader may use; past it the reader is stopped */
  heapMb?: number;
}

export interface SpreadsheetReader {
  read(bytes: Buffer, fileName: string): Promise<Grid>;
  close(): Promise<void>;
}

interface Job {
  bytes: Buffer;
  fileName: string;
  resolve(grid: Grid): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker | null;
  busy: boolean;
  idle: NodeJS.Timeout | null;
}

type Reply = { id: number; grid: Grid } | { id: number; error: { statusCode: number; code: string; message: string } } | { id: number; failure: string };

// a plain module that registers tsx in the worker, then loads reader-worker.ts
const WORKER = new URL('./reader-worker.mjs', import.meta.url);

export function createReaderPool(opts: ReaderOptions = {}): SpreadsheetReader {
  const limits = opts.limits ?? READ_LIMITS;
  const size = opts.size ?? 2;
  const maxQueue = opts.queue ?? 8;
  const idleMs = opts.idleMs ?? 60_000;
  const heapMb = opts.heapMb ?? 768;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, busy: false, idle: null }));
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const tooSlow = () =>
    new ApiError(
      422,
      'FILE_TOO_SLOW',
      `Đọc tệp quá ${formatNumber(limits.seconds)} giây nên đã dừng. Tệp quá phức tạp để nhập: hãy chép bảng số liệu (chỉ các giá trị) sang một tệp Excel mới rồi tải lên.`,
    );
  const tooHeavy = () =>
    new ApiError(413, 'FILE_TOO_HEAVY', 'Tệp cần quá nhiều bộ nhớ để đọc nên đã dừng. Hãy chép bảng số liệu (chỉ các giá trị) sang một tệp Excel mới rồi tải lên.');
  const busy = () => new ApiError(503, 'IMPORT_BUSY', 'Máy chủ đang đọc nhiều tệp khác. Hãy thử lại sau ít phút.');

  function spawn(slot: Slot): Worker {
    const worker = new Worker(WORKER, { workerData: { limits }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    // an idle reader never keeps the process (or a test run) alive
    worker.unref();
    slot.worker = worker;
    return worker;
  }

  function retire(slot: Slot) {
    const w = slot.worker;
    slot.worker = null;
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    if (w) void w.terminate();
  }

  function run(slot: Slot, job: Job) {
    slot.busy = true;
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    const worker = slot.worker ?? spawn(slot);
    const id = nextId++;
    let settled = false;
    const finish = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!keep) retire(slot);
      else slot.idle = setTimeout(() => retire(slot), idleMs).unref();
      slot.busy = false;
      outcome();
      pump();
    };
    const onMessage = (m: Reply) => {
      if (m.id !== id) return;
      if ('grid' in m) finish(() => job.resolve(m.grid), true);
      else if ('error' in m) finish(() => job.reject(new ApiError(m.error.statusCode, m.error.code, m.error.message)), true);
      else finish(() => job.reject(new Error(`spreadsheet reader: ${m.failure}`)), true);
    };
    const onError = (e: Error & { code?: string }) =>
      finish(() => job.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : e), false);
    const onExit = () => finish(() => job.reject(closed ? busy() : new Error('spreadsheet reader stopped')), false);
    const timer = setTimeout(() => finish(() => job.reject(tooSlow()), false), limits.seconds * 1000);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // a copy: the upload's buffer may be a slice of a larger one that is not ours to hand over
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage({ id, bytes, fileName: job.fileName }, [bytes.buffer]);
  }

  function pump() {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.busy) run(slot, queue.shift()!);
    }
  }

  return {
    read(bytes, fileName) {
      if (closed || queue.length >= maxQueue) return Promise.reject(busy());
      return new Promise<Grid>((resolve, reject) => {
        queue.push({ bytes, fileName, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(busy());
      await Promise.all(
        slots.map(async (slot) => {
          const w = slot.worker;
          retire(slot);
          if (w) await w.terminate();
        }),
      );
    },
  };
}
