// `npm start`: builds the web app when its sources are newer than the build, then starts the
// API, which serves it and the API on one port (http://localhost:3000 by default).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const index = path.join(root, 'web/dist/index.html');
const isStale = () =>
  existsSync(path.join(root, 'web/index.html')) &&
  (!existsSync(index) || statSync(index).mtimeMs < Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'shared'))));

// Two starts at once (parallel test runs) must not build into web/dist together: the first
// takes the lock directory, the others wait for it and then see a fresh build.
const lock = path.join(root, 'web/.build-lock');
function withBuildLock(fn) {
  const until = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock older than 5 minutes is left over from a killed build
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.env.SKIP_WEB_BUILD !== '1' && isStale()) {
  withBuildLock(() => {
    if (!isStale()) return;
    console.log('Đang build giao diện web (lần đầu hoặc sau khi mã nguồn thay đổi)…');
    const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('Build giao diện web thất bại.');
      rmSync(lock, { recursive: true, force: true });
      process.exit(r.status ?? 1);
    }
  });
}

const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
// a .env beside package.json is read like the environment (copy .env.example to start one)
const envFile = existsSync(path.join(root, '.env')) ? ['--env-file=.env'] : [];
const child = spawn(process.execPath, [...envFile, tsx, 'api/src/server.ts'], { stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
