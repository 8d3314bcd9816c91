// The signed-in user, from GET /api/auth/me (one cached query shared by the header and pages),
// and signing out.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MeOut } from '@nq57/shared/schemas';
import { sendJson, setCsrfToken } from '../api/client';
import {
  auditQueries,
  authQueries,
  communeQueries,
  completenessQueries,
  overviewQueries,
  periodQueries,
  rankingQueries,
  roundQueries,
  submissionQueries,
  userQueries,
} from '../api/queries';

export function useSession() {
  const q = useQuery(authQueries.me());
  return { ...q, user: q.data?.user ?? null, readRequiresLogin: q.data?.readRequiresLogin ?? false };
}

/** Data that belongs to one account: dropped on sign-in and sign-out so nothing leaks between users. */
export function forgetPrivateData(qc: QueryClient) {
  for (const key of [userQueries.all(), submissionQueries.all(), completenessQueries.all(), auditQueries.all(), roundQueries.all()]) {
    qc.removeQueries({ queryKey: key });
  }
}

/** After figures are published (approve, reopen) or a round opens or closes, the read side refreshes. */
export function invalidateFigures(qc: QueryClient) {
  for (const key of [periodQueries.all(), rankingQueries.all(), overviewQueries.all(), communeQueries.all()]) {
    void qc.invalidateQueries({ queryKey: key });
  }
}

export function signedIn(qc: QueryClient, me: MeOut) {
  setCsrfToken(me.csrfToken);
  forgetPrivateData(qc);
  qc.setQueryData(authQueries.me().queryKey, me);
  // reading may need a sign-in (a setting): anything that failed for lack of one is fetched again
  invalidateFigures(qc);
}

export function useSignOut(onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<void>('POST', '/api/auth/logout'),
    onSettled: () => {
      // signed out locally even if the server call failed (the session then simply expires)
      setCsrfToken(null);
      forgetPrivateData(qc);
      qc.setQueryData(authQueries.me().queryKey, (old: MeOut | undefined) => ({
        user: null,
        csrfToken: null,
        readRequiresLogin: old?.readRequiresLogin ?? false,
      }));
      onDone?.();
    },
  });
}
