// Published rankings (issue 12, decision 019): the releases table, and the Sở's comments that give
// a correction its reason. A release row is written once and never updated.
import { and, asc, desc, eq, gt, inArray, max, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { communes, dataValues, periods, releases, submissionComments, submissions } from '../db/schema';
import { instant } from './timestamps';

export interface ReleaseRecord {
  id: number;
  periodId: number;
  period: string;
  version: number;
  /** ISO instant */
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  hash: string;
  /** how many changes it lists against the previous release */
  changes: number;
  /** "đã báo cáo" and "đã duyệt" as published */
  communesReported: number | null;
  communesApproved: number | null;
}

const columns = {
  id: releases.id,
  periodId: releases.periodId,
  period: periods.code,
  version: releases.version,
  publishedAt: releases.publishedAt,
  publishedBy: releases.publishedBy,
  note: releases.note,
  hash: releases.hash,
  changes: sql<number>`json_array_length(${releases.changes}::json)`,
  communesReported: releases.communesReported,
  communesApproved: releases.communesApproved,
};

const record = (r: Omit<ReleaseRecord, 'publishedAt' | 'changes'> & { publishedAt: string; changes: number | string }): ReleaseRecord => ({
  ...r,
  publishedAt: instant(r.publishedAt),
  changes: Number(r.changes),
});

export function createReleasesRepository(db: DbOrTx) {
  const select = () => db.select(columns).from(releases).innerJoin(periods, eq(periods.id, releases.periodId));

  return {
    /** One round's releases, newest first. */
    async ofPeriod(periodId: number): Promise<ReleaseRecord[]> {
      return (await select().where(eq(releases.periodId, periodId)).orderBy(desc(releases.version))).map(record);
    },

    async byId(id: number): Promise<ReleaseRecord | null> {
      const [r] = await select().where(eq(releases.id, id));
      return r ? record(r) : null;
    },

    /** The newest release of every round that has one. */
    async latest(): Promise<ReleaseRecord[]> {
      const newer = alias(releases, 'newer');
      const rows = await select()
        .where(notExists(db.select({ one: sql`1` }).from(newer).where(and(eq(newer.periodId, releases.periodId), gt(newer.version, releases.version)))))
        .orderBy(asc(releases.periodId));
      return rows.map(record);
    },

    /** The canonical JSON a release froze (the exact text that was hashed). */
    async content(id: number): Promise<string | null> {
      const [r] = await db.select({ content: releases.content }).from(releases).where(eq(releases.id, id));
      return r?.content ?? null;
    },

    async changes(id: number): Promise<string | null> {
      const [r] = await db.select({ changes: releases.changes }).from(releases).where(eq(releases.id, id));
      return r?.changes ?? null;
    },

    /** The release before this one of the same round, if any. */
    async previous(r: { periodId: number; version: number }): Promise<ReleaseRecord | null> {
      const [p] = await select()
        .where(and(eq(releases.periodId, r.periodId), eq(releases.version, r.version - 1)));
      return p ? record(p) : null;
    },

    /** A digest of a round's published figures: what a release was computed from has not moved if it is the same. */
    async figuresStamp(periodId: number): Promise<string> {
      const v = dataValues;
      const [r] = await db
        .select({
          stamp: sql<string>`md5(coalesce(string_agg(${v.elementId} || ':' || ${v.communeId} || ':' || ${v.value}::text || ':' || ${v.approximate}::text, ',' order by ${v.elementId}, ${v.communeId}), ''))`,
        })
        .from(v)
        .where(eq(v.periodId, periodId));
      return r?.stamp ?? '';
    },

    /** Inside the publishing transaction, after the round's row is locked: the next number. */
    async nextVersion(periodId: number): Promise<number> {
      const [r] = await db.select({ v: max(releases.version) }).from(releases).where(eq(releases.periodId, periodId));
      return (r?.v ?? 0) + 1;
    },

    async insert(r: {
      periodId: number;
      version: number;
      publishedBy: string;
      note: string | null;
      hash: string;
      content: string;
      changes: string;
      communesReported: number;
      communesApproved: number;
    }): Promise<number> {
      const [row] = await db.insert(releases).values(r).returning({ id: releases.id });
      return row.id;
    },

    /**
     * The Sở's reasons for sending a commune's report back (reopen, return) in a round since an
     * instant (every one when null), oldest first, by commune code.
     */
    async reasons(periodId: number, since: string | null): Promise<{ commune: string; body: string }[]> {
      return db
        .select({ commune: communes.code, body: submissionComments.body })
        .from(submissionComments)
        .innerJoin(submissions, eq(submissions.id, submissionComments.submissionId))
        .innerJoin(communes, eq(communes.id, submissions.communeId))
        .where(
          and(
            eq(submissions.periodId, periodId),
            inArray(submissionComments.kind, ['reopen', 'return']),
            since === null ? undefined : gt(submissionComments.at, since),
          ),
        )
        .orderBy(asc(submissionComments.at), asc(submissionComments.id));
    },
  };
}
export type ReleasesRepository = ReturnType<typeof createReleasesRepository>;
