// Each round's ranks as the ranking service made them, kept in the database (round_ranks, issue
// 13, docs/decisions/026): a standing after a restart reads its own commune's slice of each round
// in its trend, not every commune's figures of every round. A row is answered only while it was
// made at the round's figures version now (round_versions, moved by triggers in the transaction
// that writes figures) and with the definition the reader expects (communes, catalogue, the
// round's settings): anything else is as if absent, and is made again by the reader.
// Raw prepared SQL like values.ts: the hot path of a standing, never inside a transaction.
import type { Database } from '../db/client';

/** One round's ranks, all communes (write) or one commune's slice (read). */
export interface RoundRanks {
  periodId: number;
  figuresVersion: number;
  definition: string;
  indicators: string[];
  province: (number | null)[];
  /** per commune (in the definition's order), then per indicator */
  values: (number | null)[];
  ranks: (number | null)[];
  compositeWeights: string;
  /** per commune */
  compositeRanks: (number | null)[];
}

// `at` (0-based position of a commune) slices its own entries; null reads every commune's
// composite rank and no per-indicator entry (the composite table's compared round)
const READ = `select r.period_id as "periodId", r.figures_version::float8 as "figuresVersion", r.definition, r.indicators, r.province,
         case when $3::int is null then '{}'::float8[] else r.values[$3::int * cardinality(r.indicators) + 1 : ($3::int + 1) * cardinality(r.indicators)] end as "values",
         case when $3::int is null then '{}'::int[] else r.ranks[$3::int * cardinality(r.indicators) + 1 : ($3::int + 1) * cardinality(r.indicators)] end as "ranks",
         r.composite_weights as "compositeWeights",
         case when $3::int is null then r.composite_ranks else r.composite_ranks[$3::int + 1 : $3::int + 1] end as "compositeRanks"
       from round_ranks r
       join unnest($1::int[], $2::text[]) as w(period_id, definition) on w.period_id = r.period_id and w.definition = r.definition
       where r.figures_version = coalesce((select v.version from round_versions v where v.period_id = r.period_id), 0)`;

// a row made at an older version, or another definition, is replaced; one made at a newer version
// (another instance read the round after a write this one has not heard of) is not
const WRITE = `insert into round_ranks (period_id, figures_version, definition, indicators, province, values, ranks, composite_weights, composite_ranks)
       values ($1, $2, $3, $4::text[], $5::float8[], $6::float8[], $7::int[], $8, $9::int[])
       on conflict (period_id) do update set
         figures_version = excluded.figures_version, definition = excluded.definition, indicators = excluded.indicators,
         province = excluded.province, values = excluded.values, ranks = excluded.ranks,
         composite_weights = excluded.composite_weights, composite_ranks = excluded.composite_ranks, written_at = now()
       where round_ranks.figures_version < excluded.figures_version
          or (round_ranks.figures_version = excluded.figures_version and round_ranks.definition <> excluded.definition)`;

// postgres.js reads a NULL inside a number array as NaN (PGlite as null); nothing stored is NaN
const nulls = (a: (number | null)[]) => a.map((x) => (x === null || Number.isNaN(x) ? null : x));

export function createRoundRanksRepository(database: Database) {
  return {
    /**
     * The valid rows of these rounds (each with the definition its reader expects), sliced to
     * the commune at position `at`, or with every commune's composite rank when `at` is null.
     */
    async read(rounds: { periodId: number; definition: string }[], at: number | null): Promise<RoundRanks[]> {
      if (!rounds.length) return [];
      const rows = await database.query<RoundRanks>(READ, [rounds.map((r) => r.periodId), rounds.map((r) => r.definition), at]);
      for (const r of rows) {
        r.province = nulls(r.province);
        r.values = nulls(r.values);
        r.ranks = nulls(r.ranks);
        r.compositeRanks = nulls(r.compositeRanks);
      }
      return rows;
    },

    async write(r: RoundRanks): Promise<void> {
      await database.query(WRITE, [r.periodId, r.figuresVersion, r.definition, r.indicators, r.province, r.values, r.ranks, r.compositeWeights, r.compositeRanks]);
    },
  };
}
export type RoundRanksRepository = ReturnType<typeof createRoundRanksRepository>;
