// A reporting round in headless Chromium, as the people who run it would: the Sở opens a round
// and creates an officer's account; the officer fills the form (one error to fix, one warning to
// explain) and submits; the Sở returns it with a comment; the officer fixes it and submits again;
// the Sở approves; the ranking of that round shows the new figures and the audit shows each step.
// Also: the officer's form on a 360 px phone with the network dropping and the tab closing, two
// people saving the same form (409, never a silent overwrite), and a failed sign-in.
// Every page fails on a console error, a failed request or an HTTP error (except the ones a step
// provokes on purpose, listed with it), and on serious axe-core violations. Screenshots go to
// test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '@nq57/shared';
import { axe, CHROMIUM, DESKTOP, guardedPage, launch, PHONE, type Guarded } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);

const DEMO_ROUND = 'm10-2026'; // the demo's open round, communes in every state
const TINH_KHE = '21211';
const NEW_ROUND = { name: 'Quý IV/2026', code: 'q4-2026' };
/** the machine may be shared with other test runs: a slow minute is not a failure */
const STEP_TIMEOUT = 120_000;
const OFFICER = { username: 'canbo.tinhkhe', displayName: 'Nguyễn Thị Thử', password: 'mat-khau-can-bo-2026' };

describe.skipIf(!hasChromium)('kỳ báo cáo từ lúc mở đến khi duyệt (Chromium)', () => {
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

  async function open(url: string, opts: BrowserContextOptions = DESKTOP): Promise<Guarded> {
    const g = await guardedPage(browser, opts);
    await g.page.goto(app.url + url, { waitUntil: 'domcontentloaded' });
    return g;
  }

  /** Signs in through the form, as a person does; lands where the app sends this role. */
  async function signIn(username: string, password = E2E_PASSWORD, opts: BrowserContextOptions = DESKTOP, next?: string): Promise<Guarded> {
    const g = await open(next ? `/dang-nhap?tiep=${encodeURIComponent(next)}` : '/dang-nhap', opts);
    await g.page.getByLabel('Tên đăng nhập').fill(username);
    await g.page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await g.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await g.page.waitForURL((u) => u.pathname !== '/dang-nhap', { timeout: 20_000 });
    return g;
  }

  /** The problems a step provoked on purpose are removed; anything else fails the journey. */
  function expectOnly(g: Guarded, expected: RegExp[]) {
    // Chromium also logs each of those refused requests as a console error
    const statuses = expected.map((re) => /HTTP (\d{3})/.exec(re.source)?.[1]).filter(Boolean);
    const logged = statuses.map((s) => new RegExp(`console.error: Failed to load resource: the server responded with a status of ${s}`));
    const offline = expected.some((re) => re.source.includes('ERR_INTERNET_DISCONNECTED')) ? [/console.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED/] : [];
    const allowed = [...expected, ...logged, ...offline];
    const left = g.problems.filter((p) => !allowed.some((re) => re.test(p)));
    expect(left).toEqual([]);
    g.problems.length = 0;
  }

  async function shot(page: Page, name: string, fullPage = false) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  }

  async function clean(g: Guarded) {
    const violations = await axe(g.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }

  /** waits for a page to catch up (a save, a reload): 15 s by default, vitest's own is 1 s */
  const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });
  const field = (page: Page, code: string) => page.locator(`#f-${code}`);
  const saveState = (page: Page) => page.locator('[data-save]');
  const savedNow = (page: Page) => poll(() => saveState(page).innerText()).toMatch(/^Đã lưu lúc/);
  /** "Quý III/2026: 1.609" → 1609 (the previous value is labelled with its round) */
  async function previousOf(page: Page, code: string): Promise<number> {
    const text = await page.locator(`#f-${code}-prev`).innerText();
    const m = /^[^:]+: ([\d.]+)$/.exec(text.trim());
    expect(m, `${code} có số liệu kỳ trước`).not.toBeNull();
    return Number(m![1].replace(/\./g, ''));
  }
  /**
   * The officer the round's journey creates through the admin page; made here through the API when
   * that journey did not get so far, so one failure is reported once and not again by this journey.
   */
  async function ensureOfficer(page: Page) {
    const me = (await (await page.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string };
    const r = await page.request.post(`${app.url}/api/users`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { username: OFFICER.username, displayName: OFFICER.displayName, password: OFFICER.password, role: 'commune', communeCode: TINH_KHE },
    });
    expect([201, 409]).toContain(r.status());
  }
  async function confirmDialog(page: Page, button: string, text?: string) {
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    if (text !== undefined) await dialog.locator('textarea, input').first().fill(text);
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await poll(() => page.locator('dialog[open]').count()).toBe(0);
  }

  it('Đăng nhập sai: thông báo tiếng Việt, vẫn ở trang đăng nhập', async () => {
    // a page that needs an account sends a signed-out visitor to sign in, and remembers where to return
    const g = await open('/tien-do?ky=m10-2026');
    const { page } = g;
    await poll(() => page.url(), 20_000).toContain('/dang-nhap?tiep=%2Ftien-do%3Fky%3Dm10-2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('Nhập tên đăng nhập và mật khẩu');
    await page.getByLabel('Tên đăng nhập').fill('lanhdao');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('khong-phai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    // signed out, the header offers "Đăng nhập" and no workflow entries
    expect(await page.locator('.main-nav a').allInnerTexts()).not.toContain('Nhập liệu');
    await shot(page, 'dang-nhap-sai-mat-khau-1366');
    await clean(g);
    expectOnly(g, [/HTTP 401: .*\/api\/auth\/login$/]);
    await page.context().close();
  }, STEP_TIMEOUT);

  it('Điện thoại 360 px: cán bộ xã nhập liệu; mất mạng rồi đóng thẻ mà không mất số liệu', async () => {
    // Xã Mô Rai has not started the demo round
    const g = await signIn('xa.morai', E2E_PASSWORD, PHONE);
    const { page } = g;
    await poll(() => page.url()).toContain(`/nhap-lieu?ky=${DEMO_ROUND}`);
    await field(page, 'dossiers_received').waitFor({ timeout: 20_000 });
    expect(await page.locator('h1').innerText()).toContain('Xã Mô Rai');
    await field(page, 'dossiers_received').fill('1.234');
    await savedNow(page);
    expect(await page.locator('#f-dossiers_received-read').count()).toBe(0); // "1.234" is already how it is written

    // the network drops: the form says so and keeps the figure
    await page.context().setOffline(true);
    await field(page, 'dossiers_resolved').fill('1200');
    await poll(() => saveState(page).innerText()).toContain('Mất kết nối');
    expect(await page.locator('#f-dossiers_resolved-read').innerText()).toBe('Đọc là: 1.200');
    // … and the tab is closed before the network comes back
    await page.close();
    await g.page.context().setOffline(false);

    const page2 = await g.page.context().newPage();
    const problems2: string[] = [];
    page2.on('console', (m) => m.type() === 'error' && problems2.push(`console.error: ${m.text()}`));
    page2.on('response', (r) => r.status() >= 400 && problems2.push(`HTTP ${r.status()}: ${r.url()}`));
    await page2.goto(`${app.url}/nhap-lieu`, { waitUntil: 'domcontentloaded' });
    await poll(() => page2.locator('[data-restored]').innerText(), 20_000).toContain('Đã khôi phục 1 ô');
    expect(await field(page2, 'dossiers_resolved').inputValue()).toBe('1200');
    await savedNow(page2);
    expect(await field(page2, 'dossiers_received').inputValue()).toBe('1.234');

    // "Không có" is a real zero, distinct from an empty box
    const none = page2.getByRole('button', { name: /Số công chức chuyên trách CNTT, CĐS: không có/ });
    await none.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await none.click();
    expect(await field(page2, 'it_staff').inputValue()).toBe('0');
    expect(await page2.locator('#f-it_staff-prev').innerText()).toContain('Không có (số 0)');
    await savedNow(page2);

    expect(await page2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page2.evaluate(() => window.scrollTo(0, 0));
    await shot(page2, 'nhap-lieu-360');
    await shot(page2, 'nhap-lieu-360-ca-trang', true);
    const violations = await axe(page2);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    // the offline page's failures were provoked; the reopened page must have none
    expectOnly(g, [/requestfailed: .*ERR_INTERNET_DISCONNECTED/]);
    expect(problems2).toEqual([]);
    await page2.context().close();
  }, STEP_TIMEOUT);

  it('Hai người sửa cùng biểu mẫu: người lưu sau được báo xung đột, không ghi đè', async () => {
    const url = `/nhap-lieu?ky=${DEMO_ROUND}&xa=${TINH_KHE}`;
    const officer = await signIn('xa.tinhkhe', E2E_PASSWORD, DESKTOP, url);
    const admin = await signIn('admin', E2E_PASSWORD, DESKTOP, url);
    await field(officer.page, 'it_staff').waitFor({ timeout: 20_000 });
    await field(admin.page, 'it_staff').waitFor({ timeout: 20_000 });

    // the Sở corrects one figure first …
    await field(admin.page, 'digital_certificates').fill('41');
    await savedNow(admin.page);
    // … then the officer, still on the older version, saves another
    await field(officer.page, 'it_staff').fill('3');
    await poll(() => officer.page.locator('[data-conflict]').innerText()).toContain('vừa được người khác lưu');
    // the way out is offered where the officer is typing (the bar), not only at the top
    expect(await officer.page.locator('.wf-bar').getByRole('button', { name: 'Tải lại' }).count()).toBe(1);
    await officer.page.locator('[data-conflict]').scrollIntoViewIfNeeded();
    await shot(officer.page, 'nhap-lieu-xung-dot-1366');
    await officer.page.locator('.wf-bar').getByRole('button', { name: 'Tải lại' }).click();
    // the Sở's figure is there, and the officer's own change came back and is saved
    await poll(() => field(officer.page, 'digital_certificates').inputValue()).toBe('41');
    expect(await field(officer.page, 'it_staff').inputValue()).toBe('3');
    await savedNow(officer.page);
    await admin.page.reload();
    await poll(() => field(admin.page, 'it_staff').inputValue()).toBe('3');

    expectOnly(officer, [/HTTP 409: .*\/submissions\/21211$/]);
    expectOnly(admin, []);
    await officer.page.context().close();
    await admin.page.context().close();
  }, STEP_TIMEOUT);

  it(
    'Mở kỳ → xã nhập, sửa lỗi, giải trình, nộp → Sở trả lại → xã sửa, nộp lại → Sở duyệt → xếp hạng và nhật ký',
    async () => {
      // ── the Sở: an account for the officer, then the round ────────────────────────────
      const admin = await signIn('admin');
      const a = admin.page;
      await poll(() => a.url()).toContain('/tien-do');
      expect(await a.locator('.main-nav a').allInnerTexts()).toEqual(expect.arrayContaining(['Nhập liệu', 'Tiến độ', 'Quản trị']));
      // what the Sở sees before reaching for the menu: the round's progress, every commune listed
      await poll(() => a.locator('tr[data-row]').count(), 20_000).toBe(96);

      await a.getByRole('link', { name: 'Quản trị', exact: true }).click();
      await poll(() => a.url()).toContain('/quan-tri/nguoi-dung');
      await a.locator('tr[data-user="admin"]').waitFor({ timeout: 20_000 });
      await a.getByLabel('Tên đăng nhập').fill(OFFICER.username);
      await a.getByLabel('Họ tên').fill(OFFICER.displayName);
      await a.getByLabel('Lọc danh sách xã').fill('tinh khe');
      expect(await a.getByLabel('Xã, phường (với cán bộ xã)').inputValue()).toBe(TINH_KHE);
      await a.getByLabel('Mật khẩu ban đầu (ít nhất 10 ký tự)').fill(OFFICER.password);
      await a.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await poll(() => a.locator(`tr[data-user="${OFFICER.username}"]`).innerText()).toContain('Xã Tịnh Khê');
      await clean(admin);

      await a.getByRole('link', { name: 'Kỳ báo cáo', exact: true }).click();
      await a.getByLabel('Tên kỳ').fill(NEW_ROUND.name);
      expect(await a.getByLabel('Mã kỳ').inputValue()).toBe(NEW_ROUND.code);
      await a.getByLabel('Loại kỳ').selectOption('quarter');
      await a.getByLabel('Từ ngày').fill('01/10/2026');
      await a.getByLabel('Đến ngày').fill('31/12/2026');
      await a.getByLabel('Hạn nộp').fill('15/01/2027');
      // this round asks only for the public-service figures
      await a.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
      await a.getByLabel('Chọn cả nhóm Dịch vụ công trực tuyến').check();
      expect(await a.locator('.wf-elements-tools').innerText()).toContain('Đã chọn 9/');
      await a.getByRole('button', { name: 'Mở kỳ', exact: true }).click();
      await poll(() => a.locator(`tr[data-round="${NEW_ROUND.code}"]`).innerText()).toContain('Đang mở');
      await shot(a, 'quan-tri-ky-bao-cao-1366');
      await clean(admin);
      expectOnly(admin, []);

      // ── the officer: fills the form with one error and one warning ────────────────────
      const officer = await signIn(OFFICER.username, OFFICER.password);
      const o = officer.page;
      // Tịnh Khê's October draft is overdue: the officer lands there, where action is needed first,
      // and the new quarter is listed above the form
      await poll(() => o.url()).toContain(`/nhap-lieu?ky=${DEMO_ROUND}`);
      const others = o.locator('[data-other-rounds]');
      await poll(() => others.innerText()).toContain(NEW_ROUND.name);
      await others.getByRole('link', { name: NEW_ROUND.name }).click();
      await poll(() => o.url()).toContain(`/nhap-lieu?ky=${NEW_ROUND.code}`);
      await field(o, 'dossiers_received').waitFor({ timeout: 20_000 });
      expect(await o.locator('h1').innerText()).toContain(`Xã Tịnh Khê · ${NEW_ROUND.name}`);
      expect(await o.locator('fieldset[data-group]').count()).toBe(1);
      expect(await o.locator('.wf-fieldrow').count()).toBe(9);
      expect(await o.locator('.user-button').innerText()).toContain(OFFICER.displayName);

      const prevReceived = await previousOf(o, 'dossiers_received');
      const prevOnline = await previousOf(o, 'dossiers_online');
      const received = prevReceived * 4; // more than 3× last quarter: a warning to explain
      const wrongOnline = received + 100; // more online than received: an error
      await field(o, 'dossiers_received').fill(formatNumber(received));
      await field(o, 'dossiers_online').fill(formatNumber(wrongOnline));
      await poll(() => o.locator('[data-element="dossiers_online"] .wf-msg-error').innerText()).toContain('lớn hơn số hồ sơ tiếp nhận');
      await poll(() => o.locator('[data-element="dossiers_received"] .wf-msg-warning').innerText()).toContain('Gấp hơn 3 lần kỳ trước');
      await savedNow(o); // a draft is saved even while it breaks a check
      await o.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await poll(() => o.locator('.wf-bar-blocked').innerText()).toContain('Chưa nộp được');
      expect(await o.evaluate(() => document.activeElement?.id)).toBe('f-dossiers_online');
      await shot(o, 'nhap-lieu-loi-canh-bao-1366');
      await clean(officer);

      const online = prevOnline * 2;
      await field(o, 'dossiers_online').fill(formatNumber(online));
      await poll(() => o.locator('[data-element="dossiers_online"] .wf-msg-error').count()).toBe(0);
      await o.locator('#expl-dossiers_received').fill('Sáp nhập thêm hai xã từ 01/7/2025, số hồ sơ tăng theo');
      await savedNow(o);
      await poll(() => o.locator('.wf-bar-summary').innerText()).toContain('Đủ điều kiện nộp');
      await o.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await confirmDialog(o, 'Nộp báo cáo');
      await poll(() => o.locator('.wf-status').first().innerText()).toContain('Đã nộp');
      expect(await field(o, 'dossiers_online').getAttribute('readonly')).not.toBeNull();
      expectOnly(officer, []);

      // ── the Sở: submitted figures in the ranking switch, then returned with a comment ──
      await a.goto(`${app.url}/xep-hang?ky=${NEW_ROUND.code}&chi-tieu=online_filing_rate`);
      await a.locator(`tr[data-row="${TINH_KHE}"]`).waitFor({ timeout: 20_000 });
      expect(await a.locator(`tr[data-row="${TINH_KHE}"] td.c-value`).innerText()).toBe('—'); // not approved yet
      await a.getByRole('switch', { name: 'Tính cả số liệu đã nộp, chưa duyệt' }).check();
      await poll(() => a.url()).toContain('da-nop=1');
      await poll(() => a.locator(`tr[data-row="${TINH_KHE}"] td.c-value`).innerText(), 15_000)
        .toBe(formatPercent((100 * online) / received));

      await a.goto(`${app.url}/tien-do?ky=${NEW_ROUND.code}`);
      await poll(() => a.locator(`tr[data-row="${TINH_KHE}"]`).getAttribute('data-status'), 20_000).toBe('submitted');
      expect(await a.locator('[data-count="submitted"] .wf-count-n').innerText()).toBe('1');
      await a.getByLabel('Tìm theo tên').fill('tinh khe');
      await poll(() => a.locator('tr[data-row]').count()).toBe(1);
      expect(await a.locator(`tr[data-row="${TINH_KHE}"]`).innerText()).toContain(OFFICER.displayName);
      await shot(a, 'tien-do-1366');
      await clean(admin);
      await a.getByRole('link', { name: 'Biểu mẫu: Xã Tịnh Khê' }).click();
      await a.getByRole('button', { name: 'Trả lại', exact: true }).click();
      const comment = 'Số hồ sơ trực tuyến chưa khớp Cổng dịch vụ công, đề nghị đối chiếu lại.';
      // a return without a comment is refused before anything is sent
      const dialog = a.locator('dialog[open]');
      await dialog.getByRole('button', { name: 'Trả lại', exact: true }).click();
      expect(await dialog.getByRole('alert').innerText()).toBe('Cần nhập nội dung.');
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await a.getByRole('button', { name: 'Trả lại', exact: true }).click();
      await confirmDialog(a, 'Trả lại', comment);
      await poll(() => a.locator('.wf-status').first().innerText()).toContain('Bị trả lại');
      expectOnly(admin, []);

      // ── the officer sees the comment, fixes the figure, submits again ─────────────────
      await o.reload();
      await poll(() => o.locator('[data-returned]').innerText(), 20_000).toContain(comment);
      await shot(o, 'nhap-lieu-bi-tra-lai-1366');
      const fixedOnline = online - 7;
      await field(o, 'dossiers_online').fill(formatNumber(fixedOnline));
      await savedNow(o);
      await o.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await confirmDialog(o, 'Nộp báo cáo');
      await poll(() => o.locator('.wf-status').first().innerText()).toContain('Đã nộp');
      await clean(officer);
      expectOnly(officer, []);

      // ── the Sở approves ──────────────────────────────────────────────────────────────
      await a.reload();
      await a.getByRole('button', { name: 'Duyệt', exact: true }).click({ timeout: 20_000 });
      await confirmDialog(a, 'Duyệt');
      await poll(() => a.locator('.wf-status').first().innerText()).toContain('Đã duyệt');
      await a.getByRole('button', { name: 'Mở lại', exact: true }).waitFor();
      expect(await field(a, 'dossiers_online').getAttribute('readonly')).not.toBeNull();

      // ── the ranking of that round shows the approved figures, without the switch ──────
      await a.goto(`${app.url}/xep-hang?ky=${NEW_ROUND.code}&chi-tieu=online_filing_rate`);
      await poll(() => a.locator(`tr[data-row="${TINH_KHE}"] td.c-value`).innerText(), 20_000)
        .toBe(formatPercent((100 * fixedOnline) / received));
      await shot(a, 'xep-hang-sau-khi-duyet-1366');

      // ── the audit: each step, who, old → new, how, the comment ───────────────────────
      await a.goto(`${app.url}/nhat-ky?xa=${TINH_KHE}&ky=${NEW_ROUND.code}`);
      await a.locator('tr[data-audit]').first().waitFor({ timeout: 20_000 });
      const hows = await a.locator('tr[data-audit]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-audit')));
      for (const how of ['form', 'submit', 'return', 'approval']) expect(hows).toContain(how);
      expect(hows.filter((h) => h === 'submit')).toHaveLength(2);
      const log = await a.locator('table.wf-audit').innerText();
      expect(log).toContain(comment);
      expect(log).toContain(OFFICER.username);
      expect(log).toContain(`${formatNumber(online)} → ${formatNumber(fixedOnline)}`);
      await shot(a, 'nhat-ky-xa-1366', true);
      await clean(admin);

      // the field's own history, beside the field
      await a.goto(`${app.url}/nhap-lieu?ky=${NEW_ROUND.code}&xa=${TINH_KHE}`);
      const details = a.locator('[data-element="dossiers_online"] details');
      await details.locator('summary').click({ timeout: 20_000 });
      await poll(() => details.locator('.wf-history li').count()).toBeGreaterThanOrEqual(3);
      expect(await details.innerText()).toContain(`${formatNumber(online)} → ${formatNumber(fixedOnline)}`);

      // ── approved figures change only after a reopen, with its reason in the audit ──────
      await a.getByRole('button', { name: 'Mở lại', exact: true }).click();
      const reason = 'Xã báo cáo bổ sung số hồ sơ tháng 12 sau khi Cổng DVC cập nhật.';
      await confirmDialog(a, 'Mở lại', reason);
      await poll(() => a.locator('.wf-status').first().innerText()).toContain('Bị trả lại');
      await a.goto(`${app.url}/nhat-ky?xa=${TINH_KHE}&ky=${NEW_ROUND.code}`);
      await poll(() => a.locator('tr[data-audit="reopen"]').innerText()).toContain(reason);

      // ── the progress list as the Sở downloads it (the API's CSV) ────────────────────────
      await a.goto(`${app.url}/tien-do?ky=${NEW_ROUND.code}`);
      const csvHref = await a.getByRole('link', { name: 'Tải danh sách (CSV)' }).getAttribute('href', { timeout: 20_000 });
      const csv = await a.request.get(app.url + csvHref!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toContain('Xã Tịnh Khê');

      // ── the round is closed: the form is for reading only ───────────────────────────────
      await a.goto(`${app.url}/quan-tri/ky-bao-cao`);
      await a.getByRole('button', { name: `Đóng kỳ ${NEW_ROUND.name}` }).click({ timeout: 20_000 });
      await confirmDialog(a, 'Đóng kỳ');
      await poll(() => a.locator(`tr[data-round="${NEW_ROUND.code}"]`).innerText()).toContain('Đã đóng');
      await o.goto(`${app.url}/nhap-lieu?ky=${NEW_ROUND.code}`);
      await poll(() => o.locator('.wf-alert').allInnerTexts()).toContainEqual(expect.stringContaining('Kỳ này đã đóng'));
      expect(await field(o, 'dossiers_online').getAttribute('readonly')).not.toBeNull();
      expect(await o.getByRole('button', { name: 'Nộp báo cáo' }).count()).toBe(0);
      expectOnly(officer, []);
      expectOnly(admin, []);
      await o.context().close();
      await a.context().close();
    },
    240_000,
  );

  it('Tài khoản: lãnh đạo chỉ xem, đổi mật khẩu, đăng xuất; quản trị khóa tài khoản và đặt lại mật khẩu', async () => {
    // the leader: Tiến độ only, read-only, no admin pages
    const leader = await signIn('lanhdao');
    const l = leader.page;
    expect(await l.locator('.main-nav a').allInnerTexts()).toEqual(['Tổng quan', 'Xếp hạng', 'Ngân sách', 'Tiến độ']);
    await l.goto(`${app.url}/tien-do?ky=${DEMO_ROUND}`);
    await poll(() => l.locator('tr[data-row]').count(), 20_000).toBe(96);
    expect(await l.getByRole('link', { name: /^Biểu mẫu/ }).count()).toBe(0);
    await l.locator('[data-count="returned"]').click();
    await poll(() => l.url()).toContain('trang-thai=returned');
    const returned = Number(await l.locator('[data-count="returned"] .wf-count-n').innerText());
    await poll(() => l.locator('tr[data-row]').count()).toBe(returned);
    await l.goto(`${app.url}/quan-tri/nguoi-dung`);
    await poll(() => l.getByRole('alert').innerText(), 20_000).toContain('chỉ dành cho tài khoản quản trị');

    // changing the password: the two entries must match, then it works
    await l.getByRole('button', { name: /Lãnh đạo/ }).click();
    await l.getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await l.getByLabel('Mật khẩu hiện tại').fill(E2E_PASSWORD);
    await l.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('lanh-dao-moi-2026');
    await l.getByLabel('Nhập lại mật khẩu mới').fill('lanh-dao-khac-2026');
    await l.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    expect(await l.getByRole('alert').innerText()).toBe('Hai lần nhập mật khẩu mới không khớp.');
    await l.getByLabel('Nhập lại mật khẩu mới').fill('lanh-dao-moi-2026');
    await l.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => l.getByRole('status').allInnerTexts()).toContainEqual(expect.stringContaining('Đã đổi mật khẩu'));
    await shot(l, 'tai-khoan-1366');
    await clean(leader);
    await l.getByRole('button', { name: /Lãnh đạo/ }).click();
    await l.getByRole('button', { name: 'Đăng xuất' }).click();
    await poll(() => l.locator('.user-signin').innerText()).toBe('Đăng nhập');
    expectOnly(leader, []);
    await l.context().close();
    const again = await signIn('lanhdao', 'lanh-dao-moi-2026');
    await poll(() => again.page.locator('.user-button').innerText()).toContain('Lãnh đạo');
    expectOnly(again, []);
    await again.page.context().close();

    // the admin resets the officer's password, then locks the account
    const admin = await signIn('admin', E2E_PASSWORD, DESKTOP, '/quan-tri/nguoi-dung');
    const a = admin.page;
    await ensureOfficer(a);
    const row = a.locator(`tr[data-user="${OFFICER.username}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: `Đặt lại mật khẩu ${OFFICER.username}` }).click();
    await confirmDialog(a, 'Đặt lại mật khẩu', 'mat-khau-dat-lai-2026');
    await poll(() => a.getByRole('status').allInnerTexts()).toContainEqual(`Đã đặt lại mật khẩu cho ${OFFICER.username}.`);
    await row.getByRole('button', { name: `Khóa ${OFFICER.username}` }).click();
    await confirmDialog(a, 'Khóa');
    await poll(() => row.innerText()).toContain('Đã khóa');
    await shot(a, 'quan-tri-tai-khoan-1366');
    await clean(admin);
    expectOnly(admin, []);
    await a.context().close();

    // the locked officer cannot sign in, even with the new password
    const locked = await open('/dang-nhap');
    await locked.page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
    await locked.page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-dat-lai-2026');
    await locked.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await poll(() => locked.page.getByRole('alert').innerText()).toContain('tài khoản đã bị khóa');
    expectOnly(locked, [/HTTP 401: .*\/api\/auth\/login$/]);
    await locked.page.context().close();
  }, STEP_TIMEOUT);
});
