// Which figures a page shows (issue 12), from its address: ?ban=ID is one release exactly (a link
// that never changes what it shows), ?hien-tai=1 the live figures (admin and leader only: the API
// refuses anyone else), and neither the round's newest release.
import { useSearch } from 'wouter';
import { setParam } from '../url';
import type { Publication } from '../api/queries';
import { useSession } from '../workflow/useSession';

export const RELEASE_PARAM = 'ban';
export const LIVE_PARAM = 'hien-tai';

export function usePublication(): { pub: Publication; pinned: boolean; live: boolean; canSeeLive: boolean } {
  const search = new URLSearchParams(useSearch());
  const role = useSession().user?.role;
  const canSeeLive = role === 'admin' || role === 'leader';
  const ban = Number(search.get(RELEASE_PARAM));
  const release = Number.isInteger(ban) && ban > 0 ? ban : undefined;
  const live = !release && canSeeLive && search.get(LIVE_PARAM) === '1';
  return { pub: { release, live }, pinned: release !== undefined, live, canSeeLive };
}

/** The address of a page pinned to one release (the other publication choices dropped). */
export const pinnedSearch = (search: string, id: number | null) => setParam(setParam(search, LIVE_PARAM, null), RELEASE_PARAM, id === null ? null : String(id));
export const liveSearch = (search: string, on: boolean) => setParam(setParam(search, RELEASE_PARAM, null), LIVE_PARAM, on ? '1' : null);
