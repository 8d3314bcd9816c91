// What is stored about each commune's report in a round: its submission (status, first
// submission, first import), whether the Sở published figures for it, and which file an import
// came from. The meaning (state words, "đã báo cáo", lateness) is decided in shared
// (domain/states.ts, domain/timeliness.ts), never here.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { StoredState } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { communes, dataElements, dataValues, imports, periods, submissions } from '../db/schema';
import { instant } from './timestamps';

export interface StoredReport {
  periodId: number;
  communeId: number;
  submission: StoredState | null;
  /** ISO instants */
  firstSubmittedAt: string | null;
  firstImportedAt: string | null;
  /** figures of its own published in the round (computed ones do not count) */
  published: boolean;
  importId: number | null;
  importFile: string | null;
  importedAt: string | null;
}

export function createReportingRepository(db: DbOrTx) {
  return {
    /** One row per commune and round, for the given rounds (every commune, reported or not; or one). */
    async reports(periodIds: number[], communeId?: number): Promise<StoredReport[]> {
      if (!periodIds.length) return [];
      const rows = await db
        .select({
          periodId: periods.id,
          communeId: communes.id,
          submission: submissions.status,
          firstSubmittedAt: submissions.firstSubmittedAt,
          firstImportedAt: submissions.firstImportedAt,
          importId: submissions.importId,
          importFile: imports.fileName,
          importedAt: imports.at,
          published: sql<boolean>`exists (select 1 from ${dataValues} v join ${dataElements} e on e.id = v.element_id
            where v.period_id = ${periods.id} and v.commune_id = ${communes.id} and not e.computed)`,
        })
        .from(periods)
        .innerJoin(communes, sql`true`)
        .leftJoin(submissions, and(eq(submissions.periodId, periods.id), eq(submissions.communeId, communes.id)))
        .leftJoin(imports, eq(imports.id, submissions.importId))
        .where(communeId === undefined ? inArray(periods.id, periodIds) : and(inArray(periods.id, periodIds), eq(communes.id, communeId)))
        .orderBy(asc(periods.id), asc(communes.sortOrder), asc(communes.id));
      return rows.map((r) => ({
        ...r,
        submission: r.submission as StoredState | null,
        firstSubmittedAt: instant(r.firstSubmittedAt),
        firstImportedAt: instant(r.firstImportedAt),
        importedAt: instant(r.importedAt),
        published: r.published === true || (r.published as unknown) === 't',
      }));
    },

    /**
     * Per round: how many communes stand in each stored submission status, and how many have
     * published figures without a submission (rounds loaded before the workflow). Counts only;
     * the service turns them into words through shared.
     */
    /**
     * Per round asked, how many communes are in each stored state, and how many have published
     * figures with no submission at all ('published_only'). Asked only for the rounds that
     * changed (services/rankings.ts): at national scale all 60 rounds take seconds.
     */
    async stateCounts(periodIds: number[]): Promise<Map<number, { status: StoredState | 'published_only'; n: number }[]>> {
      const out = new Map(periodIds.map((id) => [id, [] as { status: StoredState | 'published_only'; n: number }[]]));
      if (!periodIds.length) return out;
      const ids = sql.raw(`'{${periodIds.map((id) => Math.trunc(id)).join(',')}}'::int[]`);
      const rows = await db.execute(sql`
        select s.period_id as "periodId", s.status as status, count(*)::int as n
        from ${submissions} s where s.period_id = any(${ids}) group by s.period_id, s.status
        union all
        select p.id as "periodId", 'published_only' as status, (
          select count(*)::int from ${communes} c
          where not exists (select 1 from ${submissions} s where s.period_id = p.id and s.commune_id = c.id)
            and exists (select 1 from ${dataValues} v where v.commune_id = c.id and v.period_id = p.id
              and v.element_id not in (select id from ${dataElements} where computed))) as n
        from ${periods} p where p.id = any(${ids})`);
      const list = Array.isArray(rows) ? rows : ((rows as { rows: unknown[] }).rows ?? []);
      for (const r of list as { periodId: number; status: string; n: number }[]) {
        out.get(Number(r.periodId))?.push({ status: r.status as StoredState | 'published_only', n: Number(r.n) });
      }
      return out;
    },
  };
}
export type ReportingRepository = ReturnType<typeof createReportingRepository>;
