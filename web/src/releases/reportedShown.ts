// "N/96 xã đã báo cáo" in the header counts the figures the page shows (issue 10's one meaning,
// with issue 12's releases): a published round's pages show its newest release, so the header
// says the count that release published, not the live one a reopened form has since moved; the
// live switch shows the live count. A link pinned to an older release: that release's own
// overview says its count, and the header says none rather than another release's.
import type { Publication } from '../api/queries';

interface ListedRound {
  communesReported: number;
  release: { id: number; communesReported: number | null } | null;
}

export function reportedShown(round: ListedRound, pub: Publication): number | null {
  if (pub.live || !round.release) return round.communesReported;
  if (pub.release !== undefined && pub.release !== round.release.id) return null;
  // a release published before the count was kept beside it (migration 0009 fills them all)
  return round.release.communesReported ?? round.communesReported;
}
