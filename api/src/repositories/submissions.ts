// SQL of the write side: rounds' elements, submissions and their values, comments, published
// figures and the audit log. Every function takes the caller's transaction (or the database),
// so a save, its audit rows and its version bump commit together or not at all.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  auditLog,
  communes,
  dataElements,
  dataValues,
  periodElements,
  submissionComments,
  submissionValues,
  submissions,
} from '../db/schema';
import type { Unit } from '@nq57/shared';

export type StoredStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface ElementInfo {
  id: number;
  code: string;
  name: string;
  unit: Unit;
  computed: boolean;
  /** plausible limits from the catalogue (decision 011); null = none */
  max: number | null;
  maxPerHead: number | null;
}

export interface SubmissionRow {
  id: number;
  periodId: number;
  communeId: number;
  status: StoredStatus;
  version: number;
  startedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  firstSubmittedAt: string | null;
  firstImportedAt: string | null;
  importId: number | null;
  approvedAt: string | null;
  approvedBy: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface StoredValue {
  value: number | null;
  explanation: string | null;
}

export interface AuditRow {
  actor: string;
  periodId: number | null;
  communeId: number | null;
  elementId: number | null;
  oldValue: number | null;
  newValue: number | null;
  how: 'form' | 'import' | 'approval' | 'reopen' | 'submit' | 'return' | 'seed' | 'system' | 'round' | 'user';
  comment?: string | null;
  importId?: number | null;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));
/** numeric as text, exact for whole đồng (Number → String keeps integers up to 2^53 exact) */
const numText = (v: number | null): string | null => (v === null ? null : String(v));

/** The columns of an ElementInfo, shared with the import's reads (one place names the limits). */
export const elementColumns = {
  id: dataElements.id,
  code: dataElements.code,
  name: dataElements.name,
  unit: dataElements.unit,
  computed: dataElements.computed,
  maxValue: dataElements.maxValue,
  maxPerHead: dataElements.maxPerHead,
};

export function elementInfo<T extends { unit: string; maxValue: string | null; maxPerHead: string | null }>(r: T) {
  const { maxValue, maxPerHead, ...rest } = r;
  return { ...rest, unit: r.unit as Unit, max: num(maxValue), maxPerHead: num(maxPerHead) };
}

const submissionColumns = {
  id: submissions.id,
  periodId: submissions.periodId,
  communeId: submissions.communeId,
  status: submissions.status,
  version: submissions.version,
  startedAt: submissions.startedAt,
  submittedAt: submissions.submittedAt,
  submittedBy: submissions.submittedBy,
  firstSubmittedAt: submissions.firstSubmittedAt,
  firstImportedAt: submissions.firstImportedAt,
  importId: submissions.importId,
  approvedAt: submissions.approvedAt,
  approvedBy: submissions.approvedBy,
  updatedAt: submissions.updatedAt,
  updatedBy: submissions.updatedBy,
};

export const submissionsRepo = {
  async elements(db: DbOrTx): Promise<ElementInfo[]> {
    const rows = await db
      .select({ ...elementColumns })
      .from(dataElements)
      .orderBy(asc(dataElements.sortOrder), asc(dataElements.id));
    return rows.map(elementInfo);
  },

  /** The element ids a round asks for; a round without its own list asks for every non-computed element. */
  async roundElementIds(db: DbOrTx, periodId: number): Promise<number[]> {
    const rows = await db.select({ id: periodElements.elementId }).from(periodElements).where(eq(periodElements.periodId, periodId));
    if (rows.length) return rows.map((r) => r.id);
    const all = await db.select({ id: dataElements.id }).from(dataElements).where(eq(dataElements.computed, false));
    return all.map((r) => r.id);
  },

  async get(db: DbOrTx, periodId: number, communeId: number): Promise<SubmissionRow | null> {
    const [row] = await db
      .select(submissionColumns)
      .from(submissions)
      .where(and(eq(submissions.periodId, periodId), eq(submissions.communeId, communeId)));
    return (row as SubmissionRow) ?? null;
  },

  /** Reads and locks the row until the transaction ends: a concurrent save waits, then sees the new version. */
  async lock(tx: DbOrTx, periodId: number, communeId: number): Promise<SubmissionRow | null> {
    const [row] = await tx
      .select(submissionColumns)
      .from(submissions)
      .where(and(eq(submissions.periodId, periodId), eq(submissions.communeId, communeId)))
      .for('update');
    return (row as SubmissionRow) ?? null;
  },

  /** Creates the row at version 0, or nothing when a concurrent request created it first. */
  async create(tx: DbOrTx, periodId: number, communeId: number, actor: string): Promise<boolean> {
    const rows = await tx
      .insert(submissions)
      .values({ periodId, communeId, status: 'draft', version: 0, updatedBy: actor })
      .onConflictDoNothing({ target: [submissions.periodId, submissions.communeId] })
      .returning({ id: submissions.id });
    return rows.length > 0;
  },

  async update(
    tx: DbOrTx,
    id: number,
    patch: Partial<{
      status: StoredStatus;
      submittedAt: ReturnType<typeof sql>;
      submittedBy: string;
      firstSubmittedAt: ReturnType<typeof sql>;
      firstImportedAt: ReturnType<typeof sql>;
      importId: number | null;
      approvedAt: ReturnType<typeof sql> | null;
      approvedBy: string | null;
    }> & { actor: string },
  ): Promise<number> {
    const { actor, ...rest } = patch;
    const [row] = await tx
      .update(submissions)
      .set({ ...(rest as Record<string, unknown>), version: sql`${submissions.version} + 1`, updatedAt: sql`now()`, updatedBy: actor })
      .where(eq(submissions.id, id))
      .returning({ version: submissions.version });
    return row.version;
  },

  async values(db: DbOrTx, submissionId: number): Promise<Map<number, StoredValue>> {
    const rows = await db
      .select({ elementId: submissionValues.elementId, value: submissionValues.value, explanation: submissionValues.explanation })
      .from(submissionValues)
      .where(eq(submissionValues.submissionId, submissionId));
    return new Map(rows.map((r) => [r.elementId, { value: num(r.value), explanation: r.explanation }]));
  },

  /** Values of many submissions at once (completeness counts, ranking overlay). */
  async valuesOfSubmissions(db: DbOrTx, submissionIds: number[]): Promise<{ submissionId: number; elementId: number; value: number | null }[]> {
    if (!submissionIds.length) return [];
    const rows = await db
      .select({ submissionId: submissionValues.submissionId, elementId: submissionValues.elementId, value: submissionValues.value })
      .from(submissionValues)
      .where(inArray(submissionValues.submissionId, submissionIds));
    return rows.map((r) => ({ ...r, value: num(r.value) }));
  },

  /** Writes fields (elementId → value and/or explanation); a field with neither is deleted ("empty" has no row). */
  async putValues(tx: DbOrTx, submissionId: number, fields: Map<number, StoredValue>) {
    const empty = [...fields].filter(([, v]) => v.value === null && !v.explanation).map(([id]) => id);
    const rows = [...fields]
      .filter(([, v]) => v.value !== null || v.explanation)
      .map(([elementId, v]) => ({ submissionId, elementId, value: numText(v.value), explanation: v.explanation }));
    if (empty.length) {
      await tx.delete(submissionValues).where(and(eq(submissionValues.submissionId, submissionId), inArray(submissionValues.elementId, empty)));
    }
    if (rows.length) {
      await tx
        .insert(submissionValues)
        .values(rows)
        .onConflictDoUpdate({
          target: [submissionValues.submissionId, submissionValues.elementId],
          set: { value: sql`excluded.value`, explanation: sql`excluded.explanation` },
        });
    }
  },

  async comments(db: DbOrTx, submissionId: number) {
    return db
      .select({ kind: submissionComments.kind, body: submissionComments.body, author: submissionComments.author, at: submissionComments.at })
      .from(submissionComments)
      .where(eq(submissionComments.submissionId, submissionId))
      .orderBy(asc(submissionComments.at), asc(submissionComments.id));
  },

  async addComment(tx: DbOrTx, submissionId: number, kind: 'submit' | 'return' | 'approve' | 'reopen' | 'note', body: string, author: string) {
    await tx.insert(submissionComments).values({ submissionId, kind, body, author });
  },

  /** The published (approved) figures of one commune in one round: elementId → value. */
  async published(db: DbOrTx, periodId: number, communeId: number): Promise<Map<number, number>> {
    const rows = await db
      .select({ elementId: dataValues.elementId, value: dataValues.value })
      .from(dataValues)
      .where(and(eq(dataValues.periodId, periodId), eq(dataValues.communeId, communeId)));
    return new Map(rows.map((r) => [r.elementId, Number(r.value)]));
  },

  /** One statement for a commune's figures of a round. */
  async upsertPublished(
    tx: DbOrTx,
    c: { periodId: number; communeId: number; source: string; updatedBy: string },
    figures: { elementId: number; value: number }[],
  ) {
    if (!figures.length) return;
    await tx
      .insert(dataValues)
      .values(figures.map((f) => ({ ...c, elementId: f.elementId, value: String(f.value), approximate: false, note: null })))
      .onConflictDoUpdate({
        target: [dataValues.periodId, dataValues.elementId, dataValues.communeId],
        // a new figure from a form or an import is exact and current to the round, until said otherwise
        set: {
          value: sql`excluded.value`,
          approximate: false,
          asOf: null,
          source: sql`excluded.source`,
          note: null,
          updatedBy: sql`excluded.updated_by`,
          updatedAt: sql`now()`,
        },
      });
  },

  async deletePublished(tx: DbOrTx, periodId: number, communeId: number, elementIds: number[]) {
    if (!elementIds.length) return;
    await tx
      .delete(dataValues)
      .where(and(eq(dataValues.periodId, periodId), eq(dataValues.communeId, communeId), inArray(dataValues.elementId, elementIds)));
  },

  async audit(tx: DbOrTx, rows: AuditRow[]) {
    // one statement per batch: an approval of 30 figures is one round trip, a close of 96 communes a few
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(auditLog).values(
        rows.slice(i, i + 1000).map((r) => ({
          actor: r.actor,
          periodId: r.periodId,
          communeId: r.communeId,
          elementId: r.elementId,
          oldValue: numText(r.oldValue),
          newValue: numText(r.newValue),
          how: r.how,
          comment: r.comment ?? null,
          importId: r.importId ?? null,
        })),
      );
    }
  },

  async commune(db: DbOrTx, code: string) {
    const [c] = await db
      .select({ id: communes.id, code: communes.code, name: communes.name, type: communes.type, villages: communes.villages })
      .from(communes)
      .where(eq(communes.code, code));
    return c ?? null;
  },
};
