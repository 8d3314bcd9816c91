// A commune's report for a round: the submission row (status, version, who and when), the
// figures and explanations typed into it, and its comments. Pass the caller's transaction as `db`
// so a save, its audit rows and its version bump commit together or not at all.
import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { StoredState } from '@nq57/shared';
import type { SubmissionSaved } from '@nq57/shared/schemas';
import type { DbOrTx } from '../db/client';
import { submissionComments, submissionSaves, submissionValues, submissions } from '../db/schema';
import { numText } from './audit';
import { instant } from './timestamps';


/** Timestamps are ISO instants. */
export interface SubmissionRow {
  id: number;
  periodId: number;
  communeId: number;
  status: StoredState;
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

/** A report of a round as the import plans against it: its status and the figures typed in. */
export interface RoundSubmission {
  id: number;
  communeId: number;
  status: StoredState;
  values: Map<number, number | null>;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

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

/** The row as stored (status as text, timestamps as PostgreSQL writes them) → a SubmissionRow. */
const toRow = (r: Omit<SubmissionRow, 'status'> & { status: string }): SubmissionRow => ({
  ...r,
  status: r.status as StoredState,
  startedAt: instant(r.startedAt),
  submittedAt: instant(r.submittedAt),
  firstSubmittedAt: instant(r.firstSubmittedAt),
  firstImportedAt: instant(r.firstImportedAt),
  approvedAt: instant(r.approvedAt),
  updatedAt: instant(r.updatedAt),
});

/**
 * How long a save's answer is kept by its client id. A phone's outbox resends within minutes or
 * days; a resend later than this is still safe (the version check refuses it), it only shows the
 * officer a conflict with their own earlier save.
 */
export const SAVE_RECEIPT_DAYS = 90;

// when the figures first reached the Sở: kept from the first time, never moved by a later one
const firstSubmission = sql`coalesce(${submissions.firstSubmittedAt}, now())`;
const firstImport = sql`coalesce(${submissions.firstImportedAt}, now())`;

export function createSubmissionsRepository(db: DbOrTx) {
  /** Every change bumps the version and says who made it: the optimistic lock of decision 006. */
  async function change(id: number, actor: string, set: Record<string, unknown> = {}): Promise<number> {
    const [row] = await db
      .update(submissions)
      .set({ ...set, version: sql`${submissions.version} + 1`, updatedAt: sql`now()`, updatedBy: actor })
      .where(eq(submissions.id, id))
      .returning({ version: submissions.version });
    return row.version;
  }

  return {
    async get(periodId: number, communeId: number): Promise<SubmissionRow | null> {
      const [row] = await db
        .select(submissionColumns)
        .from(submissions)
        .where(and(eq(submissions.periodId, periodId), eq(submissions.communeId, communeId)));
      return row ? toRow(row) : null;
    },

    /** Reads and locks the row until the transaction ends: a concurrent save waits, then sees the new version. */
    async lock(periodId: number, communeId: number): Promise<SubmissionRow | null> {
      const [row] = await db
        .select(submissionColumns)
        .from(submissions)
        .where(and(eq(submissions.periodId, periodId), eq(submissions.communeId, communeId)))
        .for('update');
      return row ? toRow(row) : null;
    },

    /** Creates the row at version 0, or nothing when a concurrent request created it first. */
    async create(periodId: number, communeId: number, actor: string): Promise<boolean> {
      const rows = await db
        .insert(submissions)
        .values({ periodId, communeId, status: 'draft', version: 0, updatedBy: actor })
        .onConflictDoNothing({ target: [submissions.periodId, submissions.communeId] })
        .returning({ id: submissions.id });
      return rows.length > 0;
    },

    /** A save: the new version (and, for an import's figures, which file they came from). */
    touch: (id: number, actor: string, o: { importId?: number | null } = {}) => change(id, actor, o.importId === undefined ? {} : { importId: o.importId }),

    /**
     * Up for review. By the commune: its first submission is kept (lateness is judged on it). By an
     * import: the Sở sent the figures on, so only the first import is kept, never a submission time
     * (decision 010); `importId` names the file when its figures changed the form.
     */
    markSubmitted(id: number, actor: string, by: { commune: true } | { importId?: number | null }) {
      return change(id, actor, {
        status: 'submitted',
        submittedAt: sql`now()`,
        submittedBy: actor,
        ...('commune' in by ? { firstSubmittedAt: firstSubmission } : { firstImportedAt: firstImport }),
        ...('importId' in by && by.importId !== undefined ? { importId: by.importId } : {}),
      });
    },

    /** Approved; `fromImport` when the Sở's file brought figures (which file, and the first import kept). */
    markApproved(id: number, actor: string, fromImport?: { importId: number | null }) {
      return change(id, actor, { status: 'approved', approvedAt: sql`now()`, approvedBy: actor, ...(fromImport && { importId: fromImport.importId, firstImportedAt: firstImport }) });
    },

    /** An approved report the Sở's file changed again (which file, and the first import kept). */
    noteImport: (id: number, actor: string, importId: number | null) => change(id, actor, { importId, firstImportedAt: firstImport }),

    /** Back with the commune (a return of a submitted report or a reopen of an approved one). */
    markReturned: (id: number, actor: string) => change(id, actor, { status: 'returned' }),

    /** The answer this account was given for the save with this client id (issue 15), or null. */
    async savedBefore(submissionId: number, clientId: string, actor: string): Promise<SubmissionSaved | null> {
      const [row] = await db
        .select({ result: submissionSaves.result })
        .from(submissionSaves)
        .where(and(eq(submissionSaves.submissionId, submissionId), eq(submissionSaves.clientId, clientId), eq(submissionSaves.actor, actor)));
      return row ? (row.result as SubmissionSaved) : null;
    },

    /** Keeps a save's answer under its client id, and forgets this submission's ids past SAVE_RECEIPT_DAYS. */
    async keepSave(submissionId: number, clientId: string, actor: string, result: SubmissionSaved) {
      await db
        .delete(submissionSaves)
        .where(and(eq(submissionSaves.submissionId, submissionId), lt(submissionSaves.savedAt, sql`now() - make_interval(days => ${SAVE_RECEIPT_DAYS})`)));
      // another account reusing the id (never a browser's own) is answered, not remembered
      await db.insert(submissionSaves).values({ submissionId, clientId, actor, result }).onConflictDoNothing();
    },

    async values(submissionId: number): Promise<Map<number, StoredValue>> {
      const rows = await db
        .select({ elementId: submissionValues.elementId, value: submissionValues.value, explanation: submissionValues.explanation })
        .from(submissionValues)
        .where(eq(submissionValues.submissionId, submissionId));
      return new Map(rows.map((r) => [r.elementId, { value: num(r.value), explanation: r.explanation }]));
    },

    /** Writes fields (elementId → value and/or explanation); a field with neither is deleted ("empty" has no row). */
    async putValues(submissionId: number, fields: Map<number, StoredValue>) {
      const empty = [...fields].filter(([, v]) => v.value === null && !v.explanation).map(([id]) => id);
      const rows = [...fields]
        .filter(([, v]) => v.value !== null || v.explanation)
        .map(([elementId, v]) => ({ submissionId, elementId, value: numText(v.value), explanation: v.explanation }));
      if (empty.length) {
        await db.delete(submissionValues).where(and(eq(submissionValues.submissionId, submissionId), inArray(submissionValues.elementId, empty)));
      }
      if (rows.length) {
        await db
          .insert(submissionValues)
          .values(rows)
          .onConflictDoUpdate({
            target: [submissionValues.submissionId, submissionValues.elementId],
            set: { value: sql`excluded.value`, explanation: sql`excluded.explanation` },
          });
      }
    },

    async comments(submissionId: number) {
      const rows = await db
        .select({ kind: submissionComments.kind, body: submissionComments.body, author: submissionComments.author, at: submissionComments.at })
        .from(submissionComments)
        .where(eq(submissionComments.submissionId, submissionId))
        .orderBy(asc(submissionComments.at), asc(submissionComments.id));
      return rows.map((c) => ({ ...c, at: instant(c.at) }));
    },

    async addComment(submissionId: number, kind: 'submit' | 'return' | 'approve' | 'reopen' | 'note', body: string, author: string) {
      await db.insert(submissionComments).values({ submissionId, kind, body, author });
    },

    /** Every commune's report of a round, with its figures: communeId → report. */
    async ofRound(periodId: number): Promise<Map<number, RoundSubmission>> {
      const subs = await db
        .select({ id: submissions.id, communeId: submissions.communeId, status: submissions.status })
        .from(submissions)
        .where(eq(submissions.periodId, periodId));
      const vals = subs.length
        ? await db
            .select({ submissionId: submissionValues.submissionId, elementId: submissionValues.elementId, value: submissionValues.value })
            .from(submissionValues)
            .where(inArray(submissionValues.submissionId, subs.map((s) => s.id)))
        : [];
      const byId = new Map(subs.map((s) => [s.id, { ...s, status: s.status as StoredState, values: new Map<number, number | null>() }]));
      for (const v of vals) byId.get(v.submissionId)!.values.set(v.elementId, num(v.value));
      return new Map([...byId.values()].map((s) => [s.communeId, s]));
    },

    /** Per commune with a report in the round: how many of the given elements hold a figure (0 included). */
    async filledByCommune(periodId: number, elementIds: number[]): Promise<Map<number, number>> {
      const rows = await db
        .select({ communeId: submissions.communeId, n: sql<number>`count(${submissionValues.elementId})::int` })
        .from(submissions)
        .leftJoin(
          submissionValues,
          and(eq(submissionValues.submissionId, submissions.id), isNotNull(submissionValues.value), inArray(submissionValues.elementId, elementIds)),
        )
        .where(eq(submissions.periodId, periodId))
        .groupBy(submissions.communeId);
      return new Map(rows.map((r) => [r.communeId, Number(r.n)]));
    },
  };
}
export type SubmissionsRepository = ReturnType<typeof createSubmissionsRepository>;
