// Test databases: every database test runs on PGlite, and on the PostgreSQL server too when
// TEST_DATABASE_URL is set. Each file gets its own copy of the seeded template.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/client';
import { withDatabase } from './global-setup';

export type Engine = 'pglite' | 'postgres';
export const engines: Engine[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export async function openTestDatabase(engine: Engine): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ dataDir: null, loadDataDir: blob });
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `nq57_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // two files copying the template at the same instant collide ("being accessed by other users")
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`);
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

export const testConfig = () => loadConfig({ LOG_LEVEL: 'silent' }, process.cwd());

export interface AppContext {
  app: FastifyInstance;
  database: Database;
  engine: Engine;
}

/** describe(), once per engine, with an app on a fresh copy of the seeded database. */
export function describeEachEngine(name: string, fn: (ctx: () => AppContext) => void, opts: { responseCache?: boolean } = {}) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let ctx: AppContext;
      let drop: () => Promise<void>;
      beforeAll(async () => {
        const t = await openTestDatabase(engine);
        drop = t.drop;
        const app = await buildApp({ config: testConfig(), database: t.database, logger: false, webDist: null, ...opts });
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
