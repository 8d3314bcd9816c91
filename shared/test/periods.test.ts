import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { comparisonPeriod, latestPeriod, type PeriodRef } from '../src/index';

const p = (code: string, kind: string, startDate: string, endDate: string): PeriodRef => ({ code, kind, startDate, endDate });

const nineMonths2025 = p('2025-9T', 'nine_months', '2025-01-01', '2025-09-30');
const adhocOct2025 = p('2025-BCD-10', 'ad_hoc', '2025-07-01', '2025-10-31');
const annual2025 = p('2025-N', 'annual', '2025-01-01', '2025-12-31');
const annual2024 = p('2024-N', 'annual', '2024-01-01', '2024-12-31');
const nineMonths2026 = p('2026-9T', 'nine_months', '2026-01-01', '2026-09-30');

describe('latestPeriod', () => {
  it('the round that ends last', () => {
    expect(latestPeriod([nineMonths2025, annual2025, adhocOct2025])).toBe(annual2025);
    expect(latestPeriod([])).toBeNull();
  });
});

describe('comparisonPeriod', () => {
  it('prefers the latest earlier round of the same kind', () => {
    const all = [annual2024, nineMonths2025, adhocOct2025, annual2025];
    expect(comparisonPeriod(all, annual2025)).toBe(annual2024);
    expect(comparisonPeriod([...all, nineMonths2026], nineMonths2026)).toBe(nineMonths2025);
  });

  it('falls back to the latest earlier round of any kind', () => {
    const all = [nineMonths2025, adhocOct2025, annual2025];
    expect(comparisonPeriod(all, annual2025)).toBe(adhocOct2025);
    expect(comparisonPeriod(all, adhocOct2025)).toBe(nineMonths2025);
  });

  it('null for the first round', () => {
    expect(comparisonPeriod([nineMonths2025, annual2025], nineMonths2025)).toBeNull();
    expect(comparisonPeriod([], annual2025)).toBeNull();
  });

  it('never returns the current round or a later one', () => {
    const date = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 864e5).toISOString().slice(0, 10));
    const period = fc
      .tuple(fc.constantFrom('annual', 'nine_months', 'ad_hoc'), date, date)
      .map(([kind, a, b]) => (a <= b ? [kind, a, b] : [kind, b, a]));
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 12 }), fc.nat(), (raw, pick) => {
        const periods = raw.map(([kind, s, e], i) => p(`P${i}`, kind, s, e));
        const current = periods[pick % periods.length];
        const cmp = comparisonPeriod(periods, current);
        if (cmp === null) {
          expect(periods.some((x) => x.code !== current.code && x.endDate < current.endDate)).toBe(false);
          return;
        }
        expect(cmp.code).not.toBe(current.code);
        expect(cmp.endDate < current.endDate).toBe(true);
        const sameKind = periods.filter((x) => x.kind === current.kind && x.code !== current.code && x.endDate < current.endDate);
        if (sameKind.length > 0) {
          expect(cmp.kind).toBe(current.kind);
          expect(sameKind.every((x) => x.endDate <= cmp.endDate)).toBe(true);
        }
      }),
    );
  });
});
