// Reading a report in a worker thread with limits, so that no file can stall the server: a zip
// that inflates to gigabytes, a PDF whose drawing loops, a text that makes the reader work for
// minutes. Each reading gets a fresh worker (worker.mjs), ended after `timeoutMs` or when its heap
// passes `memoryMb`; at most `concurrency` run at once (the machine has two cores and the API has
// other requests to answer), `queue` more wait their turn, and beyond that the API says it is busy.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../errors';
import type { ReadJobInput, ReadJobOutput } from './read-job';

export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
  concurrency: number;
  queue: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 30_000, memoryMb: 768, concurrency: 2, queue: 8 };

type WorkerAnswer =
  | { ok: true; out: ReadJobOutput }
  | { ok: false; refusal: { status: number; code: string; message: string } }
  | { ok: false; unexpected: string };

const WORKER = new URL('./worker.mjs', import.meta.url);

const UNREADABLE = 'Không đọc được tệp này. Hãy mở bằng Word, lưu lại (dạng .docx, hoặc xuất PDF) rồi tải lên.';

export function createReadSandbox(limits: SandboxLimits = DEFAULT_LIMITS, onUnexpected: (detail: string) => void = () => {}) {
  let running = 0;
  const waiting: (() => void)[] = [];

  /** A slot to run in; a finished reading hands its slot straight to the next in line. */
  async function acquire() {
    if (running < limits.concurrency) {
      running++;
      return;
    }
    if (waiting.length >= limits.queue) {
      throw new ApiError(503, 'BUSY', 'Máy chủ đang đọc nhiều báo cáo cùng lúc. Hãy thử lại sau ít phút.');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release() {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  function once(input: ReadJobInput): Promise<ReadJobOutput> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, {
        workerData: input,
        // no inherited loader flags: worker.mjs registers the one it needs
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64 },
        stdout: true,
        stderr: true,
      });
      // a library's own chatter must not reach the server's output (nor fail a test)
      worker.stdout.resume();
      worker.stderr.resume();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new ApiError(
                413,
                'READ_TOO_LONG',
                `Tệp quá lớn hoặc quá phức tạp: đọc chưa xong sau ${Math.round(limits.timeoutMs / 1000)} giây. Hãy lưu lại báo cáo không kèm hình ảnh, phụ lục rồi tải lên.`,
              ),
            ),
          ),
        limits.timeoutMs,
      );
      worker.once('message', (m: WorkerAnswer) =>
        finish(() => {
          if (m.ok) return resolve(m.out);
          if ('refusal' in m) return reject(new ApiError(m.refusal.status, m.refusal.code, m.refusal.message));
          onUnexpected(m.unexpected);
          reject(new ApiError(400, 'UNREADABLE_FILE', UNREADABLE));
        }),
      );
      worker.once('error', (e: Error & { code?: string }) =>
        finish(() => {
          if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            return reject(new ApiError(413, 'READ_TOO_LARGE', 'Tệp cần quá nhiều bộ nhớ để đọc. Hãy lưu lại báo cáo không kèm hình ảnh, phụ lục rồi tải lên.'));
          }
          onUnexpected(String(e.stack ?? e));
          reject(new ApiError(400, 'UNREADABLE_FILE', UNREADABLE));
        }),
      );
      worker.once('exit', () => finish(() => reject(new ApiError(400, 'UNREADABLE_FILE', UNREADABLE))));
    });
  }

  return {
    async run(input: ReadJobInput): Promise<ReadJobOutput> {
      await acquire();
      try {
        return await once(input);
      } finally {
        release();
      }
    },
    /** readings running and waiting, for tests */
    load: () => ({ running, waiting: waiting.length }),
  };
}
export type ReadSandbox = ReturnType<typeof createReadSandbox>;
