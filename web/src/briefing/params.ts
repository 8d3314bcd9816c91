// What /trinh-chieu reads from its address: ?token=…&playlist=… (a briefing link), ?giay=N (the
// default seconds per slide), ?ky=… (pin a round), ?lam-moi=N (seconds between data refreshes).
// Pure; tested with the playlist draft in web/test/briefing-draft.test.ts.
import { parseSeconds } from '@nq57/shared';
import { periodFromSearch } from '../url';

export const BRIEFING_PARAM = {
  token: 'token',
  playlist: 'playlist',
  seconds: 'giay',
  refresh: 'lam-moi',
} as const;

/** Figures change a few times a day at most; once a minute keeps the screen current. */
export const DEFAULT_REFRESH_SECONDS = 60;

export interface BriefingParams {
  token: string | null;
  playlistId: number | null;
  /** ?giay=N, or null to use the playlist's own default */
  seconds: number | null;
  /** ?ky=…, or undefined (the playlist's round, else the latest) */
  period: string | undefined;
  refreshSeconds: number;
}

export function parseBriefingParams(search: string): BriefingParams {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const token = (p.get(BRIEFING_PARAM.token) ?? '').trim();
  const playlist = (p.get(BRIEFING_PARAM.playlist) ?? '').trim();
  const playlistId = /^\d{1,9}$/.test(playlist) && Number(playlist) > 0 ? Number(playlist) : null;
  return {
    token: /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null,
    playlistId,
    seconds: parseSeconds(p.get(BRIEFING_PARAM.seconds)),
    period: periodFromSearch(p),
    refreshSeconds: parseSeconds(p.get(BRIEFING_PARAM.refresh)) ?? DEFAULT_REFRESH_SECONDS,
  };
}

const KEPT_TOKEN = 'nq57.briefing-token';

/**
 * A briefing link's token is a password: once read, it leaves the address bar (where it would be
 * shown on the wall, kept in the history and sent on as a Referer) and is kept for this tab only,
 * so a reload of the big screen still works. Returns the token to use.
 */
export function takeTokenFromAddress(params: BriefingParams, loc: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string | null {
  let kept: string | null = null;
  try {
    if (params.token) sessionStorage.setItem(KEPT_TOKEN, params.token);
    kept = sessionStorage.getItem(KEPT_TOKEN);
  } catch {
    // no storage: the token stays in the address, as it came
    return params.token;
  }
  if (params.token) {
    const p = new URLSearchParams(loc.search);
    p.delete(BRIEFING_PARAM.token);
    const qs = p.toString();
    history.replaceState(history.state, '', `${loc.pathname}${qs ? `?${qs}` : ''}${loc.hash}`);
  }
  return params.token ?? kept;
}

/** The round the slides show: ?ky= wins over the playlist's pinned round; undefined = the latest. */
export function chosenPeriod(urlPeriod: string | undefined, playlistPeriod: string | null | undefined): string | undefined {
  return urlPeriod ?? playlistPeriod ?? undefined;
}
