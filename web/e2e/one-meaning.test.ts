// Issue 10 in the browser: the same number means the same thing on every page. Coverage beside
// every composite score, a figure the round does not collect said as such, the round the user
// picked kept from page to page, lateness the same to the officer and to the Sở, and an officer
// who has just submitted sees an official and a clearly labelled provisional standing.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, launch, openAt, signInAt } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const STEP_TIMEOUT = 120_000;

describe.skipIf(!existsSync(CHROMIUM))('một nghĩa cho mỗi con số (Chromium)', () => {
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

  const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

  const open = (url: string, opts: BrowserContextOptions = DESKTOP) => openAt(browser, app.url, url, opts);
  const signIn = (username: string) => signInAt(browser, app.url, username, E2E_PASSWORD);

  const sub = (page: Page) => page.locator('h1 .h1-sub').innerText();

  it('Xếp hạng tổng hợp: mỗi điểm kèm số chỉ tiêu có số liệu; chỉ tiêu kỳ này không thu được nói rõ', async () => {
    const g = await open('/xep-hang?ky=q3-2026');
    const { page } = g;
    const coverage = page.locator('.rank-table tbody td.c-coverage');
    await poll(() => coverage.count()).toBeGreaterThan(80);
    const texts = await coverage.allInnerTexts();
    expect(texts.every((t) => /^\d+\/\d+ chỉ tiêu · \d+% trọng số$/.test(t.trim())), texts.slice(0, 3).join(' | ')).toBe(true);
    // the first ten reported everything the round asks for: a gap costs points, it never helps
    expect(texts.slice(0, 10).every((t) => t.startsWith('7/7 chỉ tiêu'))).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'xep-hang-tong-hop-do-phu-1440.png') });

    await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('budget_requested_vnd');
    await poll(() => page.getByText('không thu số liệu của chỉ tiêu này').first().isVisible()).toBe(true);
    expect(await page.locator('.rank-table tbody tr').count()).toBe(0);
    expect(await page.getByText('Chưa báo cáo', { exact: true }).count()).toBe(0);
    expect(g.problems).toEqual([]);
    await page.context().close();
  }, STEP_TIMEOUT);

  it('Kỳ đã chọn được giữ khi chuyển trang, kể cả khi mở đường dẫn không có ?ky=', async () => {
    const g = await open('/xep-hang');
    const { page } = g;
    const picker = page.locator('#period-select');
    await poll(() => picker.isEnabled()).toBe(true);
    await picker.selectOption('q2-2026');
    await poll(() => page.url()).toContain('ky=q2-2026');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổng quan' }).click();
    await poll(() => sub(page)).toBe('Quý II/2026');
    // a link without the round (a bookmark, a typed address) keeps the one picked in this tab
    await page.goto(`${app.url}/ngan-sach`);
    await poll(() => page.url()).toContain('ky=q2-2026');
    // the page cannot show budget requests for a quarter: it says so, it does not switch round
    await poll(() => page.getByText('Kỳ Quý II/2026 không thu số liệu kinh phí đề xuất', { exact: false }).first().isVisible()).toBe(true);
    expect(await picker.inputValue()).toBe('q2-2026');
    expect(g.problems).toEqual([]);
    await page.context().close();
  }, STEP_TIMEOUT);

  it('Muộn là muộn ở mọi nơi: xã nộp muộn 7 ngày thấy "Muộn 7 ngày", xã bị trả lại mà nộp đúng hạn thấy "Đúng hạn"', async () => {
    const late = await signIn('xa.dakpxi');
    await poll(() => late.page.locator('.wf-entry-status').innerText()).toContain('Muộn 7 ngày');
    await late.page.context().close();
    const xop = await signIn('xa.xop');
    const status = xop.page.locator('.wf-entry-status');
    await poll(() => status.innerText()).toContain('Đúng hạn');
    expect(await status.innerText()).not.toMatch(/quá hạn/i);
    await xop.page.context().close();
    const admin = await signIn('admin');
    await admin.page.goto(`${app.url}/tien-do?ky=m10-2026`);
    const row = (code: string) => admin.page.locator(`tr[data-row="${code}"]`);
    await poll(() => row('23504').innerText()).toContain('Muộn 7 ngày');
    await poll(() => row('23356').innerText()).toContain('Đúng hạn');
    // "đã báo cáo": the same count in the header, on /tien-do and on the overview
    const reported = await admin.page.locator('.wf-reported').innerText();
    const m = /^(\d+)\/96 xã đã báo cáo/.exec(reported);
    expect(m, reported).not.toBeNull();
    await admin.page.goto(`${app.url}/?ky=m10-2026`);
    await poll(() => admin.page.locator('.reporting-figure').innerText()).toContain(`${m![1]}/96`);
    expect(await admin.page.locator('.as-of').innerText()).toContain(`${m![1]}/96 xã đã báo cáo`);
    // a page with a round of its own (/doc-bao-cao) and the header's picker name the same round,
    // even when the tab last showed another one
    await admin.page.goto(`${app.url}/xep-hang?ky=q2-2026`);
    await poll(() => admin.page.locator('#period-select').inputValue()).toBe('q2-2026');
    await admin.page.goto(`${app.url}/doc-bao-cao`);
    const own = admin.page.getByLabel('Kỳ báo cáo', { exact: true }).last();
    await poll(() => own.inputValue()).toBe('m10-2026');
    await poll(() => admin.page.locator('#period-select').inputValue()).toBe('m10-2026');
    expect(admin.problems).toEqual([]);
    await admin.page.context().close();
  }, STEP_TIMEOUT);

  it('Vừa nộp xong: trang của xã cho xem thứ hạng chính thức (kỳ đã duyệt gần nhất) và, ghi rõ, thứ hạng tạm tính', async () => {
    const g = await signIn('xa.mocay');
    const { page } = g;
    await poll(() => page.url()).toContain('/nhap-lieu?ky=m10-2026');
    await page.getByRole('link', { name: 'Vị trí của xã trong tỉnh' }).click();
    const notice = page.locator('.notice-provisional');
    await poll(() => notice.innerText()).toContain('Báo cáo Tháng 10/2026 của xã đã nộp');
    // the official view: the last approved round, with a real score
    await poll(() => sub(page)).toContain('Quý III/2026');
    await poll(() => page.locator('.composite-score .big').innerText()).toMatch(/^\d+,\d$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'xa-vua-nop-chinh-thuc-1440.png') });
    // the provisional view, labelled as such
    await notice.getByRole('link', { name: /Tạm tính: Tháng 10\/2026/ }).click();
    await poll(() => sub(page)).toContain('Tạm tính · Tháng 10/2026');
    await poll(() => notice.innerText()).toContain('TẠM TÍNH với số liệu đã nộp');
    await poll(() => page.locator('.composite-score .big').innerText()).toMatch(/^\d+,\d$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'xa-vua-nop-tam-tinh-1440.png') });
    expect(g.problems).toEqual([]);
    await page.context().close();
  }, STEP_TIMEOUT);
});
