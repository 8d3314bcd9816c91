// The site's pages (overview, rankings, a commune's standing, progress…) follow the live stream
// while open: nothing to show, the figures on screen simply change (issue 13). The stream's state
// is on <html data-live="…"> for the journeys and `npm run bench live`.
import { useEffect } from 'react';
import { useSession } from '../workflow/useSession';
import { useLiveStream } from './useLiveStream';

export default function LiveUpdates() {
  const session = useSession();
  // the identity is known first: with READ_REQUIRES_LOGIN a stream opened before would be refused
  const { state } = useLiveStream({ who: session.user?.username ?? null, enabled: !session.isPending });
  useEffect(() => {
    document.documentElement.dataset.live = state;
  }, [state]);
  return null;
}
