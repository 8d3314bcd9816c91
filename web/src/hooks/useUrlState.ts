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

/** The round chosen in the URL (?ky=), or undefined for "the latest with figures". */
export function usePeriod(): string | undefined {
  return periodFromSearch(useSearch());
}
