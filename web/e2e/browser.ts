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
