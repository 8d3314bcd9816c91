// Reporting rounds (kỳ báo cáo): which round is current, and which one a round is compared with
// for "who improved, who fell behind".

import { POPULATION, type IndicatorDef, type PeriodRef } from './types';

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
 * The round to compare `current` with: the most recent earlier round of the SAME kind (a month with
 * the previous month, a quarter with a quarter, a year with a year, 9 months with 9 months), else
 * null. Never a round of another kind: a month's dossier count is a third of a quarter's, and a
 * 41-commune monthly ranking against a 95-commune quarterly one makes "▲ 32 bậc" out of nothing.
 * With no comparable round, no rank change is shown (decision 009).
 * "Earlier" = ends before the current round ends: rounds may overlap (a 9-month and an annual
 * round both start on 1 January).
 */
export function comparisonPeriod(periods: PeriodRef[], current: PeriodRef): PeriodRef | null {
  return latestPeriod(periods.filter((p) => p.code !== current.code && p.kind === current.kind && p.endDate < current.endDate));
}

/**
 * The round a read shows when none is asked for (decision 006): the newest CLOSED round with
 * figures, else the newest round with figures, else the newest. An open round fills in over weeks,
 * and leadership should not land on half a province. `newestFirst` is the list in the order the
 * API gives it (GET /api/periods: later end first, on the same end the later start first), which
 * is the order that breaks a tie here; `hasFigures` says which rounds have published figures.
 */
export function defaultRound<T extends { status: string }>(newestFirst: T[], hasFigures: (p: T) => boolean): T | null {
  return newestFirst.find((p) => p.status === 'closed' && hasFigures(p)) ?? newestFirst.find(hasFigures) ?? newestFirst[0] ?? null;
}

/** Rounds of the same kind as `current` that ended no later than it, oldest first: one trend series. */
export function sameKindSeries<T extends PeriodRef>(periods: T[], current: PeriodRef): T[] {
  return periods
    .filter((p) => p.kind === current.kind && p.endDate <= current.endDate)
    .sort((a, b) => -newerFirst(a, b));
}

/**
 * Does a round collect an indicator? Only when it asks for every figure the indicator is built
 * from (the population comes from the catalogue, not from the round). `collected` is the set of
 * element codes the round has: those its form asks for, plus the figures the system computes
 * once the round is closed; null = the round keeps no list (rounds loaded before lists existed),
 * which collects everything. An indicator a round does not collect is "không thu kỳ này": never
 * "chưa báo cáo", and out of the composite for everyone.
 */
export function indicatorCollected(
  ind: Pick<IndicatorDef, 'numerator' | 'denominator'>,
  collected: ReadonlySet<string> | null,
): boolean {
  if (collected === null) return true;
  if (!collected.has(ind.numerator)) return false;
  return ind.denominator === null || ind.denominator === POPULATION || collected.has(ind.denominator);
}

/**
 * The first thing wrong with a round's dates, as the field at fault, or null: the end before the
 * start, or the deadline before the start (only the start bounds the deadline). The web form checks
 * it before sending, the API on create and on a deadline change; leave out a date not being set.
 */
export function roundDatesProblem(d: { startDate: string; endDate?: string; deadline?: string }): 'endDate' | 'deadline' | null {
  if (d.endDate !== undefined && cmp(d.endDate, d.startDate) < 0) return 'endDate';
  if (d.deadline !== undefined && cmp(d.deadline, d.startDate) < 0) return 'deadline';
  return null;
}
