import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { competitionRanks, placeOf, rankIndicator, type Direction, type IndicatorInput } from '../src/index';
import { ind, input } from './fixtures';
import { tieKey } from '../src/domain/rank';

const online = ind('online_filing_rate');
const late = ind('late_dossier_rate');

const id = (x: number) => x;

/** The definition of a competition rank, checked independently of the implementation. */
function expectCompetitionRanking(values: number[], ranks: number[], direction: Direction) {
  const n = values.length;
  const better = (a: number, b: number) => (direction === 'higher' ? a > b : a < b);
  for (let i = 0; i < n; i++) {
    const strictlyBetter = values.filter((v) => better(v, values[i])).length;
    expect(ranks[i]).toBe(1 + strictlyBetter);
    expect(ranks[i]).toBeGreaterThanOrEqual(1);
    expect(ranks[i]).toBeLessThanOrEqual(n);
    for (let j = 0; j < n; j++) {
      if (values[i] === values[j]) expect(ranks[i]).toBe(ranks[j]);
      if (better(values[i], values[j])) expect(ranks[i]).toBeLessThan(ranks[j]);
    }
  }
  if (n > 0) expect(Math.min(...ranks)).toBe(1);
}

describe('competitionRanks', () => {
  it('ties share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 80, 80, 70], id, 'higher')).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80], id, 'higher')).toEqual([4, 2, 1, 2]);
  });

  it('lower is better', () => {
    expect(competitionRanks([5, 1, 3, 1], id, 'lower')).toEqual([4, 1, 3, 1]);
  });

  it('the same ratio computed from different counts is a tie despite float noise', () => {
    const values = [(1 / 3) * 100, (2 / 6) * 100, (3 / 9) * 100, (7 / 21) * 100, (0.1 + 0.2) * 100, 30];
    const ranks = competitionRanks(values, id, 'higher');
    expect(ranks.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(ranks[4]).toBe(ranks[5]); // 30.000000000000004 and 30
  });

  it('still separates distinct ratios with large denominators', () => {
    const a = (19999 / 20000) * 100;
    const b = (19998 / 19999) * 100;
    expect(competitionRanks([b, a], id, 'higher')).toEqual([2, 1]);
  });

  it('empty input gives no ranks', () => {
    expect(competitionRanks([], id, 'higher')).toEqual([]);
  });

  it('property: a valid competition ranking, in either direction', () => {
    // small integers make ties common; the scaled values exercise the tie rounding
    const value = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), fc.constantFrom<Direction>('higher', 'lower'), (values, dir) => {
        // ties are decided at 9 significant digits (see rank.ts), so the reference compares those
        const rounded = values.map((v) => Number(v.toPrecision(9)));
        expectCompetitionRanking(rounded, competitionRanks(values, id, dir), dir);
      }),
    );
  });

  it('property: ranks do not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 50 }), (values) => {
        const ranks = competitionRanks(values, id, 'higher');
        const reversed = competitionRanks([...values].reverse(), id, 'higher').reverse();
        expect(reversed).toEqual(ranks);
      }),
    );
  });
});

describe('rankIndicator', () => {
  it('keeps input order, ranks only the ranked rows', () => {
    const rows = rankIndicator(
      online,
      [input('xop', 200, 250), input('kc', null, 400), input('mc', 3276, 3781), input('tiny', 2, 2), input('zero', 0, 0)],
      null,
    );
    expect(rows.map((r) => r.communeCode)).toEqual(['xop', 'kc', 'mc', 'tiny', 'zero']);
    expect(rows.map((r) => r.status)).toEqual(['ranked', 'not_reported', 'ranked', 'insufficient', 'insufficient']);
    expect(rows.map((r) => r.rank)).toEqual([2, null, 1, null, null]);
    expect(rows.every((r) => r.previousRank === null && r.rankChange === null)).toBe(true);
  });

  it('a commune with 3 dossiers at 100% must not outrank one with 300 at 97%', () => {
    const rows = rankIndicator(online, [input('small', 3, 3), input('big', 291, 300)], null);
    const small = rows.find((r) => r.communeCode === 'small')!;
    const big = rows.find((r) => r.communeCode === 'big')!;
    expect(small.value).toBe(100);
    expect(small.status).toBe('insufficient');
    expect(small.rank).toBeNull();
    expect(big.rank).toBe(1);
  });

  it('missing is never ranked last: it is not ranked at all', () => {
    const rows = rankIndicator(online, [input('a', 10, 100), input('b', null, null)], null);
    expect(rows[0].rank).toBe(1);
    expect(rows[1].rank).toBeNull();
    expect(rows[1].status).toBe('not_reported');
  });

  it('late dossier rate: lower is better', () => {
    expect(late.direction).toBe('lower');
    const rows = rankIndicator(
      late,
      [input('mc', 2, 3681), input('b', 10, 100), input('c', 0, 500), input('d', 0, 40)],
      null,
    );
    expect(rows.map((r) => r.rank)).toEqual([3, 4, 1, 1]);
  });

  it('rank change against the previous round: positive = moved up', () => {
    const previous: IndicatorInput[] = [input('a', 90, 100), input('b', 80, 100), input('c', 70, 100), input('gone', 99, 100)];
    const current: IndicatorInput[] = [input('a', 70, 100), input('b', 95, 100), input('c', 80, 100), input('new', 60, 100)];
    const rows = rankIndicator(online, current, previous);
    const by = Object.fromEntries(rows.map((r) => [r.communeCode, r]));
    expect(by.a).toMatchObject({ rank: 3, previousRank: 2, rankChange: -1 });
    expect(by.b).toMatchObject({ rank: 1, previousRank: 3, rankChange: 2 });
    expect(by.c).toMatchObject({ rank: 2, previousRank: 4, rankChange: 2 });
    expect(by.new).toMatchObject({ rank: 4, previousRank: null, rankChange: null });
  });

  it('a commune that stopped reporting keeps its previous rank but has no change', () => {
    const rows = rankIndicator(online, [input('a', null, 100)], [input('a', 90, 100)]);
    expect(rows[0]).toMatchObject({ rank: null, previousRank: 1, rankChange: null, status: 'not_reported' });
  });

  const communeInput = fc.record({
    den: fc.integer({ min: 0, max: 5000 }),
    share: fc.constantFrom(0, 0.25, 0.5, 0.9, 1, 1 / 3),
    missing: fc.boolean(),
  });
  const toInputs = (cs: { den: number; share: number; missing: boolean }[]) =>
    cs.map((c, i) => input(`c${i}`, c.missing ? null : Math.round(c.den * c.share), c.den));

  it('property: ranks form a competition ranking over the ranked rows only', () => {
    fc.assert(
      fc.property(fc.array(communeInput, { maxLength: 96 }), fc.constantFrom(online, late), (cs, indicator) => {
        const rows = rankIndicator(indicator, toInputs(cs), null);
        const ranked = rows.filter((r) => r.status === 'ranked');
        expect(rows.filter((r) => r.status !== 'ranked').every((r) => r.rank === null)).toBe(true);
        // tie rounding is covered by competitionRanks' own tests; compare at 9 significant digits
        const values = ranked.map((r) => Number(r.value!.toPrecision(9)));
        expectCompetitionRanking(values, ranked.map((r) => r.rank!), indicator.direction);
      }),
    );
  });

  it("property: changing one commune's figures never swaps two other communes", () => {
    fc.assert(
      fc.property(
        fc.array(communeInput, { minLength: 3, maxLength: 40 }),
        fc.nat(),
        communeInput,
        fc.constantFrom(online, late),
        (cs, pick, replacement, indicator) => {
          const k = pick % cs.length;
          const before = rankIndicator(indicator, toInputs(cs), null);
          const changed = [...cs];
          changed[k] = replacement;
          const after = rankIndicator(indicator, toInputs(changed), null);
          for (let i = 0; i < cs.length; i++) {
            for (let j = 0; j < cs.length; j++) {
              if (i === k || j === k) continue;
              const [bi, bj, ai, aj] = [before[i].rank, before[j].rank, after[i].rank, after[j].rank];
              if (bi === null || bj === null) continue;
              expect(Math.sign(ai! - aj!)).toBe(Math.sign(bi - bj));
            }
          }
        },
      ),
    );
  });
});

describe('tieKey: nine significant digits without a string', () => {
  it('answers exactly Number(v.toPrecision(9)) for rates, money, tiny and huge values, and powers of ten', () => {
    const values: number[] = [];
    for (let b = 1; b <= 2000; b += 7) for (let a = 0; a <= b; a += 1 + (b >> 5)) for (const k of [1, 100, 1000]) values.push((a / b) * k);
    for (let e = -12; e <= 15; e++) values.push(10 ** e, 10 ** e * (1 + 1e-12), 10 ** e * (1 - 1e-12), -(10 ** e), 10 ** e * 1.2345678949);
    values.push(7_630_404_000, 5_687_400_000, 100_000_000, 1.2e9, 98.4, 86.6, 99.95, 1 / 3, 2 / 6, 1 / 8192, 3.781, 0.0001220703125, 1e-300, 1e300);
    const bad = values.filter((v) => tieKey(v, 'higher') !== Number(v.toPrecision(9)));
    expect(bad).toEqual([]);
    expect(values.length).toBeGreaterThan(10_000);
  });

  it('and for any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => Object.is(tieKey(v, 'lower'), Number(v.toPrecision(9))) || (v === 0 && tieKey(v, 'lower') === 0)),
      { numRuns: 20_000 },
    );
  });
});

describe('placeOf: one row of a ranking table without sorting it', () => {
  it("property: the rank, the count of ranked and the rows just above and below are the sorted table's", () => {
    // few distinct values and names make ties of both common; null is "not ranked"
    const item = fc.record({ v: fc.option(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 100, noNaN: true })), { freq: 4 }), name: fc.constantFrom('An', 'Ba', 'Bình', 'Châu', 'Đức', 'Ê') });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 40 }), fc.constantFrom<Direction>('higher', 'lower'), (items, dir) => {
        const rankedIdx = items.map((_, i) => i).filter((i) => items[i].v !== null);
        const ranks = competitionRanks(rankedIdx, (i) => items[i].v!, dir);
        const rankOf = new Map(rankedIdx.map((i, k) => [i, ranks[k]]));
        // the table: by rank, then name (Vietnamese order), then position for equal names
        const byName = (a: number, b: number) => items[a].name.localeCompare(items[b].name, 'vi');
        const table = [...rankedIdx].sort((a, b) => rankOf.get(a)! - rankOf.get(b)! || byName(a, b));
        for (let at = 0; at < items.length; at++) {
          const p = placeOf(items, at, (t) => t.v, dir, byName);
          expect(p.rankedCount).toBe(rankedIdx.length);
          if (items[at].v === null) {
            expect(p).toEqual({ rank: null, rankedCount: rankedIdx.length, above: null, below: null });
            continue;
          }
          const r = rankOf.get(at)!;
          expect(p.rank).toBe(r);
          // above: the last row of the nearest better rank; below: the first row of the nearest worse one
          const better = table.filter((i) => rankOf.get(i)! < r);
          const worse = table.filter((i) => rankOf.get(i)! > r);
          const above = better.at(-1);
          const below = worse[0];
          expect(p.above && { name: items[p.above.index].name, rank: p.above.rank }).toEqual(above === undefined ? null : { name: items[above].name, rank: rankOf.get(above) });
          expect(p.below && { name: items[p.below.index].name, rank: p.below.rank }).toEqual(below === undefined ? null : { name: items[below].name, rank: rankOf.get(below) });
        }
      }),
    );
  });
});
