// The hot reads of the values table. One query per round returns the asked data elements'
// figures by element (communes and values as arrays); the ranking service lays them out per
// commune (docs/decisions/002, 021).
// The one repository that takes the Database rather than a `db`: its reads are raw, prepared
// SQL (database.query) on the hot path, and never run inside a transaction.
import type { Database } from '../db/client';
import { createRoundsRepository } from './rounds';

/** A round's figures laid out per commune, as the rankings read them (services/rankings.ts). */
export interface MatrixRow {
  periodId: number;
  communeId: number;
  /** one entry per asked element, in the asked order; null = not reported */
  values: (number | null)[];
  /** bit k set when the k-th element's figure is approximate ("trên 90%") */
  approxMask: number;
}

/** One data element's figures in one round: the communes that have one, in the same order as their values. */
export interface Column {
  communeIds: number[];
  values: number[];
  /** the communes whose figure is approximate ("trên 90%"); usually none */
  approximate: number[];
}

export interface RawValue {
  communeId: number;
  element: string;
  value: string;
  approximate: boolean;
  asOf: string | null;
  source: string;
  note: string | null;
  updatedAt: string;
}

// One row per element, its communes and values as arrays: the primary key's order
// (period_id, element_id, commune_id) groups by element without a sort, where the pivot by
// commune sorted every round's figures again (a third of the time at national scale, spilling to
// disk past work_mem). See docs/decisions/021.
// The round's figures version (round_versions, moved by triggers in the transaction that writes the
// figures) comes with them from the same statement, so from the same snapshot: what is derived
// from these figures and kept in the database is labelled with the version they really are
// (services/rankings.ts), never a later one. A round with no figure yet is version 0, one row with
// no element.
const COLUMNS = `select v.version, c."elementId", c."communeIds", c."values", c."approximate"
       from (select coalesce((select version from round_versions where period_id = $1), 0)::float8 as version) v
       left join (
         select element_id as "elementId", array_agg(commune_id) as "communeIds", array_agg(value::float8) as "values",
                coalesce(array_agg(commune_id) filter (where approximate), '{}') as "approximate"
           from data_values
          where period_id = $1 and element_id = any($2::int[])
          group by element_id) c on true`;

export function createValuesRepository(database: Database) {
  return {
    /**
     * The asked elements' figures in one round, by element (an element with no figure is absent),
     * and the round's figures version they were read at.
     */
    async columns(periodId: number, elementIds: number[]): Promise<{ version: number; columns: Map<number, Column> }> {
      const rows = await database.query<Column & { elementId: number | null; version: number }>(COLUMNS, [periodId, elementIds]);
      const columns = new Map<number, Column>();
      for (const { elementId, version: _, ...c } of rows) if (elementId !== null) columns.set(elementId, c);
      return { version: Number(rows[0]?.version ?? 0), columns };
    },

    /**
     * The figures of submissions awaiting approval ('submitted'), for rankings that include them:
     * per (round, commune), the elements the round asks for (null = left empty) and their values.
     * A submission with a figure beyond its element's plausible limit (checkFigures' figureLimit:
     * max_value, or max_per_head × population) is left out: submit and approve refuse such a form
     * now, but one submitted before the limits existed would otherwise own the province total.
     */
    async submittedOverlay(
      periodIds: number[],
      elementIds: number[],
    ): Promise<{ periodId: number; communeId: number; asked: number[]; values: Map<number, number | null> }[]> {
      if (!periodIds.length || !elementIds.length) return [];
      const subs = await database.query<{ periodId: number; communeId: number; elementId: number | null; value: number | null }>(
        `select s.period_id as "periodId", s.commune_id as "communeId", sv.element_id as "elementId", sv.value::float8 as value
         from submissions s
         left join submission_values sv on sv.submission_id = s.id and sv.element_id = any($2::int[])
         where s.period_id = any($1::int[]) and s.status = 'submitted'
           and not exists (
             select 1 from submission_values x join data_elements e on e.id = x.element_id join communes c on c.id = s.commune_id
             where x.submission_id = s.id and (x.value > e.max_value or x.value > floor(e.max_per_head * c.population)))`,
        [periodIds, elementIds],
      );
      if (!subs.length) return [];
      // what each round asks for: the one rule, in the rounds repository
      const rounds = await createRoundsRepository(database.db).asked(periodIds);
      const wanted = new Set(elementIds);
      const askedBy = new Map([...rounds].map(([id, r]) => [id, r.ids.filter((e) => wanted.has(e))]));
      const out = new Map<string, { periodId: number; communeId: number; asked: number[]; values: Map<number, number | null> }>();
      for (const r of subs) {
        const k = `${r.periodId}|${r.communeId}`;
        let o = out.get(k);
        if (!o) out.set(k, (o = { periodId: r.periodId, communeId: r.communeId, asked: askedBy.get(r.periodId) ?? [], values: new Map() }));
        if (r.elementId !== null) o.values.set(r.elementId, r.value === null ? null : Number(r.value));
      }
      return [...out.values()];
    },

    /** Rounds in which the Sở published figures of this commune's own (computed ones aside). */
    async roundsWithFigures(communeId: number): Promise<Set<number>> {
      const rows = await database.query<{ id: number }>(
        `select distinct v.period_id as id from data_values v join data_elements e on e.id = v.element_id
         where v.commune_id = $1 and not e.computed`,
        [communeId],
      );
      return new Set(rows.map((r) => Number(r.id)));
    },

    async listForPeriod(periodId: number): Promise<RawValue[]> {
      return database.query<RawValue>(
        `select v.commune_id as "communeId", e.code as element, v.value::text as value, v.approximate,
                v.as_of::text as "asOf", v.source, v.note, v.updated_at as "updatedAt"
         from data_values v join data_elements e on e.id = v.element_id
         where v.period_id = $1
         order by v.commune_id, e.sort_order`,
        [periodId],
      );
    },
  };
}
export type ValuesRepository = ReturnType<typeof createValuesRepository>;
