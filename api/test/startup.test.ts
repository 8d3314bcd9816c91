// Start-up as `npm start` does it: open the database named by the config, migrate, seed.
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DEMO_PERIODS, generateDemoValues } from '../src/seed/demo';
import { readCommunes } from '../src/seed/catalogue';
import { freePort } from '../../web/e2e/server';
import { withDatabase } from './global-setup';

describe('first and second start on the embedded database', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates and seeds on first start, and reuses the data on the second', async () => {
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const first = await buildApp({ config, logger: false, webDist: null });
    const count = async (app: typeof first) =>
      (await app.database.query<{ n: number }>('select count(*)::int as n from data_values'))[0].n;
    const n1 = await count(first);
    expect(n1).toBeGreaterThan(10_000);
    const r1 = (await first.inject('/api/rankings?indicator=on_time_rate')).body;
    await first.close();

    const second = await buildApp({ config, logger: false, webDist: null });
    expect(await count(second)).toBe(n1);
    expect((await second.inject('/api/rankings?indicator=on_time_rate')).body).toBe(r1);
    await second.close();
  });
});

describe('demo data', () => {
  it('is deterministic: the same seed gives the same figures', () => {
    const communes = readCommunes();
    expect(generateDemoValues(communes)).toEqual(generateDemoValues(communes));
  });

  it('never reports more online, on-time or covered than the total', () => {
    const values = generateDemoValues(readCommunes());
    const key = (v: { periodCode: string; communeCode: string }) => `${v.periodCode}|${v.communeCode}`;
    const by = new Map<string, Record<string, number>>();
    for (const v of values) by.set(key(v), { ...(by.get(key(v)) ?? {}), [v.element]: v.value });
    for (const f of by.values()) {
      if (f.dossiers_online !== undefined && f.dossiers_received !== undefined) expect(f.dossiers_online).toBeLessThanOrEqual(f.dossiers_received);
      if (f.dossiers_on_time !== undefined && f.dossiers_resolved !== undefined) expect(f.dossiers_on_time).toBeLessThanOrEqual(f.dossiers_resolved);
      if (f.cdt_village_teams !== undefined && f.villages !== undefined) expect(f.cdt_village_teams).toBeLessThanOrEqual(f.villages);
      if (f.bdhvs_certificates !== undefined && f.bdhvs_learners !== undefined) expect(f.bdhvs_certificates).toBeLessThanOrEqual(f.bdhvs_learners);
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('start on a real PostgreSQL server (DATABASE_URL)', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `nq57_start_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('migrates an empty database and, without SEED_DEMO, loads only the catalogue', async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const config = loadConfig({ DATABASE_URL: withDatabase(url, name), LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, logger: false, webDist: null });
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'postgres' });
    expect((await app.inject('/api/communes')).json().communes).toHaveLength(96);
    const r = await app.inject('/api/rankings?indicator=on_time_rate');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toBe('Chưa có kỳ báo cáo nào');
    await app.close();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances starting at once on one empty PostgreSQL database', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `nq57_twin_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('both come up, with one migration history, one set of demo data and one admin', async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const config = loadConfig({ DATABASE_URL: withDatabase(url, name), SEED_DEMO: 'true', ADMIN_PASSWORD: 'mat-khau-hai-may-2026', LOG_LEVEL: 'silent' });
    // drizzle's migrate() takes no lock: without one, the second instance's CREATE TABLE or demo
    // insert collides with the first's and it stops
    const started = await Promise.allSettled([buildApp({ config, logger: false, webDist: null }), buildApp({ config, logger: false, webDist: null })]);
    const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'lên'))).toEqual(['lên', 'lên']);
      for (const app of apps) expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'postgres' });
      const [counts] = await apps[0].database.query<Record<string, number>>(`select
        (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
        (select count(*)::int from periods) as periods,
        (select count(*)::int from data_values) as figures,
        (select count(*)::int from users where username = 'admin') as admins`);
      expect(counts.migrations).toBe(readdirSync('migrations').filter((f) => f.endsWith('.sql')).length);
      expect(counts.periods).toBe(DEMO_PERIODS.length);
      expect(counts.admins).toBe(1);
      expect(counts.figures).toBeGreaterThan(10_000);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });
});

describe('a bad environment', () => {
  it('stops the server with a clear message', () => {
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/src/server.ts'], {
      env: { ...process.env, PORT: 'ba nghìn', DATA_DIR: os.tmpdir() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Cấu hình không hợp lệ');
    expect(r.stderr).toContain('PORT="ba nghìn"');
  });
});

describe('stopping the server (SIGTERM)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-stop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses new connections, finishes the request in flight, closes the database and exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/src/server.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, SEED_DEMO: 'false', ADMIN_PASSWORD: 'mat-khau-dung-may-2026', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 60_000 }).toContain('NQ57 Dashboard: http');
      // a sign-in whose body has not all arrived yet: in flight when the signal comes
      const body = JSON.stringify({ username: 'admin', password: 'khong-phai-mat-khau' });
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d));
      socket.on('error', (e) => (answer += `socket: ${e.message}`));
      await new Promise((r) => socket.once('connect', r));
      socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
      // the server has taken the request (its log says so) before the signal comes
      await expect.poll(() => out, { timeout: 10_000 }).toMatch(/incoming request.*\/api\/auth\/login|\/api\/auth\/login.*incoming request/);
      child.kill('SIGTERM');
      await expect.poll(() => out, { timeout: 10_000 }).toContain('Nhận SIGTERM');
      // no new connection once stopping
      const refused = await new Promise<string>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => (s.destroy(), resolve('connected')));
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
      // the request in flight is answered in full
      socket.write(body.slice(10));
      await expect.poll(() => answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 401[\s\S]*Tên đăng nhập hoặc mật khẩu không đúng/);
      socket.destroy();
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000); // a process started with tsx: on a loaded 2-core machine its start alone took over 30 s
});

describe('serving the web app', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-web-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html for app routes, files as they are, and 404 for a missing asset', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>NQ57</title></html>');
    const { openTestDatabase } = await import('./helpers');
    const t = await openTestDatabase('pglite');
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: t.database, logger: false, webDist: dir });
    const page = await app.inject('/xep-hang?chi-tieu=on_time_rate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="vi"');
    // a file written after start (a rebuild) is served without a restart
    writeFileSync(path.join(dir, 'assets', 'app-123.js'), 'console.log(1)');
    const js = await app.inject('/assets/app-123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    // the build's compressed copies (web/scripts/precompress.mjs) go out as they are, to a browser that takes them
    const source = 'console.log("' + 'Xếp hạng '.repeat(200) + '")';
    writeFileSync(path.join(dir, 'assets', 'big-1.js'), source);
    writeFileSync(path.join(dir, 'assets', 'big-1.js.br'), brotliCompressSync(source));
    writeFileSync(path.join(dir, 'assets', 'big-1.js.gz'), gzipSync(source));
    const br = await app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);
    const gz = await app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(source);
    const plain = await app.inject({ url: '/assets/big-1.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
    // the service worker (issue 15) is revalidated on every check, or a phone could keep an old one for a day
    writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"NQ57"}');
    const sw = await app.inject('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toContain('javascript');
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await app.inject('/manifest.webmanifest');
    expect(manifest.headers['content-type']).toContain('application/manifest+json');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const missing = await app.inject('/assets/khong-co.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('/assets/khong-co.js');
    expect((await app.inject('/api/khong-co')).statusCode).toBe(404);
    await app.close();
    await t.drop();
  });
});
