// Who is reminded, and when (issue 14). The scheduler, the "Nhắc ngay" button, the dry run and the
// outbox's last check before sending all ask these functions, so "due" means one thing. Pure:
// the clock is an argument, and the tests fix it.
//
// The rule: a commune is reminded only while it has not reported ("đã báo cáo" = đã nộp or đã
// duyệt, `isReported`), at most once per round, kind and day. Automatic reminders fall on
// scheduled days (slots): a few days before the deadline (3 and 1 by default), the day after it,
// then weekly. A slot stays current until the next one, so an app that was down on the morning
// of a slot sends it when it comes back, once, rather than never; the slot's day is the message's
// key, so a second instance, or a second pass of the scheduler, finds it already queued.

import { isReported, type ReportState } from './states';
import { addDays, dayDiff, VN_OFFSET_MS, vnDay } from './timeliness';

export const REMINDER_KINDS = ['due_soon', 'overdue', 'returned', 'manual'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The word for each kind: the log on /tien-do and the API's descriptions. */
export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  returned: 'Bị trả lại',
  manual: 'Nhắc ngay',
};

export interface ReminderSchedule {
  /** days before the deadline on which communes that have not reported are reminded (0 = the deadline day) */
  daysBefore: number[];
  /** after the deadline: the day after, then every this many days while the commune has not reported */
  overdueEvery: number;
  /** automatic reminders go out from this hour, Vietnam time: a message at 00:05 reads as spam */
  fromHour: number;
}

export const DEFAULT_SCHEDULE: ReminderSchedule = { daysBefore: [3, 1], overdueEvery: 7, fromHour: 7 };

export interface Slot {
  kind: 'due_soon' | 'overdue';
  /** the scheduled day: the key of the message */
  day: string;
}

/**
 * The slot current on `today` for a round with this deadline, or null. Before the deadline: the
 * latest "N days before" slot on or before today (each lasts until the next one, the last until
 * the deadline day). After it: the day after the deadline, or the latest weekly slot since.
 */
export function currentSlot(deadline: string, today: string, schedule: ReminderSchedule = DEFAULT_SCHEDULE): Slot | null {
  const after = dayDiff(deadline, today);
  if (after >= 1) {
    const every = Math.max(1, Math.floor(schedule.overdueEvery));
    return { kind: 'overdue', day: addDays(deadline, 1 + Math.floor((after - 1) / every) * every) };
  }
  const before = [...new Set(schedule.daysBefore.filter((n) => Number.isInteger(n) && n >= 0))].sort((a, b) => b - a);
  const passed = before.filter((n) => -after <= n);
  return passed.length ? { kind: 'due_soon', day: addDays(deadline, -passed[passed.length - 1]) } : null;
}

/** The hour of the day in Vietnam (0–23). */
export const vnHour = (now: Date) => new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();

export interface RoundToRemind {
  deadline: string | null;
  status: 'open' | 'closed';
}

export interface CommuneToRemind {
  communeId: number;
  state: ReportState;
}

export interface DueReminder extends Slot {
  communeId: number;
}

/**
 * What the scheduler queues at `now`: for an open round with a deadline, from `fromHour`, one
 * reminder of the current slot to each commune that has not reported. Queuing the same slot again
 * is harmless (the outbox's key refuses it), so the scheduler may run as often as it likes.
 */
export function dueReminders(round: RoundToRemind, communes: CommuneToRemind[], now: Date, schedule: ReminderSchedule = DEFAULT_SCHEDULE): DueReminder[] {
  if (round.status !== 'open' || !round.deadline || vnHour(now) < schedule.fromHour) return [];
  const slot = currentSlot(round.deadline, vnDay(now), schedule);
  if (!slot) return [];
  return communes.filter((c) => !isReported(c.state)).map((c) => ({ communeId: c.communeId, ...slot }));
}

/** "Nhắc ngay": every commune of an open round that has not reported, keyed on today. */
export function manualReminders(round: RoundToRemind, communes: CommuneToRemind[], now: Date): { communeId: number; kind: 'manual'; day: string }[] {
  if (round.status !== 'open') return [];
  const day = vnDay(now);
  return communes.filter((c) => !isReported(c.state)).map((c) => ({ communeId: c.communeId, kind: 'manual' as const, day }));
}

/**
 * The outbox's last look before sending a queued message: null = send it, else why not (said in
 * the log). Things change between queuing and sending, by seconds or, when no mail server was
 * configured for a while, by weeks: the commune reports, the round closes, the deadline passes a
 * "due soon" message, a newer message of the same kind makes an old one pointless.
 */
export function whyNotSend(
  message: { kind: ReminderKind },
  now: { round: RoundToRemind; state: ReportState; today: string; newerQueued: boolean },
): string | null {
  if (now.round.status !== 'open') return 'Kỳ báo cáo đã đóng';
  if (isReported(now.state)) return 'Xã đã báo cáo';
  if (message.kind === 'due_soon' && now.round.deadline && now.today > now.round.deadline) return 'Đã qua hạn nộp';
  if (now.newerQueued) return 'Đã có thư nhắc mới hơn cùng loại';
  return null;
}
