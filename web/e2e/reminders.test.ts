// Issue 14 in headless Chromium, as the Sở would: the admin opens /quan-tri/lien-he from the admin
// sub-navigation, corrects one commune's officer (a wrong e-mail refused beside its field, in
// Vietnamese), imports a spreadsheet of contacts (checked first, then written); on /tien-do the
// commune's phone and e-mail are tel: and mailto: links; "Nhắc ngay" names the communes before
// sending, the SMTP server started here receives one message per commune that has not reported,
// the log shows each "Đã gửi", and a second press the same day sends nothing. The letter to the
// overdue communes downloads as Word. The same pages on a 360 px phone. Every page fails on a
// console error, a failed request or an HTTP error, and on serious axe findings.
// The app started here runs on this machine's real clock (it has no clock a test could fix), so
// what depends on the day is said with the day: "the same day" is Vietnam's day on this clock, and
// a run that crosses midnight in Vietnam (17:00 UTC) between the two presses is told apart; the
// letter needs overdue communes, which the demo's round has on any day after its deadline.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDay } from '@nq57/shared';
import { startSmtp, type TestSmtp } from '../../api/test/smtp';
import { axe, CHROMIUM, DESKTOP, guardedPage, launch, PHONE, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const ROUND = 'm10-2026';
/** the demo round's deadline: every day after it, the communes that never reported are overdue */
const DEADLINE = '2026-11-10';
const PUBLIC_URL = 'https://nq57.quangngai.example';

describe.skipIf(!existsSync(CHROMIUM))('liên hệ các xã và nhắc việc (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let smtp: TestSmtp;
  let g: Guarded;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    smtp = await startSmtp();
    // only the button sends (AUTO_REMINDERS=false): every message the server gets comes from the press
    app = await startApp(200_000, { SMTP_URL: smtp.url, AUTO_REMINDERS: 'false', PUBLIC_URL });
    browser = await launch();
    g = await signIn(DESKTOP, '/quan-tri/lien-he');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
  });

  async function signIn(opts: typeof DESKTOP, next: string): Promise<Guarded> {
    const s = await guardedPage(browser, opts);
    await s.page.goto(`${app.url}/dang-nhap?tiep=${encodeURIComponent(next)}`);
    await s.page.getByLabel('Tên đăng nhập').fill('admin');
    await s.page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
    await s.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await s.page.waitForURL((u) => u.pathname === next, { timeout: 20_000 });
    return s;
  }
  const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });
  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  async function clean(page: Page) {
    const violations = await axe(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }

  it('the admin corrects a commune\'s contacts beside the list; a wrong e-mail is refused beside its field', async () => {
    const p = g.page;
    expect(await p.locator('.wf-subnav').getByRole('link', { name: 'Liên hệ các xã' }).getAttribute('aria-current')).toBe('page');
    await p.locator('tr[data-contact]').first().waitFor();
    expect(await p.locator('tr[data-contact]').count()).toBe(96);
    await p.getByLabel('Tìm theo tên xã').fill('tinh khe');
    await poll(() => p.locator('tr[data-contact]').count()).toBe(1);
    await p.getByRole('button', { name: 'Sửa liên hệ: Xã Tịnh Khê' }).click();
    const form = p.locator('[data-contact-form="21211"]');
    await form.getByLabel('E-mail cán bộ').fill('hoa.nguyen@tinhkhe');
    await form.getByLabel('Điện thoại cán bộ').fill('+84 905 123 456');
    await form.getByLabel('Cán bộ phụ trách').fill('Nguyễn Thị Hoa');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    await poll(() => form.getByText('E-mail cán bộ "hoa.nguyen@tinhkhe" không phải địa chỉ e-mail').count()).toBe(1);
    expect(await form.getByLabel('E-mail cán bộ').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('E-mail cán bộ').fill('hoa.nguyen@tinhkhe.example');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    await poll(() => form.getByText('Đã lưu liên hệ của Xã Tịnh Khê.').count()).toBe(1);
    await poll(() => p.locator('tr[data-contact="21211"]').innerText()).toContain('0905 123 456');
    await clean(p);
    await shot(p, 'lien-he-1366', true);
    expect(g.problems).toEqual([]);
  });

  it('imports a spreadsheet of contacts: checked first, then written', async () => {
    const p = g.page;
    const csv = 'Mã xã,Tên xã,Điện thoại UBND,Cán bộ phụ trách\r\n23356,Xã Xốp,0260 3812 345,A Thị Hồng\r\n,xa mo cay,02553846999,Lê Văn Tám\r\n';
    await p.getByLabel('Tệp liên hệ').setInputFiles({ name: 'lien-he.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await p.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await poll(() => p.getByText('Tệp đọc được 2 xã: 2 xã sẽ thay đổi, 0 xã giữ nguyên. Chưa ghi gì.').count()).toBe(1);
    await p.getByRole('button', { name: 'Nhập vào hệ thống', exact: true }).click();
    await poll(() => p.getByText('Đã nhập: 2 xã được cập nhật.').count()).toBe(1);
    await p.getByLabel('Tìm theo tên xã').fill('xop');
    await poll(() => p.locator('tr[data-contact="23356"]').innerText()).toContain('A Thị Hồng');
    expect(g.problems).toEqual([]);
  });

  it('/tien-do: phone and e-mail as links; "Nhắc ngay" names the communes, sends one message to each that has not reported, once a day', async () => {
    const p = g.page;
    await p.goto(`${app.url}/tien-do?ky=${ROUND}`);
    const tinhKhe = p.locator('tr[data-row="21211"]');
    await tinhKhe.waitFor();
    expect(await tinhKhe.getByRole('link', { name: 'Gọi Nguyễn Thị Hoa: 0905 123 456' }).getAttribute('href')).toBe('tel:+84905123456');
    expect(await tinhKhe.getByRole('link', { name: /^Gửi thư cho UBND/ }).getAttribute('href')).toBe('mailto:ubnd.tinhkhe@quangngai.example');
    const notReported = await p.locator('tr[data-row]:not([data-status="submitted"]):not([data-status="approved"])').count();
    expect(notReported).toBe(36);

    const panel = p.locator('[data-panel="reminders"]');
    await panel.getByText('Tự động nhắc đang tắt (AUTO_REMINDERS=false)', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Nhắc ngay' }).click();
    const dialog = p.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Gửi thư nhắc tới 36 xã chưa báo cáo?');
    await shot(p, 'nhac-ngay-xac-nhan-1366');
    expect(smtp.messages).toHaveLength(0); // the dry run sent nothing
    const dayOfPress = vnDay(new Date());
    await dialog.getByRole('button', { name: 'Gửi thư nhắc', exact: true }).click();
    await poll(() => panel.getByText('Đã xếp 36 thư nhắc vào hàng đợi', { exact: false }).count()).toBe(1);
    await smtp.waitFor((m) => m.length >= 36);
    // what the Sở waits for: every line of the log says "Đã gửi" (the page reads it again by itself)
    await panel.locator('summary').click();
    await poll(() => panel.locator('tr[data-reminder][data-status="sent"]').count(), 30_000).toBe(36);
    const xop = smtp.messages.find((m) => m.to.includes('ubnd.xop@quangngai.example'))!;
    expect(xop.subject).toContain('hạn 10/11/2026');
    expect(xop.text).toContain(`${PUBLIC_URL}/nhap-lieu?ky=${ROUND}`);
    await clean(p);
    await panel.screenshot({ path: path.join(ARTIFACTS, 'tien-do-nhac-1366.png') });
    await tinhKhe.screenshot({ path: path.join(ARTIFACTS, 'tien-do-tinh-khe-1366.png') });

    // the second press: the same day, nobody to remind and no dialog
    await panel.getByRole('button', { name: 'Nhắc ngay' }).click();
    const nobody = panel.getByText('Không có xã nào cần nhắc hôm nay', { exact: false });
    await poll(async () => (await nobody.count()) + (await dialog.count())).toBe(1);
    if (await dialog.count()) {
      // only when midnight in Vietnam came between the presses: a new day's reminders, offered for
      // confirmation again; cancelled, nothing is sent
      expect(vnDay(new Date()), 'the second press offered reminders again on the same day').not.toBe(dayOfPress);
      expect(await dialog.innerText()).toContain('Gửi thư nhắc tới 36 xã chưa báo cáo?');
      await dialog.getByRole('button', { name: 'Hủy', exact: true }).click();
      await poll(() => dialog.count()).toBe(0);
    }
    expect(smtp.messages).toHaveLength(36);
    expect(g.problems).toEqual([]);
  });

  it('the official letter to the overdue communes downloads as Word', async () => {
    const p = g.page;
    // the link is there while some commune is overdue: on this machine's date, past the round's deadline
    expect(vnDay(new Date()) > DEADLINE, `today in Vietnam (${vnDay(new Date())}) is after ${DEADLINE}`).toBe(true);
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Công văn đôn đốc (Word)' }).click()]);
    // the Vietnamese name the API gives (filename*), as the report's
    expect(download.suggestedFilename()).toBe('Công văn đôn đốc Tháng 10-2026.docx');
    const file = path.join(ARTIFACTS, `cong-van-don-doc-${ROUND}.docx`);
    await download.saveAs(file);
    expect(existsSync(file)).toBe(true);
    expect(g.problems).toEqual([]);
  });

  it('on a 360 px phone: the contacts page and /tien-do fit, without sideways scrolling', async () => {
    const phone = await signIn(PHONE, '/quan-tri/lien-he');
    const p = phone.page;
    await p.locator('tr[data-contact]').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(p, 'lien-he-360');
    await p.goto(`${app.url}/tien-do?ky=${ROUND}`);
    await p.locator('tr[data-row]').first().waitFor();
    await p.locator('[data-panel="reminders"] summary').click();
    await p.locator('tr[data-reminder]').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await p.locator('[data-panel="reminders"]').scrollIntoViewIfNeeded();
    await shot(p, 'tien-do-nhac-360');
    await clean(p);
    expect(phone.problems).toEqual([]);
  });
});
