import { describe, expect, it } from 'vitest';
import type { OverviewResponse } from '@nq57/shared/schemas';
import { buildKpis } from '../src/panels/kpi/transform';

type Item = OverviewResponse['indicators'][number];
const dist = { min: null, q1: null, median: null, q3: null, max: null, values: [] };
function item(code: string, unit: Item['indicator']['unit'], now: [number | null, number | null, number | null], prev: number | null | 'none', direction: 'higher' | 'lower' = 'higher'): Item {
  return {
    indicator: { code, name: code, unit, direction, target: unit === 'percent' ? 80 : null, minDenominator: 30, kind: unit === 'vnd' ? 'element' : 'rate', collected: true },
    province: { value: now[0], numerator: now[1], denominator: now[2], communes: 90 },
    previous: prev === 'none' ? null : { value: prev, numerator: null, denominator: null, communes: 90 },
    distribution: dist,
    belowTarget: 3,
  };
}

describe('kpi transform', () => {
  const cards = buildKpis({
    indicators: [
      item('on_time_rate', 'percent', [97.2168, 57705, 59357], 96.5, 'higher'),
      item('online_filing_rate', 'percent', [79.0455, 47036, 59505], 75.8196),
      item('late_dossier_rate', 'percent', [3, 30, 1000], 2, 'lower'),
      item('budget_requested_vnd', 'vnd', [null, null, null], null),
    ],
  }, ['online_filing_rate', 'on_time_rate', 'late_dossier_rate', 'budget_requested_vnd', 'not_in_overview']);

  it('keeps the requested order and skips indicators the overview lacks', () => {
    expect(cards.map((c) => c.code)).toEqual(['online_filing_rate', 'on_time_rate', 'late_dossier_rate', 'budget_requested_vnd']);
  });

  it('shows the province rate with its numerator and denominator', () => {
    expect(cards[0].value).toBe('79,0%');
    expect(cards[0].fraction).toBe('47.036/59.505');
    expect(cards[1].fraction).toBe('57.705/59.357');
  });

  it('says the change in arrows and words, in percentage points', () => {
    expect(cards[0].delta).toBe('▲ tăng 3,2 điểm %');
    expect(cards[0].trend).toBe('better');
    expect(cards[0].previous).toBe('75,8%');
  });

  it('judges the change by the direction of the indicator', () => {
    expect(cards[2].delta).toBe('▲ tăng 1,0 điểm %');
    expect(cards[2].trend).toBe('worse');
  });

  it('has no comparison when the round has no figure or no previous one', () => {
    expect(cards[3]).toMatchObject({ value: '—', missing: true, delta: null, previous: null, trend: 'none' });
  });
});
