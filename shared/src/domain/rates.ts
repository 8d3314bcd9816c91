// From raw reported figures (data elements) to indicator values, per commune and for the
// province. The rules that decide whether a commune can be ranked at all live here.

import type { IndicatorDef, IndicatorInput, IndicatorValue, ProvinceValue } from './types';

/** A figure that is not a finite number is treated as not reported, never as zero. */
function present(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * One commune's value for one indicator.
 *
 * - element: the reported figure itself; missing → 'not_reported'.
 * - rate: numerator ÷ denominator × factor. Missing either → 'not_reported' (a missing
 *   figure is never read as zero: "0" is a report, a blank is not). A denominator of 0 (or below
 *   0, which is bad data) gives no rate at all. A denominator below the indicator's minimum →
 *   'insufficient': the rate is shown but not ranked, because 3 of 3 dossiers online (100%) says
 *   little next to 291 of 300 (97%), and ranking the small commune first would reward having
 *   almost nothing to do.
 */
export function indicatorValue(
  ind: IndicatorDef,
  numerator: number | null,
  denominator: number | null,
): IndicatorValue {
  if (ind.kind === 'element') {
    const value = present(numerator) ? numerator : null;
    return { value, numerator: value, denominator: null, status: value === null ? 'not_reported' : 'ranked' };
  }
  const num = present(numerator) ? numerator : null;
  const den = present(denominator) ? denominator : null;
  if (num === null || den === null) {
    return { value: null, numerator: num, denominator: den, status: 'not_reported' };
  }
  if (den <= 0) {
    return { value: null, numerator: num, denominator: den, status: 'insufficient' };
  }
  const value = (num / den) * ind.factor;
  const status = den < ind.minDenominator ? 'insufficient' : 'ranked';
  return { value, numerator: num, denominator: den, status };
}

/**
 * The province figure for one indicator.
 *
 * Rates are Σ numerators ÷ Σ denominators × factor, never a mean of commune rates (a mean would
 * give Xốp's 6 500 people the same say as Khánh Cường's 29 000). Communes below the indicator's
 * minimum denominator are included: their counts are real dossiers and real people, only their
 * *rate* is too noisy to rank. Communes with a zero or missing denominator add nothing.
 *
 * Element indicators:
 * - count, vnd (and boolean, read as 0/1: "how many communes say yes"): the sum.
 * - percent and per_1000 as reported ("100% of dossiers digitised"): the mean of the reported
 *   values. It is only an approximation — the province share would need each commune's
 *   denominator, which the reports do not give — but it is the only figure the data supports;
 *   numerator and denominator are null to show that it is not built from counts.
 */
export function provinceValue(ind: IndicatorDef, inputs: IndicatorInput[]): ProvinceValue {
  if (ind.kind === 'rate') {
    let num = 0;
    let den = 0;
    let communes = 0;
    for (const i of inputs) {
      if (!present(i.numerator) || !present(i.denominator) || i.denominator <= 0) continue;
      num += i.numerator;
      den += i.denominator;
      communes++;
    }
    if (communes === 0) return { value: null, numerator: null, denominator: null, communes: 0 };
    return { value: (num / den) * ind.factor, numerator: num, denominator: den, communes };
  }

  const values = inputs.map((i) => i.numerator).filter(present);
  if (values.length === 0) return { value: null, numerator: null, denominator: null, communes: 0 };
  const sum = values.reduce((a, b) => a + b, 0);
  if (ind.unit === 'percent' || ind.unit === 'per_1000') {
    return { value: sum / values.length, numerator: null, denominator: null, communes: values.length };
  }
  return { value: sum, numerator: sum, denominator: null, communes: values.length };
}
