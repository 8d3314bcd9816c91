// What a briefing link's live stream is told (issue 13): a link may read only its playlist, so its
// stream hears of changes to the rounds that playlist's slides show (briefingRounds in
// @nq57/shared: the round shown, the one it is compared with, the budget slide's), of changes that
// name no round (anything may have changed), and of edits to its own playlist; nothing else.
// Contract:
//  - `wants` answers at once where it can (a playlist edit, a change of anything) and otherwise
//    reads the playlist and the rounds as they are after the change (a first figure in a round can
//    make it the default one);
//  - one read per notice and (playlist, round asked for), however many screens show it;
//  - a failed read says yes: a screen refreshed for nothing is better than one left stale.
import type { LiveNotice, SlideSpec } from '@nq57/shared';

export interface BriefingScopeDeps {
  /** the playlist's slides and pinned round; null when it is gone */
  playlist(id: number): Promise<{ slides: readonly Pick<SlideSpec, 'type'>[]; period: string | null } | null>;
  /** the rounds those slides show at `period` (undefined = the default round) */
  rounds(slides: readonly Pick<SlideSpec, 'type'>[], period?: string): Promise<ReadonlySet<string>>;
}

export function createBriefingScope(deps: BriefingScopeDeps) {
  const perNotice = new WeakMap<LiveNotice, Map<string, Promise<ReadonlySet<string> | null>>>();

  function shown(notice: LiveNotice, playlistId: number, period: string | undefined) {
    let reads = perNotice.get(notice);
    if (!reads) perNotice.set(notice, (reads = new Map()));
    const key = `${playlistId}\n${period ?? ''}`;
    let r = reads.get(key);
    if (!r) {
      r = (async () => {
        const p = await deps.playlist(playlistId);
        // the address's ?ky= wins over the playlist's round, as on the screen (chosenPeriod)
        return p ? deps.rounds(p.slides, period ?? p.period ?? undefined) : null;
      })();
      reads.set(key, r);
    }
    return r;
  }

  return {
    /**
     * Whether the stream of a link to `playlistId` is told of `notice`; `period` is the round its
     * screen pins (?ky=), if any.
     */
    wants(notice: LiveNotice, playlistId: number, period?: string): boolean | Promise<boolean> {
      if (notice.type === 'playlist') return notice.playlist.id === playlistId;
      const round = notice.change.period;
      if (round === null) return true;
      return shown(notice, playlistId, period).then(
        // a playlist deleted: its links are refused at the next check; nothing to show meanwhile
        (rounds) => rounds !== null && rounds.has(round),
        () => true,
      );
    },
  };
}

export type BriefingScope = ReturnType<typeof createBriefingScope>;
