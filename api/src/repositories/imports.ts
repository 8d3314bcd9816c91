// SQL of the file routes: what a template, an import plan and an export read (the round, its
// elements, published and submitted figures), the saved column mappings, and the record of
// every import. Writes take the caller's transaction so an import is one transaction.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { districtLabel } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { roundColumns as roundColumnsBase } from './rounds';
import { elementColumns, elementInfo, submissionsRepo, type ElementInfo as SubmissionElement } from './submissions';
import {
  communes,
  dataElements,
  dataValues,
  elementGroups,
  importMappings,
  imports,
  periods,
  submissionValues,
  submissions,
} from '../db/schema';

export interface RoundInfo {
  id: number;
  code: string;
  name: string;
  kind: string;
  startDate: string;
  endDate: string;
  deadline: string | null;
  status: 'open' | 'closed';
  dataAsOf: string | null;
}

/** An element as the submissions see it, with the group it is shown under in files. */
export interface ElementInfo extends SubmissionElement {
  groupName: string;
}

export interface CommuneInfo {
  id: number;
  code: string;
  name: string;
  type: string;
  /** the readable label (districtLabel) */
  formerDistrict: string;
}

export interface FigureRow {
  communeId: number;
  elementId: number;
  value: number;
  approximate: boolean;
}

export interface ImportRecord {
  id: number;
  periodCode: string;
  fileName: string;
  fileSha256: string;
  mode: string;
  mappingName: string | null;
  counts: unknown;
  importedBy: string;
  at: string;
}

/** A round as the import sees it: the write side's columns and its "số liệu đến ngày" */
const roundColumns = { ...roundColumnsBase, dataAsOf: periods.dataAsOf };

export const importsRepo = {
  async round(db: DbOrTx, code: string): Promise<RoundInfo | null> {
    const [r] = await db
      .select(roundColumns)
      .from(periods)
      .where(eq(periods.code, code));
    return (r as RoundInfo) ?? null;
  },

  /** Every element in form order (group, then element). */
  async elements(db: DbOrTx): Promise<ElementInfo[]> {
    const rows = await db
      .select({ ...elementColumns, groupName: elementGroups.name })
      .from(dataElements)
      .innerJoin(elementGroups, eq(elementGroups.code, dataElements.groupCode))
      .orderBy(asc(elementGroups.sortOrder), asc(dataElements.sortOrder), asc(dataElements.id));
    return rows.map(elementInfo);
  },

  /** The elements a round asks for, in file order; which ones is the submissions' rule (roundElementIds). */
  async roundElements(db: DbOrTx, periodId: number): Promise<ElementInfo[]> {
    const [all, asked] = await Promise.all([importsRepo.elements(db), submissionsRepo.roundElementIds(db, periodId)]);
    const ids = new Set(asked);
    return all.filter((e) => ids.has(e.id));
  },

  /** Element ids in catalogue order (sort order, then id): the order the checks list their findings in. */
  async elementIdsInOrder(db: DbOrTx): Promise<number[]> {
    const rows = await db.select({ id: dataElements.id }).from(dataElements).orderBy(asc(dataElements.sortOrder), asc(dataElements.id));
    return rows.map((r) => r.id);
  },

  /** Published figures of one round for some elements, with the commune's type (the checks' peers). */
  async publishedWithType(db: DbOrTx, periodId: number, elementIds: number[]) {
    if (!elementIds.length) return [];
    const rows = await db
      .select({ communeId: dataValues.communeId, elementId: dataValues.elementId, value: dataValues.value, type: communes.type })
      .from(dataValues)
      .innerJoin(communes, eq(communes.id, dataValues.communeId))
      .where(sql`${dataValues.periodId} = ${periodId} and ${inArray(dataValues.elementId, elementIds)}`);
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  },

  async communeFacts(db: DbOrTx) {
    return db.select({ id: communes.id, type: communes.type, villages: communes.villages, population: communes.population }).from(communes);
  },

  async communes(db: DbOrTx): Promise<CommuneInfo[]> {
    const rows = await db
      .select({ id: communes.id, code: communes.code, name: communes.name, type: communes.type, formerDistricts: communes.formerDistricts })
      .from(communes)
      .orderBy(asc(communes.sortOrder), asc(communes.id));
    return rows.map(({ formerDistricts, ...c }) => ({ ...c, formerDistrict: districtLabel(formerDistricts) }));
  },

  /** Published figures (what the rankings read) of a round. */
  async published(db: DbOrTx, periodId: number): Promise<FigureRow[]> {
    const rows = await db
      .select({ communeId: dataValues.communeId, elementId: dataValues.elementId, value: dataValues.value, approximate: dataValues.approximate })
      .from(dataValues)
      .where(eq(dataValues.periodId, periodId));
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  },

  /** Each commune's submission of a round: its status and its stored values. */
  async submissions(db: DbOrTx, periodId: number) {
    const subs = await db
      .select({ id: submissions.id, communeId: submissions.communeId, status: submissions.status })
      .from(submissions)
      .where(eq(submissions.periodId, periodId));
    const vals = subs.length
      ? await db
          .select({ submissionId: submissionValues.submissionId, elementId: submissionValues.elementId, value: submissionValues.value })
          .from(submissionValues)
          .where(
            inArray(
              submissionValues.submissionId,
              subs.map((s) => s.id),
            ),
          )
      : [];
    const byId = new Map(subs.map((s) => [s.id, { ...s, values: new Map<number, number | null>() }]));
    for (const v of vals) byId.get(v.submissionId)!.values.set(v.elementId, v.value === null ? null : Number(v.value));
    return new Map([...byId.values()].map((s) => [s.communeId, s]));
  },

  /** Every round, with whether it has published figures (the comparison round is chosen among those). */
  async allRounds(db: DbOrTx): Promise<(RoundInfo & { hasFigures: boolean })[]> {
    const rows = await db
      .select({
        ...roundColumns,
        hasFigures: sql<boolean>`exists (select 1 from data_values v where v.period_id = ${periods.id})`,
      })
      .from(periods);
    return rows as (RoundInfo & { hasFigures: boolean })[];
  },

  /** Every round with published figures (candidates for "kỳ trước"; shared comparisonPeriod picks one). */
  async roundsWithFigures(db: DbOrTx): Promise<RoundInfo[]> {
    const rows = await db
      .select(roundColumns)
      .from(periods)
      .where(sql`exists (select 1 from data_values v where v.period_id = ${periods.id})`);
    return rows as RoundInfo[];
  },

  // ── Mappings ──────────────────────────────────────────────────────────────────────────

  async mappings(db: DbOrTx) {
    return db.select().from(importMappings).orderBy(asc(importMappings.name));
  },

  async mapping(db: DbOrTx, name: string): Promise<Record<string, string> | null> {
    const [m] = await db.select({ columns: importMappings.columns }).from(importMappings).where(eq(importMappings.name, name));
    return m ? (m.columns as Record<string, string>) : null;
  },

  async saveMapping(db: DbOrTx, m: { name: string; columns: Record<string, string>; updatedBy: string }) {
    const [row] = await db
      .insert(importMappings)
      .values(m)
      .onConflictDoUpdate({ target: importMappings.name, set: { columns: m.columns, updatedBy: m.updatedBy, updatedAt: sql`now()` } })
      .returning();
    return row;
  },

  // ── Import records ────────────────────────────────────────────────────────────────────

  async recordImport(
    tx: DbOrTx,
    r: { periodId: number; fileName: string; fileSha256: string; mode: string; mappingName: string | null; counts: unknown; importedBy: string },
  ): Promise<number> {
    const [row] = await tx.insert(imports).values(r).returning({ id: imports.id });
    return row.id;
  },

  async setImportCounts(tx: DbOrTx, id: number, counts: unknown) {
    await tx.update(imports).set({ counts }).where(eq(imports.id, id));
  },

  async listImports(db: DbOrTx, periodId?: number): Promise<ImportRecord[]> {
    const rows = await db
      .select({
        id: imports.id,
        periodCode: periods.code,
        fileName: imports.fileName,
        fileSha256: imports.fileSha256,
        mode: imports.mode,
        mappingName: imports.mappingName,
        counts: imports.counts,
        importedBy: imports.importedBy,
        at: imports.at,
      })
      .from(imports)
      .innerJoin(periods, eq(periods.id, imports.periodId))
      .where(periodId === undefined ? undefined : eq(imports.periodId, periodId))
      .orderBy(desc(imports.at), desc(imports.id))
      .limit(100);
    return rows;
  },
};

/** Hedged figures ("trên 90%") keep their flag; publishing writes the number only. */
export async function markApproximate(tx: DbOrTx, periodId: number, communeId: number, elementIds: number[]) {
  if (!elementIds.length) return;
  await tx
    .update(dataValues)
    .set({ approximate: true })
    .where(sql`${dataValues.periodId} = ${periodId} and ${dataValues.communeId} = ${communeId} and ${inArray(dataValues.elementId, elementIds)}`);
}

/** Locks the round against closing while the import writes (closing takes FOR UPDATE); answers its status. */
export async function lockRoundForImport(tx: DbOrTx, periodId: number): Promise<string | null> {
  const rows = await tx.select({ status: periods.status }).from(periods).where(eq(periods.id, periodId)).for('share');
  return rows[0]?.status ?? null;
}
