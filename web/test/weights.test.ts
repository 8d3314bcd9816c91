import { describe, expect, it } from 'vitest';
import { compositeIndicators, countRankChanges, officialWeights, rerankComposite, sameWeights, weightItems } from '../src/panels/weights/transform';
import { fromCompositeRows } from '../src/panels/ranking-table/transform';
import { composite, indicator } from './fixtures';

const catalogue = [indicator('a'), indicator('b'), indicator('unused', { weight: 0 })];

describe('weights transform: re-ranking in the browser', () => {
  const resp = composite({ A: [100, 40], B: [60, 100], C: [80, 80], D: [null, null] });
  const inds = compositeIndicators(resp, catalogue);

  it('takes the composite indicators from the catalogue, with their official weights', () => {
    expect(inds.map((i) => i.code)).toEqual(['a', 'b']);
    expect(officialWeights(inds)).toEqual({ a: 50, b: 50 });
  });

  it('ranks with the official weights like the server would (ties share a rank)', () => {
    const rows = rerankComposite(resp, inds, officialWeights(inds));
    const by = Object.fromEntries(rows.map((r) => [r.communeCode, r]));
    expect(by.A.score).toBeCloseTo(70);
    expect(by.B.score).toBeCloseTo(80);
    expect(by.C.score).toBeCloseTo(80);
    expect([by.B.rank, by.C.rank, by.A.rank]).toEqual([1, 1, 3]);
    // missing is not zero: D is not ranked last, it is not ranked
    expect(by.D.status).toBe('not_reported');
    expect(by.D.rank).toBeNull();
    // names come from the server's rows
    expect(by.A.communeName).toBe('Xã A');
  });

  it('re-orders when a weight moves', () => {
    const official = rerankComposite(resp, inds, { a: 50, b: 50 });
    const heavyA = rerankComposite(resp, inds, { a: 90, b: 10 });
    const by = Object.fromEntries(heavyA.map((r) => [r.communeCode, r.rank]));
    expect(by).toMatchObject({ A: 1, C: 2, B: 3 });
    expect(countRankChanges(official, heavyA)).toBe(3);
    expect(countRankChanges(official, official)).toBe(0);
  });

  it('carries the coverage of the new weights: a weight set to 0 leaves the indicators that apply', () => {
    // E has a but not b: with both weighted it reports 1 of 2 (50% of the weight)
    const gappy = composite({ A: [100, 40], E: [90, null] });
    const official = Object.fromEntries(rerankComposite(gappy, inds, { a: 50, b: 50 }).map((r) => [r.communeCode, r]));
    expect([official.E.indicatorsReported, official.E.indicatorsApplicable, official.E.coverage]).toEqual([1, 2, 0.5]);
    expect(fromCompositeRows([official.E])[0].coverage).toBe('1/2 chỉ tiêu · 50% trọng số');

    const rows = rerankComposite(gappy, inds, { a: 50, b: 0 });
    const by = Object.fromEntries(rows.map((r) => [r.communeCode, r]));
    for (const r of rows) expect(r.indicatorsApplicable).toBe(1);
    expect([by.A.indicatorsReported, by.A.coverage]).toEqual([1, 1]);
    expect([by.E.indicatorsReported, by.E.coverage]).toEqual([1, 1]);
    expect(fromCompositeRows([by.A])[0].coverage).toBe('1/1 chỉ tiêu · 100% trọng số');
    expect(fromCompositeRows([by.E])[0].coverage).toBe('1/1 chỉ tiêu · 100% trọng số');
  });

  it('compares weight sets, treating an absent weight as 0', () => {
    expect(sameWeights({ a: 50, b: 50 }, { b: 50, a: 50 })).toBe(true);
    expect(sameWeights({ a: 50, b: 0 }, { a: 50 })).toBe(true);
    expect(sameWeights({ a: 50, b: 49 }, { a: 50, b: 50 })).toBe(false);
  });

  it('gives each slider its share of the total', () => {
    expect(weightItems(inds, { a: 30, b: 10 }).map((w) => [w.code, w.weight, w.official, w.share])).toEqual([
      ['a', 30, 50, 0.75],
      ['b', 10, 50, 0.25],
    ]);
  });

  it('re-ranks 96 communes: every row kept, the order follows the new weights', () => {
    const values: Record<string, [number, number]> = {};
    for (let i = 0; i < 96; i++) values[`c${i}`] = [(i * 37) % 100, (i * 53) % 100];
    const big = composite(values);
    // timing lives in `npm run bench` (web re-rank), never in a unit test
    const rows = rerankComposite(big, inds, { a: 100, b: 0 });
    expect(rows).toHaveLength(96);
    const ranked = rows.filter((r) => r.rank !== null);
    const first = ranked.find((r) => r.rank === 1)!;
    expect(values[first.communeCode][0]).toBe(Math.max(...Object.values(values).map((v) => v[0])));
  });
});
