// Rounds (kỳ báo cáo) as the write side sees them: one round with the elements it asks for.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { dataElements, periodElements, periods } from '../db/schema';

export type PeriodKind = 'month' | 'quarter' | 'nine_months' | 'year';

export interface RoundRecord {
  id: number;
  code: string;
  name: string;
  kind: PeriodKind;
  startDate: string;
  endDate: string;
  deadline: string | null;
  status: 'open' | 'closed';
}

export const roundColumns = {
  id: periods.id,
  code: periods.code,
  name: periods.name,
  kind: periods.kind,
  startDate: periods.startDate,
  endDate: periods.endDate,
  deadline: periods.deadline,
  status: periods.status,
};

export const roundsRepo = {
  async byCode(db: DbOrTx, code: string): Promise<RoundRecord | null> {
    const [r] = await db.select(roundColumns).from(periods).where(eq(periods.code, code));
    return (r as RoundRecord) ?? null;
  },

  async byId(db: DbOrTx, id: number): Promise<RoundRecord | null> {
    const [r] = await db.select(roundColumns).from(periods).where(eq(periods.id, id));
    return (r as RoundRecord) ?? null;
  },

  /** Every round, oldest end first. */
  async all(db: DbOrTx): Promise<RoundRecord[]> {
    return (await db.select(roundColumns).from(periods).orderBy(asc(periods.endDate), asc(periods.startDate), asc(periods.code))) as RoundRecord[];
  },

  /** Codes of the elements a round asks for, in form order (a round without a list asks for every non-computed one). */
  async elementCodes(db: DbOrTx, periodId: number): Promise<string[]> {
    const own = await db
      .select({ code: dataElements.code })
      .from(periodElements)
      .innerJoin(dataElements, eq(dataElements.id, periodElements.elementId))
      .where(eq(periodElements.periodId, periodId))
      .orderBy(asc(dataElements.sortOrder), asc(dataElements.id));
    if (own.length) return own.map((r) => r.code);
    const all = await db
      .select({ code: dataElements.code })
      .from(dataElements)
      .where(eq(dataElements.computed, false))
      .orderBy(asc(dataElements.sortOrder), asc(dataElements.id));
    return all.map((r) => r.code);
  },

  /** Inserts the round and its elements; null when the code is taken. */
  async create(
    tx: DbOrTx,
    r: { code: string; name: string; kind: PeriodKind; startDate: string; endDate: string; deadline: string; elementIds: number[] },
  ): Promise<number | null> {
    const [row] = await tx
      .insert(periods)
      .values({ code: r.code, name: r.name, kind: r.kind, startDate: r.startDate, endDate: r.endDate, deadline: r.deadline, status: 'open', dataAsOf: null })
      .onConflictDoNothing({ target: periods.code })
      .returning({ id: periods.id });
    if (!row) return null;
    if (r.elementIds.length) await tx.insert(periodElements).values(r.elementIds.map((elementId) => ({ periodId: row.id, elementId })));
    return row.id;
  },

  async patch(tx: DbOrTx, id: number, p: Partial<{ status: 'open' | 'closed'; deadline: string; name: string; dataAsOf: string | null }>) {
    if (!Object.keys(p).length) return;
    await tx.update(periods).set(p).where(eq(periods.id, id));
  },

  /**
   * Reads and locks the round row: saves take it shared (many communes save side by side),
   * closing takes it exclusively, so a round never closes half-way through a save.
   */
  async lock(tx: DbOrTx, id: number, strength: 'share' | 'update'): Promise<RoundRecord | null> {
    const [r] = await tx.select(roundColumns).from(periods).where(eq(periods.id, id)).for(strength);
    return (r as RoundRecord) ?? null;
  },
};
