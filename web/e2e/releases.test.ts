// Published rankings (issue 12) in headless Chromium, as the Sở runs them: the admin publishes a
// closed round from /quan-tri/ky-bao-cao; the public ranking says "Công bố lần 1"; the admin
// reopens the round, a commune's figure is corrected (reopened with a reason, fixed, approved) and
// the round closed again; the public still reads release 1 until the admin publishes again; then
// the ranking says "Công bố lần 2 · đã điều chỉnh" and its link lists the corrected commune with
// the reason; a link to release 1 (?ban=) still shows release 1. Desktop and a 360 px phone.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROMIUM, DESKTOP, launch, openAt, PHONE, signInAt, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
const ROUND = { code: 'q3-2026', name: 'Quý III/2026' };
const TINH_KHE = '21211';
const REASON = 'Xã báo nhầm số hồ sơ nộp trực tuyến';
const RANKING = `/xep-hang?ky=${ROUND.code}&chi-tieu=online_filing_rate`;
const STEP_TIMEOUT = 120_000;

describe.skipIf(!hasChromium)('công bố kết quả xếp hạng và điều chỉnh (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let admin: Guarded;
  let firstId = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = (url: string, opts: BrowserContextOptions = DESKTOP) => openAt(browser, app.url, url, opts);
  const signIn = (username: string) => signInAt(browser, app.url, username, E2E_PASSWORD);

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  const releaseLine = (page: Page) => page.locator('.release-note .release-line').first();

  /** A write through the API with the page's session (the correction's steps that are not this pages). */
  async function api(page: Page, method: 'POST' | 'PUT', url: string, data: unknown) {
    const me = (await (await page.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string };
    const res = await page.request.fetch(`${app.url}${url}`, { method, headers: { 'x-csrf-token': me.csrfToken }, data });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
    return res.json();
  }

  async function confirmRoundAction(page: Page, action: string, note?: string) {
    await page.goto(`${app.url}/quan-tri/ky-bao-cao`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: `${action} ${ROUND.name}`, exact: true }).click();
    const dialog = page.getByRole('dialog');
    if (note !== undefined) await dialog.getByRole('textbox').fill(note);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it(
    'the admin publishes a closed round; the public ranking names the release',
    async () => {
      const anon = await open(RANKING);
      await expect.poll(() => releaseLine(anon.page).innerText(), { timeout: 20_000 }).toMatch(/^Chưa công bố/);

      admin = await signIn('admin');
      await confirmRoundAction(admin.page, 'Công bố', 'Số liệu phục vụ phiên họp BCĐ');
      await admin.page.getByText(/^Đã công bố lần 1 ngày \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
      const row = admin.page.locator(`tr[data-round="${ROUND.code}"]`);
      await expect.poll(() => row.innerText()).toMatch(/Công bố lần 1 ngày \d{2}\/\d{2}\/\d{4}/);
      await expect.poll(() => row.getByRole('button', { name: `Công bố lại ${ROUND.name}` }).count()).toBe(1);
      await shot(admin.page, 'releases-1-published');

      await anon.page.reload({ waitUntil: 'domcontentloaded' });
      await expect.poll(() => releaseLine(anon.page).innerText(), { timeout: 20_000 }).toMatch(/^Công bố lần 1 ngày \d{2}\/\d{2}\/\d{4}$/);
      firstId = Number(await anon.page.locator('.release-note').getAttribute('data-release'));
      expect(firstId).toBeGreaterThan(0);
      expect(anon.problems).toEqual([]);
      expect(admin.problems).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'a correction changes nothing the public reads until it is published again',
    async () => {
      const page = admin.page;
      await confirmRoundAction(page, 'Mở lại');
      await page.getByText(`Đã mở lại kỳ ${ROUND.name}.`, { exact: false }).waitFor();

      // the commune's figure: reopened with the reason, corrected by its officer, approved
      const sub = `/api/periods/${ROUND.code}/submissions/${TINH_KHE}`;
      const published = (await (await page.request.get(`${app.url}/api/overview?period=${ROUND.code}`)).json()).communesReported as number;
      const reopened = await api(page, 'POST', `${sub}/reopen`, { reason: REASON });
      // meanwhile the public's header names the round its pages show and the count it published,
      // though the round is open again and one form went back to its commune
      const home = await open('/');
      await home.page.locator('main h1, main h2').first().waitFor();
      await expect.poll(() => home.page.locator('#period-select').inputValue(), { timeout: 20_000 }).toBe(ROUND.code);
      await expect.poll(() => home.page.locator('.site-header .reported').innerText()).toContain(`${published}/96 xã đã báo cáo`);
      expect(home.problems).toEqual([]);
      const officer = await signIn('xa.tinhkhe');
      const online = reopened.values.find((v: { element: string }) => v.element === 'dossiers_online').value as number;
      const saved = await api(officer.page, 'PUT', sub, { version: reopened.version, values: { dossiers_online: Math.round(online * 0.6) } });
      const explanations = Object.fromEntries(saved.warnings.map((w: { element: string }) => [w.element, 'Đã kiểm tra lại khi điều chỉnh']));
      await api(officer.page, 'PUT', sub, { version: saved.version, values: {}, explanations });
      await api(officer.page, 'POST', `${sub}/submit`, {});
      await api(page, 'POST', `${sub}/approve`, {});
      await confirmRoundAction(page, 'Đóng kỳ');

      // the leader sees the live figures differ; the public still reads release 1
      await page.goto(`${app.url}${RANKING}&hien-tai=1`, { waitUntil: 'domcontentloaded' });
      await page.getByText('Có số liệu điều chỉnh chưa công bố').waitFor();
      const anon = await open(RANKING, PHONE);
      await expect.poll(() => releaseLine(anon.page).innerText(), { timeout: 20_000 }).toMatch(/^Công bố lần 1 ngày/);
      expect(anon.problems).toEqual([]);
      expect(officer.problems).toEqual([]);
      expect(admin.problems).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'published again, the ranking says "đã điều chỉnh" and its changes name the corrected commune with the reason',
    async () => {
      await confirmRoundAction(admin.page, 'Công bố lại', 'Điều chỉnh số liệu Xã Tịnh Khê');
      await admin.page.getByText(/^Đã công bố lần 2 ngày/).waitFor();

      for (const opts of [DESKTOP, PHONE]) {
        const g = await open(RANKING, opts);
        await expect.poll(() => releaseLine(g.page).innerText(), { timeout: 20_000 }).toMatch(/^Công bố lần 2 ngày \d{2}\/\d{2}\/\d{4} · đã điều chỉnh/);
        if (opts === PHONE) {
          const overflow = await g.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBe(0);
          const link = await g.page.getByRole('link', { name: 'xem các thay đổi' }).boundingBox();
          expect(link!.height).toBeGreaterThanOrEqual(44);
        }
        await shot(g.page, `releases-2-ranking-${opts === PHONE ? 'phone' : 'desktop'}`);
        await g.page.getByRole('link', { name: 'xem các thay đổi' }).click();
        await g.page.waitForURL(/\/cong-bo\/\d+$/);
        const row = g.page.locator(`tr[data-commune="${TINH_KHE}"][data-indicator="online_filing_rate"]`);
        await row.waitFor();
        expect(await row.innerText()).toContain(REASON);
        expect(await row.innerText()).toMatch(/Xã Tịnh Khê/);
        await shot(g.page, `releases-3-changes-${opts === PHONE ? 'phone' : 'desktop'}`);
        const violations = await axe(g.page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(g.problems).toEqual([]);
      }

      // a link to release 1 still shows release 1
      const pinned = await open(`${RANKING}&ban=${firstId}`);
      await expect.poll(() => releaseLine(pinned.page).innerText(), { timeout: 20_000 }).toMatch(/^Công bố lần 1 ngày/);
      await pinned.page.getByText('Đang xem đúng bản công bố này').waitFor();
      // another round picked in the header leaves the release, which is of its own round
      await pinned.page.locator('#period-select').selectOption('q2-2026');
      await pinned.page.waitForURL(/ky=q2-2026/);
      expect(pinned.page.url()).not.toMatch(/ban=/);
      // a link to release 1 without ?ky=, in this tab that now remembers Quý II: the header, the
      // address and the page all say the release's round
      await pinned.page.goto(`${app.url}/xep-hang?chi-tieu=online_filing_rate&ban=${firstId}`);
      await expect.poll(() => releaseLine(pinned.page).innerText(), { timeout: 20_000 }).toMatch(/^Công bố lần 1 ngày/);
      await expect.poll(() => pinned.page.locator('#period-select').inputValue(), { timeout: 20_000 }).toBe(ROUND.code);
      await expect.poll(() => new URL(pinned.page.url()).searchParams.get('ky')).toBe(ROUND.code);
      expect(pinned.problems).toEqual([]);
      expect(admin.problems).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
