import { describe, expect, it } from 'vitest';
import { canonicalJson, isRevision, releaseChanges, releaseLabel, type FrozenTable } from '../src/domain/releases';

describe('canonicalJson', () => {
  it('writes the same text whatever order the keys were built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('releaseLabel', () => {
  it('names the release and its day in Vietnam time, day first', () => {
    // 05/12/2026 00:30 in Vietnam is still the 4th in UTC
    expect(releaseLabel({ version: 2, publishedAt: '2026-12-04T17:30:00.000Z' })).toBe('Công bố lần 2 ngày 05/12/2026');
    expect(isRevision({ version: 1 })).toBe(false);
    expect(isRevision({ version: 2 })).toBe(true);
    expect(isRevision(null)).toBe(false);
  });
});

describe('releaseChanges', () => {
  const table = (values: Record<string, [number | null, number | null]>): FrozenTable => ({
    code: 'online_filing_rate',
    name: 'Tỷ lệ hồ sơ trực tuyến',
    rows: Object.entries(values).map(([c, [value, rank]]) => ({ communeCode: c, communeName: `Xã ${c}`, value, rank })),
  });

  it('lists the commune whose figure moved, not those whose rank moved because of it', () => {
    const before = [table({ a: [90, 1], b: [80, 2], c: [70, 3] })];
    const after = [table({ a: [90, 1], b: [60, 3], c: [70, 2] })];
    expect(releaseChanges(before, after, new Map([['b', 'Xã báo nhầm số hồ sơ']]))).toEqual([
      {
        commune: 'b',
        communeName: 'Xã b',
        indicator: 'online_filing_rate',
        indicatorName: 'Tỷ lệ hồ sơ trực tuyến',
        before: 80,
        after: 60,
        rankBefore: 2,
        rankAfter: 3,
        reason: 'Xã báo nhầm số hồ sơ',
      },
    ]);
  });

  it('counts a figure reported for the first time, or withdrawn, as a change', () => {
    const changes = releaseChanges([table({ a: [null, null], b: [80, 1] })], [table({ a: [50, 2], b: [null, null] })]);
    expect(changes.map((c) => [c.commune, c.before, c.after, c.reason])).toEqual([
      ['a', null, 50, null],
      ['b', 80, null, null],
    ]);
  });

  it('finds nothing between two equal releases', () => {
    const t = [table({ a: [90, 1], b: [80, 2] })];
    expect(releaseChanges(t, structuredClone(t))).toEqual([]);
  });
});
