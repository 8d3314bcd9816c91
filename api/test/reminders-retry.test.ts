// The outbox's retries, without a mail server: a message the server refuses is tried again after a
// delay that grows fourfold from the base up to an hour (retryDelay), never before its time, and
// after MAX_ATTEMPTS refusals it is given up ("failed", the last attempt "gave_up") and never tried
// again. The worker is driven by hand (drain), with a mailer that refuses everything; "time passes"
// by moving the message's next attempt to now. The clock of "today" is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import { createRemindersRepository } from '../src/repositories/reminders';
import type { Mailer, OutgoingMail } from '../src/services/reminders/mailer';
import { createOutboxWorker, MAX_ATTEMPTS, retryDelay, type OutboxWorker } from '../src/services/reminders/outbox';
import { engines, openTestDatabase } from './helpers';

const MIN = 60_000;

describe('retryDelay: 30 s, 2 min, 8 min, 32 min, then hourly', () => {
  it('grows fourfold from the base, and never past an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelay(a, 30_000))).toEqual([0.5 * MIN, 2 * MIN, 8 * MIN, 32 * MIN, 60 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]);
    expect([1, 2, 3].map((a) => retryDelay(a, 50))).toEqual([50, 200, 800]);
    expect(retryDelay(30, 30_000)).toBe(60 * MIN);
    expect(MAX_ATTEMPTS).toBe(8);
  });
});

for (const engine of engines) {
  describe(`the outbox worker: a refused message is retried with backoff, then given up after ${MAX_ATTEMPTS} attempts [${engine}]`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let worker: OutboxWorker;
    let id: number;
    const tried: OutgoingMail[] = [];
    const refusing: Mailer = {
      configured: true,
      async send(mail) {
        tried.push(mail);
        throw new Error('451 4.3.0 Hệ thống thư tạm thời không nhận');
      },
      close() {},
    };
    const row = async () =>
      (
        await database.query<{ status: string; attempts: number; last_error: string | null; wait_ms: number }>(
          `select status, attempts, last_error, extract(epoch from (next_attempt_at - now())) * 1000 as wait_ms from reminder_outbox where id = $1`,
          [id],
        )
      ).map((r) => ({ ...r, attempts: Number(r.attempts), wait_ms: Number(r.wait_ms) }))[0];
    /** the time of the next attempt comes */
    const timePasses = () => database.query(`update reminder_outbox set next_attempt_at = now() where id = $1`, [id]);

    beforeAll(async () => {
      const t = await openTestDatabase(engine);
      database = t.database;
      drop = t.drop;
      const [{ period }] = await database.query<{ period: number }>(`select id as period from periods where code = 'm10-2026'`);
      // Xã Xốp: returned, so not reported; "Nhắc ngay" of 12/11/2026 is a message the worker would send
      const [{ commune }] = await database.query<{ commune: number }>(`select id as commune from communes where code = '23356'`);
      [{ id }] = await createRemindersRepository(database.db).enqueue([
        { periodId: Number(period), communeId: Number(commune), kind: 'manual', day: '2026-11-12', recipients: ['ubnd.xop@quangngai.example'], createdBy: 'admin' },
      ]);
      worker = createOutboxWorker({
        database,
        mailer: refusing,
        now: () => new Date('2026-11-12T09:00:00+07:00'),
        publicUrl: 'https://nq57.quangngai.example',
        instance: 'test',
        pollMs: 60_000,
        leaseMs: 5 * MIN,
        retryBaseMs: 30_000,
        schedule: async () => {},
        log: { error: () => {}, info: () => {} },
      });
    });
    afterAll(async () => {
      await worker?.stop();
      await drop?.();
    });

    it('waits retryDelay(n) after the n-th refusal, is not tried before, and gives up after the last', async () => {
      for (let n = 1; n < MAX_ATTEMPTS; n++) {
        await worker.drain();
        expect(tried).toHaveLength(n);
        const r = await row();
        expect(r).toMatchObject({ status: 'pending', attempts: n, last_error: 'Máy chủ thư không nhận: 451 4.3.0 Hệ thống thư tạm thời không nhận' });
        // the next attempt is retryDelay(n) from now (less the moment the statements took)
        expect(r.wait_ms).toBeGreaterThan(retryDelay(n, 30_000) - 10_000);
        expect(r.wait_ms).toBeLessThanOrEqual(retryDelay(n, 30_000));
        // before its time nothing is tried
        await worker.drain();
        expect(tried).toHaveLength(n);
        await timePasses();
      }
      await worker.drain();
      expect(tried).toHaveLength(MAX_ATTEMPTS);
      expect(await row()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      const [entry] = await createRemindersRepository(database.db).log((await database.query<{ id: number }>(`select id from periods where code = 'm10-2026'`))[0].id);
      expect(entry.status).toBe('failed');
      expect(entry.attempts.map((a) => a.result)).toEqual([...Array(MAX_ATTEMPTS - 1).fill('failed'), 'gave_up']);
      expect(entry.attempts.every((a) => a.error === 'Máy chủ thư không nhận: 451 4.3.0 Hệ thống thư tạm thời không nhận')).toBe(true);
      // given up is final: even once its time would have come, the message is not tried again
      await timePasses();
      await worker.drain();
      expect(tried).toHaveLength(MAX_ATTEMPTS);
      // one Message-ID for every attempt: a repeat is one message to a mail client
      expect(new Set(tried.map((m) => m.messageId)).size).toBe(1);
    });
  });
}
