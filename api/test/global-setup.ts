// Builds, once per run, a migrated and seeded template database for each engine; every test
// file then starts from its own copy (PGlite: a data-directory dump; PostgreSQL: CREATE
// DATABASE … TEMPLATE), so files run in parallel without seeing each other's writes.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';
import { seedDatabase } from '../src/seed';

// one template per test run: two runs at once (two terminals, CI and a developer) must not
// drop each other's template
export const PG_TEMPLATE = `nq57_test_template_${process.pid}`;

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-test-'));
  const lite = await openDatabase({ dataDir: null });
  await lite.migrate();
  await seedDatabase(lite, { demo: true });
  const dump = await lite.dump!();
  await lite.close();
  const file = path.join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let pgTemplate: string | null = null;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${PG_TEMPLATE} with (force)`);
    await admin.unsafe(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const tpl = await openDatabase({ databaseUrl: withDatabase(url, PG_TEMPLATE) });
    await tpl.migrate();
    await seedDatabase(tpl, { demo: true });
    await tpl.close();
    pgTemplate = PG_TEMPLATE;
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${PG_TEMPLATE} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
