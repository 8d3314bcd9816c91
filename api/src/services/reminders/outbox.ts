// The worker that empties the reminder outbox, one per app instance: a timer (never a busy loop)
// that, on each tick, lets the scheduler queue what is due and then claims and sends messages one
// at a time until none is left. `wake()` runs a tick now (after a return or a press of "Nhắc
// ngay"); `stop()` lets the message in hand finish, then gives back anything still held.
//
// Never lost: a message is a row before it is sent; a failure keeps it, with a retry after a
// growing delay, up to MAX_ATTEMPTS; a holder that died leaves a lease that runs out. Never twice:
// the database gives each row to one instance at a time (repositories/reminders.ts `claim`), and
// a row is marked sent as soon as the mail server has taken it. The one gap no database closes is
// a crash between the server's "250 OK" and that mark: the row is then sent again after its lease,
// with the same Message-ID (decision 016).
import { communeReport, vnDay, whyNotSend } from '@nq57/shared';
import type { Database } from '../../db/client';
import { createCatalogueRepository } from '../../repositories/catalogue';
import { createContactsRepository } from '../../repositories/contacts';
import { createRemindersRepository, type ClaimedReminder } from '../../repositories/reminders';
import { createReportingRepository } from '../../repositories/reporting';
import { createRoundsRepository } from '../../repositories/rounds';
import type { Mailer } from './mailer';
import { reminderMessage } from './message';

export const MAX_ATTEMPTS = 8;

/** 30 s, 2 min, 8 min, 32 min, then hourly: a mail server down for the night is tried again in the morning. */
export const retryDelay = (attempt: number, baseMs: number) => Math.min(baseMs * 4 ** (attempt - 1), 3600_000);

export interface WorkerOptions {
  database: Database;
  mailer: Mailer;
  now: () => Date;
  publicUrl: string;
  /** this instance's name in the leases and the log */
  instance: string;
  /** time between ticks when idle */
  pollMs: number;
  /** how long a claimed message stays this instance's: far longer than one SMTP exchange */
  leaseMs: number;
  retryBaseMs: number;
  /** queues what is due (the scheduler); called on each tick */
  schedule: () => Promise<void>;
  log: { error(obj: unknown, msg?: string): void; info(msg: string): void };
}

export interface OutboxWorker {
  start(): void;
  /** a tick now (or right after the one running) */
  wake(): void;
  /** one tick, awaited: what the tests and a clean stop use */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function createOutboxWorker(o: WorkerOptions): OutboxWorker {
  const { db } = o.database;
  const outbox = createRemindersRepository(db);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let started = false;
  let stopped = false;

  async function send(m: ClaimedReminder) {
    if (m.abandoned) await outbox.noteAbandoned(m.id, o.instance);
    const rounds = createRoundsRepository(db);
    const [round, commune, [stored], contacts] = await Promise.all([
      rounds.byId(m.periodId),
      createCatalogueRepository(db).communeById(m.communeId),
      createReportingRepository(db).reports([m.periodId], m.communeId),
      createContactsRepository(db).ofCommunes([m.communeId]),
    ]);
    if (!round || !commune || !stored) return void (await outbox.cancelled(m.id, o.instance, 'Không còn kỳ báo cáo hoặc xã này'));
    const today = vnDay(o.now());
    const { state } = communeReport(stored, round, today);
    // what was true when it was queued may not be now: the commune reported, the round closed, …
    const why = whyNotSend(m, { round, state, today, newerQueued: await outbox.newerQueued(m) });
    if (why) return void (await outbox.cancelled(m.id, o.instance, why));
    if (!m.recipients.length) return void (await outbox.cancelled(m.id, o.instance, 'Xã chưa có địa chỉ e-mail'));
    const message = reminderMessage({
      kind: m.kind,
      communeName: commune.name,
      officerName: contacts.get(m.communeId)?.officerName ?? null,
      round,
      state,
      today,
      comment: m.comment,
      publicUrl: o.publicUrl,
    });
    try {
      await o.mailer.send({ to: m.recipients, ...message, messageId: `<nhac-${m.id}.${m.kind}.${m.day}@${new URL(o.publicUrl).hostname}>` });
    } catch (e) {
      const error = `Máy chủ thư không nhận: ${(e as Error).message}`;
      if (m.attempts >= MAX_ATTEMPTS) await outbox.gaveUp(m.id, o.instance, error);
      else await outbox.failed(m.id, o.instance, error, retryDelay(m.attempts, o.retryBaseMs));
      return;
    }
    await outbox.sent(m.id, o.instance);
  }

  async function tick() {
    try {
      await o.schedule();
      // without a mail server nothing is claimed: the messages wait, listed as "chờ gửi"
      while (!stopped && o.mailer.configured) {
        const m = await outbox.claim(o.instance, o.leaseMs);
        if (!m) break;
        await send(m);
      }
    } catch (e) {
      // a dropped connection or a database restart: the rows stay, the next tick takes them up
      o.log.error(e, 'Gửi thư nhắc: lỗi, sẽ thử lại ở lượt sau');
    }
  }

  function plan(ms: number) {
    if (stopped || !started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    // the worker alone never keeps the process alive
    timer.unref();
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    timer = null;
    running = tick().finally(() => {
      running = null;
      const now = again;
      again = false;
      plan(now ? 0 : o.pollMs);
    });
    return running;
  }

  return {
    start() {
      if (started) return;
      started = true;
      plan(0);
    },
    wake: () => plan(0),
    async drain() {
      if (running) await running;
      await run();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
      await outbox.release(o.instance);
      o.mailer.close();
    },
  };
}
