// Issue 11 in headless Chromium, as a commune officer would: /doc-bao-cao, the round, a Word
// report uploaded with its progress, the text with each proposed figure highlighted (a highlight
// leads to its proposal, a proposal back to its highlight), one figure accepted, one edited, one
// left out, a figure the round does not collect shown but not offered, the chosen ones written,
// and the form showing them. Then the same read reopened on a 360 × 740 phone: no sideways scroll,
// 44 px targets. Each page fails on a console error, failed request or HTTP error, and on serious
// axe findings. Screenshots go to test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROMIUM, DESKTOP, guardedPage, launch, PHONE, sideways, smallTargets, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const ROUND = { code: 'doc-q4-2026', name: 'Quý IV/2026 (đọc báo cáo)' };
const XOP = '23356';
const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

const REPORT = [
  'ỦY BAN NHÂN DÂN',
  'XÃ XỐP',
  'Xốp, ngày 06 tháng 12 năm 2025',
  'BÁO CÁO',
  'Kết quả thực hiện Nghị quyết số 57-NQ/TW',
  'Trong quý, Trung tâm Phục vụ hành chính công xã đã tiếp nhận 3.781 hồ sơ, trong đó 3.276 hồ sơ nộp trực tuyến.',
  'Xã thành lập 01 Tổ công nghệ số cộng đồng xã và 11 Tổ công nghệ số cộng đồng tại 11/11 thôn.',
  'Nền tảng Bình dân học vụ số có 3.118 học viên tham gia học tập.',
];

describe.skipIf(!existsSync(CHROMIUM))('đọc báo cáo của xã (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let readUrl = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launch();
    // a fresh round, opened by the admin through the API: the villages' figures are not collected
    const admin = await signIn('admin', DESKTOP);
    const me = await (await admin.page.request.get(`${app.url}/api/auth/me`)).json();
    const res = await admin.page.request.post(`${app.url}/api/periods`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        code: ROUND.code,
        name: ROUND.name,
        kind: 'quarter',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
        deadline: '2027-01-10',
        elements: ['dossiers_received', 'dossiers_online', 'cdt_village_teams', 'bdhvs_learners'],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await admin.page.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signIn(username: string, opts: BrowserContextOptions, next?: string): Promise<Guarded> {
    const g = await guardedPage(browser, opts);
    await g.page.goto(`${app.url}/dang-nhap${next ? `?tiep=${encodeURIComponent(next)}` : ''}`, { waitUntil: 'domcontentloaded' });
    await g.page.getByLabel('Tên đăng nhập').fill(username);
    await g.page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
    await g.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await g.page.waitForURL((u) => u.pathname !== '/dang-nhap', { timeout: 20_000 });
    return g;
  }

  const card = (g: Guarded, element: string) => g.page.locator(`article[data-element="${element}"]`);
  const focusedId = (g: Guarded) => g.page.evaluate(() => document.activeElement?.id ?? '');

  it('an officer uploads a report, sees the figures highlighted, accepts, edits, leaves out, writes: the form shows them', async () => {
    const g = await signIn('xa.xop', DESKTOP, '/nhap-lieu');
    const p = g.page;
    // reached from the form
    await p.getByRole('link', { name: /Đọc báo cáo để điền nhanh/ }).click();
    await p.waitForURL((u) => u.pathname === '/doc-bao-cao');
    await p.getByLabel('Kỳ báo cáo').selectOption(ROUND.code);
    await poll(() => p.getByText('Báo cáo của Xã Xốp').isVisible()).toBe(true);
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: REPORT.map((l) => new Paragraph(l)) }] })));
    await p.getByLabel('Tệp báo cáo (.docx, .pdf, .txt; tối đa 10 MB)').setInputFiles({
      name: 'bao-cao-xop.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await p.getByRole('button', { name: 'Đọc báo cáo', exact: true }).click();
    await p.waitForURL((u) => u.searchParams.has('doc'), { timeout: 30_000 });
    readUrl = new URL(p.url()).pathname + new URL(p.url()).search;
    await poll(() => card(g, 'dossiers_received').isVisible()).toBe(true);
    await expect.poll(() => p.getByText('Xã Xốp (nhận ra từ').isVisible()).toBe(true);

    // every proposal is highlighted in the text, as the report writes it
    const text = p.getByTestId('report-text');
    expect(await text.locator('.rr-mark').allInnerTexts()).toEqual(expect.arrayContaining(['3.781', '3.276', '3.118']));
    // a highlight leads to its proposal, a proposal back to its highlight
    await text.getByRole('button', { name: /Số hồ sơ TTHC tiếp nhận: 3\.781/ }).click();
    await poll(() => focusedId(g)).toMatch(/^rr-prop-\d+$/);
    expect(await p.evaluate(() => (document.activeElement as HTMLElement).dataset.element)).toBe('dossiers_received');
    await card(g, 'bdhvs_learners').getByRole('button', { name: 'Xem trong văn bản' }).click();
    await poll(() => focusedId(g)).toMatch(/^rr-mark-\d+$/);
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('3.118');

    // the villages are not collected this round: shown, not offered
    const villages = card(g, 'villages');
    await expect.poll(() => villages.getByText('Kỳ này không thu').isVisible()).toBe(true);
    expect(await villages.getByRole('button', { name: 'Chấp nhận' }).count()).toBe(0);

    // accept one, edit one, leave one out (keyboard for the last)
    await card(g, 'dossiers_received').getByRole('button', { name: 'Chấp nhận' }).click();
    await card(g, 'bdhvs_learners').getByRole('button', { name: 'Sửa' }).click();
    const box = card(g, 'bdhvs_learners').getByLabel(/Giá trị đúng cho/);
    expect(await box.inputValue()).toBe('3.118');
    await box.fill('3.120');
    const reject = card(g, 'dossiers_online').getByRole('button', { name: 'Bỏ qua' });
    await reject.focus();
    await p.keyboard.press('Enter');
    expect(await reject.getAttribute('aria-pressed')).toBe('true');
    await poll(() => p.getByText('Đã chọn 2/').isVisible()).toBe(true);
    expect(await axe(p)).toEqual([]);
    await p.screenshot({ path: path.join(ARTIFACTS, 'doc-bao-cao-may-tinh.png'), fullPage: true });

    await p.getByRole('button', { name: 'Ghi các số đã chọn vào biểu mẫu' }).click();
    await poll(() => p.getByText('Đã ghi 2 số vào biểu mẫu của Xã Xốp (bản nháp).').isVisible()).toBe(true);
    await poll(() => card(g, 'dossiers_received').getByText('Đã ghi vào biểu mẫu: 3.781').isVisible()).toBe(true);

    // the form shows them; the one left out stays empty
    await p.getByRole('link', { name: 'Mở biểu mẫu để kiểm tra và nộp' }).first().click();
    await p.waitForURL((u) => u.pathname === '/nhap-lieu');
    await poll(() => p.locator('#f-dossiers_received').inputValue()).toBe('3.781');
    expect(await p.locator('#f-bdhvs_learners').inputValue()).toBe('3.120');
    expect(await p.locator('#f-dossiers_online').inputValue()).toBe('');
    await p.screenshot({ path: path.join(ARTIFACTS, 'doc-bao-cao-bieu-mau.png') });
    // and the audit says where each came from
    const audit = await (await p.request.get(`${app.url}/api/audit?commune=${XOP}&period=${ROUND.code}`)).json();
    expect(audit.entries.filter((e: { how: string }) => e.how === 'report')).toHaveLength(2);
    expect(g.problems).toEqual([]);
    await p.context().close();
  });

  it('reopens the read on a 360 px phone: no sideways scroll, 44 px targets', async () => {
    expect(readUrl).toContain('doc=');
    const g = await signIn('xa.xop', PHONE, readUrl);
    const p = g.page;
    await poll(() => card(g, 'dossiers_received').isVisible()).toBe(true);
    await card(g, 'dossiers_online').getByRole('button', { name: 'Sửa' }).click();
    expect(await sideways(p)).toBe(0);
    expect(await smallTargets(p)).toEqual([]);
    await p.screenshot({ path: path.join(ARTIFACTS, 'doc-bao-cao-dien-thoai-360.png'), fullPage: false });
    await card(g, 'dossiers_online').scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(ARTIFACTS, 'doc-bao-cao-dien-thoai-360-de-xuat.png'), fullPage: false });
    expect(g.problems).toEqual([]);
    await p.context().close();
  });
});
