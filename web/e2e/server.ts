// Starts the app exactly as `npm start` does (node scripts/start.mjs: builds web/ when needed,
// then the API serving web/dist), on a free port with a fresh DATA_DIR, and stops it after.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The admin's password (and the demo accounts') in every started app. */
export const E2E_PASSWORD = 'mat-khau-e2e-2026';

export interface RunningApp {
  url: string;
  /** everything the app printed, for the failure message */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The first start builds the web app and seeds PGlite: allow a few minutes on a slow machine.
 * `env`: more environment for the app, e.g. { READ_REQUIRES_LOGIN: 'true' } (the briefing's token journey).
 */
export async function startApp(timeoutMs = 200_000, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nq57-e2e-'));
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', ADMIN_PASSWORD: E2E_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group, so stop() ends start.mjs and the API it spawned, and nothing else
    detached: true,
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`npm start stopped before answering:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`npm start did not answer /api/health within ${timeoutMs / 1000} s:\n${log}`);
}
