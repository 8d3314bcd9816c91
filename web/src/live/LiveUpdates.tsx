// The site's pages (overview, rankings, a commune's standing, progress…) follow the live stream
// while open: nothing to show, the figures on screen simply change (issue 13).
import { useSession } from '../workflow/useSession';
import { useLiveStream } from './useLiveStream';

export default function LiveUpdates() {
  const session = useSession();
  // the identity is known first: with READ_REQUIRES_LOGIN a stream opened before would be refused
  useLiveStream({ who: session.user?.username ?? null, enabled: !session.isPending });
  return null;
}
