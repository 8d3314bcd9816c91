// Entry with no network in the mountain communes (issue 15), in headless Chromium against the app
// as `npm start` serves it (the production build, so the service worker is the real one):
//  - an officer's phone opens /nhap-lieu, loses the network, reloads: the form opens from what the
//    browser kept; a figure typed then survives a closed tab; when the network returns, untouched,
//    the figure reaches the server, exactly once in the audit; signing out leaves nothing behind;
//  - every tab closed before the network returns: the service worker sends it (Background Sync);
//  - the Sở saves the same form meanwhile: the officer sees both values of the field and chooses;
//  - the round is closed meanwhile: the figure is kept and explained, not dropped, and signing out
//    asks first.
// Waits are for outcomes (a field, a line, an audit row), never for time. Every page fails on a
// console error, a failed request or an HTTP error, except the ones going offline provokes.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROMIUM, DESKTOP, launch, PHONE } from './browser';
import { E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
const DEMO_ROUND = 'm10-2026';
const MO_RAI = '23536';
const TINH_KHE = '21211';
const KHANH_CUONG = '21472';
const XOP = '23356';
const STEP_TIMEOUT = 180_000;
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

/** What going offline provokes on purpose: the API's requests fail, and Chromium logs each one. */
const OFFLINE_NOISE = [/requestfailed: .*ERR_INTERNET_DISCONNECTED/, /console\.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED/];

describe.skipIf(!hasChromium)('nhập liệu khi mất mạng (Chromium, service worker thật)', () => {
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

  /** Every problem of every page of a context, for the end of the journey. */
  function watch(context: BrowserContext) {
    const problems: string[] = [];
    const guard = (page: Page) => {
      page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => {
        const why = r.failure()?.errorText ?? '';
        if (!why.includes('ERR_ABORTED')) problems.push(`requestfailed: ${r.url()} ${why}`);
      });
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    };
    context.on('page', guard);
    return {
      problems,
      /** the problems left once the expected ones are removed */
      unexpected: (expected: RegExp[]) => problems.filter((p) => ![...OFFLINE_NOISE, ...expected].some((re) => re.test(p))),
    };
  }

  async function signIn(username: string, opts: BrowserContextOptions, next: string) {
    const context = await browser.newContext(opts);
    const watched = watch(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/dang-nhap?tiep=${encodeURIComponent(next)}`, { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/dang-nhap', { timeout: 20_000 });
    return { context, page, watched };
  }

  /** The API as another person (the Sở), straight from Node: a session cookie and its write token. */
  async function apiAs(username: string) {
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: E2E_PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return async (method: string, url: string, body?: unknown) => {
      const r = await fetch(app.url + url, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
  }

  /** Đăng xuất from the account menu (on a phone, inside the header's menu first). */
  async function signOut(page: Page) {
    const toggle = page.locator('button.menu-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.locator('.user-button').click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  }

  const field = (page: Page, code: string) => page.locator(`#f-${code}`);
  const saveState = (page: Page) => page.locator('[data-save]');
  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });

  /** The service worker has taken the page over and keeps this build (the page can now open offline). */
  async function controlled(page: Page) {
    await poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), 60_000).toBe(true);
    await poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('nq57-shell-')).length)).toBe(1);
  }

  /** What this origin keeps in the browser: IndexedDB (outbox, kept answers, session), the form's localStorage copies, the caches. */
  function kept(page: Page) {
    return page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      const stores = { outbox: [] as unknown[], kept: [] as string[], session: [] as unknown[] };
      if (names.includes('nq57')) {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('nq57');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const all = (s: string) =>
          new Promise<unknown[]>((ok) => {
            const r = db.transaction(s).objectStore(s).getAll();
            r.onsuccess = () => ok(r.result);
          });
        stores.outbox = await all('outbox');
        stores.kept = ((await all('kept')) as { key: string }[]).map((k) => k.key);
        stores.session = await all('session');
        db.close();
      }
      const drafts = Object.keys(localStorage).filter((k) => k.startsWith('nq57:nhap-lieu:'));
      const cached: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) cached.push(new URL(req.url).pathname);
      return { ...stores, drafts, caches: await caches.keys(), cached };
    });
  }

  /** A figure of a commune's form as the server holds it now. */
  async function serverValue(api: Awaited<ReturnType<typeof apiAs>>, commune: string, period: string, element: string) {
    const r = await api('GET', `/api/periods/${period}/submissions/${commune}`);
    return (r.body.values as { element: string; value: number | null }[]).find((v) => v.element === element)?.value;
  }

  /** The outbox records with something still to send, confirm or show (a settled one only remembers a version). */
  const waiting = (outbox: unknown[]) =>
    (outbox as { key: string; values: object; explanations: object; sending: unknown; held: unknown; conflicts: unknown[] }[]).filter(
      (r) => Object.keys(r.values).length || Object.keys(r.explanations).length || r.sending || r.held || r.conflicts.length,
    );

  /** The audit rows of one figure of a commune's form (as the Sở reads them). */
  async function auditOf(api: Awaited<ReturnType<typeof apiAs>>, commune: string, period: string, element: string) {
    const r = await api('GET', `/api/audit?commune=${commune}&period=${period}&element=${element}`);
    expect(r.status).toBe(200);
    return (r.body.entries as { how: string; newValue: number | null; actor: string }[]).filter((e) => e.how === 'form');
  }

  it(
    'Điện thoại 360 px: mất mạng vẫn mở được biểu mẫu, số đã gõ còn sau khi đóng thẻ, có mạng lại thì tự gửi đúng một lần; đăng xuất xóa sạch',
    async () => {
      const sở = await apiAs('admin');
      const { context, page, watched } = await signIn('xa.morai', PHONE, '/nhap-lieu');
      await poll(() => page.url()).toContain(`/nhap-lieu?ky=${DEMO_ROUND}`);
      await field(page, 'dossiers_received').waitFor({ timeout: 30_000 });
      await controlled(page);
      // the answers the form needs are kept for this account, those read before the sign-in too
      // (the rounds, the catalogue, the communes: a form opened offline needs its round), and
      // nothing of the API is in a cache
      const needed = [['periods'], ['catalogue', 'indicators'], ['communes', 'list'], ['submissions', 'xa', MO_RAI], ['submissions', DEMO_ROUND, MO_RAI]].map((k) => JSON.stringify(k));
      await poll(async () => (await kept(page)).kept).toEqual(expect.arrayContaining(needed));
      expect((await kept(page)).session).toEqual([expect.objectContaining({ username: 'xa.morai', me: expect.objectContaining({ csrfToken: null }) })]);
      expect((await kept(page)).cached.filter((p) => p.startsWith('/api/'))).toEqual([]);
      const before = (await auditOf(sở, MO_RAI, DEMO_ROUND, 'dossiers_received')).length;

      // the page's own triggers are what this journey checks (Background Sync is the next one's):
      // without this, the worker would send on reconnection even if the `online` listener were broken
      await context.addInitScript(() => typeof ServiceWorkerRegistration === 'function' && Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', { get: () => undefined, configurable: true }));

      // ── no network: the page reloads from the service worker and the kept answers ─────────
      await context.setOffline(true);
      const reloaded = await page.reload({ waitUntil: 'domcontentloaded' });
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await field(page, 'dossiers_received').waitFor({ timeout: 30_000 });
      expect(await page.locator('h1').innerText()).toContain('Xã Mô Rai');
      await field(page, 'dossiers_received').fill('321');
      await poll(() => page.locator('[data-outbox-waiting]').getAttribute('data-outbox-waiting')).toBe('1');
      expect(await page.locator('[data-outbox]').innerText()).toContain('1 thay đổi chưa gửi');
      await poll(() => saveState(page).innerText()).toContain('Mất kết nối');
      await shot(page, 'nhap-lieu-mat-mang-360');
      const violations = await axe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

      // … the tab is closed, and opened again, still with no network
      await page.close();
      const page2 = await context.newPage();
      await page2.goto(`${app.url}/nhap-lieu`, { waitUntil: 'domcontentloaded' });
      await poll(() => field(page2, 'dossiers_received').inputValue(), 30_000).toBe('321');
      expect(await page2.locator('[data-outbox]').innerText()).toContain('1 thay đổi chưa gửi');
      await shot(page2, 'nhap-lieu-mo-lai-khi-mat-mang-360');

      // four days go by with no signal (the figure's time is moved back): the page says so plainly
      await page2.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok) => {
          const r = indexedDB.open('nq57');
          r.onsuccess = () => ok(r.result);
        });
        const tx = db.transaction('outbox', 'readwrite');
        const store = tx.objectStore('outbox');
        const all = await new Promise<{ values: Record<string, { at: string }>; sending: { values: Record<string, { at: string }> } | null }[]>((ok) => {
          const q = store.getAll();
          q.onsuccess = () => ok(q.result);
        });
        const old = new Date(Date.now() - 4 * 24 * 3600_000).toISOString();
        for (const r of all) {
          for (const f of [...Object.values(r.values), ...Object.values(r.sending?.values ?? {})]) f.at = old;
          store.put(r);
        }
        // the reload below must not abort the write: wait until it is committed
        await new Promise((ok, fail) => {
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      });
      await page2.reload({ waitUntil: 'domcontentloaded' });
      await poll(() => page2.locator('[data-outbox-stale]').innerText(), 30_000).toContain('Đã hơn 3 ngày');
      await shot(page2, 'nhap-lieu-3-ngay-chua-gui-360');

      // ── the network is back; nobody touches anything ───────────────────────────────────────
      // within seconds: well under the 30 s offline poll (runner.ts), so only the `online` event passes
      expect(await page2.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync?: unknown }).sync)).toBeUndefined();
      await context.setOffline(false);
      await poll(async () => (await auditOf(sở, MO_RAI, DEMO_ROUND, 'dossiers_received')).length, 8_000).toBeGreaterThan(before);
      await poll(() => saveState(page2).innerText(), 30_000).toMatch(/^Đã lưu lúc/);
      await poll(() => page2.locator('[data-outbox-waiting]').count()).toBe(0);
      await poll(async () => waiting((await kept(page2)).outbox)).toEqual([]);
      // exactly once: one new row, the figure typed offline, by the officer
      const after = await auditOf(sở, MO_RAI, DEMO_ROUND, 'dossiers_received');
      expect(after.length - before).toBe(1);
      expect(after[0]).toMatchObject({ newValue: 321, actor: 'xa.morai' });
      expect(await serverValue(sở, MO_RAI, DEMO_ROUND, 'dossiers_received')).toBe(321);

      // ── signing out leaves nothing of the account in this browser ─────────────────────────
      await signOut(page2);
      await poll(() => page2.locator('.user-signin').innerText()).toBe('Đăng nhập');
      const left = await kept(page2);
      expect(left).toMatchObject({ outbox: [], kept: [], session: [], drafts: [] });
      // the caches hold the app's code only
      expect(left.caches.every((c) => c.startsWith('nq57-shell-'))).toBe(true);
      expect(left.cached.filter((p) => p.startsWith('/api/'))).toEqual([]);
      expect(watched.unexpected([])).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'Đóng hết các thẻ rồi mới có mạng lại: trình duyệt tự gửi (Background Sync của service worker), đúng một lần',
    async () => {
      const sở = await apiAs('admin');
      const { context, page, watched } = await signIn('xa.xop', PHONE, '/nhap-lieu');
      await field(page, 'dossiers_received').waitFor({ timeout: 30_000 });
      await controlled(page);
      const before = (await auditOf(sở, XOP, DEMO_ROUND, 'dossiers_received')).length;

      await context.setOffline(true);
      await field(page, 'dossiers_received').fill('4.321');
      await poll(() => page.locator('[data-outbox-waiting]').getAttribute('data-outbox-waiting')).toBe('1');
      // the page asked the browser to wake the worker when the network is back
      expect(await page.evaluate(async () => (await (await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags())).toContain('nq57-outbox');
      await page.close();
      expect(context.pages()).toEqual([]);

      // no tab open: only the service worker can send it
      await context.setOffline(false);
      await poll(async () => (await auditOf(sở, XOP, DEMO_ROUND, 'dossiers_received')).length, 30_000).toBeGreaterThan(before);
      const after = await auditOf(sở, XOP, DEMO_ROUND, 'dossiers_received');
      expect(after.length - before).toBe(1);
      expect(after[0]).toMatchObject({ newValue: 4321, actor: 'xa.xop' });

      // opened again: nothing waits, the figure is the server's
      const page2 = await context.newPage();
      await page2.goto(`${app.url}/nhap-lieu`, { waitUntil: 'domcontentloaded' });
      await poll(() => field(page2, 'dossiers_received').inputValue(), 30_000).toMatch(/^4\.?321$/);
      expect(await page2.locator('[data-outbox-waiting]').count()).toBe(0);
      expect((await auditOf(sở, XOP, DEMO_ROUND, 'dossiers_received')).length - before).toBe(1);
      expect(watched.unexpected([])).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'Sở sửa cùng ô trong lúc xã mất mạng: xã thấy cả hai số và tự chọn; ô không trùng được gửi',
    async () => {
      const sở = await apiAs('admin');
      const url = `/nhap-lieu?ky=${DEMO_ROUND}`;
      const { context, page, watched } = await signIn('xa.tinhkhe', DESKTOP, url);
      await field(page, 'it_staff').waitFor({ timeout: 30_000 });
      await controlled(page);

      await context.setOffline(true);
      await field(page, 'it_staff').fill('3');
      await field(page, 'digital_certificates').fill('77');
      await poll(() => page.locator('[data-outbox-waiting]').getAttribute('data-outbox-waiting')).toBe('2');
      expect(await page.locator('[data-outbox]').innerText()).toMatch(/2 thay đổi chưa gửi, lưu trên máy này từ \d{2}:\d{2}\./);

      // meanwhile the Sở corrects the same figure on the server
      const now = await sở('GET', `/api/periods/${DEMO_ROUND}/submissions/${TINH_KHE}`);
      const saved = await sở('PUT', `/api/periods/${DEMO_ROUND}/submissions/${TINH_KHE}`, { version: now.body.version, values: { it_staff: 5 } });
      expect(saved.status).toBe(200);

      // back online: the save is refused (409), never applied over the Sở's
      await context.setOffline(false);
      await poll(() => page.locator('[data-conflict]').innerText(), 30_000).toContain('vừa được người khác lưu');
      await page.locator('.wf-bar').getByRole('button', { name: 'Tải lại' }).click();
      // the untouched field goes through; the field both changed waits for the officer, both values shown
      const choice = page.locator('[data-choice="it_staff"]');
      await poll(() => choice.locator('[data-mine]').innerText()).toBe('3');
      expect(await choice.locator('[data-theirs]').innerText()).toBe('5');
      expect(await field(page, 'it_staff').inputValue()).toBe('5');
      await poll(() => serverValue(sở, TINH_KHE, DEMO_ROUND, 'digital_certificates')).toBe(77);
      await choice.scrollIntoViewIfNeeded();
      await shot(page, 'nhap-lieu-chon-gia-tri-1366');
      const violations = await axe(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

      // the choice survives a reload until it is made
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('[data-choice="it_staff"]').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: /^Dùng số của tôi cho ô / }).click();
      await poll(() => page.locator('[data-choose]').count()).toBe(0);
      await poll(() => field(page, 'it_staff').inputValue()).toBe('3');
      await poll(() => serverValue(sở, TINH_KHE, DEMO_ROUND, 'it_staff'), 30_000).toBe(3);
      const audit = await auditOf(sở, TINH_KHE, DEMO_ROUND, 'it_staff');
      expect(audit.slice(0, 2).map((e) => [e.actor, e.newValue])).toEqual([
        ['xa.tinhkhe', 3],
        ['admin', 5],
      ]);
      expect(watched.unexpected([/HTTP 409: .*\/submissions\/21211$/, /console\.error: Failed to load resource: the server responded with a status of 409/])).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'Kỳ bị đóng trong lúc xã mất mạng: số đã gõ được giữ và giải thích; đăng xuất hỏi trước rồi xóa sạch',
    async () => {
      const sở = await apiAs('admin');
      const round = { code: 'q4-2026', name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10' };
      expect((await sở('POST', '/api/periods', round)).status).toBe(201);
      const url = `/nhap-lieu?ky=${round.code}`;
      const { context, page, watched } = await signIn('xa.khanhcuong', PHONE, url);
      await field(page, 'dossiers_received').waitFor({ timeout: 30_000 });
      await controlled(page);

      await context.setOffline(true);
      await field(page, 'dossiers_received').fill('2.468');
      await poll(() => page.locator('[data-outbox-waiting]').getAttribute('data-outbox-waiting')).toBe('1');
      expect((await sở('PATCH', `/api/periods/${round.code}`, { status: 'closed' })).status).toBe(200);

      await context.setOffline(false);
      const held = page.locator('[data-held]');
      await poll(() => held.innerText(), 30_000).toContain('đã đóng');
      expect(await held.locator('[data-held-field="dossiers_received"]').innerText()).toContain('bạn nhập 2.468');
      expect(await field(page, 'dossiers_received').getAttribute('readonly')).not.toBeNull();
      await held.scrollIntoViewIfNeeded();
      await shot(page, 'nhap-lieu-ky-da-dong-360');
      // kept, not dropped: still there after a reload
      await page.reload({ waitUntil: 'domcontentloaded' });
      await poll(() => page.locator('[data-held-field="dossiers_received"]').innerText(), 30_000).toContain('2.468');
      expect(await auditOf(sở, KHANH_CUONG, round.code, 'dossiers_received')).toEqual([]);

      // signing out would delete it: the officer is asked first
      await signOut(page);
      const dialog = page.locator('dialog[open]');
      await poll(() => dialog.innerText()).toContain('Còn 1 thay đổi chưa gửi');
      await dialog.getByRole('button', { name: 'Vẫn đăng xuất và xóa' }).click();
      await poll(() => page.locator('.user-signin').innerText()).toBe('Đăng nhập');
      expect(await kept(page)).toMatchObject({ outbox: [], kept: [], session: [], drafts: [] });
      expect(watched.unexpected([/HTTP 409: .*\/submissions\/21472$/, /console\.error: Failed to load resource: the server responded with a status of 409/])).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it('Biểu mẫu nói trình duyệt có giữ lâu dài số liệu chưa gửi hay không, đúng như trình duyệt trả lời', async () => {
    const { context, page, watched } = await signIn('xa.morai', PHONE, `/nhap-lieu?ky=${DEMO_ROUND}`);
    await field(page, 'dossiers_received').waitFor({ timeout: 30_000 });
    const line = page.getByText(/^Trình duyệt (giữ lâu dài|có thể xóa) số liệu chưa gửi/);
    await poll(() => line.count()).toBe(1);
    // the form asked (navigator.storage.persist()); what it shows is the browser's answer
    const kept = await page.evaluate(() => navigator.storage.persisted());
    expect(await line.innerText()).toBe(
      kept ? 'Trình duyệt giữ lâu dài số liệu chưa gửi trên máy này.' : 'Trình duyệt có thể xóa số liệu chưa gửi khi máy đầy bộ nhớ: hãy gửi ngay khi có mạng.',
    );
    expect(watched.unexpected([])).toEqual([]);
    await context.close();
  });

  it('Ứng dụng cài được: manifest tiếng Việt, biểu tượng, service worker không bị lưu đệm', async () => {
    const manifest = await fetch(`${app.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const m = (await manifest.json()) as { name: string; short_name: string; lang: string; start_url: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(m).toMatchObject({ lang: 'vi', start_url: '/nhap-lieu', display: 'standalone', short_name: 'NQ57 Quảng Ngãi' });
    expect(m.name).toContain('Sở KH&CN Quảng Ngãi');
    for (const want of [
      { sizes: '192x192', purpose: 'any' },
      { sizes: '512x512', purpose: 'any' },
      { sizes: '512x512', purpose: 'maskable' },
    ]) {
      const icon = m.icons.find((i) => i.sizes === want.sizes && i.purpose === want.purpose)!;
      const r = await fetch(app.url + icon.src);
      expect(r.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await r.arrayBuffer());
      const side = Number(want.sizes.split('x')[0]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([side, side]);
    }
    const sw = await fetch(`${app.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toContain('javascript');
    // the hashed chunks keep their long cache
    const html = await (await fetch(`${app.url}/nhap-lieu`)).text();
    const chunk = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    expect((await fetch(app.url + chunk)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
