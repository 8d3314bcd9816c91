// The reminder outbox and its log of attempts (issue 14, decision 016): queue a message (once per
// round, commune, kind and day: the unique key decides), claim the next one to send (FOR UPDATE
// SKIP LOCKED, with a lease, so two instances never hold the same row), and record how each
// attempt ended. Whether a message is due is decided in shared (domain/reminders.ts), never here.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ReminderKind } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { communes, reminderAttempts, reminderOutbox } from '../db/schema';
import { instant } from './timestamps';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
export type AttemptResult = 'sent' | 'failed' | 'gave_up' | 'cancelled';

export interface QueuedReminder {
  periodId: number;
  communeId: number;
  kind: ReminderKind;
  /** yyyy-mm-dd, Vietnam */
  day: string;
  recipients: string[];
  comment?: string | null;
  createdBy: string;
}

/** A row a worker holds: what it needs to write and send the message. */
export interface ClaimedReminder {
  id: number;
  periodId: number;
  communeId: number;
  kind: ReminderKind;
  day: string;
  recipients: string[];
  comment: string | null;
  /** attempts so far, this one included */
  attempts: number;
  /** the row was 'sending' under a lease that ran out: its holder stopped mid-way */
  abandoned: boolean;
}

export interface ReminderLogRow {
  id: number;
  communeCode: string;
  communeName: string;
  kind: ReminderKind;
  day: string;
  recipients: string[];
  status: OutboxStatus;
  comment: string | null;
  lastError: string | null;
  createdBy: string;
  createdAt: string;
  sentAt: string | null;
  attempts: { at: string; result: AttemptResult; error: string | null }[];
}

/** postgres-js answers db.execute with the rows, PGlite with { rows } */
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? [])) as T[];

export function createRemindersRepository(db: DbOrTx) {
  /** Ends the attempt of the instance holding row `id`: the row's new state and the attempt's line, in one statement. */
  async function finish(
    id: number,
    instance: string,
    result: AttemptResult,
    error: string | null,
    set: ReturnType<typeof sql>,
  ): Promise<boolean> {
    // fenced on the lease: an instance whose lease ran out (and whose row another took) changes nothing
    const r = await db.execute(sql`
      with u as (
        update ${reminderOutbox} set ${set}, lease_until = null, leased_by = null, last_error = ${error}
        where id = ${id} and leased_by = ${instance} and status = 'sending'
        returning id)
      insert into ${reminderAttempts} (outbox_id, result, error, instance)
      select id, ${result}, ${error}, ${instance} from u
      returning outbox_id`);
    return rowsOf(r).length > 0;
  }

  return {
    /** Queues messages; a key already queued is left as it is. Answers the rows queued now. */
    async enqueue(rows: QueuedReminder[]): Promise<{ id: number; communeId: number }[]> {
      if (!rows.length) return [];
      return db
        .insert(reminderOutbox)
        .values(rows.map((r) => ({ ...r, comment: r.comment ?? null })))
        .onConflictDoNothing({ target: [reminderOutbox.periodId, reminderOutbox.communeId, reminderOutbox.kind, reminderOutbox.day] })
        .returning({ id: reminderOutbox.id, communeId: reminderOutbox.communeId });
    },

    /** The communes that already have a message of this kind for this day (the dry run leaves them out). */
    async queuedCommunes(periodId: number, kind: ReminderKind, day: string): Promise<Set<number>> {
      const rows = await db
        .select({ communeId: reminderOutbox.communeId })
        .from(reminderOutbox)
        .where(and(eq(reminderOutbox.periodId, periodId), eq(reminderOutbox.kind, kind), eq(reminderOutbox.day, day)));
      return new Set(rows.map((r) => r.communeId));
    },

    /**
     * Takes the next message to send, or null: a pending one whose time has come, or one whose
     * holder's lease ran out. SKIP LOCKED: an instance never waits for, nor takes, a row another
     * is claiming; the lease (status 'sending') keeps it theirs after the claim commits.
     */
    async claim(instance: string, leaseMs: number): Promise<ClaimedReminder | null> {
      const r = await db.execute(sql`
        with c as (
          select id, status as was from ${reminderOutbox}
          where (status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and lease_until < now())
          order by next_attempt_at, id
          limit 1
          for update skip locked)
        update ${reminderOutbox} o
        set status = 'sending', attempts = o.attempts + 1, leased_by = ${instance},
            lease_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
        from c where o.id = c.id
        returning o.id, o.period_id, o.commune_id, o.kind, o.day::text as day, o.recipients, o.comment, o.attempts, c.was`);
      const [row] = rowsOf<Record<string, unknown>>(r);
      if (!row) return null;
      return {
        id: Number(row.id),
        periodId: Number(row.period_id),
        communeId: Number(row.commune_id),
        kind: row.kind as ReminderKind,
        day: String(row.day),
        recipients: (typeof row.recipients === 'string' ? JSON.parse(row.recipients) : row.recipients) as string[],
        comment: (row.comment as string | null) ?? null,
        attempts: Number(row.attempts),
        abandoned: row.was === 'sending',
      };
    },

    /** Is there a newer message of the same kind for this commune and round (an old one is then pointless)? */
    async newerQueued(m: Pick<ClaimedReminder, 'periodId' | 'communeId' | 'kind' | 'day'>): Promise<boolean> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(reminderOutbox)
        .where(
          and(
            eq(reminderOutbox.periodId, m.periodId),
            eq(reminderOutbox.communeId, m.communeId),
            eq(reminderOutbox.kind, m.kind),
            sql`${reminderOutbox.day} > ${m.day}`,
          ),
        );
      return Number(row.n) > 0;
    },

    /** An attempt of an abandoned holder, written when another instance takes the row over. */
    async noteAbandoned(id: number, instance: string): Promise<void> {
      await db.insert(reminderAttempts).values({ outboxId: id, result: 'failed', error: 'Lần gửi trước bị gián đoạn (máy chủ ứng dụng dừng giữa chừng)', instance });
    },

    sent: (id: number, instance: string) => finish(id, instance, 'sent', null, sql`status = 'sent', sent_at = now()`),
    /** a failure to try again after `retryInMs` */
    failed: (id: number, instance: string, error: string, retryInMs: number) =>
      finish(id, instance, 'failed', error, sql`status = 'pending', next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000}::double precision)`),
    gaveUp: (id: number, instance: string, error: string) => finish(id, instance, 'gave_up', error, sql`status = 'failed'`),
    cancelled: (id: number, instance: string, reason: string) => finish(id, instance, 'cancelled', reason, sql`status = 'cancelled'`),

    /** On a clean stop: rows this instance holds but has not begun to send go back to the queue at once. */
    async release(instance: string): Promise<number> {
      const r = await db.execute(sql`
        update ${reminderOutbox} set status = 'pending', lease_until = null, leased_by = null, attempts = greatest(attempts - 1, 0)
        where leased_by = ${instance} and status = 'sending'
        returning id`);
      return rowsOf(r).length;
    },

    /** The round's messages, newest first, each with its attempts (oldest first). */
    async log(periodId: number): Promise<ReminderLogRow[]> {
      const rows = await db
        .select({
          id: reminderOutbox.id,
          communeCode: communes.code,
          communeName: communes.name,
          kind: reminderOutbox.kind,
          day: reminderOutbox.day,
          recipients: reminderOutbox.recipients,
          status: reminderOutbox.status,
          comment: reminderOutbox.comment,
          lastError: reminderOutbox.lastError,
          createdBy: reminderOutbox.createdBy,
          createdAt: reminderOutbox.createdAt,
          sentAt: reminderOutbox.sentAt,
        })
        .from(reminderOutbox)
        .innerJoin(communes, eq(communes.id, reminderOutbox.communeId))
        .where(eq(reminderOutbox.periodId, periodId))
        .orderBy(desc(reminderOutbox.createdAt), desc(reminderOutbox.id));
      const ids = rows.map((r) => r.id);
      const attempts = ids.length
        ? await db
            .select({ outboxId: reminderAttempts.outboxId, at: reminderAttempts.at, result: reminderAttempts.result, error: reminderAttempts.error })
            .from(reminderAttempts)
            .where(inArray(reminderAttempts.outboxId, ids))
            .orderBy(asc(reminderAttempts.at), asc(reminderAttempts.id))
        : [];
      const byRow = new Map<number, ReminderLogRow['attempts']>();
      for (const a of attempts) {
        const list = byRow.get(a.outboxId) ?? [];
        list.push({ at: instant(a.at), result: a.result as AttemptResult, error: a.error });
        byRow.set(a.outboxId, list);
      }
      return rows.map((r) => ({
        ...r,
        kind: r.kind as ReminderKind,
        status: r.status as OutboxStatus,
        createdAt: instant(r.createdAt),
        sentAt: instant(r.sentAt),
        attempts: byRow.get(r.id) ?? [],
      }));
    },
  };
}
export type RemindersRepository = ReturnType<typeof createRemindersRepository>;
