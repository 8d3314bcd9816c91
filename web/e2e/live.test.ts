// Live screens across instances (issue 13, decision 020): two apps started as `npm start` starts
// them, on one PostgreSQL database, as behind a load balancer. A browser on B shows each approval
// made through A, without a reload and without polling, within a second (p95 over several
// approvals); the latencies are printed. A big screen on B, opened with a briefing link, turns to
// its playlist's new slides as soon as an admin saves them on A, and hears nothing of a round it
// does not show. PGlite belongs to one process, so this needs the PostgreSQL server of
// TEST_DATABASE_URL and is skipped, saying why, without it.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, guardedPage, launch, signInAt } from './browser';
import { apiLogin, E2E_PASSWORD, freshPostgres, startApp, type RunningApp } from './server';

const PG = process.env.TEST_DATABASE_URL;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[e2e] ${CHROMIUM} không có: bỏ qua hành trình nhiều máy chủ.`);
if (!PG) console.warn('[e2e] TEST_DATABASE_URL chưa đặt: bỏ qua hành trình hai máy chủ (PGlite chỉ dùng được trong một tiến trình, hai máy chủ cần chung một PostgreSQL).');

/** the open demo round: communes' reports wait for the Sở's approval there */
const OPEN_ROUND = 'm10-2026';
/** the product's bound (issue 13): an approval on the big screen and the pages within a second */
const BOUND_MS = 1000;

/** Nearest-rank percentile: with 20 samples p95 is the 19th, not the slowest. */
const percentile = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(f * xs.length) - 1)];

type Watched = Window & { marker?: string; approvedAt?: Record<string, number>; countAt?: Record<string, number> };

/**
 * From now on, the page notes the moment (its clock, ms since the epoch) each row of the progress
 * table first says "approved". A MutationObserver, so the time is when the DOM changed, not when
 * the test next looked.
 */
function recordApprovals(page: Page) {
  return page.evaluate(() => {
    const w = window as Watched;
    w.approvedAt = {};
    const note = () => {
      const now = performance.timeOrigin + performance.now();
      for (const tr of document.querySelectorAll<HTMLElement>('tr[data-row][data-status="approved"]')) w.approvedAt![tr.dataset.row!] ??= now;
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

/** From now on, the page notes the moment each slide count ("Trang 1/4") first shows on the big screen. */
function recordSlideCounts(page: Page) {
  return page.evaluate(() => {
    const w = window as Watched;
    w.countAt = {};
    const el = document.querySelector('.bf-count')!;
    const note = () => {
      w.countAt![el.textContent ?? ''] ??= performance.timeOrigin + performance.now();
    };
    note();
    new MutationObserver(note).observe(el, { subtree: true, childList: true, characterData: true });
  });
}

describe.skipIf(!hasChromium || !PG)('hai máy chủ dùng chung một PostgreSQL: trình duyệt trên máy chủ B thấy việc duyệt trên máy chủ A', () => {
  let a: RunningApp;
  let b: RunningApp;
  let browser: Browser;
  let db: Awaited<ReturnType<typeof freshPostgres>>;

  beforeAll(async () => {
    db = await freshPostgres(PG!);
    const env = { DATABASE_URL: db.url, SEED_DEMO: 'true', LOG_LEVEL: 'warn' };
    // A first: it migrates and seeds; B then starts on the seeded database
    a = await startApp(240_000, env);
    b = await startApp(240_000, env);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  it('mỗi lần duyệt trên A hiện ở trang tiến độ trên B trong dưới 1 giây (p95), không tải lại trang, không làm mới định kỳ', async () => {
    const admin = await apiLogin(a.url);
    const list = await admin.send<{ rows: { communeCode: string; status: string }[] }>('GET', `/api/periods/${OPEN_ROUND}/completeness`);
    const waiting = list.body.rows.filter((r) => r.status === 'submitted').map((r) => r.communeCode);
    expect(waiting.length, 'the demo has reports waiting for approval').toBeGreaterThanOrEqual(10);
    // the first is left for the big screen's journey; the demo has 20 waiting
    const communes = waiting.slice(1, 21);

    // a leader follows the progress on B
    const g = await signInAt(browser, b.url, 'lanhdao', E2E_PASSWORD);
    const { page } = g;
    await page.goto(`${b.url}/tien-do?ky=${OPEN_ROUND}`);
    await page.waitForSelector(`tr[data-row="${communes[0]}"][data-status="submitted"]`, { timeout: 30_000 });
    await page.waitForFunction(() => document.documentElement.dataset.live === 'live', undefined, { timeout: 30_000 });
    const approvedBefore = Number(await page.locator('[data-count="approved"] .wf-count-n').innerText());
    // a reload would lose this; a poll would show as reads of the list no change asked for
    await page.evaluate(() => ((window as Watched).marker = 'còn nguyên'));
    let reads = 0;
    page.on('request', (r) => {
      if (r.url().includes(`/api/periods/${OPEN_ROUND}/completeness`)) reads++;
    });
    await recordApprovals(page);

    const latencies: number[] = [];
    for (const commune of communes) {
      const sent = Date.now();
      const res = await admin.send('POST', `/api/periods/${OPEN_ROUND}/submissions/${commune}/approve`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // the row on B says "đã duyệt": what the leader waits for
      const shownAt = (await (await page.waitForFunction((c) => (window as Watched).approvedAt?.[c], commune, { timeout: 15_000 })).jsonValue()) as number;
      latencies.push(Math.round(shownAt - sent));
    }

    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    console.log(`[e2e] duyệt trên A → trang tiến độ trên B: p50 ${p50} ms, p95 ${p95} ms, chậm nhất ${Math.max(...latencies)} ms (${latencies.length} lần: ${latencies.join(', ')})`);
    expect(p95, latencies.join(', ')).toBeLessThan(BOUND_MS);

    // every approval counted, on the same page: no reload, the stream still live (never polling)
    await expect.poll(() => page.locator('[data-count="approved"] .wf-count-n').innerText()).toBe(String(approvedBefore + communes.length));
    expect(await page.evaluate(() => (window as Watched).marker)).toBe('còn nguyên');
    expect(await page.evaluate(() => document.documentElement.dataset.live)).toBe('live');
    // at most one read of the list per approval announced
    expect(reads).toBeLessThanOrEqual(communes.length);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  it('màn hình lớn trên B (mở bằng đường dẫn) đổi theo danh sách trình chiếu vừa sửa trên A, không tải lại trang, và không nghe việc duyệt ở kỳ nó không chiếu', async () => {
    const admin = await apiLogin(a.url);
    // the latest round (not the open one); the budget slide reads the list of rounds again on every change it hears
    const body = { name: 'Họp BCĐ hai máy chủ', defaultSeconds: 20, period: null, slides: [{ type: 'overview' }, { type: 'budget' }] };
    const playlist = await admin.send<{ id: number }>('POST', '/api/playlists', body);
    expect(playlist.status).toBe(201);
    const link = await admin.send<{ path: string }>('POST', '/api/briefing-tokens', { playlistId: playlist.body.id, label: 'Máy chiếu phòng họp' });
    expect(link.status).toBe(201);

    // the meeting-room computer, on B, with only the link; refreshing by itself only every 10 minutes
    const g = await guardedPage(browser, { viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
    const { page } = g;
    await page.goto(`${b.url}${link.body.path}&giay=600&lam-moi=600`);
    await expect.poll(() => page.locator('.bf-count').innerText(), { timeout: 30_000 }).toBe('Trang 1/2');
    await expect.poll(() => page.locator('.briefing').getAttribute('data-stream'), { timeout: 30_000 }).toBe('live');
    await page.evaluate(() => ((window as Watched).marker = 'còn nguyên'));
    let roundReads = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/periods') roundReads++;
    });
    await recordSlideCounts(page);

    // an approval in the open round, which this screen does not show: its link is not told
    const waiting = await admin.send<{ rows: { communeCode: string; status: string }[] }>('GET', `/api/periods/${OPEN_ROUND}/completeness`);
    const commune = waiting.body.rows.find((r) => r.status === 'submitted')!.communeCode;
    expect((await admin.send('POST', `/api/periods/${OPEN_ROUND}/submissions/${commune}/approve`, {})).status).toBe(200);

    // the admin adds two slides and moves the budget last
    const sent = Date.now();
    const edited = await admin.send('PUT', `/api/playlists/${playlist.body.id}`, { ...body, slides: [{ type: 'overview' }, { type: 'top' }, { type: 'not_reported' }, { type: 'budget' }] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // from "Đã lưu" on the admin's page: the save itself waits on A re-reading the catalogue after
    // the approval just before, which no stream can shorten
    const saved = Date.now();
    const shownAt = (await (await page.waitForFunction(() => (window as Watched).countAt?.['Trang 1/4'], undefined, { timeout: 15_000 })).jsonValue()) as number;
    console.log(`[e2e] sửa danh sách trên A: lưu xong sau ${saved - sent} ms; màn hình lớn trên B đổi sau ${Math.round(shownAt - sent)} ms (tính từ lúc gửi)`);
    expect(shownAt - saved).toBeLessThan(BOUND_MS);
    await page.keyboard.press('3');
    await expect.poll(() => page.locator('.briefing').getAttribute('data-slide-type')).toBe('not_reported');

    // the same page all along, on the stream; the approval before the edit made it read nothing
    // (its notice would have come first: a stream's notices keep their order)
    expect(await page.evaluate(() => (window as Watched).marker)).toBe('còn nguyên');
    expect(await page.locator('.briefing').getAttribute('data-stream')).toBe('live');
    expect(roundReads).toBe(0);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });
});
