// A big-screen playlist as the admin writes it: the body checked beyond its shape (every
// indicator a slide ranks is in the catalogue, the pinned round exists) and made ready to store.
// Reading, storing and deleting are the briefing repository's (routes/playlists calls it).
import { checkPlaylist } from '@nq57/shared';
import type { PlaylistBody } from '@nq57/shared/schemas';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import type { PlaylistWrite } from '../repositories/briefing';
import { createRoundsRepository } from '../repositories/rounds';
import type { RankingService } from './rankings';

export function createPlaylistService(deps: { database: Database; rankings: Pick<RankingService, 'snapshot'> }) {
  const rounds = createRoundsRepository(deps.database.db);

  /** The body, checked beyond its shape (400 PLAYLIST_INVALID, PERIOD_NOT_FOUND), ready to store. */
  async function toWrite(body: PlaylistBody, actor: string): Promise<PlaylistWrite> {
    const s = await deps.rankings.snapshot();
    const issues = checkPlaylist(body, { indicators: s.indicators.map((i) => i.code) });
    if (issues.length) throw new ApiError(400, 'PLAYLIST_INVALID', issues.map((i) => i.message).join('; '));
    let periodId: number | null = null;
    if (body.period !== null) {
      periodId = (await rounds.byCode(body.period))?.id ?? null;
      if (periodId === null) throw new ApiError(400, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${body.period}"`);
    }
    return { name: body.name.trim(), slides: body.slides, defaultSeconds: body.defaultSeconds, periodId, updatedBy: actor };
  }

  return { toWrite };
}
export type PlaylistService = ReturnType<typeof createPlaylistService>;
