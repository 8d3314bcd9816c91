import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  achievement,
  compositeRanks,
  compositeRowOf,
  compositeScores,
  defaultWeights,
  indicatorValue,
  parseWeights,
  rankComposite,
  type IndicatorDef,
  type IndicatorValue,
} from '../src/index';
import { ind, indicators } from './fixtures';

const online = ind('online_filing_rate'); // target 80, higher
const onTime = ind('on_time_rate'); // target 98, higher
const late = ind('late_dossier_rate'); // target 2, lower
const participating = indicators.filter((i) => i.weight > 0);

const ranked = (value: number): IndicatorValue => ({ value, numerator: null, denominator: null, status: 'ranked' });
const notReported: IndicatorValue = { value: null, numerator: null, denominator: null, status: 'not_reported' };
const noTarget = (base: IndicatorDef): IndicatorDef => ({ ...base, target: null });

describe('achievement', () => {
  it('higher is better: value ÷ target, capped at 1', () => {
    expect(achievement(online, 40, null)).toBe(0.5);
    expect(achievement(online, 80, null)).toBe(1);
    expect(achievement(online, (3276 / 3781) * 100, null)).toBe(1); // Mỏ Cày beats the 80% target
    expect(achievement(onTime, 49, null)).toBe(0.5);
    expect(achievement(online, 0, null)).toBe(0);
  });

  it('lower is better: 1 at or under target, else target ÷ value', () => {
    expect(achievement(late, 1, null)).toBe(1);
    expect(achievement(late, 2, null)).toBe(1);
    expect(achievement(late, 4, null)).toBe(0.5);
    expect(achievement(late, 0, null)).toBe(1);
    expect(achievement(late, 100, null)).toBe(0.02);
  });

  it('without a target the best commune of the round is the target', () => {
    expect(achievement(noTarget(online), 30, 60)).toBe(0.5);
    expect(achievement(noTarget(online), 60, 60)).toBe(1);
    expect(achievement(noTarget(late), 4, 1)).toBe(0.25);
    expect(achievement(noTarget(online), 30, null)).toBe(0);
  });

  it('bad values score 0', () => {
    expect(achievement(online, -5, null)).toBe(0);
    expect(achievement(online, NaN, null)).toBe(0);
    expect(achievement(late, -1, null)).toBe(0);
    expect(achievement(online, null, null)).toBe(0);
  });

  it('property: always within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(online, late, noTarget(online), noTarget(late)),
        fc.double(),
        fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
        (indicator, value, best) => {
          const a = achievement(indicator, value, best);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('compositeScores', () => {
  const two = [online, onTime];
  const w = { online_filing_rate: 50, on_time_rate: 50 };

  it('weighted mean of achievements × 100, with contributions and shortfalls', () => {
    const [row] = compositeScores(two, w, new Map([['mc', { online_filing_rate: ranked(40), on_time_rate: ranked(98) }]]));
    expect(row.score).toBeCloseTo(75, 10);
    expect(row.status).toBe('ranked');
    expect(row.coverage).toBe(1);
    expect(row.components.map((c) => c.achievement)).toEqual([0.5, 1]);
    expect(row.components.map((c) => c.contribution)).toEqual([25, 50]);
    expect(row.components.map((c) => c.shortfall)).toEqual([25, 0]);
    expect(row.rank).toBeNull();
  });

  it('a missing figure keeps its weight and scores 0: its whole weight is points lost', () => {
    const [row] = compositeScores(two, w, new Map([['x', { online_filing_rate: ranked(80), on_time_rate: notReported }]]));
    expect(row.score).toBe(50);
    expect(row.coverage).toBe(0.5);
    expect(row.status).toBe('ranked');
    expect(row).toMatchObject({ indicatorsReported: 1, indicatorsApplicable: 2 });
    const missing = row.components[1];
    expect(missing).toMatchObject({ status: 'not_reported', achievement: null, contribution: 0, shortfall: 50 });
  });

  it('leaving out a weak figure never beats reporting it (Ba Vinh, issue 10)', () => {
    const reportedWeak = compositeScores(two, w, new Map([['x', { online_filing_rate: ranked(80), on_time_rate: ranked(10) }]]))[0];
    const withheld = compositeScores(two, w, new Map([['x', { online_filing_rate: ranked(80), on_time_rate: notReported }]]))[0];
    expect(withheld.score!).toBeLessThan(reportedWeak.score!);
  });

  it('an absent indicator key counts as not reported', () => {
    const [row] = compositeScores(two, w, new Map([['x', { online_filing_rate: ranked(80) }]]));
    expect(row.components[1].status).toBe('not_reported');
    expect(row.coverage).toBe(0.5);
  });

  it('below half the weight: score (with its zeros) shown but not ranked', () => {
    const weights = { online_filing_rate: 30, on_time_rate: 70 };
    const rows = rankComposite(two, weights, new Map([['x', { online_filing_rate: ranked(80), on_time_rate: notReported }]]), null);
    expect(rows[0].status).toBe('insufficient');
    expect(rows[0].score).toBeCloseTo(30, 12);
    expect(rows[0].coverage).toBeCloseTo(0.3, 12);
    expect(rows[0].rank).toBeNull();
  });

  it('an insufficient component (too small a denominator) scores 0 too', () => {
    const small = indicatorValue(online, 3, 3);
    const [row] = compositeScores(two, w, new Map([['x', { online_filing_rate: small, on_time_rate: ranked(49) }]]));
    expect(row.components[0]).toMatchObject({ status: 'insufficient', value: 100, achievement: null, contribution: 0, shortfall: 50 });
    expect(row.score).toBeCloseTo(25, 10);
  });

  it('an indicator the round does not collect is out of the weights for everyone', () => {
    const notCollected: IndicatorValue = { value: null, numerator: null, denominator: null, status: 'not_collected' };
    const rows = compositeScores(two, w, new Map([
      ['a', { online_filing_rate: ranked(80), on_time_rate: notCollected }],
      ['b', { online_filing_rate: ranked(40), on_time_rate: notCollected }],
    ]));
    expect(rows.map((r) => r.score)).toEqual([100, 50]);
    expect(rows[0]).toMatchObject({ status: 'ranked', coverage: 1, indicatorsReported: 1, indicatorsApplicable: 1 });
    expect(rows[0].components.map((c) => c.indicator)).toEqual(['online_filing_rate']);
  });

  it('a round that collects no weighted indicator: not_collected, no score', () => {
    const notCollected: IndicatorValue = { value: null, numerator: null, denominator: null, status: 'not_collected' };
    const [row] = compositeScores(two, w, new Map([['a', { online_filing_rate: notCollected, on_time_rate: notCollected }]]));
    expect(row).toMatchObject({ status: 'not_collected', score: null, coverage: 0, components: [] });
  });

  it('nothing reported: not_reported, score null', () => {
    const [row] = compositeScores(two, w, new Map([['x', {}]]));
    expect(row).toMatchObject({ status: 'not_reported', score: null, coverage: 0 });
  });

  it('only weighted indicators take part; missing weights keep the catalogue default', () => {
    const [row] = compositeScores(indicators, {}, new Map([['x', {}]]));
    expect(row.components.map((c) => c.indicator)).toEqual(participating.map((i) => i.code));
    expect(participating.reduce((s, i) => s + i.weight, 0)).toBe(100);
    const [only] = compositeScores(indicators, { ...Object.fromEntries(indicators.map((i) => [i.code, 0])), late_dossier_rate: 1 }, new Map([['x', { late_dossier_rate: ranked(4) }]]));
    expect(only.components.map((c) => c.indicator)).toEqual(['late_dossier_rate']);
    expect(only.score).toBeCloseTo(50, 10);
  });

  it('indicators without a target are measured against the best commune', () => {
    const noT = noTarget(online);
    const rows = compositeScores([noT], { online_filing_rate: 1 }, new Map([
      ['a', { online_filing_rate: ranked(50) }],
      ['b', { online_filing_rate: ranked(25) }],
      ['c', { online_filing_rate: notReported }],
    ]));
    expect(rows.map((r) => r.score)).toEqual([100, 50, null]);
  });
});

describe('rankComposite', () => {
  const two = [online, onTime];
  const w = { online_filing_rate: 50, on_time_rate: 50 };

  it('ranks by score, ties shared, previous rank with the same weights', () => {
    const current = new Map<string, Record<string, IndicatorValue>>([
      ['a', { online_filing_rate: ranked(40), on_time_rate: ranked(98) }], // 75
      ['b', { online_filing_rate: ranked(80), on_time_rate: ranked(98) }], // 100
      ['c', { online_filing_rate: ranked(80), on_time_rate: ranked(49) }], // 75
      ['d', {}],
    ]);
    const previous = new Map<string, Record<string, IndicatorValue>>([
      ['a', { online_filing_rate: ranked(80), on_time_rate: ranked(98) }], // 100
      ['b', { online_filing_rate: ranked(8), on_time_rate: ranked(9.8) }], // 10
      ['d', { online_filing_rate: ranked(80), on_time_rate: ranked(49) }], // 75
    ]);
    const rows = rankComposite(two, w, current, previous);
    const by = Object.fromEntries(rows.map((r) => [r.communeCode, r]));
    expect(by.b).toMatchObject({ rank: 1, previousRank: 3, rankChange: 2 });
    expect(by.a).toMatchObject({ rank: 2, previousRank: 1, rankChange: -1 });
    expect(by.c).toMatchObject({ rank: 2, previousRank: null, rankChange: null });
    expect(by.d).toMatchObject({ rank: null, previousRank: 2, rankChange: null, status: 'not_reported' });
  });
});

// --- properties over the real catalogue ------------------------------------------------------

type Figures = Record<string, { num: number | null; den: number | null }>;

const figure = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ num: null, den: null }) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1.2, noNaN: true }))
      .map(([den, share]) => ({ num: Math.floor(den * share), den })),
  },
);
const communeFigures: fc.Arbitrary<Figures> = fc.record(Object.fromEntries(participating.map((i) => [i.code, figure])));

function toValues(communes: Figures[]): Map<string, Record<string, IndicatorValue>> {
  return new Map(
    communes.map((f, k) => [
      `c${k}`,
      Object.fromEntries(participating.map((i) => [i.code, indicatorValue(i, f[i.code].num, f[i.code].den)])),
    ]),
  );
}

const weightsArb = fc.record(Object.fromEntries(participating.map((i) => [i.code, fc.integer({ min: 0, max: 50 })])));

describe('composite properties', () => {
  it('score in [0, 100]; Σ contributions = score and score + Σ shortfalls = 100 for scored rows', () => {
    fc.assert(
      fc.property(fc.array(communeFigures, { minLength: 1, maxLength: 30 }), weightsArb, (communes, weights) => {
        const rows = compositeScores(indicators, weights, toValues(communes));
        for (const r of rows) {
          expect(r.coverage).toBeGreaterThanOrEqual(0);
          expect(r.coverage).toBeLessThanOrEqual(1 + 1e-12);
          if (r.status === 'not_reported') {
            expect(r.score).toBeNull();
            continue;
          }
          expect(r.score!).toBeGreaterThanOrEqual(0);
          expect(r.score!).toBeLessThanOrEqual(100);
          const contributions = r.components.reduce((s, c) => s + c.contribution, 0);
          const shortfalls = r.components.reduce((s, c) => s + c.shortfall, 0);
          expect(contributions).toBeCloseTo(r.score!, 9);
          expect(r.score! + shortfalls).toBeCloseTo(100, 9);
          if (r.status === 'ranked') expect(r.coverage).toBeGreaterThanOrEqual(0.5);
          else expect(r.coverage).toBeLessThan(0.5);
        }
      }),
    );
  });

  it('ranks are a competition ranking of the ranked scores', () => {
    fc.assert(
      fc.property(fc.array(communeFigures, { maxLength: 40 }), (communes) => {
        const rows = rankComposite(indicators, defaultWeights(indicators), toValues(communes), null);
        const rankedRows = rows.filter((r) => r.status === 'ranked');
        expect(rows.filter((r) => r.status !== 'ranked').every((r) => r.rank === null)).toBe(true);
        for (const r of rankedRows) {
          const s = Number(r.score!.toPrecision(9));
          const better = rankedRows.filter((o) => Number(o.score!.toPrecision(9)) > s).length;
          expect(r.rank).toBe(1 + better);
        }
      }),
    );
  });

  it("with fixed targets, changing one commune's figures never swaps two others", () => {
    // every weighted indicator in the catalogue has a target, so achievements are per commune
    expect(participating.every((i) => i.target !== null)).toBe(true);
    fc.assert(
      fc.property(fc.array(communeFigures, { minLength: 3, maxLength: 25 }), fc.nat(), communeFigures, (communes, pick, replacement) => {
        const k = pick % communes.length;
        const w = defaultWeights(indicators);
        const before = rankComposite(indicators, w, toValues(communes), null);
        const changed = [...communes];
        changed[k] = replacement;
        const after = rankComposite(indicators, w, toValues(changed), null);
        for (let i = 0; i < communes.length; i++) {
          for (let j = 0; j < communes.length; j++) {
            if (i === k || j === k || before[i].rank === null || before[j].rank === null) continue;
            expect(Math.sign(after[i].rank! - after[j].rank!)).toBe(Math.sign(before[i].rank! - before[j].rank!));
          }
        }
      }),
    );
  });
});

describe('withholding never pays (decision 009)', () => {
  // every weighted element a commune can leave out, as (indicator code, which side of the rate)
  const removable = participating.flatMap((i) => [
    { code: i.code, side: 'num' as const },
    ...(i.denominator && !i.denominator.startsWith('@') ? [{ code: i.code, side: 'den' as const }] : []),
  ]);
  // indicators sharing an element lose it together (bdhvs_learners feeds two of them)
  const elementOf = (r: (typeof removable)[number]) => {
    const i = participating.find((x) => x.code === r.code)!;
    return r.side === 'num' ? i.numerator : i.denominator!;
  };
  function withhold(f: Figures, element: string): Figures {
    const out: Figures = {};
    for (const i of participating) {
      const v = f[i.code];
      out[i.code] = { num: i.numerator === element ? null : v.num, den: i.denominator === element ? null : v.den };
    }
    return out;
  }
  // targets may fall back to the best commune: test both with the catalogue's targets and without
  const withoutTargets = indicators.map((i) => ({ ...i, target: null }));

  it('removing any figure of any commune never raises its score nor its rank', () => {
    fc.assert(
      fc.property(
        fc.array(communeFigures, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        fc.constantFrom(...removable),
        fc.boolean(),
        weightsArb,
        (communes, pick, what, dropTargets, weights) => {
          if (!participating.some((i) => weights[i.code] > 0)) return;
          const inds = dropTargets ? withoutTargets : indicators;
          const k = pick % communes.length;
          const before = rankComposite(inds, weights, toValues(communes), null)[k];
          const changed = [...communes];
          changed[k] = withhold(communes[k], elementOf(what));
          const after = rankComposite(inds, weights, toValues(changed), null)[k];
          if (before.score === null) expect(after.score).toBeNull();
          else if (after.score !== null) expect(after.score).toBeLessThanOrEqual(before.score + 1e-9);
          // a rank can only get worse: a larger number, or none at all
          if (before.rank === null) expect(after.rank).toBeNull();
          else if (after.rank !== null) expect(after.rank).toBeGreaterThanOrEqual(before.rank);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('weights', () => {
  it('defaultWeights come from the catalogue', () => {
    const w = defaultWeights(indicators);
    expect(w.online_filing_rate).toBe(20);
    expect(w.late_dossier_rate).toBe(0);
    expect(Object.keys(w)).toHaveLength(indicators.length);
  });

  it('parseWeights overrides the named indicators and keeps the others', () => {
    const w = parseWeights('online_filing_rate:20,on_time_rate:30', indicators);
    expect(w).toEqual({ ...defaultWeights(indicators), online_filing_rate: 20, on_time_rate: 30 });
    expect(parseWeights(' late_dossier_rate : 12.5 , ', indicators)).toMatchObject({ late_dossier_rate: 12.5 });
    expect(parseWeights('online_filing_rate:0', indicators)).toMatchObject({ online_filing_rate: 0 });
  });

  it('no weights given: the defaults', () => {
    expect(parseWeights(undefined, indicators)).toEqual(defaultWeights(indicators));
    expect(parseWeights('', indicators)).toEqual(defaultWeights(indicators));
  });

  it('errors are explained in Vietnamese', () => {
    expect(parseWeights('xyz:10', indicators)).toEqual({ error: 'Chỉ tiêu "xyz" không có trong danh mục' });
    expect(parseWeights('online_filing_rate:abc', indicators)).toHaveProperty('error', expect.stringContaining('không phải là số'));
    expect(parseWeights('online_filing_rate:', indicators)).toHaveProperty('error', expect.stringContaining('không phải là số'));
    expect(parseWeights('online_filing_rate:-5', indicators)).toHaveProperty('error', expect.stringContaining('không được âm'));
    expect(parseWeights('online_filing_rate', indicators)).toHaveProperty('error', expect.stringContaining('mã_chỉ_tiêu:số'));
    expect(parseWeights('online_filing_rate:1,online_filing_rate:2', indicators)).toHaveProperty('error', expect.stringContaining('hai lần'));
    const allZero = participating.map((i) => `${i.code}:0`).join(',');
    expect(parseWeights(allZero, indicators)).toHaveProperty('error');
  });

  it('the composite follows parsed weights', () => {
    const w = parseWeights('online_filing_rate:100', indicators) as Record<string, number>;
    const values = new Map([['x', { online_filing_rate: ranked(40), on_time_rate: ranked(98) }]]);
    const [row] = compositeScores(indicators, w, values);
    // on_time keeps its default 20, the five others theirs (60, missing: 0 points): 180 in all
    expect(row.score).toBeCloseTo(((0.5 * 100 + 20) / 180) * 100, 10);
  });
});

describe('labels beside a score', () => {
  it('coverage as k/n indicators and share of the weight; points lost with the reason', async () => {
    const { coverageLabel, coverageShort, pointsLostLabel } = await import('../src/index');
    expect(coverageShort({ indicatorsReported: 7, indicatorsApplicable: 7, coverage: 1 })).toBe('7/7 chỉ tiêu');
    expect(coverageShort({ indicatorsReported: 5, indicatorsApplicable: 7, coverage: 0.71 })).toBe('5/7 chỉ tiêu (71%)');
    expect(coverageLabel({ indicatorsReported: 5, indicatorsApplicable: 7, coverage: 0.75 })).toBe('5/7 chỉ tiêu · 75% trọng số');
    expect(pointsLostLabel({ shortfall: 8, status: 'not_reported' })).toBe('mất 8,0 điểm · chưa báo cáo');
    expect(pointsLostLabel({ shortfall: 2.345, status: 'ranked' })).toBe('mất 2,3 điểm');
    expect(pointsLostLabel({ shortfall: 10, status: 'insufficient' })).toBe('mất 10,0 điểm · chưa đủ số liệu');
  });
});

describe('compositeRowOf: one commune of rankComposite without ranking everyone', () => {
  it('property: the same row, rank, rank change and count of ranked as rankComposite, for every commune', () => {
    fc.assert(
      fc.property(fc.array(communeFigures, { minLength: 1, maxLength: 30 }), fc.array(communeFigures, { maxLength: 30 }), weightsArb, (now, before, weights) => {
        if (!Object.values(weights).some((w) => w > 0)) return;
        const current = toValues(now);
        // the round compared with holds other figures for some of the same communes
        const previous = before.length ? toValues(before) : null;
        const table = rankComposite(indicators, weights, current, previous);
        const previousRanks = previous ? compositeRanks(indicators, weights, previous) : null;
        const rankedCount = table.filter((r) => r.rank !== null).length;
        for (const expected of table) {
          const got = compositeRowOf(indicators, weights, current, expected.communeCode, previousRanks);
          expect(got.row).toEqual(expected);
          expect(got.rankedCount).toBe(rankedCount);
        }
      }),
    );
  });
});
