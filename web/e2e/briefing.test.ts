// The briefing on the big screen, in headless Chromium against the app started as `npm start`
// starts it: every slide type at 1920×1080 and 3840×2160 (nothing overflows, no text under 24 px
// at 1080p, no console error), the slides turning by themselves and under the keys, a figure
// approved in the API reaching the screen through the live stream (no polling), polling where the
// stream cannot open, the "Mất kết nối" marker within 5 s of the network going quiet, the admin page, and a briefing link that opens its playlist without a sign-in where
// reading needs one. Screenshots go to test-artifacts/briefing-*.png.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROMIUM, guardedPage, launch, type Guarded } from './browser';
import { startRelay } from './proxy';
import { apiLogin, E2E_PASSWORD, ROOT, startApp, type RunningApp } from './server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[e2e] ${CHROMIUM} không có: bỏ qua hành trình trình chiếu.`);

const FULL_HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
/** the open demo round: some communes' figures wait for approval there */
const OPEN_ROUND = 'm10-2026';

/** What the eye would catch: text past the edge, text too small, text on text, a scrollbar. */
async function layoutProblems(page: Page, minFont: number) {
  return page.evaluate((min) => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) out.push(`scrollbar: ${root.scrollWidth}×${root.scrollHeight}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.briefing *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) out.push(`outside the screen: ${el.className || el.tagName} ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    // every visible piece of text: big enough, inside the screen and its box, not on another text
    const boxes: { text: string; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.querySelector('.briefing') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (!text) continue;
      const el = n.parentElement!;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = Array.from(range.getClientRects()).filter((x) => x.width > 0 && x.height > 0);
      if (rects.length === 0) continue;
      const size = parseFloat(cs.fontSize);
      if (size < min - 0.01) out.push(`text ${size.toFixed(1)} px < ${min} px: "${text.slice(0, 40)}"`);
      for (const r of rects) {
        if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) out.push(`text cut off by the screen: "${text.slice(0, 40)}"`);
        // clipped by a box that hides what overflows it
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflow === 'visible' && s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const b = a.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) out.push(`text cut off by ${a.className || a.tagName}: "${text.slice(0, 40)}"`);
          break;
        }
        boxes.push({ text, r });
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (ox > 2 && oy > 2) out.push(`text on text: "${boxes[i].text.slice(0, 30)}" / "${boxes[j].text.slice(0, 30)}"`);
      }
    }
    return out;
  }, minFont);
}

/** axe's serious violations inside `scope` (the site header around the admin page is another page's work). */
async function violationsIn(page: Page, scope: string) {
  const all = await axe(page);
  const inside = await page.evaluate(
    ([targets, sel]) => targets.map((t) => !!document.querySelector(t)?.closest(sel)),
    [all.flatMap((v) => v.nodes.map((n) => n.target[0])), scope] as [string[], string],
  );
  let i = 0;
  return all.filter((v) => v.nodes.map(() => inside[i++]).some(Boolean));
}

const slideIndex = (page: Page) => page.locator('.briefing').getAttribute('data-slide-index').then(Number);
const slideType = (page: Page) => page.locator('.briefing').getAttribute('data-slide-type');
const title = (page: Page) => page.locator('.bf-title').innerText();

describe.skipIf(!hasChromium)('trình chiếu trên màn hình lớn (Chromium)', () => {
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

  async function open(url: string, viewport = FULL_HD, base = app.url): Promise<Guarded> {
    const g = await guardedPage(browser, { viewport, locale: 'vi-VN' });
    await g.page.goto(base + url, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => slideType(g.page), { timeout: 30_000 }).not.toBe('loading');
    return g;
  }

  /** Waits for the slide's figures: a real title, not the loading line. */
  async function settled(page: Page) {
    await expect.poll(() => title(page), { timeout: 20_000 }).not.toBe('Đang tải số liệu…');
  }

  for (const [size, viewport, minFont] of [
    ['1080', FULL_HD, 24],
    // 4K is the same slide twice as large, not the 1080p slide in a corner
    ['2160', UHD, 48],
  ] as const) {
    it(`mọi loại trang ở ${viewport.width}×${viewport.height}: vừa màn hình, chữ từ ${minFont} px, không lỗi`, async () => {
      // the latest closed round, and the open one, where 36 communes have not reported yet (the
      // longest list the screen has to hold)
      for (const round of [null, OPEN_ROUND]) {
        await everySlide(round, viewport, size, minFont);
      }
    });
  }

  async function everySlide(round: string | null, viewport: { width: number; height: number }, size: string, minFont: number) {
    {
      const g = await open(`/trinh-chieu?giay=600${round ? `&ky=${round}` : ''}`, viewport);
      const { page } = g;
      const count = Number((await page.locator('.bf-count').innerText()).split('/')[1]);
      expect(count).toBe(8);
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        await page.keyboard.press(String(i + 1));
        await expect.poll(() => slideIndex(page)).toBe(i);
        await settled(page);
        const type = (await slideType(page))!;
        seen.add(type);
        // the slide has its body, drawn from the demo figures
        expect(await page.locator('.bf-body > *').count(), type).toBeGreaterThan(0);
        expect(await page.locator('.bf-asof').innerText()).toMatch(/^Số liệu đến ngày \d{2}\/\d{2}\/\d{4}/);
        expect(await page.locator('.bf-refreshed').innerText()).toMatch(/^Cập nhật \d{2}:\d{2}:\d{2}$/);
        const problems = await layoutProblems(page, minFont);
        await page.screenshot({ path: path.join(ARTIFACTS, `briefing-${round ?? 'moi-nhat'}-${i + 1}-${type}-${size}.png`) });
        expect(problems, `${type} ${size}`).toEqual([]);
      }
      expect([...seen].sort()).toEqual(['bottom', 'budget', 'indicator', 'movers', 'not_reported', 'overview', 'top']);
      if (size === '1080') {
        const violations = await axe(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      }
      expect(g.problems).toEqual([]);
      await page.context().close();
    }
  }

  it('tự chuyển trang, vòng lại, tạm dừng và điều khiển bằng bàn phím (?giay=2)', async () => {
    const g = await open('/trinh-chieu?giay=2');
    const { page } = g;
    expect(await slideIndex(page)).toBe(0);
    // the thin bar runs for the slide's two seconds
    expect(await page.locator('.bf-progress span').evaluate((el) => getComputedStyle(el).animationDuration)).toBe('2s');
    await expect.poll(() => slideIndex(page), { timeout: 5000, interval: 100 }).toBe(1);
    await expect.poll(() => slideIndex(page), { timeout: 5000, interval: 100 }).toBe(2);

    // space pauses: the slide stays, the marker says so, the bar stops
    await page.keyboard.press(' ');
    const paused = await slideIndex(page);
    await expect.poll(() => page.locator('.briefing').getAttribute('data-paused')).toBe('true');
    expect(await page.locator('.bf-pill-paused').innerText()).toContain('Tạm dừng');
    expect(await page.locator('.bf-progress span').evaluate((el) => getComputedStyle(el).animationPlayState)).toBe('paused');
    await page.waitForTimeout(3000);
    expect(await slideIndex(page)).toBe(paused);

    // the keys move while paused: → PageDown forward, ← PageUp back, a number jumps
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideIndex(page)).toBe(paused + 1);
    await page.keyboard.press('PageDown');
    await expect.poll(() => slideIndex(page)).toBe(paused + 2);
    await page.keyboard.press('PageUp');
    await expect.poll(() => slideIndex(page)).toBe(paused + 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slideIndex(page)).toBe(paused);
    await page.keyboard.press('1');
    await expect.poll(() => slideIndex(page)).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slideIndex(page)).toBe(7);
    expect(await page.locator('.bf-count').innerText()).toBe('Trang 8/8');

    // space again: it runs on, and after the last slide comes the first
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.briefing').getAttribute('data-paused')).toBe('false');
    await expect.poll(() => slideIndex(page), { timeout: 5000, interval: 100 }).toBe(0);

    // F toggles full screen
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('F');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  /** The Sở returns one commune's submitted report in the open round: it is "chưa báo cáo" again. */
  async function returnOne() {
    const admin = await apiLogin(app.url);
    const done = await admin.send<{ rows: { communeCode: string; status: string }[] }>('GET', `/api/periods/${OPEN_ROUND}/completeness`);
    const submitted = done.body.rows.find((r) => r.status === 'submitted');
    expect(submitted, 'the demo has submitted figures waiting for approval').toBeTruthy();
    const returned = await admin.send('POST', `/api/periods/${OPEN_ROUND}/submissions/${submitted!.communeCode}/return`, { comment: 'Đề nghị xã bổ sung số liệu.' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
  }

  /** Holds the screen on the "not reported" slide of the open round; returns its count and starts recording titles. */
  /**
   * The slide a key turns to, pressed as the user does and again until the screen has its slides
   * and takes it: a press made while a (re)loaded screen still read its playlist went nowhere in
   * loaded full runs.
   */
  async function turnTo(page: Page, key: string, type: string) {
    await expect
      .poll(
        async () => {
          if ((await slideType(page)) !== type) await page.keyboard.press(key);
          return slideType(page);
        },
        { timeout: 30_000 },
      )
      .toBe(type);
  }

  async function watchNotReported(page: Page) {
    await turnTo(page, '7', 'not_reported');
    await settled(page);
    const before = await title(page);
    const m = /^(\d+) xã chưa báo cáo/.exec(before);
    expect(m, before).not.toBeNull();
    // every title the screen shows from now on
    await page.evaluate(() => {
      const w = window as unknown as { titles: string[] };
      w.titles = [];
      const h1 = document.querySelector('.bf-title')!;
      new MutationObserver(() => w.titles.push(h1.textContent ?? '')).observe(h1, { childList: true, characterData: true, subtree: true });
    });
    return { before, waiting: Number(m![1]) };
  }

  async function updatedWithoutFlicker(page: Page, before: string, waiting: number) {
    await expect.poll(() => title(page), { timeout: 15_000 }).toBe(before.replace(String(waiting), String(waiting + 1)));
    const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
    // straight from the old figure to the new one: never a loading line or an empty title between
    expect(titles.every((t) => /^\d+ xã chưa báo cáo/.test(t)), titles.join(' | ')).toBe(true);
  }

  it('số liệu mới được duyệt hiện lên màn hình qua luồng trực tiếp, không chờ làm mới định kỳ, không nhấp nháy', async () => {
    // refreshing only every 10 minutes: what shows within the test came through the stream
    const g = await open(`/trinh-chieu?ky=${OPEN_ROUND}&giay=600&lam-moi=600`);
    const { page } = g;
    await expect.poll(() => page.locator('.briefing').getAttribute('data-stream')).toBe('live');
    const { before, waiting } = await watchNotReported(page);
    await returnOne();
    await updatedWithoutFlicker(page, before, waiting);
    expect(g.problems).toEqual([]);
    await page.context().close();
  });

  it('luồng trực tiếp không mở được (proxy chặn): màn hình tự làm mới định kỳ như trước', async () => {
    const g = await open(`/trinh-chieu?ky=${OPEN_ROUND}&giay=600&lam-moi=2`);
    const { page } = g;
    // a proxy that refuses (or buffers) the stream
    await page.route('**/api/events*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"statusCode":503,"code":"X","message":"x"}' }));
    // the stream opened before the route: the page is reloaded behind the proxy
    await page.reload();
    await expect.poll(() => page.locator('.briefing').getAttribute('data-stream'), { timeout: 30_000 }).toBe('unavailable');
    const { before, waiting } = await watchNotReported(page);
    await returnOne();
    await updatedWithoutFlicker(page, before, waiting);
    // no "lost" marker for a stream that never opened: the figures are current
    expect(await page.locator('.briefing').getAttribute('data-connection')).toBe('ok');
    expect(g.problems.filter((p) => !/HTTP 503: .*\/api\/events|status of 503/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('mất kết nối: trong 5 giây hiện "Mất kết nối", giữ số liệu cũ, tự hồi phục', async () => {
    // the meeting room's network, between the screen and the server
    const relay = await startRelay(app.url);
    try {
      const g = await open('/trinh-chieu?giay=600&lam-moi=600', FULL_HD, relay.url);
      const { page } = g;
      await settled(page);
      await expect.poll(() => page.locator('.briefing').getAttribute('data-stream')).toBe('live');
      const shown = await title(page);
      expect(await page.locator('.bf-pill-lost').count()).toBe(0);
      const refreshed = await page.locator('.briefing').getAttribute('data-refreshed-at');

      // every font the page may use is in (the marker's weight would otherwise wait on the dead network)
      await page.evaluate(() => {
        const loads: Promise<FontFace>[] = [];
        document.fonts.forEach((f) => loads.push(f.load()));
        return Promise.all(loads);
      });
      // the network goes quiet: no error reaches the browser, only silence
      relay.freeze();
      await expect.poll(() => page.locator('.bf-pill-lost').count(), { timeout: 5000, interval: 100 }).toBe(1);
      expect(await page.locator('.bf-pill-lost').innerText()).toContain('Mất kết nối');
      expect(await page.locator('.briefing').getAttribute('data-connection')).toBe('lost');
      // the last figures stay on screen, with the time they were fetched
      expect(await title(page)).toBe(shown);
      expect(await page.locator('.bf-body > *').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'briefing-mat-ket-noi-1080.png') });

      // and comes back by itself, reading the figures again (what changed meanwhile is unknown)
      relay.thaw();
      await expect.poll(() => page.locator('.bf-pill-lost').count(), { timeout: 15_000 }).toBe(0);
      expect(await page.locator('.briefing').getAttribute('data-stream')).toBe('live');
      await expect.poll(() => page.locator('.briefing').getAttribute('data-refreshed-at')).not.toBe(refreshed);
      // the only problems are the requests the dropped network cut (the stream, a read under way)
      const unexpected = g.problems.filter((p) => !/^requestfailed: .*\/api\/.* net::ERR_|^console\.error: Failed to load resource: net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET|CONNECTION_CLOSED)/.test(p));
      expect(unexpected).toEqual([]);
      await page.context().close();
    } finally {
      await relay.close();
    }
  });

  it('quản trị: soạn danh sách, tạo đường dẫn (hiện một lần), đường dẫn mở đúng danh sách, thu hồi', async () => {
    const g = await guardedPage(browser, { viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const { page } = g;
    const login = await page.request.post(`${app.url}/api/auth/login`, { data: { username: 'admin', password: E2E_PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(`${app.url}/quan-tri/trinh-chieu`);
    await page.getByLabel('Tên danh sách').fill('Họp BCĐ thử nghiệm');
    await page.getByLabel('Số giây mặc định mỗi trang').fill('15');
    // the last slide (budget) moves up one place, the first one goes
    const slides = page.locator('.pl-slides li');
    const n = await slides.count();
    await page.getByRole('button', { name: `Chuyển trang ${n} lên trước` }).click();
    await page.getByRole('button', { name: 'Bỏ trang 1' }).click();
    await page.getByRole('button', { name: 'Lưu danh sách' }).click();
    await expect.poll(() => page.locator('.wf-alert-ok').first().innerText()).toContain('Đã lưu danh sách "Họp BCĐ thử nghiệm"');
    await expect.poll(() => page.locator('.pl-list li').count()).toBe(1);

    // a link, shown once, with a copy button
    await page.getByLabel('Ghi chú (máy nào, phòng nào)').fill('Máy chiếu phòng họp');
    await page.getByRole('button', { name: 'Tạo đường dẫn' }).click();
    const url = await page.locator('[data-briefing-url]').inputValue();
    expect(url).toMatch(new RegExp(`^${app.url}/trinh-chieu\\?token=[A-Za-z0-9_-]{43}&playlist=\\d+$`));
    await expect.poll(() => page.locator('table.pl-links tbody tr').count()).toBe(1);
    expect(await page.locator('table.pl-links').innerText()).not.toContain(new URL(url).searchParams.get('token')!);
    const violations = await violationsIn(page, '.pl-page');
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'briefing-quan-tri-1366.png'), fullPage: true });

    // the meeting-room computer: no session, only the link
    const room = await guardedPage(browser, { viewport: FULL_HD, locale: 'vi-VN' });
    await room.page.goto(url + '&giay=600&lam-moi=2');
    await expect.poll(() => room.page.locator('.bf-count').innerText(), { timeout: 30_000 }).toBe(`Trang 1/${n - 1}`);
    await expect.poll(() => room.page.title()).toContain('Họp BCĐ thử nghiệm');
    // the token left the address bar once read (a wall screen, the history, a Referer); a reload still works
    expect(new URL(room.page.url()).searchParams.get('token')).toBeNull();
    expect(room.page.url()).toContain('playlist=');
    await room.page.reload();
    await expect.poll(() => room.page.title(), { timeout: 30_000 }).toContain('Họp BCĐ thử nghiệm');
    // the saved order: the budget slide right before the last of the default ones
    await turnTo(room.page, String(n - 2), 'budget');
    const token = new URL(url).searchParams.get('token')!;

    // revoked: the open screen keeps its figures and says the link no longer works
    await page.getByRole('button', { name: /^Thu hồi/ }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Thu hồi' }).click();
    await expect.poll(() => page.locator('table.pl-links tbody tr').first().innerText()).toContain('Đã thu hồi');
    await expect.poll(() => room.page.locator('.briefing').getAttribute('data-connection'), { timeout: 15_000 }).toBe('refused');
    expect(await room.page.locator('.bf-pill-lost').innerText()).toContain('Đường dẫn trình chiếu không còn hiệu lực');
    // the API refuses the token now
    const after = await fetch(`${app.url}/api/playlists`, { headers: { 'x-briefing-token': token } });
    expect(after.status).toBe(401);
    expect(g.problems).toEqual([]);
    // the screen's own refused requests are the expected 401s, nothing else
    expect(room.problems.filter((p) => !/^HTTP 401: .*\/api\/playlists\/\d+$|Failed to load resource: the server responded with a status of 401/.test(p))).toEqual([]);
    await room.page.context().close();
    await page.context().close();
  });

  describe('khi xem số liệu cần đăng nhập (READ_REQUIRES_LOGIN=true)', () => {
    let closed: RunningApp;
    beforeAll(async () => {
      closed = await startApp(200_000, { READ_REQUIRES_LOGIN: 'true' });
    });
    afterAll(async () => {
      await closed?.stop();
    });

    it('đường dẫn có mã mở danh sách của nó mà không cần đăng nhập, và không mở được gì khác', async () => {
      const admin = await apiLogin(closed.url);
      const playlist = await admin.send<{ id: number }>('POST', '/api/playlists', {
        name: 'Phòng họp BCĐ',
        defaultSeconds: 20,
        // pinned to the 2025 annual round, whatever rounds come after it
        period: 'year-2025',
        slides: [{ type: 'overview' }, { type: 'indicator', indicator: 'on_time_rate', seconds: 30 }, { type: 'not_reported' }],
      });
      expect(playlist.status).toBe(201);
      const link = await admin.send<{ token: string; path: string }>('POST', '/api/briefing-tokens', { playlistId: playlist.body.id, label: 'Máy phòng họp' });
      expect(link.status).toBe(201);

      // without the link: a clear message, no figures
      const anon = await guardedPage(browser, { viewport: FULL_HD, locale: 'vi-VN' });
      await anon.page.goto(`${closed.url}/trinh-chieu`);
      await expect.poll(() => anon.page.locator('.bf-title').innerText(), { timeout: 30_000 }).toBe('Cần đăng nhập hoặc đường dẫn trình chiếu');
      await anon.page.context().close();

      // with it: the playlist, all its slides, with figures
      const g = await open(`${link.body.path}&giay=600`, FULL_HD, closed.url);
      const { page } = g;
      await settled(page);
      expect(await page.locator('.bf-count').innerText()).toBe('Trang 1/3');
      expect(await page.locator('.bf-asof').innerText()).toBe('Số liệu đến ngày 15/12/2025 · Năm 2025');
      await page.keyboard.press('2');
      await settled(page);
      expect(await title(page)).toMatch(/xã (chưa đạt|đạt mục tiêu) .*giải quyết đúng hạn/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'briefing-duong-dan-1080.png') });
      expect(g.problems).toEqual([]);

      // the same token anywhere else: refused
      const h = { 'x-briefing-token': link.body.token };
      for (const url of ['/api/values', '/api/users', '/api/audit', `/api/periods/${OPEN_ROUND}/completeness`, '/api/communes/21211/standing', '/api/briefing-tokens']) {
        const r = await fetch(closed.url + url, { headers: h });
        expect([401, 403], `${url}: ${r.status}`).toContain(r.status);
      }
      const write = await fetch(`${closed.url}/api/playlists`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', slides: [{ type: 'overview' }], defaultSeconds: 20, period: null }) });
      expect([401, 403]).toContain(write.status);
      await page.context().close();
    });

    it('người chưa đăng nhập được chuyển sang trang đăng nhập, rồi quay lại đúng trang sau khi đăng nhập', async () => {
      const g = await guardedPage(browser, { viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
      const { page } = g;
      await page.goto(`${closed.url}/xep-hang?chi-tieu=on_time_rate`);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/dang-nhap');
      await page.getByLabel('Tên đăng nhập').fill('lanhdao');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(E2E_PASSWORD);
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/xep-hang');
      await expect.poll(() => page.locator('tr[data-row]').count(), { timeout: 30_000 }).toBeGreaterThan(90);
      // the refused reads before the sign-in are expected (401); nothing else went wrong
      expect(g.problems.filter((p) => !/401/.test(p))).toEqual([]);
      await page.context().close();
    });
  });
});
