// Issue 16, operations: the app rides out a PostgreSQL restart without a restart of its own. The
// shared test server is never restarted (other test files use it): the app reaches it through a
// TCP proxy this test stops (every connection dropped, new ones refused, as while PostgreSQL is
// down) and starts again; and the server ends the app's connections (pg_terminate_backend), as a
// failover or an administrator does.
import { createServer, connect, type Server, type Socket } from 'node:net';
import postgres from 'postgres';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNotification, figuresChanged } from '@nq57/shared';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/client';
import { login, openTestDatabase, testConfig } from './helpers';

/** A TCP proxy in front of PostgreSQL that can be taken down and brought back on the same port. */
function proxy(target: { host: string; port: number }) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server!.close(() => resolve());
    });
  return { start, stop, port: () => port };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL goes away and comes back', () => {
  let app: FastifyInstance;
  let direct: Database;
  let database: Database;
  let drop: () => Promise<void>;
  let pg: ReturnType<typeof proxy>;
  let dbName: string;

  beforeAll(async () => {
    const t = await openTestDatabase('postgres');
    direct = t.database;
    drop = t.drop;
    const url = new URL(direct.url!);
    dbName = url.pathname.slice(1);
    pg = proxy({ host: url.hostname, port: Number(url.port || 5432) });
    await pg.start();
    url.hostname = '127.0.0.1';
    url.port = String(pg.port());
    database = await openDatabase({ databaseUrl: url.toString() });
    app = await buildApp({ config: testConfig(), database, logger: false, webDist: null });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await pg?.stop().catch(() => undefined);
    await drop?.();
  });

  const health = async () => (await app.inject('/api/health')).statusCode;
  const RANKING = '/api/rankings?indicator=online_filing_rate&period=year-2025';
  const moCay = async () => {
    const r = await app.inject(RANKING);
    return r.statusCode === 200 ? r.json().rows.find((x: { communeCode: string }) => x.communeCode === '21421').numerator : r.statusCode;
  };
  /** Statuses while the database is away or just back: answers that say so, never a 500. */
  const seen = new Set<number>();
  const status = async (url: string) => {
    const r = await app.inject(url);
    seen.add(r.statusCode);
    return r.statusCode;
  };

  it('health answers 503 while the database is gone and 200 once it is back; reads, writes and notifications work again', async () => {
    expect(await health()).toBe(200);
    expect(await moCay()).toBe(3276); // and now cached
    await pg.stop();
    const down = await app.inject('/api/health');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: 'Cơ sở dữ liệu không trả lời' });
    // a request that needs the database says so, in Vietnamese, and when to try again
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x' } });
    expect(signIn.statusCode).toBe(503);
    expect(signIn.headers['retry-after']).toBe('5');
    expect(signIn.json().message).toContain('Cơ sở dữ liệu tạm thời không trả lời');

    // meanwhile another instance changes a figure and announces it: this one cannot hear it
    await direct.query(
      `update data_values set value = 3300 where commune_id = (select id from communes where code = '21421')
         and period_id = (select id from periods where code = 'year-2025')
         and element_id = (select id from data_elements where code = 'dossiers_online')`,
    );
    await direct.notifyDataChanged(encodeNotification(figuresChanged({ period: 'year-2025' }), 'another-instance'));

    await pg.start();
    await expect.poll(health, { timeout: 15_000 }).toBe(200);
    // once it listens again it drops what it cached: the figure changed while it was deaf shows
    await expect.poll(moCay, { timeout: 15_000 }).toBe(3300);
    const admin = await login(app, 'admin');
    const form = (await app.inject({ url: '/api/periods/m10-2026/submissions/21421', headers: admin.headers })).json();
    const put = await app.inject({ method: 'PUT', url: '/api/periods/m10-2026/submissions/21421', headers: admin.headers, payload: { version: form.version, values: { dossiers_online: 11 } } });
    expect(put.statusCode, put.body).toBe(200);
  });

  it('the server ends every connection of the app (pg_terminate_backend): requests answer 503 at worst, then work', async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const ended = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
      expect(ended.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    seen.clear();
    await expect.poll(() => status('/api/overview?period=q3-2026'), { timeout: 15_000 }).toBe(200);
    await expect.poll(() => status('/api/communes/21211/standing?period=q3-2026'), { timeout: 15_000 }).toBe(200);
    expect([...seen].filter((s) => s !== 200 && s !== 503)).toEqual([]);
  });
});
