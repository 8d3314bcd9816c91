// Reporting rounds (kỳ báo cáo): which round is current, and which one a round is compared with
// for "who improved, who fell behind".

import type { PeriodRef } from './types';

// ISO yyyy-mm-dd strings compare correctly as strings.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Later end date first; on the same end date the longer round (earlier start) first, since it
 * covers more of the year; then by code so the choice never depends on input order.
 */
function newerFirst(a: PeriodRef, b: PeriodRef): number {
  return cmp(b.endDate, a.endDate) || cmp(a.startDate, b.startDate) || cmp(a.code, b.code);
}

/** The round that ends last, or null for no rounds. */
export function latestPeriod(periods: PeriodRef[]): PeriodRef | null {
  return periods.length === 0 ? null : [...periods].sort(newerFirst)[0];
}

/**
 * The round to compare `current` with: the most recent earlier round of the same kind (annual
 * with annual, 9-month with 9-month — like with like), else the most recent earlier round of any
 * kind (an ad-hoc round before a steering-committee meeting is still better than nothing), else
 * null. "Earlier" = ends before the current round ends: rounds may overlap (a 9-month and an
 * annual round both start on 1 January).
 */
export function comparisonPeriod(periods: PeriodRef[], current: PeriodRef): PeriodRef | null {
  const earlier = periods.filter((p) => p.code !== current.code && p.endDate < current.endDate);
  const sameKind = earlier.filter((p) => p.kind === current.kind);
  return latestPeriod(sameKind) ?? latestPeriod(earlier);
}
