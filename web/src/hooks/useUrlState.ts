// Reading and writing the page's state in the query string (see ../url.ts for the format).
import { useCallback } from 'react';
import { useLocation, useSearch } from 'wouter';
import { periodFromSearch } from '../url';

/**
 * [current query string, setter]. The setter replaces the history entry by default: moving a
 * slider or typing a search should not fill the back button with every keystroke.
 */
export function useQueryString(): [string, (next: string, opts?: { push?: boolean }) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const set = useCallback(
    (next: string, opts?: { push?: boolean }) => {
      const qs = next === '' || next === '?' ? '' : next.startsWith('?') ? next : `?${next}`;
      navigate(`${location}${qs}`, { replace: !opts?.push });
    },
    [location, navigate],
  );
  return [search, set];
}

/**
 * The browser is still at the address a render saw (wouter's location and search). An effect that
 * writes a default into the address (the round a page shows, ?ky=) checks it first: React may run
 * that effect only after a click has already navigated elsewhere, and replacing the address then
 * took the user back (a click on "Quản trị" landed on /tien-do again, on a slow machine).
 */
export function stillAt(location: string, search: string): boolean {
  return window.location.pathname === location && window.location.search.replace(/^\?/, '') === search.replace(/^\?/, '');
}

const REMEMBERED = 'nq57.ky';

/**
 * The round picked in the header, kept for the browser tab (sessionStorage): it follows the user
 * from page to page even on a link without ?ky=. Storage can be refused (private mode, a locked-down
 * browser): then only the URL keeps it.
 */
export function rememberedPeriod(): string | undefined {
  try {
    return sessionStorage.getItem(REMEMBERED) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberPeriod(code: string | null) {
  try {
    if (code) sessionStorage.setItem(REMEMBERED, code);
    else sessionStorage.removeItem(REMEMBERED);
  } catch {
    // nothing to keep it in: the URL still carries it
  }
}

/** The round chosen in the URL (?ky=), else the one picked earlier in this tab, else undefined ("the latest with figures"). */
export function usePeriod(): string | undefined {
  return periodFromSearch(useSearch()) ?? rememberedPeriod();
}
