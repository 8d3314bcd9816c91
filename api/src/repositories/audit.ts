// Reads of the append-only audit log (writes go through the submissions repository, inside the
// transaction of the change they record).
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { auditLog, communes, dataElements, periods } from '../db/schema';

export interface AuditFilter {
  communeId?: number;
  periodId?: number;
  elementId?: number;
  limit: number;
}

export const auditRepo = {
  async list(db: DbOrTx, f: AuditFilter) {
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
      at: new Date(toIso(r.at)).toISOString(),
      oldValue: r.oldValue === null ? null : Number(r.oldValue),
      newValue: r.newValue === null ? null : Number(r.newValue),
    }));
  },
};

/** PostgreSQL's text timestamp ("2026-11-22 09:30:00.12+00") as ISO 8601 */
export function toIso(t: string): string {
  return /^\d{4}-\d{2}-\d{2} /.test(t) ? t.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00') : t;
}
