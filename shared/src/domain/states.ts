// One word per state of a commune's report, and one count of "who has reported", for every page,
// slide, export and the Word report (decision 010). The header, the overview, /tien-do, the
// officer's form, the big screen, the CSV/XLSX files and the report all count through
// `reportingSummary`, so "đã báo cáo" means the same number everywhere.

import { isLate, timeliness, type Timeliness, type TimelinessInput } from './timeliness';
import type { RankStatus } from './types';

/** The workflow's states, in the order a report moves through them. */
export const REPORT_STATES = ['not_started', 'draft', 'submitted', 'returned', 'approved'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
/** The states a stored submission can be in: every state but 'not_started', which is having no submission. */
export type StoredState = Exclude<ReportState, 'not_started'>;

/** The word for each state, as a label (capitalised). Mid-sentence, use `stateWord`. */
export const STATE_LABELS: Record<ReportState, string> = {
  not_started: 'Chưa bắt đầu',
  draft: 'Đang nhập',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

/** "đã nộp", for use inside a sentence. */
export const stateWord = (s: ReportState) => STATE_LABELS[s].charAt(0).toLowerCase() + STATE_LABELS[s].slice(1);

/** The two words for the count of reports that reached the Sở. */
export const REPORTED_LABEL = 'Đã báo cáo';
export const NOT_REPORTED_LABEL = 'Chưa báo cáo';

/**
 * "Đã báo cáo" = đã nộp or đã duyệt: the commune's figures have reached the Sở and are not
 * waiting on the commune. A returned report is with the commune again: not reported until it is
 * resubmitted. A count of approved reports only is "đã duyệt", never "đã báo cáo".
 */
export function isReported(s: ReportState): boolean {
  return s === 'submitted' || s === 'approved';
}

/**
 * A commune's state in a round from what is stored: its submission's status, else "đã duyệt" when
 * the Sở published figures for it without a submission (rounds loaded before the workflow), else
 * "chưa bắt đầu". Figures the system computes (on-time reporting) do not count as published here.
 */
export function reportState(submission: StoredState | null, published: boolean): ReportState {
  if (submission) return submission;
  return published ? 'approved' : 'not_started';
}

export interface CommuneReport {
  state: ReportState;
  timeliness: Timeliness;
}

/** State and timeliness of one commune in one round, from what is stored. */
export function communeReport(
  stored: Omit<TimelinessInput, 'today' | 'deadline'> & { submission: StoredState | null },
  round: { deadline: string | null },
  today: string,
): CommuneReport {
  return {
    state: reportState(stored.submission, stored.published),
    timeliness: timeliness({ ...stored, deadline: round.deadline, today }),
  };
}

export interface ReportingSummary {
  total: number;
  byState: Record<ReportState, number>;
  /** đã nộp + đã duyệt */
  reported: number;
  /** total − reported: chưa bắt đầu, đang nhập, bị trả lại */
  notReported: number;
  approved: number;
  /** late or overdue (muộn, quá hạn) */
  late: number;
}

/** Every state at 0: the start of a count. */
export const noStates = () => Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>;

/** How many of the counted reports are "đã báo cáo". */
export function countReported(byState: Record<ReportState, number>): number {
  return REPORT_STATES.filter(isReported).reduce((n, s) => n + byState[s], 0);
}

export function reportingSummary(rows: CommuneReport[]): ReportingSummary {
  const byState = noStates();
  let late = 0;
  for (const r of rows) {
    byState[r.state]++;
    if (isLate(r.timeliness)) late++;
  }
  const reported = countReported(byState);
  return { total: rows.length, byState, reported, notReported: rows.length - reported, approved: byState.approved, late };
}

// ── Where a commune officer lands ─────────────────────────────────────────────────────────

export interface RoundToDo {
  code: string;
  endDate: string;
  state: ReportState;
  timeliness: Timeliness;
}

/** A report the officer must act on now: sent back by the Sở, or overdue and not yet reported. */
export function needsAction(r: Pick<RoundToDo, 'state' | 'timeliness'>): boolean {
  return r.state === 'returned' || (!isReported(r.state) && r.timeliness.kind === 'overdue');
}

/** A report still to be sent: needs action, or simply not reported yet (the round is open). */
export function stillToReport(r: Pick<RoundToDo, 'state'>): boolean {
  return !isReported(r.state);
}

/**
 * The round an officer lands on, among the open rounds: the OLDEST one with a returned or overdue
 * report (the most urgent: it is the one the Sở chases), else the newest open round. null = none
 * open. Once Tháng 11 opens, an officer whose October report was returned lands on October.
 */
export function landingRound(open: RoundToDo[]): string | null {
  const byEnd = [...open].sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.code < b.code ? -1 : 1));
  return byEnd.find(needsAction)?.code ?? byEnd.at(-1)?.code ?? null;
}

/** Why a commune is or is not ranked, in words (tables, exports, the report). */
export const RANK_STATUS_LABELS: Record<RankStatus, string> = {
  ranked: 'Được xếp hạng',
  not_reported: NOT_REPORTED_LABEL,
  insufficient: 'Chưa đủ số liệu',
  not_collected: 'Không thu kỳ này',
};

/** "61/96 đã báo cáo" */
export const reportedOf = (reported: number, total: number) => `${reported}/${total} ${REPORTED_LABEL.toLowerCase()}`;
