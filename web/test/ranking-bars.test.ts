import { describe, expect, it } from 'vitest';
import { buildBars, niceCeil, VIEW } from '../src/panels/ranking-bars/transform';
import { fromIndicatorRows } from '../src/panels/ranking-table/transform';
import { ranked, row } from './fixtures';

describe('ranking bars transform', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceCeil(0.7)).toBe(1);
    expect(niceCeil(87)).toBe(100);
    expect(niceCeil(130)).toBe(200);
    expect(niceCeil(2400)).toBe(2500);
    expect(niceCeil(0)).toBe(1);
  });

  const rows = fromIndicatorRows([ranked('b', 'B', 50, 2), row('x', 'X'), ranked('a', 'A', 80, 1), ranked('c', 'C', 0, 3)]);
  const m = buildBars(rows, { unit: 'percent', province: 60, target: 90, highlight: new Set(['c']) });

  it('draws one bar per ranked commune, best first, none for the unranked', () => {
    expect(m.bars.map((b) => b.code)).toEqual(['a', 'b', 'c']);
    expect(m.empty).toBe(false);
  });

  it('scales percentages to 100 and bar heights to the values', () => {
    expect(m.max).toBe(100);
    const plot = VIEW.height - VIEW.top - VIEW.bottom;
    expect(m.bars[0].height).toBeCloseTo(plot * 0.8);
    expect(m.bars[1].height).toBeCloseTo(plot * 0.5);
    // zero stays visible as a hairline
    expect(m.bars[2].height).toBe(1);
    expect(m.bars[0].x).toBeLessThan(m.bars[1].x);
  });

  it('labels values the Vietnamese way and places the province and target lines', () => {
    expect(m.bars[0].label).toBe('80,0%');
    expect(m.province?.label).toBe('60,0%');
    expect(m.target!.y).toBeLessThan(m.province!.y);
    expect(m.ticks.map((t) => t.label)).toEqual(['0%', '50%', '100%']);
  });

  it('labels a composite bar with its exact score, as the table does: 98,4 is never "98"', () => {
    const c = buildBars(fromIndicatorRows([ranked('a', 'A', 98.44, 1), ranked('b', 'B', 90, 2)]), { unit: 'score', province: null, target: null });
    expect(c.bars.map((b) => b.label)).toEqual(['98,4', '90,0']);
    expect(c.max).toBe(100);
    expect(c.ticks.map((t) => t.label)).toEqual(['0', '50', '100']);
  });

  it('marks the communes found by the search', () => {
    expect(m.bars.filter((b) => b.highlighted).map((b) => b.code)).toEqual(['c']);
  });

  it('is empty when nobody is ranked', () => {
    expect(buildBars(fromIndicatorRows([row('x', 'X')]), { unit: 'count', province: null, target: null }).empty).toBe(true);
  });

  it('fits 96 bars inside the plot', () => {
    const many = fromIndicatorRows(Array.from({ length: 96 }, (_, i) => ranked(String(i), `X${i}`, 1000 - i, i + 1)));
    const b = buildBars(many, { unit: 'count', province: null, target: null });
    expect(b.bars).toHaveLength(96);
    const last = b.bars[95];
    expect(last.x + last.width).toBeLessThanOrEqual(VIEW.width + 1e-9);
    expect(b.max).toBe(1000);
  });
});
