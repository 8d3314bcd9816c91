import { describe, expect, it } from 'vitest';
import type { StandingIndicator } from '@nq57/shared/schemas';
import { buildStandingLines, formatGap } from '../src/panels/standing/transform';
import { buildPulls } from '../src/panels/contributions/transform';
import { history } from './fixtures';

function standing(over: Partial<StandingIndicator>): StandingIndicator {
  return {
    indicator: { code: 'online_filing_rate', name: 'Tỷ lệ hồ sơ trực tuyến', unit: 'percent', direction: 'higher', target: 80, minDenominator: 30, kind: 'rate', collected: true },
    value: 86.64,
    numerator: 3276,
    denominator: 3781,
    status: 'ranked',
    rank: 7,
    rankedCount: 96,
    previousRank: 9,
    rankChange: 2,
    province: 79.05,
    target: 80,
    gapToProvince: 7.59,
    gapToTarget: 6.64,
    above: { communeCode: '1', communeName: 'Xã A', rank: 6, value: 87, gap: 0.36 },
    below: null,
    history: history([80, 84, 86.64]),
    ...over,
  };
}

describe('standing transform', () => {
  it('formats gaps with their sign, in percentage points for rates', () => {
    expect(formatGap(7.59, 'percent')).toBe('+7,6 điểm %');
    expect(formatGap(-1.25, 'percent')).toBe('−1,3 điểm %');
    expect(formatGap(-350, 'count')).toBe('−350');
    expect(formatGap(0.01, 'percent')).toBe('±0,0 điểm %');
    expect(formatGap(null, 'percent')).toBe('—');
  });

  it('builds a line: "7/96", value with its counts, gaps, neighbours, sparkline', () => {
    const [l] = buildStandingLines({ indicators: [standing({})] });
    expect(l.rank).toBe('7/96');
    expect(l.value).toBe('86,6%');
    expect(l.fraction).toBe('3.276/3.781');
    expect(l.gapToProvince).toBe('+7,6 điểm %');
    expect(l.aheadOfProvince).toBe(true);
    expect(l.targetMet).toBe(true);
    expect(l.above).toEqual({ code: '1', name: 'Xã A', rank: '6', gap: '+0,4 điểm %' });
    expect(l.below).toBeNull();
    expect(l.spark.d.startsWith('M')).toBe(true);
  });

  it('says why a commune is not ranked instead of a rank', () => {
    const [l] = buildStandingLines({ indicators: [standing({ status: 'not_reported', rank: null, value: null, numerator: null, denominator: null, gapToProvince: null, gapToTarget: null })] });
    expect(l.rank).toBe('Chưa báo cáo');
    expect(l.value).toBe('—');
    expect(l.fraction).toBeNull();
    expect(l.targetMet).toBeNull();
  });

  it('reads gaps the other way for lower-is-better indicators', () => {
    const [l] = buildStandingLines({
      indicators: [standing({ indicator: { code: 'late', name: 'Trễ hạn', unit: 'percent', direction: 'lower', target: 2, minDenominator: 30, kind: 'rate', collected: true }, gapToProvince: -0.5, gapToTarget: 1 })],
    });
    expect(l.aheadOfProvince).toBe(true);
    expect(l.targetMet).toBe(false);
  });
});

describe('contributions transform (what pulls the score down)', () => {
  const inds = [
    { code: 'a', name: 'Chỉ tiêu A', unit: 'percent' as const },
    { code: 'b', name: 'Chỉ tiêu B', unit: 'per_1000' as const },
    { code: 'c', name: 'Chỉ tiêu C', unit: 'percent' as const },
  ];
  const comp = (indicator: string, shortfall: number, value: number | null = 50) => ({ indicator, value, status: 'ranked' as const, weight: 10, achievement: 0.5, contribution: 5, shortfall });

  it('orders by points lost, largest first, leaving out indicators that lose nothing', () => {
    const p = buildPulls([comp('a', 1.04), comp('b', 7.2, 155.19), comp('c', 0)], inds);
    expect(p.map((x) => x.code)).toEqual(['b', 'a']);
    expect(p[0]).toMatchObject({ name: 'Chỉ tiêu B', value: '155,2', shortfallLabel: 'mất 7,2 điểm', share: 1 });
    expect(p[1].share).toBeCloseTo(1.04 / 7.2);
  });

  it('a figure the commune did not report loses its whole weight and says so (issue 10)', () => {
    const missing = { indicator: 'c', value: null, status: 'not_reported' as const, weight: 15, achievement: null, contribution: 0, shortfall: 15 };
    const p = buildPulls([comp('a', 1.04), missing], inds);
    expect(p[0]).toMatchObject({ code: 'c', value: '—', shortfallLabel: 'mất 15,0 điểm · chưa báo cáo', missing: true });
  });

  it('keeps at most `limit` items', () => {
    expect(buildPulls([comp('a', 3), comp('b', 2), comp('c', 1)], inds, 2)).toHaveLength(2);
  });
});

describe('standing transform: totals', () => {
  it('shows no gap to the province when the province figure is a sum of counts', () => {
    const [l] = buildStandingLines({
      indicators: [
        {
          indicator: { code: 'procedures_full_online', name: 'Số TTHC', unit: 'count', direction: 'higher', target: null, minDenominator: 0, kind: 'element', collected: true },
          value: 138, numerator: 138, denominator: null, status: 'ranked', rank: 86, rankedCount: 94, previousRank: 55, rankChange: -31,
          province: 13282, target: null, gapToProvince: -13144, gapToTarget: null, above: null, below: null, history: [],
        },
      ],
    });
    expect(l.province).toBe('13.282');
    expect(l.gapToProvince).toBeNull();
    expect(l.rank).toBe('86/94');
  });
});
