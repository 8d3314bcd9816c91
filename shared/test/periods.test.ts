import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { comparisonPeriod, defaultRound, indicatorCollected, latestPeriod, roundDatesProblem, sameKindSeries, type PeriodRef } from '../src/index';

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

  it('never falls back to a round of another kind (a month is not compared with a quarter)', () => {
    const all = [nineMonths2025, adhocOct2025, annual2025];
    expect(comparisonPeriod(all, annual2025)).toBeNull();
    expect(comparisonPeriod(all, adhocOct2025)).toBeNull();
    const q3 = p('q3-2026', 'quarter', '2026-07-01', '2026-09-30');
    const m10 = p('m10-2026', 'month', '2026-10-01', '2026-10-31');
    const m9 = p('m9-2026', 'month', '2026-09-01', '2026-09-30');
    expect(comparisonPeriod([q3, m10], m10)).toBeNull();
    expect(comparisonPeriod([q3, m9, m10], m10)).toBe(m9);
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
        const sameKind = periods.filter((x) => x.kind === current.kind && x.code !== current.code && x.endDate < current.endDate);
        if (cmp === null) {
          expect(sameKind).toEqual([]);
          return;
        }
        expect(cmp.code).not.toBe(current.code);
        expect(cmp.endDate < current.endDate).toBe(true);
        expect(cmp.kind).toBe(current.kind);
        expect(sameKind.every((x) => x.endDate <= cmp.endDate)).toBe(true);
      }),
    );
  });
});

describe('defaultRound', () => {
  const r = (code: string, status: 'open' | 'closed', figures: number) => ({ code, status, figures });
  const has = (x: { figures: number }) => x.figures > 0;
  it('the newest closed round with figures: an open round is still filling in', () => {
    expect(defaultRound([r('m10', 'open', 60), r('q3', 'closed', 95), r('q2', 'closed', 96)], has)?.code).toBe('q3');
  });
  it('else the newest round with figures, else the newest round, else none', () => {
    expect(defaultRound([r('m11', 'open', 0), r('m10', 'open', 3), r('q3', 'closed', 0)], has)?.code).toBe('m10');
    expect(defaultRound([r('m11', 'open', 0), r('m10', 'closed', 0)], has)?.code).toBe('m11');
    expect(defaultRound([], has)).toBeNull();
  });
});

describe('sameKindSeries', () => {
  it('one kind of round per trend, oldest first, up to the chosen round', () => {
    const q2 = p('q2-2026', 'quarter', '2026-04-01', '2026-06-30');
    const q3 = p('q3-2026', 'quarter', '2026-07-01', '2026-09-30');
    const y25 = p('year-2025', 'year', '2025-01-01', '2025-12-31');
    const q4 = p('q4-2025', 'quarter', '2025-10-01', '2025-12-31');
    expect(sameKindSeries([q3, y25, q2, q4], q2).map((x) => x.code)).toEqual(['q4-2025', 'q2-2026']);
    expect(sameKindSeries([q3, y25, q2, q4], q3).map((x) => x.code)).toEqual(['q4-2025', 'q2-2026', 'q3-2026']);
  });
});

describe('indicatorCollected', () => {
  const budget = { numerator: 'budget_requested_vnd', denominator: null };
  const perCapita = { numerator: 'budget_requested_vnd', denominator: '@population' };
  const online = { numerator: 'dossiers_online', denominator: 'dossiers_received' };
  it('needs every figure the indicator is built from; the population comes from the catalogue', () => {
    const quarterly = new Set(['dossiers_online', 'dossiers_received']);
    expect(indicatorCollected(budget, quarterly)).toBe(false);
    expect(indicatorCollected(perCapita, quarterly)).toBe(false);
    expect(indicatorCollected(online, quarterly)).toBe(true);
    expect(indicatorCollected(online, new Set(['dossiers_online']))).toBe(false);
    expect(indicatorCollected(perCapita, new Set(['budget_requested_vnd']))).toBe(true);
  });
  it('a round without a list collects everything', () => {
    expect(indicatorCollected(budget, null)).toBe(true);
  });
});

describe('roundDatesProblem', () => {
  const q1 = { startDate: '2027-01-01', endDate: '2027-03-31', deadline: '2027-04-10' };

  it('names the field at fault: the end first, then the deadline', () => {
    expect(roundDatesProblem(q1)).toBeNull();
    expect(roundDatesProblem({ ...q1, endDate: '2026-12-31' })).toBe('endDate');
    expect(roundDatesProblem({ ...q1, deadline: '2026-12-01' })).toBe('deadline');
    expect(roundDatesProblem({ ...q1, endDate: '2026-12-31', deadline: '2026-12-01' })).toBe('endDate');
  });

  it('allows a one-day round, a deadline on the first day and a deadline before the end', () => {
    expect(roundDatesProblem({ startDate: '2027-01-01', endDate: '2027-01-01', deadline: '2027-01-01' })).toBeNull();
    expect(roundDatesProblem({ ...q1, deadline: '2027-02-15' })).toBeNull();
  });

  it('checks only the dates given (a deadline change leaves the end out)', () => {
    expect(roundDatesProblem({ startDate: q1.startDate, deadline: '2026-12-31' })).toBe('deadline');
    expect(roundDatesProblem({ startDate: q1.startDate, deadline: '2027-01-02' })).toBeNull();
    expect(roundDatesProblem({ startDate: q1.startDate })).toBeNull();
  });

  it('agrees with comparing the days: a problem exactly when a given date is before the start', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, (startDate, endDate, deadline) => {
        const got = roundDatesProblem({ startDate, endDate, deadline });
        expect(got).toBe(endDate < startDate ? 'endDate' : deadline < startDate ? 'deadline' : null);
      }),
    );
  });
});
