// Test databases: every database test runs on PGlite, and on the PostgreSQL server too when
// TEST_DATABASE_URL is set. Each file gets its own copy of the seeded template.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/client';
import { withDatabase } from './global-setup';

export type Engine = 'pglite' | 'postgres';
export const engines: Engine[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

/** A copy of the seeded template; with `empty`, a database with nothing in it, not even migrations (a restore's target). */
export async function openTestDatabase(engine: Engine, opts: { empty?: boolean } = {}): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: null, ...(opts.empty ? {} : { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) }) });
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `nq57_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // two files copying the template at the same instant collide ("being accessed by other users")
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name}${opts.empty ? '' : ` template ${inject('pgTemplate')}`}`);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = await openDatabase({ databaseUrl: withDatabase(url, name) });
  return {
    database,
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The admin (and demo accounts') password in every test database. */
export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2026';
/**
 * A test app's configuration. AUTO_REMINDERS is off unless a test turns it on: the scheduler
 * queues reminders by the date it is given (the real one unless the test fixes `now`), and an
 * app that writes reminder_outbox rows depending on the calendar is a test that fails some days.
 */
export const testConfig = (env: Record<string, string> = {}) =>
  loadConfig({ LOG_LEVEL: 'silent', ADMIN_PASSWORD: TEST_PASSWORD, AUTO_REMINDERS: 'false', ...env }, process.cwd());

export interface Session {
  cookie: string;
  csrfToken: string;
  /** headers for a write: the session cookie and x-csrf-token */
  headers: Record<string, string>;
}

/** Signs in through the API and returns what a browser would hold. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'nq57_session');
  if (!c) throw new Error('login set no session cookie');
  const cookie = `nq57_session=${c.value}`;
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export interface AppContext {
  app: FastifyInstance;
  database: Database;
  engine: Engine;
}

/** describe(), once per engine, with an app on a fresh copy of the seeded database. */
export function describeEachEngine(
  name: string,
  fn: (ctx: () => AppContext) => void,
  opts: { responseCache?: boolean; env?: Record<string, string>; now?: BuildOptions['now']; reminders?: BuildOptions['reminders']; live?: BuildOptions['live'] } = {},
) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let ctx: AppContext;
      let drop: () => Promise<void>;
      beforeAll(async () => {
        const t = await openTestDatabase(engine);
        drop = t.drop;
        const app = await buildApp({
          config: testConfig(opts.env),
          database: t.database,
          logger: false,
          webDist: null,
          responseCache: opts.responseCache,
          now: opts.now,
          reminders: opts.reminders,
          live: opts.live,
        });
        await app.ready();
        ctx = { app, database: t.database, engine };
      });
      afterAll(async () => {
        await ctx?.app.close();
        await drop?.();
      });
      fn(() => ctx);
    });
  }
}

/**
 * Two apps on one fresh PostgreSQL database, each with its own connections (two instances behind
 * a load balancer), opened before the describe's tests and closed after. Call inside a describe.
 */
export function twoInstances(opts: Pick<BuildOptions, 'responseCache'> = {}) {
  const ctx = {} as { a: FastifyInstance; b: FastifyInstance; dbA: Database; dbB: Database };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const t = await openTestDatabase('postgres');
    drop = t.drop;
    ctx.dbA = t.database;
    ctx.dbB = await openDatabase({ databaseUrl: t.database.url });
    ctx.a = await buildApp({ config: testConfig(), database: ctx.dbA, logger: false, webDist: null, ...opts });
    ctx.b = await buildApp({ config: testConfig(), database: ctx.dbB, logger: false, webDist: null, ...opts });
  });
  afterAll(async () => {
    await ctx.a?.close();
    await ctx.b?.close();
    await ctx.dbB?.close();
    await drop?.();
  });
  return ctx;
}

/** A multipart/form-data body as a browser sends it: the text fields, then the file in "file". */
export function multipart(file: { name: string; bytes: Buffer; type?: string } | null, fields: Record<string, string> = {}) {
  const boundary = `----nq57test${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
