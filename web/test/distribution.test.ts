import { describe, expect, it } from 'vitest';
import { buildDistribution } from '../src/panels/distribution/transform';

describe('distribution transform', () => {
  const values = [57.5, 61, 64, 69.8, 70, 71, 75, 79, 80, 85, 92, 99.9];
  const m = buildDistribution(values, { unit: 'percent', province: 79, median: 73 });

  it('puts every commune in exactly one band', () => {
    expect(m.bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    expect(m.total).toBe(values.length);
  });

  it('uses round, contiguous bands labelled the Vietnamese way', () => {
    expect(m.bins[0].from).toBe(55);
    for (let i = 1; i < m.bins.length; i++) expect(m.bins[i].from).toBe(m.bins[i - 1].to);
    expect(m.bins[0].label).toBe('55–60');
    expect(m.bins.length).toBeLessThanOrEqual(12);
  });

  it('marks the band holding the province value, and formats the median', () => {
    expect(m.bins.filter((b) => b.hasProvince).map((b) => b.label)).toEqual(['75–80']);
    expect(m.medianLabel).toBe('73,0%');
  });

  it('handles one value and no values', () => {
    const one = buildDistribution([5], { unit: 'count', province: null, median: 5 });
    expect(one.bins.reduce((s, b) => s + b.count, 0)).toBe(1);
    expect(buildDistribution([], { unit: 'percent', province: null, median: null })).toMatchObject({ empty: true, bins: [], medianLabel: '—' });
  });

  it('uses decimal band edges for small ranges', () => {
    const m2 = buildDistribution([0.1, 0.25, 0.4], { unit: 'count', province: null, median: 0.25 });
    expect(m2.bins[0].label).toContain(',');
  });
});
