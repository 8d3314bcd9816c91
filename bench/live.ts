// `npm run bench live` (issue 13): two instances, as `npm start` runs them, on one PostgreSQL
// database; a headless Chromium shows the ranking of the open round from instance B; the Sở
// approves reports through instance A, one at a time; each time, how long from sending the
// approval until B's page shows the new ranking (its text changed). p50/p95 over the approvals, in
// bench/out/latest.json. Also the same with the browser on A (one instance), for comparison.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { Page } from 'playwright-core';

const ROUND = 'm10-2026';
const PASSWORD = 'mat-khau-do-truc-tiep-2026';
const DB = 'nq57_bench_live';

const pct = (xs: number[], f: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(f * s.length))] * 10) / 10 : null;
};

async function signIn(base: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** Resolves with the page's clock (ms since the epoch) when the main content's text changes. */
function armChange(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const main = document.querySelector('main')!;
        const before = main.innerText;
        const obs = new MutationObserver(() => {
          if (main.innerText !== before) {
            obs.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        obs.observe(main, { childList: true, subtree: true, characterData: true });
        // handed back at once: the caller awaits the change later
        (window as unknown as { armed: boolean }).armed = true;
      }),
  );
}

export async function live(results: Record<string, unknown>, pgUrl: string) {
  if (!existsSync('/usr/bin/chromium')) {
    console.log('live: /usr/bin/chromium is absent (apt-get install -y chromium): skipped');
    results.live = null;
    return;
  }
  const { startApp } = await import('../web/e2e/server');
  const { launch } = await import('../web/e2e/browser');
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.unsafe(`create database ${DB}`);
  const u = new URL(pgUrl);
  u.pathname = `/${DB}`;
  const env = { DATABASE_URL: u.toString(), SEED_DEMO: 'true', ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
  // A first (it migrates and seeds), then B
  const a = await startApp(300_000, env);
  const b = await startApp(300_000, env);
  const browser = await launch();
  try {
    const headers = await signIn(a.url);
    const completeness = (await (await fetch(`${a.url}/api/periods/${ROUND}/completeness`, { headers })).json()) as { rows: { communeCode: string; status: string }[] };
    const waiting = completeness.rows.filter((r) => r.status === 'submitted').map((r) => r.communeCode);
    const measure = async (label: string, base: string, communes: string[]) => {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' })).newPage();
      await page.goto(`${base}/xep-hang?ky=${ROUND}`);
      await page.waitForSelector('main table tbody tr');
      // the stream is open before the first approval
      await page.waitForFunction(() => document.documentElement.dataset.live === 'live');
      const ms: number[] = [];
      // how long the approval itself took to answer: the part no stream can shorten
      const answered: number[] = [];
      for (const commune of communes) {
        const changed = armChange(page);
        await page.waitForFunction(() => (window as unknown as { armed?: boolean }).armed === true);
        await page.evaluate(() => ((window as unknown as { armed?: boolean }).armed = false));
        const sent = Date.now();
        const res = await fetch(`${a.url}/api/periods/${ROUND}/submissions/${commune}/approve`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
        if (res.status !== 200) throw new Error(`approve ${commune}: ${res.status} ${await res.text()}`);
        answered.push(Date.now() - sent);
        const shown = await Promise.race([changed, new Promise<number>((_, rej) => setTimeout(() => rej(new Error(`${label}: ${commune} not shown within 10 s`)), 10_000))]);
        ms.push(shown - sent);
        // let the page settle before the next approval
        await page.waitForTimeout(300);
      }
      await page.context().close();
      const r = { n: ms.length, p50: pct(ms, 0.5), p95: pct(ms, 0.95), max: pct(ms, 1), approvalAnswered: { p50: pct(answered, 0.5), p95: pct(answered, 0.95) } };
      console.log(
        `${label.padEnd(40)} approval → page shows it: p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms (${r.n} approvals; the approval's own answer p50 ${r.approvalAnswered.p50} ms)`,
      );
      return r;
    };
    const t0 = performance.now();
    const other = await measure('live · browser on B, approvals on A', b.url, waiting.slice(0, 12));
    const same = await measure('live · browser on A, approvals on A', a.url, waiting.slice(12, 18));
    results.live = { twoInstancesOnPostgres: other, oneInstance: same, seconds: Math.round((performance.now() - t0) / 1000) };
  } finally {
    await browser.close();
    await b.stop();
    await a.stop();
    await admin.unsafe(`drop database if exists ${DB} with (force)`);
    await admin.end();
  }
}
