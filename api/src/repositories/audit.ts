// The append-only audit log: every change to a figure, a report's state, a round, an account or a
// briefing link. Writes take the transaction of the change they record (pass it as `db`), so the
// log can never miss one.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { auditLog, communes, dataElements, periods } from '../db/schema';
import { instant } from './timestamps';

export interface AuditFilter {
  communeId?: number;
  periodId?: number;
  elementId?: number;
  limit: number;
}

export interface AuditRow {
  actor: string;
  how: 'form' | 'import' | 'approval' | 'reopen' | 'submit' | 'return' | 'seed' | 'system' | 'round' | 'user' | 'report';
  /** what the row is about; absent = not about one round, commune or figure */
  periodId?: number | null;
  communeId?: number | null;
  elementId?: number | null;
  oldValue?: number | null;
  newValue?: number | null;
  comment?: string | null;
  importId?: number | null;
  /** how = 'report': the report the figure was read from */
  reportId?: number | null;
}

/** numeric as text, exact for whole đồng (Number → String keeps integers up to 2^53 exact) */
export const numText = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));

export function createAuditRepository(db: DbOrTx) {
  return {
    async list(f: AuditFilter) {
      const where: SQL[] = [];
      if (f.communeId !== undefined) where.push(eq(auditLog.communeId, f.communeId));
      if (f.periodId !== undefined) where.push(eq(auditLog.periodId, f.periodId));
      if (f.elementId !== undefined) where.push(eq(auditLog.elementId, f.elementId));
      const c = alias(communes, 'c');
      const rows = await db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actor: auditLog.actor,
          period: periods.code,
          commune: c.code,
          communeName: c.name,
          element: dataElements.code,
          elementName: dataElements.name,
          oldValue: auditLog.oldValue,
          newValue: auditLog.newValue,
          how: auditLog.how,
          comment: auditLog.comment,
        })
        .from(auditLog)
        .leftJoin(periods, eq(periods.id, auditLog.periodId))
        .leftJoin(c, eq(c.id, auditLog.communeId))
        .leftJoin(dataElements, eq(dataElements.id, auditLog.elementId))
        .where(where.length ? and(...where) : undefined)
        // id, not time: rows written in one transaction share now(), the sequence keeps their order
        .orderBy(desc(auditLog.id))
        .limit(f.limit);
      return rows.map((r) => ({
        ...r,
        id: Number(r.id),
        at: instant(r.at),
        oldValue: r.oldValue === null ? null : Number(r.oldValue),
        newValue: r.newValue === null ? null : Number(r.newValue),
      }));
    },

    async write(rows: AuditRow[]) {
      // one statement per batch: an approval of 30 figures is one round trip, a close of 96 communes a few
      for (let i = 0; i < rows.length; i += 1000) {
        await db.insert(auditLog).values(
          rows.slice(i, i + 1000).map((r) => ({
            actor: r.actor,
            periodId: r.periodId ?? null,
            communeId: r.communeId ?? null,
            elementId: r.elementId ?? null,
            oldValue: numText(r.oldValue),
            newValue: numText(r.newValue),
            how: r.how,
            comment: r.comment ?? null,
            importId: r.importId ?? null,
            reportId: r.reportId ?? null,
          })),
        );
      }
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
