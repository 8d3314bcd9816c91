import { describe, expect, it } from 'vitest';
import { buildTrend, sparklinePath } from '../src/panels/trend/transform';
import { history } from './fixtures';

describe('trend transform', () => {
  it('keeps the rounds in order with Vietnamese labels, missing rounds as gaps', () => {
    const m = buildTrend(history([80.5, null, 90]), 'percent');
    expect(m.points.map((p) => p.valueLabel)).toEqual(['80,5%', '—', '90,0%']);
    expect(m.points[1].value).toBeNull();
    expect(m.hasData).toBe(true);
    expect(m.domain).toEqual([0, 100]);
  });

  it('has no data when the commune never reported', () => {
    expect(buildTrend(history([null, null]), 'count').hasData).toBe(false);
  });

  it('draws a sparkline that breaks at missing rounds', () => {
    const s = sparklinePath([1, 2, null, 4], 30, 10);
    expect(s.d.match(/M/g)).toHaveLength(2);
    expect(s.last?.x).toBe(30);
    expect(sparklinePath([null], 30, 10)).toEqual({ d: '', last: null });
    // a flat line sits in the middle
    expect(sparklinePath([5, 5], 30, 10).d).toBe('M0.0,5.0L30.0,5.0');
  });
});
