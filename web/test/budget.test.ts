import { describe, expect, it } from 'vitest';
import { buildBudget, sortBudget } from '../src/panels/budget/transform';
import { budgetRounds, latestBudgetRound } from '../src/panels/budget/rounds';
import type { RankingsResponse } from '@nq57/shared/schemas';
import { ranked, row } from './fixtures';

const rows = [
  ranked('1', 'Xã Khánh Cường', 7_630_404_000, 1),
  ranked('2', 'Xã Mỏ Cày', 5_687_400_000, 2),
  ranked('3', 'Xã Đăk Tô', 1_000_000_000, 3),
  row('4', 'Xã Xốp'),
];
const communes = [
  { code: '1', population: 29_000 },
  { code: '2', population: 20_000 },
  { code: '3', population: 10_000 },
  { code: '4', population: 6_500 },
];

describe('budget transform', () => {
  const m = buildBudget(rows, communes, { sort: 'so-tien', dir: 'giam' });

  it('sums requests in whole đồng and counts the communes that asked', () => {
    expect(m.total).toBe(14_317_804_000);
    expect(m.communesWithRequest).toBe(3);
  });

  it('computes per inhabitant from sums, not a mean of per-capita figures', () => {
    expect(m.perCapita).toBeCloseTo(14_317_804_000 / 59_000);
    expect(m.rows.find((r) => r.code === '1')!.perCapita).toBeCloseTo(7_630_404_000 / 29_000);
    expect(m.rows.find((r) => r.code === '4')!.perCapita).toBeNull();
  });

  it('lists the largest requests first and the communes without a request last', () => {
    expect(m.largest.map((r) => r.code)).toEqual(['1', '2', '3']);
    expect(m.rows.map((r) => r.code)).toEqual(['1', '2', '3', '4']);
    expect(sortBudget(m.rows, 'so-tien', 'tang').map((r) => r.code)).toEqual(['3', '2', '1', '4']);
  });

  it('sorts by name in Vietnamese order and by population', () => {
    expect(sortBudget(m.rows, 'ten', 'tang').map((r) => r.name)).toEqual(['Xã Đăk Tô', 'Xã Khánh Cường', 'Xã Mỏ Cày', 'Xã Xốp']);
    expect(sortBudget(m.rows, 'dan-so', 'giam').map((r) => r.code)).toEqual(['1', '2', '3', '4']);
  });

  it('gives each commune its share of the total', () => {
    const shares = m.rows.map((r) => r.share ?? 0);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

describe('budget rounds', () => {
  const periods = [
    { code: 'q3-2026', name: 'Quý III/2026' },
    { code: 'year-2025', name: 'Năm 2025' },
    { code: '9m-2025', name: '9 tháng 2025' },
  ];
  type P = Pick<RankingsResponse, 'province'>;
  const none: P = { province: { value: null, numerator: null, denominator: null, communes: 0 } };
  const some = (v: number, n: number): P => ({ province: { value: v, numerator: v, denominator: null, communes: n } });

  it('totals each round and opens on the newest round with requests', () => {
    const rounds = budgetRounds(periods, new Map<string, P>([['q3-2026', none], ['year-2025', some(367e9, 94)], ['9m-2025', some(360e9, 95)]]));
    expect(rounds.map((r) => [r.code, r.total, r.communes])).toEqual([
      ['q3-2026', null, 0],
      ['year-2025', 367e9, 94],
      ['9m-2025', 360e9, 95],
    ]);
    expect(latestBudgetRound(rounds)).toBe('year-2025');
  });

  it('has no round to open when none has requests or nothing is loaded', () => {
    expect(latestBudgetRound(budgetRounds(periods, new Map()))).toBeNull();
  });
});
