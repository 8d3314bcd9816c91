// Which figures a page shows (issue 12), from its address (../url.ts parsePublication) and who is
// signed in: the live switch is for admin and leader.
import { useSearch } from 'wouter';
import { parsePublication } from '../url';
import type { Publication } from '../api/queries';
import { useSession } from '../workflow/useSession';

export function usePublication(): { pub: Publication; pinned: boolean; live: boolean; canSeeLive: boolean } {
  const role = useSession().user?.role;
  const canSeeLive = role === 'admin' || role === 'leader';
  const { release, live } = parsePublication(useSearch(), canSeeLive);
  return { pub: { release, live }, pinned: release !== undefined, live, canSeeLive };
}
