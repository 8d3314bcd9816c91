// Playlists of the briefing and the read-only links (briefing tokens) that open one. All SQL about
// the big screen lives here. A token is never stored: only its SHA-256, so a copy of the database
// opens no briefing.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { SlideSpec } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { briefingTokens, periods, playlists } from '../db/schema';
import { createAuditRepository } from './audit';
import { instant } from './timestamps';

export interface PlaylistRecord {
  id: number;
  name: string;
  slides: SlideSpec[];
  defaultSeconds: number;
  period: string | null;
  periodName: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface PlaylistWrite {
  name: string;
  slides: SlideSpec[];
  defaultSeconds: number;
  periodId: number | null;
  updatedBy: string;
}

export interface TokenRecord {
  id: number;
  playlistId: number;
  playlistName: string;
  label: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** PostgreSQL's unique_violation, as postgres-js and PGlite report it (Drizzle wraps it in `cause`). */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** Only the keys a slide may have, in a fixed order: what is stored is what the schema allows. */
const cleanSlides = (slides: SlideSpec[]): SlideSpec[] =>
  slides.map((s) => ({ type: s.type, ...(s.indicator ? { indicator: s.indicator } : {}), ...(s.seconds != null ? { seconds: s.seconds } : {}) }));

export function createBriefingRepository(db: DbOrTx) {

  const selectPlaylists = (tx: DbOrTx = db) =>
    tx
      .select({
        id: playlists.id,
        name: playlists.name,
        slides: playlists.slides,
        defaultSeconds: playlists.defaultSeconds,
        period: periods.code,
        periodName: periods.name,
        updatedBy: playlists.updatedBy,
        updatedAt: playlists.updatedAt,
      })
      .from(playlists)
      .leftJoin(periods, eq(periods.id, playlists.periodId));

  const toPlaylist = (r: Awaited<ReturnType<typeof selectPlaylists>>[number]): PlaylistRecord => ({
    ...r,
    slides: r.slides as SlideSpec[],
    updatedAt: instant(r.updatedAt),
  });

  /** One line in the append-only audit log: who opened or closed a door to the figures. */
  const audit = (tx: DbOrTx, actor: string, comment: string) => createAuditRepository(tx).write([{ actor, how: 'system', comment }]);

  return {
    async list(): Promise<PlaylistRecord[]> {
      return (await selectPlaylists().orderBy(asc(playlists.name))).map(toPlaylist);
    },

    async byId(id: number): Promise<PlaylistRecord | null> {
      const [r] = await selectPlaylists().where(eq(playlists.id, id));
      return r ? toPlaylist(r) : null;
    },

    /** null when the name is taken */
    async create(p: PlaylistWrite): Promise<number | null> {
      const [row] = await db
        .insert(playlists)
        .values({ ...p, slides: cleanSlides(p.slides) })
        .onConflictDoNothing({ target: playlists.name })
        .returning({ id: playlists.id });
      return row?.id ?? null;
    },

    async update(id: number, p: PlaylistWrite): Promise<'ok' | 'not_found' | 'name_taken'> {
      try {
        const [row] = await db
          .update(playlists)
          .set({ ...p, slides: cleanSlides(p.slides), updatedAt: sql`now()` })
          .where(eq(playlists.id, id))
          .returning({ id: playlists.id });
        return row ? 'ok' : 'not_found';
      } catch (e) {
        if (isUniqueViolation(e)) return 'name_taken';
        throw e;
      }
    },

    /** Deleting a playlist ends its links too (ON DELETE CASCADE), in one statement. */
    async remove(id: number, actor: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [row] = await tx.delete(playlists).where(eq(playlists.id, id)).returning({ id: playlists.id, name: playlists.name });
        if (!row) return false;
        await audit(tx, actor, `Xóa danh sách trình chiếu #${row.id} "${row.name}" và các đường dẫn của nó`);
        return true;
      });
    },

    async createToken(t: { tokenHash: string; playlistId: number; label: string; createdBy: string }): Promise<number> {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(briefingTokens).values(t).returning({ id: briefingTokens.id });
        await audit(tx, t.createdBy, `Tạo đường dẫn trình chiếu #${row.id}${t.label ? ` "${t.label}"` : ''} cho danh sách #${t.playlistId}`);
        return row.id;
      });
    },

    async listTokens(): Promise<TokenRecord[]> {
      const rows = await db
        .select({
          id: briefingTokens.id,
          playlistId: briefingTokens.playlistId,
          playlistName: playlists.name,
          label: briefingTokens.label,
          createdBy: briefingTokens.createdBy,
          createdAt: briefingTokens.createdAt,
          revokedAt: briefingTokens.revokedAt,
        })
        .from(briefingTokens)
        .innerJoin(playlists, eq(playlists.id, briefingTokens.playlistId))
        // links still in use first, newest first
        .orderBy(sql`${briefingTokens.revokedAt} is not null`, desc(briefingTokens.createdAt), desc(briefingTokens.id));
      return rows.map((r) => ({ ...r, createdAt: instant(r.createdAt), revokedAt: instant(r.revokedAt) }));
    },

    /** false when there is no such link; revoking twice keeps the first time. */
    async revokeToken(id: number, actor: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [exists] = await tx.select({ id: briefingTokens.id, revokedAt: briefingTokens.revokedAt }).from(briefingTokens).where(eq(briefingTokens.id, id));
        if (!exists) return false;
        if (exists.revokedAt === null) {
          await tx.update(briefingTokens).set({ revokedAt: sql`now()` }).where(and(eq(briefingTokens.id, id), isNull(briefingTokens.revokedAt)));
          await audit(tx, actor, `Thu hồi đường dẫn trình chiếu #${id}`);
        }
        return true;
      });
    },

    /** The playlist a token opens, or null for an unknown or revoked token. */
    async resolveToken(tokenHash: string): Promise<{ playlistId: number } | null> {
      const [r] = await db
        .select({ playlistId: briefingTokens.playlistId })
        .from(briefingTokens)
        .where(and(eq(briefingTokens.tokenHash, tokenHash), isNull(briefingTokens.revokedAt)));
      return r ?? null;
    },
  };
}
export type BriefingRepository = ReturnType<typeof createBriefingRepository>;
