// `npm run bench files`: how long the Sở waits for the files of issue 6 — the provincial report
// (report.docx) and an import of all 96 communes (dry run, then commit), on PGlite and on
// PostgreSQL, through the real routes (app.inject), as the web page calls them.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/src/app';
import { loadConfig } from '../api/src/config';
import { openDatabase, type Database } from '../api/src/db/client';
import { seedDatabase } from '../api/src/seed';

const PASSWORD = 'mat-khau-do-hieu-nang';

function multipart(name: string, bytes: Buffer) {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The template of a round, filled for all 96 communes: counts doubled (exact, so sums and parts stay consistent), rates as before. */
async function filledTemplate(app: FastifyInstance, cookie: string, period: string): Promise<Buffer> {
  const res = await app.inject({ url: `/api/periods/${period}/template.xlsx`, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`template: ${res.statusCode} ${res.body}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Số liệu')!;
  const side = wb.getWorksheet('Kỳ trước')!;
  const codes = (ws.getRow(2).values as unknown[]).slice(3) as string[];
  const prev = new Map<string, Record<string, number>>();
  const sideCodes = (side.getRow(4).values as unknown[]).slice(3) as string[];
  side.eachRow((row, i) => {
    if (i < 5) return;
    const rec: Record<string, number> = {};
    sideCodes.forEach((c, k) => {
      const v = row.getCell(3 + k).value;
      if (typeof v === 'number') rec[c] = v;
    });
    prev.set(String(row.getCell(1).value), rec);
  });
  ws.eachRow((row, i) => {
    if (i < 3) return;
    const p = prev.get(String(row.getCell(1).value)) ?? {};
    codes.forEach((c, k) => {
      const v = p[c];
      if (v === undefined) return;
      const unitPercent = c.endsWith('_pct');
      row.getCell(3 + k).value = unitPercent || c === 'villages' || c === 'cdt_village_teams' || c.startsWith('kh02') || c.startsWith('nq71') ? v : v * 2;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function measure(label: string, database: Database) {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', ADMIN_PASSWORD: PASSWORD }),
    database,
    logger: false,
    webDist: null,
  });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
  const cookie = `nq57_session=${login.cookies.find((c) => c.name === 'nq57_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };

  // the report: the annual round (budget, three real reports) and the latest quarter
  const report: number[] = [];
  for (let i = 0; i < 6; i++) {
    const period = i % 2 ? 'q3-2026' : 'year-2025';
    const t = performance.now();
    const r = await app.inject({ url: `/api/periods/${period}/report.docx` });
    if (r.statusCode !== 200) throw new Error(`report: ${r.statusCode}`);
    report.push(performance.now() - t);
  }

  // imports: each run into a fresh open round after Quý III/2026, so every figure is created
  const dry: number[] = [];
  const commit: number[] = [];
  let figures = 0;
  for (let i = 0; i < 3; i++) {
    const code = `bench-${Date.now()}-${i}`;
    await database.query(
      `insert into periods (code, name, kind, start_date, end_date, deadline, status) values ($1, $2, 'quarter', '2026-10-01', '2026-12-31', '2027-01-10', 'open')`,
      [code, `Đo hiệu năng ${i + 1}`],
    );
    const file = await filledTemplate(app, cookie, code);
    let t = performance.now();
    const d = await app.inject({ method: 'POST', url: `/api/periods/${code}/imports?dryRun=true`, ...withHeaders(multipart('bench.xlsx', file), headers) });
    dry.push(performance.now() - t);
    if (d.statusCode !== 200) throw new Error(`dry run: ${d.statusCode} ${d.body.slice(0, 500)}`);
    t = performance.now();
    const c = await app.inject({ method: 'POST', url: `/api/periods/${code}/imports`, ...withHeaders(multipart('bench.xlsx', file), headers) });
    commit.push(performance.now() - t);
    if (c.statusCode !== 200) throw new Error(`commit: ${c.statusCode} ${c.body.slice(0, 500)}`);
    figures = (c.json() as { summary: { create: number } }).summary.create;
  }
  await app.close();
  const s = (xs: number[]) => ({ median: Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]), max: Math.round(Math.max(...xs)), n: xs.length });
  const out = { reportDocx: s(report), importDryRun96: s(dry), importCommit96: s(commit), figuresPerImport: figures };
  console.log(
    `${label.padEnd(22)} report.docx median ${out.reportDocx.median} ms (max ${out.reportDocx.max}) | 96-row import (${figures} figures): dry run median ${out.importDryRun96.median} ms, commit median ${out.importCommit96.median} ms (max ${out.importCommit96.max})`,
  );
  return out;
}

function withHeaders(m: ReturnType<typeof multipart>, h: Record<string, string>) {
  return { payload: m.payload, headers: { ...m.headers, ...h } };
}

export async function files(results: Record<string, unknown>, pgUrl: string) {
  const lite = await openDatabase({ dataDir: null });
  await lite.migrate();
  await seedDatabase(lite, { demo: true });
  const out: Record<string, unknown> = { pglite: await measure('files · PGlite', lite) };
  await lite.close();

  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe('drop database if exists nq57_bench_files with (force)');
    await admin.unsafe('create database nq57_bench_files');
    const u = new URL(pgUrl);
    u.pathname = '/nq57_bench_files';
    const pg = await openDatabase({ databaseUrl: u.toString() });
    await pg.migrate();
    await seedDatabase(pg, { demo: true });
    out.postgres = await measure('files · PostgreSQL', pg);
    await pg.close();
    await admin.unsafe('drop database if exists nq57_bench_files with (force)');
  } catch (e) {
    console.log(`files · PostgreSQL: skipped (${(e as Error).message})`);
  } finally {
    await admin.end();
  }
  results.files = out;
}
