import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatPercent, indicatorValue, provinceValue } from '../src/index';
import { ind, input } from './fixtures';

const online = ind('online_filing_rate');
const onTime = ind('on_time_rate');
const learnersPer1000 = ind('bdhvs_learners_per_1000');

describe('indicatorValue: rates', () => {
  it('Mỏ Cày online filing 3.276 / 3.781 = 86,6%', () => {
    const v = indicatorValue(online, 3276, 3781);
    expect(v.status).toBe('ranked');
    expect(v.value).toBeCloseTo(86.644, 3);
    expect(formatPercent(v.value)).toBe('86,6%');
    expect(v.numerator).toBe(3276);
    expect(v.denominator).toBe(3781);
  });

  it('Mỏ Cày on time 3.679 / 3.681 = 99,95%', () => {
    const v = indicatorValue(onTime, 3679, 3681);
    expect(v.status).toBe('ranked');
    expect(formatPercent(v.value, 2)).toBe('99,95%');
  });

  it('a missing numerator or denominator is "not reported", never zero', () => {
    for (const [n, d] of [
      [null, 3781],
      [3276, null],
      [null, null],
    ] as const) {
      const v = indicatorValue(online, n, d);
      expect(v.status).toBe('not_reported');
      expect(v.value).toBeNull();
    }
    // and the figure that was given is kept, so the table can say what is missing
    expect(indicatorValue(online, null, 3781).denominator).toBe(3781);
  });

  it('NaN counts are treated as missing, not as numbers', () => {
    expect(indicatorValue(online, NaN, 100).status).toBe('not_reported');
  });

  it('a zero denominator gives no rate', () => {
    const v = indicatorValue(online, 0, 0);
    expect(v.status).toBe('insufficient');
    expect(v.value).toBeNull();
  });

  it('a denominator below the minimum is shown but not ranked', () => {
    expect(online.minDenominator).toBe(30);
    const small = indicatorValue(online, 3, 3);
    expect(small.status).toBe('insufficient');
    expect(small.value).toBe(100);
    expect(indicatorValue(online, 29, 30).status).toBe('ranked');
  });

  it('a zero numerator ("không có") is a real 0%', () => {
    const v = indicatorValue(online, 0, 120);
    expect(v).toEqual({ value: 0, numerator: 0, denominator: 120, status: 'ranked' });
  });

  it('per 1 000 population uses the factor', () => {
    const v = indicatorValue(learnersPer1000, 4365, 29000);
    expect(v.value).toBeCloseTo(150.517, 3);
    expect(v.status).toBe('ranked');
    expect(indicatorValue(learnersPer1000, 10, 0).status).toBe('insufficient');
  });
});

describe('indicatorValue: elements', () => {
  const full = ind('procedures_full_online');
  it('the value is the reported figure', () => {
    expect(indicatorValue(full, 143, null)).toEqual({ value: 143, numerator: 143, denominator: null, status: 'ranked' });
    expect(indicatorValue(full, 0, null).status).toBe('ranked');
  });
  it('missing is not reported', () => {
    expect(indicatorValue(full, null, null)).toEqual({ value: null, numerator: null, denominator: null, status: 'not_reported' });
  });
});

describe('provinceValue', () => {
  it('sums counts, never averages rates', () => {
    const p = provinceValue(online, [input('a', 3276, 3781), input('b', 10, 100)]);
    expect(p.numerator).toBe(3286);
    expect(p.denominator).toBe(3881);
    expect(p.value).toBeCloseTo((3286 / 3881) * 100, 12);
    // the mean of rates (86.6 and 10) would be 48.3: very different
    expect(p.value).toBeGreaterThan(80);
    expect(p.communes).toBe(2);
  });

  it('includes below-minimum communes (their dossiers are real), skips missing and zero denominators', () => {
    const p = provinceValue(online, [
      input('small', 3, 3),
      input('big', 291, 300),
      input('none', null, 50),
      input('zero', 0, 0),
    ]);
    expect(p.numerator).toBe(294);
    expect(p.denominator).toBe(303);
    expect(p.communes).toBe(2);
  });

  it('is null when nobody reported', () => {
    expect(provinceValue(online, [input('a', null, null)])).toEqual({ value: null, numerator: null, denominator: null, communes: 0 });
    expect(provinceValue(online, [])).toEqual({ value: null, numerator: null, denominator: null, communes: 0 });
  });

  it('element counts and money are summed', () => {
    const budget = ind('budget_requested_vnd');
    const p = provinceValue(budget, [input('kc', 7630404000), input('mc', 5687400000), input('x', null)]);
    expect(p.value).toBe(13317804000);
    expect(p.numerator).toBe(13317804000);
    expect(p.communes).toBe(2);
  });

  it('element percentages are averaged (the only figure without denominators), with no counts', () => {
    const digitised = ind('dossiers_digitised_pct');
    const p = provinceValue(digitised, [input('mc', 100), input('x', 90), input('y', null)]);
    expect(p.value).toBe(95);
    expect(p.numerator).toBeNull();
    expect(p.denominator).toBeNull();
    expect(p.communes).toBe(2);
  });

  it('property: the province rate lies between the lowest and highest commune rate', () => {
    const commune = fc
      .tuple(fc.integer({ min: 1, max: 50000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([den, share]) => ({ den, num: Math.floor(den * share) }));
    fc.assert(
      fc.property(fc.array(commune, { minLength: 1, maxLength: 96 }), (cs) => {
        const inputs = cs.map((c, i) => input(String(i), c.num, c.den));
        const rates = cs.map((c) => (c.num / c.den) * 100);
        const p = provinceValue(online, inputs);
        const eps = 1e-9;
        expect(p.value!).toBeGreaterThanOrEqual(Math.min(...rates) - eps);
        expect(p.value!).toBeLessThanOrEqual(Math.max(...rates) + eps);
        expect(p.communes).toBe(cs.length);
      }),
    );
  });
});
