// `npm run bench`: the figures issue 2 asks for, as a table and as JSON (bench/out/latest.json).
//  1. cold p50/p95 of the ranking, composite and standing queries (no response cache) at
//     province scale (96 communes, the demo catalogue, 12 rounds) on PGlite and PostgreSQL;
//  2. the same at national scale (3 321 communes × 40 data elements × 60 rounds ≈ 8 M values)
//     on PostgreSQL (built once into the database nq57_bench_national and reused);
//  3. warm requests per second of GET /api/rankings of the app as `npm start` runs it, against a
//     bare Fastify route returning the same bytes from memory, each in its own process, measured
//     with wrk (autocannon saturates first on 2 cores); and how the web app's files are sent.
// `npm run bench reports` alone: precision and recall of the report reader on the real reports.
// `npm run bench load`: the deadline hour, 96 officers saving while 200 people read (bench/load.ts).
// `npm run bench live`: an approval on one instance → a browser on another shows it (bench/live.ts).
// Not part of `npm test`: timings belong here, never in unit tests.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { buildApp } from '../api/src/app';
import { loadConfig } from '../api/src/config';
import { openDatabase, type Database } from '../api/src/db/client';
import { seedDatabase } from '../api/src/seed';
import { readCatalogue, upsertCatalogue } from '../api/src/seed/catalogue';
import type { DemoPeriod } from '../api/src/seed/demo';

const require = createRequire(import.meta.url);
const PG = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ITER = Number(process.env.BENCH_ITER ?? 200);
const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };

function url(name: string) {
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { p50: round(q(0.5)), p95: round(q(0.95)), n: s.length };
}
const round = (x: number) => Math.round(x * 100) / 100;

async function time(n: number, f: (i: number) => Promise<unknown>, before?: (i: number) => Promise<unknown>, settle?: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, n); i++) {
    await before?.(i);
    await f(i); // warm the JIT and the prepared statements
  }
  // what the warm-up's own changes dropped, read again (measureQueries' warm)
  await settle?.();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.(i); // not timed: what happened before the reader came
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return stats(out);
}

/** twelve consecutive quarters, 2024–2026 */
function quarters(n: number, startYear: number): DemoPeriod[] {
  const roman = ['I', 'II', 'III', 'IV'];
  return Array.from({ length: n }, (_, i) => {
    const y = startYear + Math.floor(i / 4);
    const q = i % 4;
    const m1 = q * 3 + 1;
    const end = new Date(Date.UTC(y, m1 + 2, 0)).toISOString().slice(0, 10);
    const start = `${y}-${String(m1).padStart(2, '0')}-01`;
    return { code: `q${q + 1}-${y}`, name: `Quý ${roman[q]}/${y}`, kind: 'quarter', startDate: start, endDate: end, deadline: end, status: 'closed', dataAsOf: end };
  });
}

/**
 * The three reads in two situations, each a ratio within one run:
 * - "after an approval": the first read of a round right after a write to that round (the
 *   response cache is off: every read computes). The other rounds' figures were read before and
 *   are still kept (services/round-figures.ts): what a server that has been up for a while does.
 * - "nothing kept": nothing in memory, as right after a restart or a change to everything (a
 *   lost LISTEN connection): every figure is read from the database, and the ranks of rounds
 *   whose figures have not changed since they were ranked are read from where they were kept
 *   there (round_ranks, decision 026). A round opened or closed moves only its own figures.
 */
async function measureQueries(label: string, database: Database, communeCodes: string[], standingRuns = Math.max(10, ITER / 10)) {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, logger: false, webDist: null, responseCache: false });
  const svc = app.rankings;
  const snap = await svc.snapshot(); // catalogue metadata is cached by design; the figures are not
  const inds = snap.indicators.map((i) => i.code);
  const periods = snap.periods.filter((p) => p.communesReported > 0).map((p) => p.code);
  const reads = {
    ranking: [ITER, (i: number) => svc.rankings({ indicator: inds[i % inds.length], period: periods[i % periods.length] }), (i: number) => periods[i % periods.length]],
    composite: [Math.max(20, ITER / 4), (i: number) => svc.composite({ period: periods[i % periods.length] }), (i: number) => periods[i % periods.length]],
    standing: [standingRuns, (i: number) => svc.standing(communeCodes[(i * 37) % communeCodes.length], periods[i % periods.length]), (i: number) => periods[i % periods.length]],
  } as const;
  const out: Record<string, ReturnType<typeof stats>> = {};
  // every round's figures read once (each round's overview reads every indicator's figures), and
  // its trend ranked once (a standing in every round): what a server up for a while holds. Oldest
  // first, as time goes: what is kept is bounded (round-figures.ts, 4 M figures) and the rounds
  // read longest ago go first, so a server up for a while holds the recent rounds. Newest first
  // (as before 03/12/2026) left the newest rounds, the ones the reads below ask for, as the ones
  // read longest ago: at national scale (60 rounds) they were dropped before the timers started.
  // Again before each kind of read is timed: each "approval" below drops its round, and after the
  // 200 rankings every round had had one, which is not what the next kind of read would meet.
  // The rounds' ranks the warm-up made are written to the database after their answers
  // (decision 026): a server up for a while has written them, so the timers start after that.
  const warm = async () => {
    for (const p of [...periods].reverse()) {
      await svc.overview(p);
      await svc.standing(communeCodes[0], p);
    }
    await svc.settled();
  };
  for (const [name, [n, read, roundOf]] of Object.entries(reads)) {
    // the catalogue's snapshot is read again after any change, before the timer: it would add the
    // same time to every read and flatter the ratios. Warmed after the JIT's warm-up too: its ten
    // "approvals" dropped ten rounds that the first timed standings have in their trend.
    out[`${name} after an approval`] = await time(
      n,
      read,
      async (i) => {
        await app.dataVersion.changed({ period: roundOf(i) });
        await svc.snapshot();
      },
      warm,
    );
  }
  for (const [name, [n, read]] of Object.entries(reads)) {
    // fewer samples: after a change to everything the catalogue's snapshot counts every round
    // again (seconds at national scale), before each timer
    out[`${name} nothing kept`] = await time(Math.min(n, name === 'ranking' ? 40 : name === 'composite' ? 20 : 10), read, async () => {
      await app.dataVersion.changed();
      await svc.snapshot();
    });
  }
  await app.close();
  const ratio = (a: string, b: string) => round(out[a].p95 / out[b].p95);
  const r = {
    ...out,
    ratios: {
      'after an approval': { composite: ratio('composite after an approval', 'ranking after an approval'), standing: ratio('standing after an approval', 'ranking after an approval') },
      'nothing kept': { composite: ratio('composite nothing kept', 'ranking nothing kept'), standing: ratio('standing nothing kept', 'ranking nothing kept') },
    },
  };
  results[label] = r;
  for (const k of ['after an approval', 'nothing kept'] as const) {
    const x = (n: string) => out[`${n} ${k}`];
    console.log(
      `${label} · ${k}: ranking p50 ${x('ranking').p50} p95 ${x('ranking').p95} ms | composite p50 ${x('composite').p50} p95 ${x('composite').p95} (${r.ratios[k].composite}×) | standing p50 ${x('standing').p50} p95 ${x('standing').p95} (${r.ratios[k].standing}×)`,
    );
  }
  return r;
}

async function province() {
  const periods = quarters(12, 2024);
  // PGlite
  const lite = await openDatabase({ dataDir: null });
  await lite.migrate();
  await seedDatabase(lite, { demo: true, periods });
  const codes = (await lite.query<{ code: string }>('select code from communes order by code')).map((r) => r.code);
  await measureQueries('province · PGlite', lite, codes);
  await lite.close();
  // PostgreSQL
  const admin = postgres(PG, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists nq57_bench_province with (force)');
  await admin.unsafe('create database nq57_bench_province');
  const pg = await openDatabase({ databaseUrl: url('nq57_bench_province') });
  await pg.migrate();
  await seedDatabase(pg, { demo: true, periods });
  await pg.query('analyze');
  await measureQueries('province · PostgreSQL', pg, codes);
  await pg.close();
  await admin.end();
}

const NATIONAL = { communes: 3321, elements: 40, periods: 60 };

async function national() {
  const name = 'nq57_bench_national';
  const admin = postgres(PG, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  let ready = false;
  if (exists) {
    const c = postgres(url(name), { max: 1, onnotice: () => {} });
    try {
      const [m] = await c`select value from app_meta where key = 'bench'`;
      // jsonb does not keep key order: compare the fields, not the text
      const v = (typeof m?.value === 'string' ? JSON.parse(m.value) : m?.value) as Record<string, number> | undefined;
      ready = !!v && Object.entries(NATIONAL).every(([k, n]) => v[k] === n);
    } catch {
      ready = false;
    }
    await c.end();
  }
  if (!ready) {
    console.log('national scale: building 3 321 × 40 × 60 ≈ 8 M values (once; reused by later runs)…');
    const t0 = performance.now();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const db = await openDatabase({ databaseUrl: url(name) });
    await db.migrate();
    const cat = readCatalogue();
    // pad the catalogue to 40 data elements with plausible extra figures
    const extra = Array.from({ length: NATIONAL.elements - cat.elements.length }, (_, i) => ({
      code: `extra_${i + 1}`, group: 'chinh_quyen_so', unit: 'count', name: `Số liệu bổ sung ${i + 1}`, description: '',
    }));
    const communes = Array.from({ length: NATIONAL.communes }, (_, i) => ({
      code: String(10000 + i), name: `Xã Thử ${i + 1}`, type: i % 10 === 0 ? 'phường' : 'xã', areaKm2: '50', population: 5000 + ((i * 7919) % 60000),
      populationBasis: 'de-an-sap-xep', formerDistrict: `Huyện ${1 + (i % 700)}`, formerDistricts: [{ name: `Huyện ${1 + (i % 700)}`, part: null }], formerProvince: `Tỉnh ${1 + (i % 34)}`, mergedFrom: null, sortOrder: i + 1,
    }));
    await db.db.transaction((tx) => upsertCatalogue(tx, { ...cat, elements: [...cat.elements, ...extra] }, communes));
    const ps = Array.from({ length: NATIONAL.periods }, (_, i) => {
      const y = 2021 + Math.floor(i / 12);
      const m = (i % 12) + 1;
      const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      return `('m${m}-${y}', 'Tháng ${m}/${y}', 'month', '${y}-${String(m).padStart(2, '0')}-01', '${end}', '${end}', 'closed', '${end}')`;
    });
    await db.query(`insert into periods (code, name, kind, start_date, end_date, deadline, status, data_as_of) values ${ps.join(',')}`);
    // loaded in (round, element, commune) order, the order rankings read in; denominators
    // (even element ids) larger than numerators so rates look like rates
    await db.query(`
      insert into data_values (period_id, element_id, commune_id, value, source, updated_by)
      select p.id, e.id, c.id,
             case when e.id % 2 = 0 then 500 + (c.id * 7919 + p.id * 31) % 4000
                  else 1 + (c.id * 104729 + e.id * 13 + p.id * 1299709) % 500 end,
             'bench', 'bench'
      from periods p cross join data_elements e cross join communes c
      order by p.id, e.id, c.id`);
    await db.query('vacuum analyze data_values');
    await db.query(`insert into app_meta (key, value) values ('bench', $1::jsonb)`, [JSON.stringify(NATIONAL)]);
    await db.close();
    console.log(`  built in ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  await admin.end();
  const db = await openDatabase({ databaseUrl: url(name) });
  // a reused database gets the migrations added since it was built (tables the figures do not use)
  await db.migrate();
  const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from data_values');
  results.nationalValues = n;
  const codes = (await db.query<{ code: string }>('select code from communes order by code')).map((r) => r.code);
  await measureQueries(`national · PostgreSQL (${(n / 1e6).toFixed(1)} M values)`, db, codes, 20);
  await db.close();
}

/**
 * Warm GET /api/rankings of the app as `npm start` runs it (scripts/start.mjs, its own process,
 * its default logging to a file, the web app served) against a bare Fastify route returning the
 * same bytes from memory in another process; wrk in a third. Also what the web app's files are
 * sent as (pre-compressed at build time, web/scripts/precompress.mjs).
 */
async function throughput() {
  if (spawnSync('which', ['wrk']).status !== 0) {
    console.log('throughput: wrk is not installed (apt-get install -y wrk); skipped');
    results.throughput = null;
    return;
  }
  const { freePort } = await import('../web/e2e/server');
  const dir = mkdtempSync(path.join(tmpdir(), 'nq57-bench-'));
  const logFile = path.join(dir, 'app.log');
  const out = openSync(logFile, 'w');
  const appPort = await freePort();
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'production', ADMIN_PASSWORD: 'mat-khau-do-thong-luong' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  const path_ = '/api/rankings?indicator=online_filing_rate';
  const appUrl = `http://127.0.0.1:${appPort}`;
  let bare: ReturnType<typeof spawn> | null = null;
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error(`npm start did not answer: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
      if ((await fetch(`${appUrl}/api/health`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // the bytes the app sends to wrk (which asks for no compression)
    const body = Buffer.from(await (await fetch(appUrl + path_, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const bodyFile = path.join(dir, 'body.json');
    writeFileSync(bodyFile, body);
    const barePort = await freePort();
    const bareCode = `const f=require(${JSON.stringify(require.resolve('fastify'))})({logger:false});const b=require('node:fs').readFileSync(${JSON.stringify(bodyFile)});f.get('/api/rankings',(q,r)=>r.type('application/json; charset=utf-8').send(b));f.listen({port:${barePort},host:'127.0.0.1'});`;
    bare = spawn(process.execPath, ['-e', bareCode], { stdio: 'ignore', detached: true });
    for (let i = 0; !(await fetch(`http://127.0.0.1:${barePort}/api/rankings`).catch(() => null))?.ok; i++) {
      if (i > 100) throw new Error('the bare server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const wrk = async (port: number, seconds = 8) => {
      const { stdout } = await promisify(execFile)('wrk', ['-t1', '-c32', `-d${seconds}s`, `http://127.0.0.1:${port}${path_}`]);
      return Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)![1]);
    };
    await wrk(barePort, 2); // warm
    await wrk(appPort, 2);
    // Measured in pairs, bare then app, 3 s each, and the median of the pairs' ratios: one 8 s run
    // of each in turn gave 0,49 to 0,91 on the same code when anything else ran on the machine,
    // because whatever ran during one half and not the other set the ratio.
    const pairs: { bare: number; app: number }[] = [];
    for (let i = 0; i < 5; i++) pairs.push({ bare: await wrk(barePort, 3), app: await wrk(appPort, 3) });
    const ratios = pairs.map((p) => p.app / p.bare).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)];
    const bareRps = pairs.reduce((s, p) => s + p.bare, 0) / pairs.length;
    const appRps = pairs.reduce((s, p) => s + p.app, 0) / pairs.length;
    results.throughput = {
      bytes: body.length, bareRps: Math.round(bareRps), appRps: Math.round(appRps), ratio: round(ratio),
      pairRatios: ratios.map(round), as: 'npm start (production, LOG_LEVEL info to a file) vs bare Fastify, separate processes, median of 5 paired 3 s runs',
    };
    console.log(`warm GET /api/rankings (${(body.length / 1024).toFixed(0)} KB), app as npm start runs it: ${Math.round(appRps)} req/s vs bare Fastify ${Math.round(bareRps)} req/s (means of 5 pairs) → ratio ${round(ratio)} (median; pairs ${ratios.map(round).join(' · ')})`);

    // the web app's files: compressed once at build time, sent as they are
    const html = await (await fetch(`${appUrl}/xep-hang`)).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const statics: Record<string, { encoding: string | null; bytes: number; identityBytes: number }> = {};
    for (const file of ['/', script]) {
      const br = await fetch(appUrl + file, { headers: { 'accept-encoding': 'br, gzip' } });
      const bytes = Number(br.headers.get('content-length') ?? (await br.arrayBuffer()).byteLength);
      const plain = await fetch(appUrl + file, { headers: { 'accept-encoding': 'identity' } });
      statics[file === '/' ? 'index.html' : 'main script'] = { encoding: br.headers.get('content-encoding'), bytes, identityBytes: (await plain.arrayBuffer()).byteLength };
    }
    results.staticFiles = statics;
    for (const [f, x] of Object.entries(statics)) console.log(`static ${f}: ${x.encoding ?? 'not compressed'}, ${(x.bytes / 1024).toFixed(1)} KB (${(x.identityBytes / 1024).toFixed(1)} KB uncompressed)`);

    // the browser's re-ranking after a weight change: the same transform the weights panel runs
    const { rerankComposite, compositeIndicators } = await import('../web/src/panels/weights/transform');
    const comp = await (await fetch(`${appUrl}/api/rankings/composite?inputs=true`)).json();
    const cat = await (await fetch(`${appUrl}/api/indicators`)).json();
    const inds = compositeIndicators(comp, cat.indicators);
    const w = { ...comp.weights };
    const rerank = await time(200, async (i) => rerankComposite(comp, inds, { ...w, online_filing_rate: i % 100 }));
    results.webRerank96 = rerank;
    console.log(`re-ranking 96 communes after a weight change (browser code, in Node): p50 ${rerank.p50} ms, p95 ${rerank.p95} ms`);
  } finally {
    for (const child of [bare, app]) {
      try {
        if (child?.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** JS a first visit downloads per route (gzip), and navigation → the 96-bar ranking chart in Chromium. */
async function web() {
  const { existsSync } = await import('node:fs');
  const { routeSizes } = await import('../web/e2e/sizes');
  const { startApp } = await import('../web/e2e/server');
  const app = await startApp(); // builds web/dist if needed, as npm start does
  try {
    const sizes = routeSizes('web/dist');
    results.webRoutes = sizes.map((r) => ({ route: r.route, gzipKB: round(r.gzipBytes / 1024), files: r.files.length }));
    for (const r of sizes) console.log(`web ${r.route.padEnd(12)} first-visit JS ${(r.gzipBytes / 1024).toFixed(1)} KB gzip (${r.files.length} files)`);
    if (!existsSync('/usr/bin/chromium')) {
      console.log('web: /usr/bin/chromium is absent (apt-get install -y chromium): navigation time skipped');
      return;
    }
    const { launch } = await import('../web/e2e/browser');
    const browser = await launch();
    const runs: number[] = [];
    for (let i = 0; i < 8; i++) {
      // a fresh context each time: nothing cached in the browser
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await ctx.newPage();
      const t = performance.now();
      await page.goto(`${app.url}/xep-hang?chi-tieu=online_filing_rate`);
      await page.waitForFunction(() => document.querySelectorAll('.bars-canvas svg rect').length >= 90);
      runs.push(performance.now() - t);
      await ctx.close();
    }
    await browser.close();
    results.webNavigationToChart = stats(runs.slice(1));
    console.log(`web /xep-hang navigation → ranking chart drawn: p50 ${stats(runs.slice(1)).p50} ms, p95 ${stats(runs.slice(1)).p95} ms`);
  } finally {
    await app.stop();
  }
}

const only = process.argv.slice(2);
const want = (k: string) => only.length === 0 || only.includes(k);
if (want('province')) await province();
if (want('national')) await national();
if (want('throughput')) await throughput();
if (want('web')) await web();
if (want('files')) await (await import('./files')).files(results, PG);
if (want('reports')) await (await import('./reports')).reports(results);
// two minutes of load: only when asked for by name
if (only.includes('load')) await (await import('./load')).load(results, PG);
// two instances and a browser (issue 13): only when asked for by name
if (only.includes('live')) await (await import('./live')).live(results, PG);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/latest.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results));
process.exit(0);
