// Issue 16, operations: a backup restores into a fresh database with every figure, the audit and
// the accounts as they were, on PGlite and on PostgreSQL, and from the embedded database into a
// PostgreSQL server (how an installation moves from the demo to a server). The commands
// themselves run as the README says, on a PGlite data directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { backup, readBackup, restore } from '../src/db/backup';
import type { Database } from '../src/db/client';
import { engines, login, openTestDatabase, testConfig, type Engine } from './helpers';

/** Every row of every table a backup holds, as one comparable text per table (times in UTC on both engines). */
async function contents(database: Database, tables: string[]): Promise<Record<string, string>> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await tx.execute(sql`select count(*)::int || ':' || coalesce(md5(string_agg(x::text, E'\n' order by x::text)), '') as v from ${sql.identifier(t)} x`);
      out[t] = ((Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows)[0] as { v: string }).v;
    }
    return out;
  });
}

const NEW_USER = { username: 'canbo.saoluu', displayName: 'Cán bộ sao lưu', password: 'mat-khau-sao-luu-2026', role: 'commune', communeCode: '21211' };
const FIGURES = '/api/rankings?indicator=online_filing_rate&period=m10-2026&includeSubmitted=true';

/** A test database with writes of its own on top of the demo: an account, a saved form (its audit rows). */
async function sourceWithWrites(engine: Engine) {
  const t = await openTestDatabase(engine);
  const app = await buildApp({ config: testConfig(), database: t.database, logger: false, webDist: null });
  const admin = await login(app, 'admin');
  expect((await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: NEW_USER })).statusCode).toBe(201);
  const form = (await app.inject({ url: '/api/periods/m10-2026/submissions/21421', headers: admin.headers })).json();
  const put = await app.inject({ method: 'PUT', url: '/api/periods/m10-2026/submissions/21421', headers: admin.headers, payload: { version: form.version, values: { dossiers_online: 7 } } });
  expect(put.statusCode, put.body).toBe(200);
  return { ...t, app };
}

const pairs: [Engine, Engine][] = [...engines.map((e) => [e, e] as [Engine, Engine]), ...(engines.includes('postgres') ? [['pglite', 'postgres'] as [Engine, Engine]] : [])];

describe.each(pairs)('backup of %s, restored into a fresh %s database', (from, to) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('holds every table but sign-in state; restored, every figure, the audit and the accounts are as they were', async () => {
    const source = await sourceWithWrites(from);
    cleanup.push(source.drop, () => source.app.close());
    const { bytes, header } = await backup(source.database);
    expect(header.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['data_values', 'audit_log', 'users', 'submissions', 'submission_values', 'periods']));
    expect(header.tables.map((t) => t.name)).not.toContain('sessions');
    const names = header.tables.map((t) => t.name);

    const target = await openTestDatabase(to, { empty: true });
    cleanup.push(target.drop);
    const restored = await restore(target.database, bytes);
    expect(restored.rows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));
    expect(await contents(target.database, names)).toEqual(await contents(source.database, names));

    // the app on the restored database: the same figures, the same audit, the same passwords
    const app = await buildApp({ config: testConfig(), database: target.database, logger: false, webDist: null });
    cleanup.push(() => app.close());
    const officer = await login(app, NEW_USER.username, NEW_USER.password);
    const sourceOfficer = await login(source.app, NEW_USER.username, NEW_USER.password);
    expect((await app.inject({ url: FIGURES, headers: officer.headers })).body).toBe((await source.app.inject({ url: FIGURES, headers: sourceOfficer.headers })).body);
    const audit = '/api/audit?commune=21421&period=m10-2026';
    expect((await app.inject({ url: audit, headers: officer.headers })).body).toBe((await source.app.inject({ url: audit, headers: sourceOfficer.headers })).body);
    // and it goes on: new rows take ids after the restored ones
    const admin = await login(app, 'admin');
    const next = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { ...NEW_USER, username: 'canbo.sau' } });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('refuses a database that already holds data, and a file that is not a backup', async () => {
    const source = await openTestDatabase(from);
    cleanup.push(source.drop);
    const { bytes } = await backup(source.database);
    await expect(restore(source.database, bytes)).rejects.toThrow(/đã có dữ liệu .*Chỉ khôi phục vào cơ sở dữ liệu trống/);
    expect(() => readBackup(Buffer.from('không phải tệp nén'))).toThrow('không phải bản sao lưu');
  });
});

describe('npm run backup / npm run restore on the embedded database', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (script: 'backup' | 'restore', file: string, dataDir: string) =>
    spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/src/db/backup-cli.ts', script, file], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('restores a backup into an empty DATA_DIR, backs it up again to the same rows, and never overwrites a file', async () => {
    const source = await openTestDatabase('pglite');
    const { bytes, header } = await backup(source.database);
    await source.drop();
    const first = path.join(dir, 'nguon.nq57.gz');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(first, bytes);

    const dataDir = path.join(dir, 'data');
    const r = run('restore', first, dataDir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Đã khôi phục');
    const again = path.join(dir, 'lai.nq57.gz');
    const b = run('backup', again, dataDir);
    expect(b.stdout).toContain('Đã sao lưu');
    const second = readBackup(readFileSync(again)).header;
    expect(second.tables).toEqual(header.tables);
    expect(second.migrations).toEqual(header.migrations);

    const refused = run('backup', again, dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('đã có');
  }, 120_000); // three CLI processes (backup, restore, backup), each started with tsx
});
