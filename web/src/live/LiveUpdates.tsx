// The site's pages (overview, rankings, a commune's standing, progress…) follow the live stream
// while open: nothing to show, the figures on screen simply change (issue 13). Where the stream
// cannot be opened (a proxy that buffers, too many tabs) they read their figures again once a
// minute instead. The stream's state is on <html data-live="…"> for the journeys and
// `npm run bench live`.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ANY_CHANGE } from '@nq57/shared';
import { useSession } from '../workflow/useSession';
import { applyChange } from './invalidate';
import { useLiveStream } from './useLiveStream';

/** The fallback's period: as long as the figures' staleTime in ../api/queries.ts. */
const POLL_MS = 60_000;

export default function LiveUpdates() {
  const session = useSession();
  const client = useQueryClient();
  // the identity is known first: with READ_REQUIRES_LOGIN a stream opened before would be refused
  const { state } = useLiveStream({ who: session.user?.username ?? null, enabled: !session.isPending });
  useEffect(() => {
    document.documentElement.dataset.live = state;
    if (state !== 'unavailable') return;
    const timer = setInterval(() => void applyChange(client, ANY_CHANGE), POLL_MS);
    return () => clearInterval(timer);
  }, [state, client]);
  return null;
}
