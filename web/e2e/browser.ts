// Headless Chromium for the journeys: launch options, a page that records every console error,
// page error, failed request and HTTP error, and an axe-core check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN' };
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };

export interface Guarded {
  page: Page;
  /** everything that went wrong on the page so far */
  problems: string[];
}

/** A page that fails the journey on any console error, page error, failed request or 4xx/5xx. */
export async function guardedPage(browser: Browser, opts: BrowserContextOptions): Promise<Guarded> {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    // Recharts warns (not errors) when a chart is drawn into a box with no size: a chart that
    // flashes empty or never shows (issue 17 saw it on /xa/:code); its warnings run in production too,
    // and Chromium hands them over unformatted ("width(%s)… 0 0")
    else if (m.type() === 'warning' && /width\((?:%s|-?\d+)\) and height\((?:%s|-?\d+)\) of chart/.test(m.text())) problems.push(`console.warn: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // navigating away aborts in-flight requests on purpose (a query cancelled by React Query)
    const why = r.failure()?.errorText ?? '';
    if (why.includes('ERR_ABORTED')) return;
    problems.push(`requestfailed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/** A guarded page at an address of the app (`base` = its origin). */
export async function openAt(browser: Browser, base: string, url: string, opts: BrowserContextOptions = DESKTOP): Promise<Guarded> {
  const g = await guardedPage(browser, opts);
  await g.page.goto(base + url, { waitUntil: 'domcontentloaded' });
  return g;
}

/** Signs in through the form, as a person does, and waits to leave /dang-nhap. */
export async function signInAt(browser: Browser, base: string, username: string, password: string): Promise<Guarded> {
  const g = await openAt(browser, base, '/dang-nhap');
  await g.page.getByLabel('Tên đăng nhập').fill(username);
  await g.page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await g.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await g.page.waitForURL((u) => u.pathname !== '/dang-nhap', { timeout: 20_000 });
  return g;
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluated through the debugger, not added as an inline <script>: the app's Content Security
  // Policy (script-src 'self') rightly refuses inline scripts, and axe must not need it relaxed
  await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** WCAG 2.5.5 (AAA) and the platforms' own guidance: a finger needs 44 × 44 CSS px */
export const TAP = 44;

/** How far the page scrolls sideways (0 = it does not). */
export const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Everything a finger can press that is smaller than TAP in either direction. A link inside a
 * sentence is exempt (WCAG 2.5.8: its size is set by the line of text around it); a checkbox or a
 * radio counts by the label that wraps it, which is what one taps.
 */
export function smallTargets(page: Page) {
  return page.evaluate((min) => {
    const out: string[] = [];
    const seen = new Set<Element>();
    // .file-picker-btn: the Vietnamese button a FilePicker draws over its hidden file input (a span)
    for (const el of document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], .file-picker-btn')) {
      const wrapped = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') : null;
      const target = wrapped ?? el;
      if (seen.has(target)) continue;
      seen.add(target);
      const style = getComputedStyle(target);
      const r = target.getBoundingClientRect();
      // not on screen: display none, visibility hidden, a visually hidden control (sr-only) or a
      // skip link waiting above the page for the keyboard
      if (style.visibility === 'hidden' || r.width <= 1 || r.height <= 1 || r.bottom + window.scrollY <= 0) continue;
      if (target.tagName === 'A' && style.display === 'inline') {
        // in a sentence: the line it sits on says more than the link ("↑ Xã Ba Vinh (5, −1,3 điểm %)")
        const line = target.parentElement?.closest('p, li, td, th, dd, span, div');
        const around = (line?.textContent ?? '').replace(target.textContent ?? '', '');
        if (/[\p{L}\p{N}]/u.test(around)) continue;
      }
      if (r.width < min - 0.5 || r.height < min - 0.5) {
        const name = (target.getAttribute('aria-label') ?? (target as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        out.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, TAP);
}
