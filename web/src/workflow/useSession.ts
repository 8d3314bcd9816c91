// The signed-in user, from GET /api/auth/me: one cached query shared by the header and pages.
// Signing in and out are writes like the others (authMutations in ../api/mutations.ts).
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../api/queries';

export function useSession() {
  const q = useQuery(authQueries.me());
  return { ...q, user: q.data?.user ?? null, readRequiresLogin: q.data?.readRequiresLogin ?? false };
}
