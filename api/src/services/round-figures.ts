// The figures of each round, kept in memory between reads, and what is derived from them alone
// (a round's ranks in a commune's trend). A round's figures change only when something is written
// to that round, and every such write announces the round (services/data-version.ts, from any
// instance): so an approval in Tháng 11 leaves the 59 other rounds' figures and ranks in place,
// and a commune's standing reads again only the round that moved, not its whole trend
// (issue 13, national scale; docs/decisions/021).
//
// Safe against a read that races a write: a read notes the round's generation before it asks
// the database and keeps its answer only if no change to that round (or to everything) came
// meanwhile. A lost LISTEN connection announces "anything may have changed", which drops all.
//
// Bounded: at most `maxCells` figures and derived entries together; the rounds read longest ago
// go first.
import type { DataChange } from '@nq57/shared';
import type { Column, ValuesRepository } from '../repositories/values';
import type { DataVersion } from './data-version';

export interface RoundKey {
  id: number;
  code: string;
}

interface Entry {
  generation: string;
  /**
   * The round's figures version (round_versions) every kept column was read at; null when two
   * reads met different versions (a change whose notice had not come yet): nothing derived from
   * these columns may then be kept in the database under a version.
   */
  dbVersion: number | null | undefined;
  columns: Map<number, Column>;
  derived: Map<string, { value: unknown; cells: number }>;
  cells: number;
}

export interface RoundFigures {
  /** The asked elements' figures in the round; only those not kept yet are read. */
  columns(round: RoundKey, elementIds: number[]): Promise<Map<number, Column>>;
  /**
   * What `compute` derives from the round's figures alone, kept with them until the round
   * changes. `cells` sizes it against the bound (about one per number kept).
   */
  derive<T>(round: RoundKey, key: string, compute: () => Promise<{ value: T; cells: number }>): Promise<T>;
  /** What `derive` keeps under `key` for the round now, if it does (nothing is computed). */
  peek<T>(round: RoundKey, key: string): T | undefined;
  /**
   * The figures version at which these elements' kept columns were all read from the database;
   * null when they are not all kept in this generation or were read at different versions.
   */
  versionOf(round: RoundKey, elementIds: number[]): number | null;
  /**
   * One small fact per round (a count), kept until the round changes: `read` is asked only for
   * the rounds not kept, in one go.
   */
  perRound<T>(rounds: RoundKey[], key: string, read: (missing: RoundKey[]) => Promise<Map<number, T>>): Promise<Map<number, T>>;
  /** what is kept now (tests, the bench) */
  stats(): { rounds: number; cells: number };
}

export function createRoundFigures(values: Pick<ValuesRepository, 'columns'>, version: Pick<DataVersion, 'subscribe'>, opts: { maxCells?: number } = {}): RoundFigures {
  // 4 M numbers: 43 MB of heap measured at national scale (bench database, 03/12/2026), where a
  // round's figures and trend ranks are about 160 k numbers: the 25 rounds read last are kept
  // (two years of months and their trends); a province's rounds, many thousand times over
  const maxCells = opts.maxCells ?? 4_000_000;
  let epoch = 0;
  const changes = new Map<string, number>();
  const entries = new Map<string, Entry>(); // by round code, least recently used first
  let cells = 0;

  version.subscribe((change: DataChange) => {
    if (change.period === null) {
      epoch++;
      entries.clear();
      cells = 0;
      return;
    }
    changes.set(change.period, (changes.get(change.period) ?? 0) + 1);
    drop(change.period);
  });

  const generation = (code: string) => `${epoch}:${changes.get(code) ?? 0}`;

  function drop(code: string) {
    const e = entries.get(code);
    if (!e) return;
    cells -= e.cells;
    entries.delete(code);
  }

  /** The round's entry for this generation (a fresh one if none), now the most recently used. */
  function entryOf(code: string, gen: string): Entry {
    let e = entries.get(code);
    if (e && e.generation !== gen) {
      drop(code);
      e = undefined;
    }
    if (!e) e = { generation: gen, dbVersion: undefined, columns: new Map(), derived: new Map(), cells: 0 };
    entries.delete(code);
    entries.set(code, e);
    return e;
  }

  /** What is derived under `key` for the round in this generation, now the most recently used; or nothing. */
  function hitOf(code: string, key: string) {
    const gen = generation(code);
    const kept = entries.get(code);
    const hit = kept?.generation === gen ? kept.derived.get(key) : undefined;
    if (hit) entryOf(code, gen);
    return hit;
  }

  function grow(code: string, e: Entry, n: number) {
    e.cells += n;
    cells += n;
    for (const [k, old] of entries) {
      if (cells <= maxCells || k === code) break;
      cells -= old.cells;
      entries.delete(k);
    }
  }

  return {
    async columns(round, elementIds) {
      const gen = generation(round.code);
      const kept = entries.get(round.code);
      const have = kept?.generation === gen ? kept.columns : new Map<number, Column>();
      const missing = elementIds.filter((id) => !have.has(id));
      const got = missing.length ? await values.columns(round.id, missing) : null;
      const read = got?.columns ?? new Map<number, Column>();
      const out = new Map<number, Column>();
      for (const id of elementIds) {
        const c = have.get(id) ?? read.get(id) ?? EMPTY;
        out.set(id, c);
      }
      // keep what was read only if the round did not change while it was being read
      if (generation(round.code) === gen) {
        const e = entryOf(round.code, gen);
        if (got) e.dbVersion = e.dbVersion === undefined || e.dbVersion === got.version ? got.version : null;
        let n = 0;
        for (const id of missing) {
          if (e.columns.has(id)) continue;
          const c = read.get(id) ?? EMPTY;
          e.columns.set(id, c);
          n += c.values.length + 1;
        }
        grow(round.code, e, n);
      }
      return out;
    },

    async derive(round, key, compute) {
      const gen = generation(round.code);
      const hit = hitOf(round.code, key);
      if (hit) return hit.value as never;
      const made = await compute();
      if (generation(round.code) === gen) {
        const e = entryOf(round.code, gen);
        if (!e.derived.has(key)) {
          e.derived.set(key, made);
          grow(round.code, e, made.cells);
        }
      }
      return made.value;
    },

    peek: (round, key) => hitOf(round.code, key)?.value as never,

    versionOf(round, elementIds) {
      const kept = entries.get(round.code);
      if (kept?.generation !== generation(round.code) || kept.dbVersion == null) return null;
      return elementIds.every((id) => kept.columns.has(id)) ? kept.dbVersion : null;
    },

    async perRound(rounds, key, read) {
      const out = new Map<number, unknown>();
      const missing: { round: RoundKey; gen: string }[] = [];
      for (const round of rounds) {
        const gen = generation(round.code);
        const kept = entries.get(round.code);
        const hit = kept?.generation === gen ? kept.derived.get(key) : undefined;
        if (hit) out.set(round.id, hit.value);
        else missing.push({ round, gen });
      }
      if (missing.length) {
        const got = await read(missing.map((m) => m.round));
        for (const { round, gen } of missing) {
          if (!got.has(round.id)) continue;
          out.set(round.id, got.get(round.id));
          if (generation(round.code) !== gen) continue;
          const e = entryOf(round.code, gen);
          if (!e.derived.has(key)) {
            e.derived.set(key, { value: got.get(round.id), cells: 1 });
            grow(round.code, e, 1);
          }
        }
      }
      return out as Map<number, never>;
    },

    stats: () => ({ rounds: entries.size, cells }),
  };
}

const EMPTY: Column = Object.freeze({ communeIds: [], values: [], approximate: [] }) as Column;
