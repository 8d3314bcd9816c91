// The published figures (data_values) as the write side sees them: what an approval, an import or
// closing a round writes, and what the checks compare a form with (the commune's previous round,
// similar communes). The rankings read the same table through repositories/values.ts.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { communes, dataValues } from '../db/schema';

export interface FigureRow {
  communeId: number;
  elementId: number;
  value: number;
  approximate: boolean;
}

/** A published figure with the commune's type and population: what "similar communes" are made of. */
export interface PeerRow {
  communeId: number;
  elementId: number;
  value: number;
  type: string;
  population: number | null;
}

export function createPublishedRepository(db: DbOrTx) {
  return {
    /** One commune's figures of one round: elementId → value. */
    async ofCommune(periodId: number, communeId: number): Promise<Map<number, number>> {
      const rows = await db
        .select({ elementId: dataValues.elementId, value: dataValues.value })
        .from(dataValues)
        .where(and(eq(dataValues.periodId, periodId), eq(dataValues.communeId, communeId)));
      return new Map(rows.map((r) => [r.elementId, Number(r.value)]));
    },

    /** Every figure of a round. */
    async ofRound(periodId: number): Promise<FigureRow[]> {
      const rows = await db
        .select({ communeId: dataValues.communeId, elementId: dataValues.elementId, value: dataValues.value, approximate: dataValues.approximate })
        .from(dataValues)
        .where(eq(dataValues.periodId, periodId));
      return rows.map((r) => ({ ...r, value: Number(r.value) }));
    },

    /** A round's figures of some elements, from communes of one type (or of every type). */
    async peers(periodId: number, elementIds: number[], type?: string): Promise<PeerRow[]> {
      if (!elementIds.length) return [];
      const rows = await db
        .select({ communeId: dataValues.communeId, elementId: dataValues.elementId, value: dataValues.value, type: communes.type, population: communes.population })
        .from(dataValues)
        .innerJoin(communes, eq(communes.id, dataValues.communeId))
        .where(and(eq(dataValues.periodId, periodId), inArray(dataValues.elementId, elementIds), type === undefined ? undefined : eq(communes.type, type)));
      return rows.map((r) => ({ ...r, value: Number(r.value) }));
    },

    /**
     * Rounds with any published figure, computed ones included: the candidates for the round a
     * form is compared with. (The read side's "has figures", catalogue.periods, leaves the computed
     * on-time figures out.)
     */
    async roundsWithFigures(): Promise<Set<number>> {
      const rows = await db.selectDistinct({ id: dataValues.periodId }).from(dataValues);
      return new Set(rows.map((r) => r.id));
    },

    /** How many of the given elements each commune has published in a round (communes with none absent). */
    async countsByCommune(periodId: number, elementIds: number[]): Promise<Map<number, number>> {
      if (!elementIds.length) return new Map();
      const rows = await db
        .select({ communeId: dataValues.communeId, n: sql<number>`count(*)::int` })
        .from(dataValues)
        .where(and(eq(dataValues.periodId, periodId), inArray(dataValues.elementId, elementIds)))
        .groupBy(dataValues.communeId);
      return new Map(rows.map((r) => [r.communeId, Number(r.n)]));
    },

    /** One statement for a commune's figures of a round. */
    async upsert(c: { periodId: number; communeId: number; source: string; updatedBy: string }, figures: { elementId: number; value: number }[]) {
      if (!figures.length) return;
      await db
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

    async remove(periodId: number, communeId: number, elementIds: number[]) {
      if (!elementIds.length) return;
      await db
        .delete(dataValues)
        .where(and(eq(dataValues.periodId, periodId), eq(dataValues.communeId, communeId), inArray(dataValues.elementId, elementIds)));
    },

    /** Hedged figures ("trên 90%") keep their flag; publishing writes the number only. */
    async markApproximate(periodId: number, communeId: number, elementIds: number[]) {
      if (!elementIds.length) return;
      await db
        .update(dataValues)
        .set({ approximate: true })
        .where(and(eq(dataValues.periodId, periodId), eq(dataValues.communeId, communeId), inArray(dataValues.elementId, elementIds)));
    },
  };
}
export type PublishedRepository = ReturnType<typeof createPublishedRepository>;
