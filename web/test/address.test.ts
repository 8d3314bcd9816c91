// Two small functions that read or write the browser's address, tested with a stand-in window:
// stillAt (a page writes ?ky= only while the browser is still where its render was: issue 16's
// flaky "Quản trị" click) and takeTokenFromAddress (a briefing link's token leaves the address bar
// once read: issue 16, finding 4).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBriefingParams, takeTokenFromAddress } from '../src/briefing/params';
import { stillAt } from '../src/hooks/useUrlState';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ab';

afterEach(() => vi.unstubAllGlobals());

describe('stillAt', () => {
  const at = (pathname: string, search: string) => vi.stubGlobal('window', { location: { pathname, search } });

  it('is true where the render was, with or without the "?" (wouter gives the search without it)', () => {
    at('/tien-do', '?ky=m10-2026');
    expect(stillAt('/tien-do', 'ky=m10-2026')).toBe(true);
    expect(stillAt('/tien-do', '?ky=m10-2026')).toBe(true);
    at('/tien-do', '');
    expect(stillAt('/tien-do', '')).toBe(true);
  });

  it('is false once a click has gone elsewhere: another page, or the same page with another query', () => {
    at('/quan-tri', '');
    expect(stillAt('/tien-do', '')).toBe(false);
    at('/tien-do', '?ky=q3-2026');
    expect(stillAt('/tien-do', 'ky=m10-2026')).toBe(false);
    expect(stillAt('/tien-do', '')).toBe(false);
  });
});

describe('takeTokenFromAddress', () => {
  function browser(opts: { kept?: string; noStorage?: boolean } = {}) {
    const store = new Map<string, string>(opts.kept ? [['nq57.briefing-token', opts.kept]] : []);
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const replaceState = vi.fn();
    vi.stubGlobal('sessionStorage', {
      getItem: opts.noStorage ? refuse : (k: string) => store.get(k) ?? null,
      setItem: opts.noStorage ? refuse : (k: string, v: string) => void store.set(k, v),
    });
    vi.stubGlobal('history', { state: { idx: 3 }, replaceState });
    return { store, replaceState };
  }
  const loc = (search: string, hash = '') => ({ pathname: '/trinh-chieu', search, hash });

  it('takes the token out of the address, keeps the other parameters and the hash, and keeps the token for the tab', () => {
    const b = browser();
    const search = `?token=${TOKEN}&playlist=2&giay=20`;
    expect(takeTokenFromAddress(parseBriefingParams(search), loc(search, '#3'))).toBe(TOKEN);
    expect(b.replaceState).toHaveBeenCalledOnce();
    expect(b.replaceState).toHaveBeenCalledWith({ idx: 3 }, '', '/trinh-chieu?playlist=2&giay=20#3');
    expect(b.store.get('nq57.briefing-token')).toBe(TOKEN);
  });

  it('a link with only the token leaves a bare address', () => {
    const b = browser();
    const search = `?token=${TOKEN}`;
    takeTokenFromAddress(parseBriefingParams(search), loc(search));
    expect(b.replaceState).toHaveBeenCalledWith({ idx: 3 }, '', '/trinh-chieu');
  });

  it('a reload (no token in the address any more) uses the kept one and leaves the address alone', () => {
    const b = browser({ kept: TOKEN });
    expect(takeTokenFromAddress(parseBriefingParams('?playlist=2'), loc('?playlist=2'))).toBe(TOKEN);
    expect(b.replaceState).not.toHaveBeenCalled();
  });

  it('a new link wins over a kept token', () => {
    const other = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210-_zy';
    const b = browser({ kept: TOKEN });
    const search = `?token=${other}`;
    expect(takeTokenFromAddress(parseBriefingParams(search), loc(search))).toBe(other);
    expect(b.store.get('nq57.briefing-token')).toBe(other);
  });

  it('without storage (refused), the token stays in the address, as it came: the screen still works', () => {
    const b = browser({ noStorage: true });
    const search = `?token=${TOKEN}&playlist=2`;
    expect(takeTokenFromAddress(parseBriefingParams(search), loc(search))).toBe(TOKEN);
    expect(b.replaceState).not.toHaveBeenCalled();
  });

  it('no token in the address nor kept: null', () => {
    browser();
    expect(takeTokenFromAddress(parseBriefingParams('?playlist=2'), loc('?playlist=2'))).toBeNull();
  });
});
