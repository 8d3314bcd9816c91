// The phone and the details a careful user notices (issue 17), in headless Chromium against the
// app as `npm start` starts it: no page scrolls sideways on a 360 px phone (signed out, commune
// officer, admin) nor at 1440 × 900, every tap target on the officer's pages is at least 44×44 px
// (the weights and the "đã nộp" switch of /xep-hang too), "Đóng kỳ" stays inside its table at
// 1440 px, and the ranking chart stays inside its card, names each bar and opens the commune's page.
// Each page fails on a console error, a failed request or an HTTP error, except the ones a step
// provokes on purpose. Screenshots go to test-artifacts/, one per page and width
// (dien-thoai-360-<who>-<page>.png, man-hinh-1440-<who>-<page>.png) for a person to look at.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, guardedPage, launch, PHONE, sideways, smallTargets, TAP, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
const TINH_KHE = '21211';
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

/** A page of the app and what says it has finished drawing (its figures, not a skeleton). */
interface Visit {
  url: string;
  ready: string;
  /** what to do once it is ready, before measuring (open what a button hides) */
  then?: (page: Page) => Promise<void>;
  /** an HTTP error the page asks for and shows as its answer (a 404 page), not a problem */
  expected?: RegExp;
}

/** On the phone the weights wait behind a button (at 1440 px they are open, with no button). */
async function openWeights(page: Page) {
  const toggle = page.getByRole('button', { name: /Điều chỉnh trọng số/ });
  if (await toggle.isVisible()) {
    await toggle.click();
    await poll(() => page.getByRole('slider').first().isVisible()).toBe(true);
  }
}

/** A page's address as a file name: "/xep-hang?chi-tieu=on_time_rate" → "xep-hang-chi-tieu-on_time_rate". */
const slug = (url: string) => url.replace(/^\//, '').replace(/[^a-z0-9_]+/gi, '-').replace(/-$/, '') || 'tong-quan';

const SIGNED_OUT: Visit[] = [
  { url: '/', ready: '[data-panel="distribution"] .recharts-surface' },
  { url: '/xep-hang', ready: 'tr[data-row]' },
  { url: '/xep-hang?chi-tieu=on_time_rate', ready: 'tr[data-row]' },
  { url: `/xa/${TINH_KHE}`, ready: '[data-panel="trend"] .recharts-surface' },
  { url: '/ngan-sach', ready: 'tr[data-row]' },
  { url: '/dang-nhap', ready: 'form button[type="submit"]' },
  // one "không tìm thấy" page: its one 404 is the answer
  { url: '/xa/99999', ready: 'h1:has-text("Không tìm thấy")', expected: /HTTP 404: .*\/api\/communes\/99999\/standing|status of 404/ },
];
const OFFICER: Visit[] = [
  { url: '/', ready: '[data-panel="distribution"] .recharts-surface' },
  // the weights open, and with them the twelve sliders; the "đã nộp" switch is for the signed in
  { url: '/xep-hang', ready: 'tr[data-row]', then: openWeights },
  { url: '/xep-hang?chi-tieu=on_time_rate', ready: 'tr[data-row]' },
  { url: '/ngan-sach', ready: 'tr[data-row]' },
  { url: '/nhap-lieu', ready: '[data-element]' },
  { url: `/xa/${TINH_KHE}`, ready: '[data-panel="trend"] .recharts-surface' },
  { url: '/tai-khoan', ready: 'input[type="password"]' },
  { url: '/nhat-ky', ready: 'tr[data-audit]' },
  { url: '/doc-bao-cao', ready: 'input[type="file"]' },
];
const ADMIN: Visit[] = [
  { url: '/', ready: '[data-panel="distribution"] .recharts-surface' },
  { url: '/xep-hang', ready: 'tr[data-row]', then: openWeights },
  { url: '/ngan-sach', ready: 'tr[data-row]' },
  { url: `/xa/${TINH_KHE}`, ready: '[data-panel="trend"] .recharts-surface' },
  { url: '/tien-do', ready: 'tr[data-row]' },
  { url: '/nhat-ky', ready: 'tr[data-audit]' },
  { url: '/quan-tri/nguoi-dung', ready: 'tr[data-user]' },
  { url: '/quan-tri/ky-bao-cao', ready: 'tr[data-round]' },
  { url: '/nhap-file', ready: 'input[type="file"]' },
  { url: '/doc-bao-cao', ready: 'input[type="file"]' },
  { url: '/quan-tri/trinh-chieu', ready: 'main h1' },
  { url: '/quan-tri/lien-he', ready: 'tr[data-contact]' },
  { url: `/nhap-lieu?xa=${TINH_KHE}`, ready: '[data-element]' },
];

describe.skipIf(!hasChromium)('điện thoại 360 px và các chi tiết (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(url: string, opts: BrowserContextOptions): Promise<Guarded> {
    const g = await guardedPage(browser, opts);
    await g.page.goto(app.url + url, { waitUntil: 'domcontentloaded' });
    return g;
  }

  async function signIn(username: string, opts: BrowserContextOptions): Promise<Guarded> {
    const g = await open('/dang-nhap', opts);
    await g.page.getByLabel('Tên đăng nhập').fill(username);
    await g.page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
    await g.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await g.page.waitForURL((u) => u.pathname !== '/dang-nhap', { timeout: 20_000 });
    return g;
  }

  /** Goes to a page and waits for its figures (not a skeleton, not a lazy route's fallback). */
  async function visit(page: Page, v: Visit) {
    await page.goto(app.url + v.url, { waitUntil: 'domcontentloaded' });
    await page.locator(v.ready).first().waitFor({ timeout: 30_000 });
    await poll(() => page.locator('[aria-busy="true"], .page-fallback').count()).toBe(0);
    if (v.then) await v.then(page);
  }

  /** Opens each page, waits for its figures, measures the sideways scroll and keeps a screenshot. */
  async function noSideways(g: Guarded, visits: Visit[], who: string, size: 'dien-thoai-360' | 'man-hinh-1440') {
    const { page } = g;
    const wide: string[] = [];
    for (const v of visits) {
      await visit(page, v);
      const px = await sideways(page);
      if (px > 0) wide.push(`${v.url}: ${px} px`);
      // the page from its top, two screens' worth at most (enough to look at, light enough to take)
      const { width, height } = page.viewportSize()!;
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      const clip = { x: 0, y: 0, width, height: Math.min(tall, height * 2) };
      await page.screenshot({ path: path.join(ARTIFACTS, `${size}-${who}-${slug(v.url)}.png`), fullPage: true, clip });
    }
    expect(wide, `trang tràn ngang (${size}, ${who})`).toEqual([]);
    const expected = visits.flatMap((v) => (v.expected ? [v.expected] : []));
    expect(g.problems.filter((p) => !expected.some((re) => re.test(p)))).toEqual([]);
  }

  /** A published release of a closed round: the demo publishes none, so the admin publishes one. */
  async function aRelease(admin: Page): Promise<number> {
    const round = 'q3-2026';
    const list = (await (await admin.request.get(`${app.url}/api/periods/${round}/releases`)).json()) as { releases: { id: number }[] };
    if (list.releases.length > 0) return list.releases[0].id;
    const me = (await (await admin.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string };
    const res = await admin.request.post(`${app.url}/api/periods/${round}/releases`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { note: 'Số liệu phục vụ phiên họp BCĐ' },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }

  for (const [size, opts] of [
    ['dien-thoai-360', PHONE],
    ['man-hinh-1440', { ...DESKTOP, viewport: { width: 1440, height: 900 } }],
  ] as const) {
    it(`không trang nào tràn ngang (${size}): khách, cán bộ xã, quản trị`, async () => {
      const admin = await signIn('admin', opts);
      const release = await aRelease(admin.page);

      const anon = await open('/', opts);
      await noSideways(anon, [...SIGNED_OUT, { url: `/cong-bo/${release}`, ready: '.release-meta' }], 'khach', size);
      await anon.page.context().close();

      const officer = await signIn('xa.tinhkhe', opts);
      await noSideways(officer, OFFICER, 'can-bo-xa', size);
      await officer.page.context().close();

      await noSideways(admin, ADMIN, 'quan-tri', size);
      await admin.page.context().close();
    }, 300_000);
  }

  it('"Đóng kỳ" và các nút của mỗi kỳ nằm trong bảng ở 1440 × 900 (quản trị)', async () => {
    const g = await signIn('admin', { ...DESKTOP, viewport: { width: 1440, height: 900 } });
    const { page } = g;
    await visit(page, { url: '/quan-tri/ky-bao-cao', ready: 'tr[data-round]' });
    expect(await page.getByRole('button', { name: /^Đóng kỳ / }).count()).toBeGreaterThan(0);
    const wrap = page.locator('.wf-table-wrap').filter({ has: page.locator('tr[data-round]') });
    const measured = await wrap.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      const cut: string[] = [];
      for (const b of el.querySelectorAll('tr[data-round] .wf-row-actions .btn')) {
        const r = b.getBoundingClientRect();
        if (r.right > right + 0.5) cut.push(`"${(b.getAttribute('aria-label') ?? (b as HTMLElement).innerText).trim()}" ${Math.round(r.right)} > ${Math.round(right)}`);
      }
      return { scroll: el.scrollWidth - el.clientWidth, cut, buttons: el.querySelectorAll('tr[data-round] .wf-row-actions .btn').length };
    });
    expect(measured.buttons).toBeGreaterThan(0);
    expect(measured.scroll, 'bảng các kỳ cuộn ngang').toBe(0);
    expect(measured.cut).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'man-hinh-1440-quan-tri-dong-ky.png') });
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  it('đầu trang trên điện thoại: một dòng, chọn kỳ ngay đó, các mục trong nút menu', async () => {
    const g = await signIn('xa.tinhkhe', PHONE);
    const { page } = g;
    await page.goto(`${app.url}/nhap-lieu`);
    await page.locator('[data-element]').first().waitFor({ timeout: 30_000 });
    // the round picker is on the first line, reachable without opening anything
    const round = page.getByLabel('Kỳ báo cáo', { exact: true });
    expect(await round.isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.isVisible()).toBe(false);
    // one line: from the top of the page to the demo note, no more than a tap target and its padding
    const demoTop = await page.locator('.demo-banner').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(demoTop).toBeLessThanOrEqual(TAP + 16);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await poll(() => nav.isVisible()).toBe(true);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dien-thoai-360-menu.png') });
    // a link in the menu goes there and closes the menu
    await nav.getByRole('link', { name: 'Xếp hạng' }).click();
    await poll(() => page.url()).toContain('/xep-hang');
    await poll(() => nav.isVisible()).toBe(false);
    // the form's bar (save state and the submit button) is one slim line on the phone
    await page.goto(`${app.url}/nhap-lieu`);
    const bar = page.locator('.wf-bar');
    await bar.waitFor({ timeout: 30_000 });
    expect(await bar.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(72);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  it('/xep-hang trên điện thoại: bảng xếp hạng trước, trọng số sau một nút', async () => {
    const g = await open('/xep-hang', PHONE);
    const { page } = g;
    const table = page.locator('[data-panel="ranking-table"]');
    await table.waitFor({ timeout: 30_000 });
    const slider = page.getByRole('slider').first();
    const toggle = page.getByRole('button', { name: /Điều chỉnh trọng số/ });
    // the twelve sliders no longer stand between the page's top and the ranking (2 155 px down before)
    expect(await slider.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const tableTop = await table.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(tableTop).toBeLessThan(1500);
    await toggle.click();
    await poll(() => slider.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(g.problems).toEqual([]);
    await page.context().close();
    // at 1440 px the weights sit beside the table, open, with no button
    const wide = await open('/xep-hang', { ...DESKTOP, viewport: { width: 1440, height: 900 } });
    await wide.page.locator('[data-panel="ranking-table"]').waitFor({ timeout: 30_000 });
    await poll(() => wide.page.getByRole('slider').first().isVisible()).toBe(true);
    expect(await wide.page.getByRole('button', { name: /Điều chỉnh trọng số/ }).isVisible()).toBe(false);
    expect(wide.problems).toEqual([]);
    await wide.page.context().close();
  });

  it('trang của cán bộ xã: mọi chỗ bấm ít nhất 44 × 44 px', async () => {
    const g = await signIn('xa.tinhkhe', PHONE);
    const { page } = g;
    const small: string[] = [];
    for (const v of OFFICER) {
      await visit(page, v);
      for (const s of await smallTargets(page)) small.push(`${v.url}: ${s}`);
      // and with the header's menu open
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) {
        await menu.click();
        for (const s of await smallTargets(page)) small.push(`${v.url} (menu): ${s}`);
        await menu.click();
      }
    }
    expect(small).toEqual([]);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  for (const [label, opts] of [
    ['1440 px', { ...DESKTOP, viewport: { width: 1440, height: 900 } }],
    ['360 px', PHONE],
  ] as const) {
    it(`biểu đồ xếp hạng nằm trong khung của nó, gọi tên từng cột, bấm cột mở trang của xã (${label})`, async () => {
      // an earlier round than the default: the commune's page must open on the same one
      const g = await open('/xep-hang?chi-tieu=on_time_rate&ky=q2-2026', opts);
      const { page } = g;
      const panel = page.locator('[data-panel="ranking-bars"]');
      await panel.locator('rect').first().waitFor({ timeout: 30_000 });
      const outside = await panel.evaluate((card) => {
        const box = card.getBoundingClientRect();
        const out: string[] = [];
        for (const el of card.querySelectorAll('svg, .bars-axis span, .bars-rule-label')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.left < box.left - 0.5 || r.right > box.right + 0.5) {
            out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 20)}" ${Math.round(r.bottom)} > ${Math.round(box.bottom)}`);
          }
        }
        return out;
      });
      expect(outside).toEqual([]);
      const table = await page.locator('[data-panel="ranking-table"]').boundingBox();
      const card = await panel.boundingBox();
      expect(card!.y + card!.height).toBeLessThanOrEqual(table!.y);

      // the first bar is the first ranked row: pointing at it names the commune and its exact value
      const first = page.locator('table.rank-table tbody tr[data-row]').first();
      const code = await first.getAttribute('data-row');
      const name = await first.locator('th.c-name a').innerText();
      const value = await first.locator('td.c-value').innerText();
      const bar = panel.locator(`rect[data-code="${code}"]`);
      await bar.hover();
      const tip = panel.getByRole('tooltip');
      await poll(() => tip.innerText()).toContain(name);
      expect(await tip.innerText()).toContain(value);
      await page.screenshot({ path: path.join(ARTIFACTS, `xep-hang-bieu-do-${label.replace(' ', '')}.png`) });
      await bar.click();
      await poll(() => new URL(page.url()).pathname).toBe(`/xa/${code}`);
      expect(new URL(page.url()).searchParams.get('ky')).toBe('q2-2026');
      await poll(() => page.locator('h1').innerText()).toContain(name);
      expect(g.problems).toEqual([]);
      await page.context().close();
    });
  }

  it('/xa/99999: một trang "không tìm thấy", không phải ba lỗi', async () => {
    const g = await open('/xa/99999', PHONE);
    const { page } = g;
    await poll(() => page.locator('h1').innerText()).toContain('Không tìm thấy');
    expect(await page.getByText('Không tìm thấy xã').count()).toBe(1);
    expect(await page.locator('.panel-error').count()).toBe(0);
    // the one 404 the page asked for is the answer, not a problem
    expect(g.problems.filter((p) => !/HTTP 404: .*\/api\/communes\/99999\/standing|status of 404/.test(p))).toEqual([]);
    await page.context().close();
  });
});
