// Was a commune's report on time? One answer for every page, slide, export and report: the
// officer's form, /tien-do, the overview, the Word report and the on-time reporting indicator all
// call these functions (decision 010).
//
// The rule: a round is judged on when the commune's figures FIRST reached the Sở, against the
// deadline, by Vietnam calendar day. That moment is the commune's first submission, or the first
// import of its figures by the Sở when that came earlier (a Word report sent by e-mail and typed
// in by a clerk). A resubmission after a return is not late; an import never makes a late commune
// on time (it can only freeze an overdue commune's lateness at the day its figures arrived).

// Communes and the Sở are all in Vietnam (UTC+7, no daylight saving since 1975); the server may
// run in UTC.
export const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The calendar day (yyyy-mm-dd) of an instant in Vietnam. */
export function vnDay(t: string | Date): string {
  const ms = typeof t === 'string' ? Date.parse(t) : t.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one yyyy-mm-dd to another (positive when `to` is later). */
export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The instant the next Vietnam day begins after `t`: where anything that holds "today" stops holding. */
export function nextVnMidnight(t: Date): Date {
  return new Date(Date.parse(addDays(vnDay(t), 1)) - VN_OFFSET_MS);
}

/** yyyy-mm-dd plus n calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from today (Vietnam time) to a yyyy-mm-dd deadline: negative when past. */
export function daysUntil(deadline: string, now: Date): number {
  return dayDiff(vnDay(now), deadline);
}

export type TimelinessKind =
  /** figures reached the Sở by the deadline */
  | 'on_time'
  /** figures reached the Sở after the deadline */
  | 'late'
  /** nothing has reached the Sở and the deadline has passed */
  | 'overdue'
  /** nothing yet, and the deadline has not passed (or the round has none) */
  | 'not_due'
  /** figures published with no record of when they came (rounds loaded before the workflow) */
  | 'unjudged';

export interface Timeliness {
  kind: TimelinessKind;
  /** days after the deadline (late or overdue); null otherwise */
  daysLate: number | null;
}

export interface TimelinessInput {
  deadline: string | null;
  /** the commune's first submission (ISO instant), null if it never submitted */
  firstSubmittedAt: string | null;
  /** the first import that brought this commune's figures (ISO instant), null if none */
  firstImportedAt: string | null;
  /** the Sở published figures for this commune in this round, whatever their origin */
  published: boolean;
  /** today in Vietnam, yyyy-mm-dd */
  today: string;
}

/** When the commune's figures first reached the Sở (ISO instant), or null. */
export function receivedAt(i: Pick<TimelinessInput, 'firstSubmittedAt' | 'firstImportedAt'>): string | null {
  const { firstSubmittedAt: s, firstImportedAt: m } = i;
  if (s && m) return Date.parse(s) <= Date.parse(m) ? s : m;
  return s ?? m ?? null;
}

export function timeliness(i: TimelinessInput): Timeliness {
  const at = receivedAt(i);
  if (!i.deadline) return { kind: at || i.published ? 'on_time' : 'not_due', daysLate: null };
  if (at) {
    const d = dayDiff(i.deadline, vnDay(at));
    return d > 0 ? { kind: 'late', daysLate: d } : { kind: 'on_time', daysLate: null };
  }
  if (i.published) return { kind: 'unjudged', daysLate: null };
  const d = dayDiff(i.deadline, i.today);
  return d > 0 ? { kind: 'overdue', daysLate: d } : { kind: 'not_due', daysLate: null };
}

/** Late or overdue: the communes the Sở counts as "muộn" and chases. */
export const isLate = (t: Timeliness) => t.kind === 'late' || t.kind === 'overdue';

/** "Đúng hạn", "Muộn 3 ngày", "Quá hạn 2 ngày, chưa nộp", "Chưa đến hạn", "Không xét hạn". */
export function timelinessLabel(t: Timeliness): string {
  switch (t.kind) {
    case 'on_time':
      return 'Đúng hạn';
    case 'late':
      return `Muộn ${t.daysLate} ngày`;
    case 'overdue':
      return `Quá hạn ${t.daysLate} ngày, chưa nộp`;
    case 'not_due':
      return 'Chưa đến hạn';
    case 'unjudged':
      return 'Không xét hạn';
  }
}

// ── On-time reporting (the indicator "tỷ lệ kỳ báo cáo nộp đúng hạn") ─────────────────────

export interface RoundDeadline {
  id: number;
  deadline: string | null;
}

export interface ReceivedRecord {
  periodId: number;
  communeId: number;
  firstSubmittedAt: string | null;
  firstImportedAt: string | null;
  published: boolean;
}

/**
 * Cumulative on-time reporting per commune up to `round`: rounds due = every round with a
 * deadline on or before this round's; on time = those judged 'on_time' by `timeliness`. A round
 * 'unjudged' for a commune (figures with no record of when they came) is left out of its due
 * count: it can be held neither for nor against it.
 */
export function onTimeCounts(
  round: { id: number; deadline: string | null; endDate: string },
  rounds: RoundDeadline[],
  records: ReceivedRecord[],
  communeIds: number[],
): Map<number, { due: number; onTime: number }> {
  const cutoff = round.deadline ?? round.endDate;
  const due = rounds.filter((r) => r.deadline !== null && (r.deadline <= cutoff || r.id === round.id));
  const deadlineOf = new Map(due.map((r) => [r.id, r.deadline!]));
  const out = new Map(communeIds.map((id) => [id, { due: due.length, onTime: 0 }]));
  for (const rec of records) {
    const deadline = deadlineOf.get(rec.periodId);
    const c = out.get(rec.communeId);
    if (!deadline || !c) continue;
    // `today` only matters for communes with nothing received, which are never on time
    const t = timeliness({ ...rec, deadline, today: deadline });
    if (t.kind === 'on_time') c.onTime++;
    else if (t.kind === 'unjudged') c.due--;
  }
  return out;
}
