// Rounds (kỳ báo cáo) as the write side sees them: one round, every round, the locks a save and a
// close take, and THE rule of which data elements a round asks for (`asked`).
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { dataElements, elementGroups, periodElements, periods } from '../db/schema';

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
  /** "số liệu đến ngày" of the round's figures; null = not said */
  dataAsOf: string | null;
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
  dataAsOf: periods.dataAsOf,
};

/** The elements a round asks for, in form order (the group's order, then the element's). */
export interface RoundElements {
  /** false for a round kept without a list (loaded before lists existed) */
  ownList: boolean;
  ids: number[];
  codes: string[];
}

// THE rule of "the round's elements", over the rows of `periods` and `data_elements`: the round's
// own list (period_elements), or, for a round without one, every element a commune enters (the
// computed ones are written by the system when the round closes). Only `asked` below states it;
// the form, its checks, the import, its template, completeness, the round list, the ranking
// overlay and what the rankings call "collected" all read it from there.
const hasOwnList = sql`exists (select 1 from ${periodElements} where ${periodElements.periodId} = ${periods.id})`;
const asks = sql`(exists (select 1 from ${periodElements} where ${periodElements.periodId} = ${periods.id} and ${periodElements.elementId} = ${dataElements.id})
  or (not ${dataElements.computed} and not ${hasOwnList}))`;

export function createRoundsRepository(db: DbOrTx) {
  /** What each round asks for (every round when no ids are given). */
  async function asked(periodIds?: number[]): Promise<Map<number, RoundElements>> {
    if (periodIds && !periodIds.length) return new Map();
    const rows = await db
      .select({ periodId: periods.id, id: dataElements.id, code: dataElements.code, ownList: sql<boolean | string>`${hasOwnList}` })
      .from(periods)
      .innerJoin(dataElements, asks)
      .innerJoin(elementGroups, eq(elementGroups.code, dataElements.groupCode))
      .where(periodIds ? inArray(periods.id, periodIds) : undefined)
      .orderBy(asc(periods.id), asc(elementGroups.sortOrder), asc(dataElements.sortOrder), asc(dataElements.id));
    const out = new Map<number, RoundElements>();
    for (const r of rows) {
      let e = out.get(r.periodId);
      // a driver may answer a boolean expression as 't'/'f'
      if (!e) out.set(r.periodId, (e = { ownList: r.ownList === true || r.ownList === 't', ids: [], codes: [] }));
      e.ids.push(r.id);
      e.codes.push(r.code);
    }
    return out;
  }

  return {
    async byCode(code: string): Promise<RoundRecord | null> {
      const [r] = await db.select(roundColumns).from(periods).where(eq(periods.code, code));
      return (r as RoundRecord) ?? null;
    },

    async byId(id: number): Promise<RoundRecord | null> {
      const [r] = await db.select(roundColumns).from(periods).where(eq(periods.id, id));
      return (r as RoundRecord) ?? null;
    },

    /** Every round, oldest end first. */
    async all(): Promise<RoundRecord[]> {
      return (await db.select(roundColumns).from(periods).orderBy(asc(periods.endDate), asc(periods.startDate), asc(periods.code))) as RoundRecord[];
    },

    asked,

    /** What one round asks for. */
    async elementsOf(periodId: number): Promise<RoundElements> {
      return (await asked([periodId])).get(periodId) ?? { ownList: false, ids: [], codes: [] };
    },

    /** Inserts the round and its elements; null when the code is taken. */
    async create(r: { code: string; name: string; kind: PeriodKind; startDate: string; endDate: string; deadline: string; elementIds: number[] }): Promise<number | null> {
      const [row] = await db
        .insert(periods)
        .values({ code: r.code, name: r.name, kind: r.kind, startDate: r.startDate, endDate: r.endDate, deadline: r.deadline, status: 'open', dataAsOf: null })
        .onConflictDoNothing({ target: periods.code })
        .returning({ id: periods.id });
      if (!row) return null;
      if (r.elementIds.length) await db.insert(periodElements).values(r.elementIds.map((elementId) => ({ periodId: row.id, elementId })));
      return row.id;
    },

    async patch(id: number, p: Partial<{ status: 'open' | 'closed'; deadline: string; name: string; dataAsOf: string | null }>) {
      if (!Object.keys(p).length) return;
      await db.update(periods).set(p).where(eq(periods.id, id));
    },

    /**
     * Reads and locks the round row until the transaction ends: saves and imports take it shared
     * (many communes save side by side), closing takes it exclusively, so a round never closes
     * half-way through a save.
     */
    async lock(id: number, strength: 'share' | 'update'): Promise<RoundRecord | null> {
      const [r] = await db.select(roundColumns).from(periods).where(eq(periods.id, id)).for(strength);
      return (r as RoundRecord) ?? null;
    },
  };
}
export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
