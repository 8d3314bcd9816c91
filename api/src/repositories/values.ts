// The hot reads of the values table. One pivot query returns, for the asked rounds and data
// elements, one row per (round, commune) with one column per element: the shape every
// ranking needs, with the grouping done where the data is (see docs/decisions/002).
import type { Database } from '../db/client';

export interface MatrixRow {
  periodId: number;
  communeId: number;
  /** one entry per asked element, in the asked order; null = not reported */
  values: (number | null)[];
  /** bit k set when the k-th element's figure is approximate ("trên 90%") */
  approxMask: number;
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

const queryText = new Map<number, string>();
function pivotQuery(n: number): string {
  let q = queryText.get(n);
  if (!q) {
    const cols = Array.from({ length: n }, (_, k) => `max(value::float8) filter (where element_id = ($2::int[])[${k + 1}]) as e${k}`);
    // element ids are parameters, never spliced into the text: one prepared statement per width
    q = `select period_id as "periodId", commune_id as "communeId",
           bit_or(case when approximate then (1 << (array_position($2::int[], element_id) - 1)) else 0 end)::int as "approxMask",
           ${cols.join(',\n           ')}
         from data_values
         where period_id = any($1::int[]) and element_id = any($2::int[])
         group by period_id, commune_id`;
    queryText.set(n, q);
  }
  return q;
}

export function createValuesRepository(database: Database) {
  return {
    async matrix(periodIds: number[], elementIds: number[]): Promise<MatrixRow[]> {
      if (!periodIds.length || !elementIds.length) return [];
      if (elementIds.length > 30) throw new Error('pivot query limited to 30 elements (approximate bit mask)');
      const rows = await database.query<Record<string, number | null>>(pivotQuery(elementIds.length), [periodIds, elementIds]);
      return rows.map((r) => ({
        periodId: r.periodId as number,
        communeId: r.communeId as number,
        approxMask: (r.approxMask as number) ?? 0,
        values: elementIds.map((_, k) => (r[`e${k}`] as number | null) ?? null),
      }));
    },

    async communesWithValues(periodId: number): Promise<number[]> {
      const rows = await database.query<{ id: number }>(
        `select c.id from communes c where exists (select 1 from data_values v where v.commune_id = c.id and v.period_id = $1)`,
        [periodId],
      );
      return rows.map((r) => r.id);
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
