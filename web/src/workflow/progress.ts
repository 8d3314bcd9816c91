// /tien-do as pure functions: filtering the communes of a round by state and name, and the "on
// time / N days late" label. Unit-tested in web/test/workflow-rules.test.ts. (The CSV comes from
// the API: GET /api/periods/:period/completeness?format=csv.)
import { compareVi, matchesSearch, REPORT_STATES, timelinessLabel } from '@nq57/shared';
import type { CompletenessRow, SubmissionStatus } from '@nq57/shared/schemas';

/** the states in the order a report moves through them (shared's one list) */
export const STATUS_ORDER: readonly SubmissionStatus[] = REPORT_STATES;

/** the state filter: one status, 'late' (overdue or submitted late), or everything */
export type ProgressFilter = SubmissionStatus | 'late' | 'all';

export function parseFilter(value: string | null): ProgressFilter {
  if (value === 'late' || value === 'all') return value;
  if (value && (STATUS_ORDER as string[]).includes(value)) return value as SubmissionStatus;
  return 'all';
}

const bareName = (n: string) => n.replace(/^(Xã|Phường|Đặc khu)\s+/u, '');

/** The rows to show, in Vietnamese alphabetical order (without "Xã"/"Phường"). */
export function filterRows(rows: CompletenessRow[], filter: ProgressFilter, q: string): CompletenessRow[] {
  return rows
    .filter((r) => (filter === 'all' ? true : filter === 'late' ? r.late : r.status === filter))
    .filter((r) => matchesSearch(r.communeName, q) || r.communeCode === q.trim())
    .sort((a, b) => compareVi(bareName(a.communeName), bareName(b.communeName)));
}

/**
 * "Đúng hạn", "Muộn 3 ngày" (first reached the Sở after the deadline), "Quá hạn 2 ngày, chưa nộp",
 * "Chưa đến hạn": the shared words (timelinessLabel), the same the officer sees on the form.
 * `tone` colours the cell.
 */
export function timingLabel(r: Pick<CompletenessRow, 'timeliness' | 'daysLate'>): { text: string; tone: 'good' | 'bad' | 'none' } {
  const text = timelinessLabel({ kind: r.timeliness, daysLate: r.daysLate });
  if (r.timeliness === 'late' || r.timeliness === 'overdue') return { text, tone: 'bad' };
  if (r.timeliness === 'on_time') return { text, tone: 'good' };
  return { text, tone: 'none' };
}
