// The same code runs on the embedded PGlite and on a real PostgreSQL server: only the
// connection differs. Repositories get `db` (Drizzle) for ordinary reads and writes and
// `query` (raw parameterised SQL) for the hot ranking reads, where the query builder's
// per-call cost showed in the probe (decision 002; the query itself is decision 021's, which
// superseded 002's pivot: docs/decisions/021-figures-read-by-element-kept-per-round.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** the connection URL (PostgreSQL only) */
  url?: string;
  db: Db;
  /** raw parameterised SQL; numeric columns come back as strings, cast in SQL when a number is wanted */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** applies the committed migrations (idempotent), or those of another folder (a restore's); run it inside `exclusively` */
  migrate(folder?: string): Promise<void>;
  /**
   * Runs `fn` while no other instance runs its own: on PostgreSQL under a session advisory lock,
   * held by a connection of its own for as long as `fn` takes (PGlite has one process). Start-up
   * takes it around migrating, seeding and the first accounts, so two instances starting on an
   * empty database do not both create the same tables and rows.
   */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Called with each notification's payload when an instance (this one too) changed figures
   * (PostgreSQL LISTEN), and with null after the subscription was lost and made again (what was
   * notified meanwhile is gone). PGlite has one process: never called.
   */
  onDataChanged(listener: (payload: string | null) => void): Promise<void>;
  notifyDataChanged(payload: string): Promise<void>;
  /** the connection answers (GET /api/health): rejects when the database does not */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates) */
  dump?(): Promise<Blob>;
}

export const DATA_CHANNEL = 'nq57_data_changed';
/** The advisory lock key of start-up (migrations, seed, first accounts): any constant the database does not use otherwise. */
export const STARTUP_LOCK = 57_016_001;

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data directory; null = in memory */
  dataDir?: string | null;
  /** a PGlite data directory dump to start from (tests clone a migrated, seeded template) */
  loadDataDir?: Blob | File;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ?? null, opts.loadDataDir);
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob | File): Promise<Database> {
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<T>(text, params);
      return res.rows;
    },
    migrate: (folder = migrationsFolder) => migratePglite(db as never, { migrationsFolder: folder }),
    exclusively: (fn) => fn(),
    async onDataChanged() {
      // one process owns an embedded database: local invalidation is enough
    },
    async notifyDataChanged() {},
    async ping() {
      await client.query('select 1');
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('gzip'),
  };
}

async function openPostgres(url: string): Promise<Database> {
  // Numeric stays a string (exact đồng); bigint too. Quiet notices: migrations print many.
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    prepare: true,
    // The ranking pivot groups ~120 000 figures at national scale; with the server's default 4 MB
    // its sort spills to disk (85 ms), with 32 MB it hashes in memory (50 ms). Per connection, so
    // at most 10 × 32 MB, and only while such a query runs.
    connection: { work_mem: '32MB' },
    // reconnecting after PostgreSQL went away: at most 5 s between tries (postgres.js's own
    // backoff reaches 20 s, so a database back from a restart stayed unused that long)
    backoff: (retries: number) => Math.min(0.25 * 2 ** retries, 5),
  });
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' }) as unknown as Db;
  const listeners: ((payload: string | null) => void)[] = [];
  let listening = false;
  return {
    kind: 'postgres',
    url,
    db,
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
    },
    async migrate(folder = migrationsFolder) {
      // a one-connection client, as the house style asks. drizzle's migrate() takes no lock of its
      // own (two instances raced on CREATE TABLE): callers hold `exclusively`
      const one = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await migratePostgres(drizzlePostgres({ client: one, casing: 'snake_case' }), { migrationsFolder: folder });
      } finally {
        await one.end();
      }
    },
    async exclusively(fn) {
      // a session lock on a connection outside the pool: released by unlock, or by the server when
      // an instance dies holding it, so a crash never leaves the next start waiting
      const holder = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await holder`select pg_advisory_lock(${STARTUP_LOCK})`;
        try {
          return await fn();
        } finally {
          await holder`select pg_advisory_unlock(${STARTUP_LOCK})`;
        }
      } finally {
        await holder.end();
      }
    },
    async onDataChanged(listener) {
      listeners.push(listener);
      if (!listening) {
        listening = true;
        let subscribed = false;
        await client.listen(
          DATA_CHANNEL,
          (payload) => listeners.forEach((l) => l(payload)),
          () => {
            // postgres.js listens again after a lost connection; what was notified meanwhile is
            // lost, so a new subscription counts as a change (caches drop, figures are read again)
            if (subscribed) listeners.forEach((l) => l(null));
            subscribed = true;
          },
        );
      }
    },
    async notifyDataChanged(payload) {
      await client.notify(DATA_CHANNEL, payload);
    },
    async ping() {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}
