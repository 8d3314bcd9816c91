// The site's pages (overview, rankings, a commune's standing, progress…) follow the live stream
// while open: nothing to show, the figures on screen simply change (issue 13). Where the stream
// cannot be opened (a proxy that buffers, too many tabs) they read their figures again once a
// minute instead. The stream's state is on <html data-live="…"> for the journeys and
// `npm run bench live` ('paused' while the tab is hidden).
//
// A hidden tab closes its stream: each open stream holds one of the six connections a browser
// gives a host over HTTP/1.1, and a Sở officer with seven tabs of the site open would otherwise
// wait on the seventh for anything at all. Shown again, the tab opens the stream and reads every
// figure (and playlist) again (what changed meanwhile is unknown; unchanged answers come back as 304).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ANY_CHANGE } from '@nq57/shared';
import { useSession } from '../workflow/useSession';
import { applyChange, applyPlaylistChange } from './invalidate';
import { useLiveStream } from './useLiveStream';

/** The fallback's period: as long as the figures' staleTime in ../api/queries.ts. */
const POLL_MS = 60_000;

function subscribeVisibility(cb: () => void) {
  document.addEventListener('visibilitychange', cb);
  return () => document.removeEventListener('visibilitychange', cb);
}
const isVisible = () => document.visibilityState !== 'hidden';

export default function LiveUpdates() {
  const session = useSession();
  const client = useQueryClient();
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  // the identity is known first: with READ_REQUIRES_LOGIN a stream opened before would be refused
  const { state } = useLiveStream({ who: session.user?.username ?? null, enabled: !session.isPending && visible });
  const wasHidden = useRef(false);
  useEffect(() => {
    if (!visible) wasHidden.current = true;
    else if (wasHidden.current) {
      wasHidden.current = false;
      void applyChange(client, ANY_CHANGE);
      void applyPlaylistChange(client, 'any');
    }
  }, [visible, client]);
  useEffect(() => {
    document.documentElement.dataset.live = visible ? state : 'paused';
    if (!visible || state !== 'unavailable') return;
    const timer = setInterval(() => void applyChange(client, ANY_CHANGE), POLL_MS);
    return () => clearInterval(timer);
  }, [state, visible, client]);
  return null;
}
