// Reminders by e-mail (issue 14), decorated once as `app.reminders`. The contract:
//
//   remind(period, { dryRun, actor })  → RemindersSent
//       "Nhắc ngay": one message (kind 'manual') to each commune of the open round that has not
//       reported and has not had one today. dryRun: who, nothing queued. Otherwise queued in one
//       statement and the worker woken; a second call the same day queues nothing (the key).
//   queueReturn(tx, { periodId, communeId, comment, actor })
//       called by the workflow INSIDE the transaction that returns a form, so the message is
//       queued if and only if the return commits; the route wakes the worker after the commit.
//       Nothing with AUTO_REMINDERS=false.
//   log(period) → RemindersLog: every message of the round and every attempt, newest first.
//   worker: the outbox worker (outbox.ts), started on ready, stopped on close.
//
// Who is due and when is decided in shared (domain/reminders.ts); the words of a message in
// message.ts; the SQL in repositories/reminders.ts. Rules a newcomer may question: decision 016.
import { randomUUID } from 'node:crypto';
import { contactEmails, DEFAULT_SCHEDULE, dueReminders, manualReminders, vnDay, type ReminderKind } from '@nq57/shared';
import type { RemindersLog, RemindersSent } from '@nq57/shared/schemas';
import type { Config } from '../../config';
import type { Database, DbOrTx } from '../../db/client';
import { ApiError, notFound } from '../../errors';
import { createCatalogueRepository } from '../../repositories/catalogue';
import { createContactsRepository } from '../../repositories/contacts';
import { createRemindersRepository } from '../../repositories/reminders';
import { createReportingRepository } from '../../repositories/reporting';
import { createRoundsRepository, type RoundRecord } from '../../repositories/rounds';
import { roundReports } from '../reporting';
import { createMailer } from './mailer';
import { createOutboxWorker } from './outbox';

export interface ReminderOptions {
  /** the clock of "today" and of the scheduler's days (tests fix it) */
  now: () => Date;
  /** idle time between the worker's ticks */
  pollMs: number;
  leaseMs: number;
  /** the first retry's delay; each next one is four times longer, up to an hour */
  retryBaseMs: number;
  /** how often the scheduler looks for due reminders */
  scheduleEveryMs: number;
  /** this instance's name in leases and the log */
  instance: string;
}

export const defaultReminderOptions = (): ReminderOptions => ({
  now: () => new Date(),
  pollMs: 30_000,
  leaseMs: 5 * 60_000,
  retryBaseMs: 30_000,
  scheduleEveryMs: 10 * 60_000,
  instance: `nq57-${process.pid}-${randomUUID().slice(0, 8)}`,
});

type Log = { error(obj: unknown, msg?: string): void; info(msg: string): void };

export function createReminderService(database: Database, config: Config, options: Partial<ReminderOptions>, log: Log) {
  const o = { ...defaultReminderOptions(), ...options };
  const { db } = database;
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const schedule = { ...DEFAULT_SCHEDULE, daysBefore: config.reminderDaysBefore };
  const mail = { configured: mailer.configured, auto: config.autoReminders, daysBefore: schedule.daysBefore };

  /** Every commune's state in the round now, through the one shared rule (services/reporting.ts). */
  async function states(round: RoundRecord, now: Date) {
    const { rows } = roundReports(await createReportingRepository(db).reports([round.id]), round, now);
    return rows.map((r) => ({ communeId: r.communeId, state: r.state }));
  }

  /** The rows to queue for these communes: their addresses now. */
  async function messages(tx: DbOrTx, periodId: number, due: { communeId: number; kind: ReminderKind; day: string }[], createdBy: string, comment: string | null = null) {
    const contacts = await createContactsRepository(tx).ofCommunes(due.map((d) => d.communeId));
    return due.map((d) => ({ periodId, ...d, recipients: contactEmails(contacts.get(d.communeId) ?? null), comment, createdBy }));
  }

  let lastScheduled = 0;
  /** The scheduler: queues the current slot's reminders of every open round (a key already queued is skipped). */
  async function scheduleDue(force = false) {
    if (!config.autoReminders) return;
    if (!force && Date.now() - lastScheduled < o.scheduleEveryMs) return;
    lastScheduled = Date.now();
    const now = o.now();
    for (const round of await createRoundsRepository(db).all()) {
      if (round.status !== 'open' || !round.deadline) continue;
      const due = dueReminders(round, await states(round, now), now, schedule);
      if (due.length) await createRemindersRepository(db).enqueue(await messages(db, round.id, due, 'system'));
    }
  }

  const worker = createOutboxWorker({
    database,
    mailer,
    now: o.now,
    publicUrl: config.publicUrl,
    instance: o.instance,
    pollMs: o.pollMs,
    leaseMs: o.leaseMs,
    retryBaseMs: o.retryBaseMs,
    schedule: () => scheduleDue(),
    log,
  });

  async function openRound(code: string): Promise<RoundRecord> {
    const round = await createRoundsRepository(db).byCode(code);
    if (!round) throw notFound.period(code);
    if (round.status !== 'open') throw new ApiError(409, 'ROUND_CLOSED', `Kỳ báo cáo "${round.name}" đã đóng: không nhắc các xã nữa`);
    return round;
  }

  return {
    mail,
    worker,
    /** where the links of messages and letters point (PUBLIC_URL) */
    publicUrl: config.publicUrl,
    /** the scheduler's pass now, whatever its interval (tests) */
    scheduleNow: () => scheduleDue(true),

    async remind(periodCode: string, { dryRun, actor }: { dryRun: boolean; actor: string }): Promise<RemindersSent> {
      const round = await openRound(periodCode);
      const now = o.now();
      const outbox = createRemindersRepository(db);
      const already = await outbox.queuedCommunes(round.id, 'manual', vnDay(now));
      const due = manualReminders(round, await states(round, now), now).filter((d) => !already.has(d.communeId));
      let rows = await messages(db, round.id, due, actor);
      if (!dryRun) {
        // a press at the same moment on another instance: the key keeps one, and each answer lists only its own
        const queued = new Set((await outbox.enqueue(rows)).map((r) => r.communeId));
        rows = rows.filter((r) => queued.has(r.communeId));
        if (rows.length) worker.wake();
      }
      const names = new Map((await createCatalogueRepository(db).communes()).map((c) => [c.id, c]));
      return {
        dryRun,
        recipients: rows.map((r) => ({ commune: names.get(r.communeId)!.code, communeName: names.get(r.communeId)!.name, emails: r.recipients, kind: r.kind })),
        mail,
      };
    },

    async queueReturn(tx: DbOrTx, m: { periodId: number; communeId: number; comment: string; actor: string }) {
      if (!config.autoReminders) return;
      const rows = await messages(tx, m.periodId, [{ communeId: m.communeId, kind: 'returned', day: vnDay(o.now()) }], m.actor, m.comment);
      await createRemindersRepository(tx).enqueue(rows);
    },

    async log(periodCode: string): Promise<RemindersLog> {
      const round = await createRoundsRepository(db).byCode(periodCode);
      if (!round) throw notFound.period(periodCode);
      const rows = await createRemindersRepository(db).log(round.id);
      return {
        mail,
        reminders: rows.map((r) => ({
          commune: r.communeCode,
          communeName: r.communeName,
          kind: r.kind,
          day: r.day,
          to: r.recipients,
          status: r.status,
          at: r.sentAt ?? r.attempts.at(-1)?.at ?? r.createdAt,
          error: r.status === 'sent' ? null : (r.lastError ?? (r.status === 'pending' && !mailer.configured ? 'Chưa cấu hình máy chủ thư (SMTP_URL): chưa gửi' : null)),
          attempts: r.attempts,
          comment: r.comment,
          createdBy: r.createdBy,
        })),
      };
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
