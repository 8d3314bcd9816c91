// Issue 6 in headless Chromium, as the Sở would: the admin opens /nhap-file, downloads the
// round's template, fills it (in the test, with exceljs), uploads it and reads the dry run; then
// a file from another system whose columns are not ours: maps them on the page, saves the mapping
// by name, checks again, writes; the figures reach the API; the ranking page offers the exports.
// The page fails on any console error, failed request or HTTP error, and on serious axe findings.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '@nq57/shared';
import { axe, CHROMIUM, DESKTOP, guardedPage, launch, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const ROUND = { code: 'nhap-tep-q4-2026', name: 'Quý IV/2026 (nhập tệp)' };

describe.skipIf(!existsSync(CHROMIUM))('nhập số liệu từ tệp Excel (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let g: Guarded;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp();
    browser = await launch();
    g = await guardedPage(browser, DESKTOP);
    await g.page.goto(`${app.url}/dang-nhap?tiep=${encodeURIComponent('/nhap-file')}`);
    await g.page.getByLabel('Tên đăng nhập').fill('admin');
    await g.page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
    await g.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await g.page.waitForURL((u) => u.pathname === '/nhap-file', { timeout: 20_000 });
    // a fresh quarterly round through the API, signed in as the admin (the rounds page is issue 4's)
    const me = await (await g.page.request.get(`${app.url}/api/auth/me`)).json();
    const res = await g.page.request.post(`${app.url}/api/periods`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { code: ROUND.code, name: ROUND.name, kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10', elements: ['dossiers_received', 'dossiers_online', 'bdhvs_learners', 'bdhvs_certificates'] },
    });
    expect(res.status(), await res.text()).toBe(201);
    await g.page.reload();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const page = () => g.page;

  it('downloads the template, uploads it filled, and reads the dry run without writing', async () => {
    const p = page();
    await p.getByLabel('Kỳ báo cáo (đang mở)').selectOption(ROUND.code);
    const href = await p.getByRole('link', { name: 'Tải mẫu nhập (.xlsx)' }).getAttribute('href');
    expect(href).toBe(`/api/periods/${ROUND.code}/template.xlsx`);
    const tpl = await p.request.get(app.url + href!);
    expect(tpl.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tpl.body()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    const codes = (ws.getRow(2).values as unknown[]).slice(3) as string[];
    expect(codes.sort()).toEqual(['bdhvs_certificates', 'bdhvs_learners', 'dossiers_online', 'dossiers_received']);
    // ten communes filled; the rest left empty (no change)
    let filled = 0;
    ws.eachRow((row, i) => {
      if (i < 3 || i > 12) return;
      const c = (ws.getRow(2).values as unknown[]).slice(3) as string[];
      c.forEach((code, k) => {
        row.getCell(3 + k).value = { dossiers_received: 1000, dossiers_online: 800, bdhvs_learners: 3000, bdhvs_certificates: 2000 }[code]!;
        filled++;
      });
    });
    await p.getByLabel('Tệp số liệu (.xlsx hoặc .csv, tối đa 10 MB)').setInputFiles({
      name: 'mau-da-dien.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await p.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const summary = p.getByTestId('import-summary');
    await expect.poll(() => summary.locator('[data-count="create"] strong').textContent(), { timeout: 30_000 }).toBe(formatNumber(filled));
    await expect.poll(() => p.getByText('Đây là kết quả kiểm tra: chưa có gì được ghi.').isVisible()).toBe(true);
    const values = await (await p.request.get(`${app.url}/api/values?period=${ROUND.code}`)).json();
    expect(values.values).toEqual([]);
    await p.screenshot({ path: path.join(ARTIFACTS, 'nhap-file-kiem-tra.png'), fullPage: true });
    const violations = await axe(p);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  });

  it('maps the columns of another system\'s file, saves the mapping by name, checks again and writes', async () => {
    const p = page();
    const csv = 'Đơn vị báo cáo,Số tài khoản học,Số chứng nhận,Xếp hạng\r\nXã Tịnh Khê,4365,2993,11\r\nMO CAY,1200,800,20\r\n';
    await p.getByLabel('Tệp số liệu (.xlsx hoặc .csv, tối đa 10 MB)').setInputFiles({ name: 'bdhvs-theo-xa.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // the default puts figures up for review; the Sở chooses to approve them at once, deliberately
    expect(await p.getByLabel(/Vào báo cáo của xã, chờ Sở duyệt/).isChecked()).toBe(true);
    await p.getByLabel(/Sở duyệt ngay/).check();
    await p.getByRole('button', { name: /Kiểm tra/ }).first().click();
    // none of its columns is ours, not even the commune's: each listed, to map on the page
    await expect.poll(() => p.getByRole('heading', { name: 'Cột chưa nhận ra' }).isVisible(), { timeout: 30_000 }).toBe(true);
    const problems = p.getByTestId('import-problems');
    await expect.poll(() => problems.getByText('Không có cột "Mã xã" hoặc "Tên xã"', { exact: false }).count()).toBe(1);
    await expect.poll(() => problems.getByText('Không nhận ra cột "Số tài khoản học"', { exact: false }).count()).toBe(1);
    await expect.poll(() => p.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).isDisabled()).toBe(true);

    await p.getByLabel('Đơn vị báo cáo', { exact: true }).selectOption('@commune_name');
    await p.getByLabel('Số tài khoản học', { exact: true }).selectOption('bdhvs_learners');
    await p.getByLabel('Số chứng nhận', { exact: true }).selectOption('bdhvs_certificates');
    await p.getByLabel('Xếp hạng', { exact: true }).selectOption('');
    await p.getByLabel('Lưu cách ghép cột với tên').fill('Bình dân học vụ số — theo xã');
    await p.getByRole('button', { name: 'Lưu và kiểm tra lại' }).click();
    await expect.poll(() => p.getByText('Đã lưu cách ghép cột "Bình dân học vụ số — theo xã".').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => p.getByLabel('Cách ghép cột đã lưu').inputValue()).toBe('Bình dân học vụ số — theo xã');
    await expect.poll(() => p.getByTestId('import-summary').locator('[data-count="create"] strong').textContent(), { timeout: 30_000 }).toBe('4');
    // approving names what it would approve, and waits for the Sở to confirm it
    const approval = p.locator('[data-approval]');
    await expect.poll(() => approval.getByRole('heading').textContent()).toBe('Sẽ duyệt 2 biểu mẫu');
    await expect.poll(() => approval.getByText(/Trong đó 2 xã chưa tự nộp, 2 biểu mẫu còn ô trống/).isVisible()).toBe(true);
    expect(await p.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).isDisabled()).toBe(true);
    await approval.getByLabel('Tôi đã xem và xác nhận duyệt 2 biểu mẫu này').check();
    // no error left (warnings, such as a figure far from similar communes, do not block)
    await expect.poll(() => p.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).isEnabled()).toBe(true);
    expect(await p.getByTestId('import-problems').locator('tr.imp-error').count().catch(() => 0)).toBe(0);

    await p.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).click();
    const dialog = p.getByRole('dialog');
    await expect.poll(() => dialog.getByText(/Ghi 4 số liệu mới và 0 số liệu thay đổi của 2 xã/).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).click();
    await expect.poll(() => p.getByTestId('import-done').textContent(), { timeout: 30_000 }).toMatch(/Đã ghi: 4 số liệu mới, 0 số liệu thay đổi, 0 không đổi \(lần nhập số \d+\)/);

    const values = await (await p.request.get(`${app.url}/api/values?period=${ROUND.code}`)).json();
    const got = Object.fromEntries(values.values.map((v: { communeCode: string; element: string; value: number }) => [`${v.communeCode}.${v.element}`, v.value]));
    expect(got).toEqual({ '21211.bdhvs_learners': 4365, '21211.bdhvs_certificates': 2993, '21421.bdhvs_learners': 1200, '21421.bdhvs_certificates': 800 });
    // the import is on record, with its mapping
    await expect.poll(() => p.locator('table').last().getByText('bdhvs-theo-xa.csv').count()).toBe(1);
    await p.screenshot({ path: path.join(ARTIFACTS, 'nhap-file-da-ghi.png'), fullPage: true });
    expect(g.problems).toEqual([]);
  });

  it('offers the round\'s files on the ranking page, and they download', async () => {
    const p = page();
    await p.goto(`${app.url}/xep-hang?ky=q3-2026`);
    const nav = p.getByRole('navigation', { name: 'Xuất báo cáo' });
    await expect.poll(() => nav.getByRole('link', { name: 'Báo cáo tổng hợp (Word)' }).getAttribute('href'), { timeout: 20_000 }).toBe('/api/periods/q3-2026/report.docx');
    const [download] = await Promise.all([p.waitForEvent('download'), nav.getByRole('link', { name: 'Bảng xếp hạng (Excel)' }).click()]);
    expect(download.suggestedFilename()).toBe('Xếp hạng Quý III-2026.xlsx');
    expect(await nav.getByRole('link', { name: 'Nhập số liệu từ tệp…' }).getAttribute('href')).toBe('/nhap-file?ky=q3-2026');
    expect(g.problems).toEqual([]);
  });
});
