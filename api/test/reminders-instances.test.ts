// Two app instances on one PostgreSQL server never send the same message: both schedulers queue
// the same slot (the outbox's unique key keeps one row per commune), both workers empty the outbox
// at once (FOR UPDATE SKIP LOCKED: each row goes to one of them), and two presses of "Nhắc ngay"
// on the two instances at the same moment queue each commune once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/client';
import { login, openTestDatabase, testConfig, type Session } from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

const ROUND = '/api/periods/m10-2026';
/** the day after the deadline, 09:00 in Quảng Ngãi: the "overdue" slot */
const clock = new Date('2026-11-11T09:00:00+07:00');

describe.skipIf(!process.env.TEST_DATABASE_URL)('reminders from two instances on one PostgreSQL server', () => {
  let a: FastifyInstance, b: FastifyInstance, dbA: Database, dbB: Database, drop: () => Promise<void>, smtp: TestSmtp, admin: Session;
  let notReported: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    smtp.delayMs = 20; // long enough for the two workers to interleave
    const t = await openTestDatabase('postgres');
    dbA = t.database;
    drop = t.drop;
    dbB = await openDatabase({ databaseUrl: dbA.url });
    const build = (database: Database, instance: string) =>
      buildApp({ config: testConfig({ SMTP_URL: smtp.url, AUTO_REMINDERS: 'true' }), database, logger: false, webDist: null, now: () => clock, reminders: { pollMs: 100, instance } });
    [a, b] = await Promise.all([build(dbA, 'A'), build(dbB, 'B')]);
    admin = await login(a, 'admin');
    notReported = (await a.inject({ url: `${ROUND}/completeness`, headers: { cookie: admin.cookie } })).json().rows.filter((r: { status: string }) => !['submitted', 'approved'].includes(r.status)).length;
    // both start together: each scheduler (on here; testConfig has it off) queues the overdue slot, each worker starts sending
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dbB?.close();
    await drop?.();
    await smtp?.close();
  });

  const communes = (kind: string) => smtp.messages.filter((m) => m.messageId.includes(`.${kind}.`)).map((m) => m.to.find((t) => t.startsWith('ubnd.'))!);

  it('both schedulers and both workers at once: every commune gets the overdue reminder once', async () => {
    await smtp.waitFor((m) => m.filter((x) => x.messageId.includes('.overdue.')).length >= notReported);
    await Promise.all([a.reminders.scheduleNow(), b.reminders.scheduleNow()]);
    await Promise.all([a.reminders.worker.drain(), b.reminders.worker.drain()]);
    const sent = communes('overdue');
    expect(sent).toHaveLength(notReported);
    expect(new Set(sent).size).toBe(notReported);
    const [{ n }] = await dbA.query<{ n: number }>(`select count(*)::int as n from reminder_outbox where kind = 'overdue'`);
    expect(Number(n)).toBe(notReported);
    const by = await dbA.query<{ instance: string; n: number }>(`select instance, count(*)::int as n from reminder_attempts where result = 'sent' group by 1 order by 1`);
    // both took part, and together sent each message once
    expect(by.map((r) => r.instance)).toEqual(['A', 'B']);
    expect(by.reduce((s, r) => s + Number(r.n), 0)).toBe(notReported);
  });

  it('"Nhắc ngay" pressed on both instances at the same moment: each commune is queued once, and sent once', async () => {
    const press = (app: FastifyInstance) => app.inject({ method: 'POST', url: `${ROUND}/reminders`, headers: admin.headers }).then((r) => r.json());
    const [ra, rb] = await Promise.all([press(a), press(b)]);
    const queued = [...ra.recipients, ...rb.recipients].map((r: { commune: string }) => r.commune);
    expect(queued).toHaveLength(notReported);
    expect(new Set(queued).size).toBe(notReported);
    await smtp.waitFor((m) => m.filter((x) => x.messageId.includes('.manual.')).length >= notReported);
    await Promise.all([a.reminders.worker.drain(), b.reminders.worker.drain()]);
    const sent = communes('manual');
    expect(sent).toHaveLength(notReported);
    expect(new Set(sent).size).toBe(notReported);
  });
});
