// The outbox against a real SMTP server, with the reminders' clock fixed: a return's comment
// reaches the commune at once; the scheduler's days (3 and 1 days before the deadline, the day
// after, never before 07:00, never to a commune that has reported); a refused message is tried
// again and sent once; a message held by an instance that died is sent once its lease runs out;
// an app stopped in the middle of a batch and started again loses nothing and sends nothing twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createContactsRepository } from '../src/repositories/contacts';
import { createRemindersRepository } from '../src/repositories/reminders';
import { describeEachEngine, testConfig } from './helpers';
import { startSmtp, type Received } from './smtp';
import { caller, sessions, vietnamese, type Who } from './workflow-helpers';

const smtp = await startSmtp();
afterAll(() => smtp.close());

const ROUND = '/api/periods/m10-2026';
const MO_CAY = '21421';
/** 09:00 (or another hour) in Quảng Ngãi */
const vn = (day: string, hour = 9, minute = 0) => new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`);
let clock = vn('2026-11-01');
// the scheduler and the return's e-mail are what this file tests: on, with the clock above (testConfig has them off)
const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://nq57.quangngai.example', AUTO_REMINDERS: 'true' };

/** the messages of one kind and day (the Message-ID carries both) */
const of = (kind: string, day: string) => (m: Received[]) => m.filter((x) => x.messageId.includes(`.${kind}.${day}@`));

describeEachEngine(
  'the reminder outbox: never lost, never twice',
  (ctx) => {
    const call = caller(() => ctx().app);
    let who: Who;
    let emailOf: Map<string, string>;
    /** the communes that have not reported, now */
    const notReported = async (): Promise<string[]> =>
      (await call(who.admin, 'GET', `${ROUND}/completeness`, undefined, 200)).rows
        .filter((r: { status: string }) => !['submitted', 'approved'].includes(r.status))
        .map((r: { communeCode: string }) => r.communeCode)
        .sort();
    const communesOf = (ms: Received[]) => ms.map((m) => [...emailOf].find(([, e]) => m.to.includes(e))![0]).sort();
    const log = async () => (await call(who.admin, 'GET', `${ROUND}/reminders`, undefined, 200)).reminders;

    beforeAll(async () => {
      Object.assign(smtp, { delayMs: 0, refuseNext: 0, refused: 0 });
      smtp.messages.length = 0;
      clock = vn('2026-11-01');
      who = await sessions(ctx().app);
      emailOf = new Map((await call(who.admin, 'GET', '/api/contacts', undefined, 200)).contacts.map((c: { commune: string; ubndEmail: string }) => [c.commune, c.ubndEmail]));
    });

    it('a return sends the Sở\'s comment to the commune at once', async () => {
      await call(who.admin, 'POST', `${ROUND}/submissions/${MO_CAY}/return`, { comment: 'Số hồ sơ trực tuyến lớn hơn số hồ sơ tiếp nhận.\nĐề nghị kiểm tra lại.' }, 200);
      // within a minute: what the commune waits for is the message, so the test waits for it too
      const [m] = await smtp.waitFor((ms) => of('returned', '2026-11-01')(ms).length > 0, 60_000).then(of('returned', '2026-11-01'));
      expect(m.to.sort()).toEqual(['cds.mocay@quangngai.example', 'ubnd.mocay@quangngai.example']);
      expect(m.subject).toBe('[Sở KH&CN Quảng Ngãi] Báo cáo NQ57 Tháng 10/2026 của Xã Mỏ Cày được trả lại để chỉnh sửa');
      expect(m.text).toContain('Nhận xét của Sở:\n    Số hồ sơ trực tuyến lớn hơn số hồ sơ tiếp nhận.\n    Đề nghị kiểm tra lại.');
      expect(m.text).toContain('hạn nộp 10/11/2026 (còn 9 ngày)');
      expect(m.text).toContain('https://nq57.quangngai.example/nhap-lieu?ky=m10-2026');
      // before 7 November nothing else is due
      expect(smtp.messages).toHaveLength(1);
    });

    it('the scheduler: 3 days and 1 day before the deadline, once a day, from 07:00, only to those that have not reported', async () => {
      const app = ctx().app;
      clock = vn('2026-11-07');
      await app.reminders.scheduleNow();
      await app.reminders.worker.drain();
      const expected = await notReported();
      expect(expected).toHaveLength(37); // the demo's 36, and Mỏ Cày now that it was returned
      const first = of('due_soon', '2026-11-07')(smtp.messages);
      expect(communesOf(first)).toEqual(expected);
      expect(first[0].subject).toBe('[Sở KH&CN Quảng Ngãi] Nhắc nộp báo cáo NQ57 Tháng 10/2026, hạn 10/11/2026');
      expect(first[0].text).toContain('hạn nộp 10/11/2026 (còn 3 ngày)');
      expect(first[0].text).toMatch(vietnamese);

      // the same slot the next day, and a second pass: nothing new
      clock = vn('2026-11-08', 18);
      await app.reminders.scheduleNow();
      await app.reminders.scheduleNow();
      await app.reminders.worker.drain();
      expect(smtp.messages).toHaveLength(1 + 37);

      // Mỏ Cày submits again: it is no longer reminded
      await call(who.mocay, 'POST', `${ROUND}/submissions/${MO_CAY}/submit`, {}, 200);
      clock = vn('2026-11-09', 6, 30); // before 07:00 in Vietnam: not yet
      await app.reminders.scheduleNow();
      await app.reminders.worker.drain();
      expect(smtp.messages).toHaveLength(1 + 37);
      clock = vn('2026-11-09', 7, 5);
      await app.reminders.scheduleNow();
      await app.reminders.worker.drain();
      const second = of('due_soon', '2026-11-09')(smtp.messages);
      expect(communesOf(second)).toEqual(expected.filter((c: string) => c !== MO_CAY));
      expect(second[0].text).toContain('(còn 1 ngày)');
    });

    it('a message the mail server refuses is tried again, and sent once', async () => {
      const app = ctx().app;
      clock = vn('2026-11-11'); // the day after the deadline
      smtp.refuseNext = 2;
      await app.reminders.scheduleNow();
      const expected = await notReported();
      await smtp.waitFor((ms) => of('overdue', '2026-11-11')(ms).length >= expected.length);
      await app.reminders.worker.drain();
      const overdue = of('overdue', '2026-11-11')(smtp.messages);
      expect(smtp.refused).toBe(2);
      expect(communesOf(overdue)).toEqual(expected);
      expect(overdue[0].subject).toBe('[Sở KH&CN Quảng Ngãi] Đôn đốc nộp báo cáo NQ57 Tháng 10/2026: quá hạn 1 ngày (hạn 10/11/2026)');
      const rows = (await log()).filter((r: { kind: string }) => r.kind === 'overdue');
      expect(rows.every((r: { status: string }) => r.status === 'sent')).toBe(true);
      const retried = rows.filter((r: { attempts: unknown[] }) => r.attempts.length > 1);
      expect(retried).toHaveLength(2);
      for (const r of retried) {
        expect(r.attempts.map((a: { result: string }) => a.result)).toEqual(['failed', 'sent']);
        expect(r.attempts[0].error).toMatch(/^Máy chủ thư không nhận: .*451/);
      }
    });

    it('a message held by an instance that died is sent once its lease runs out', async () => {
      const { database } = ctx();
      clock = vn('2026-11-12');
      const three = (await notReported()).slice(0, 3);
      const ids = new Map((await database.query<{ id: number; code: string }>('select id, code from communes')).map((r) => [r.code, Number(r.id)]));
      const periodId = Number((await database.query<{ id: number }>(`select id from periods where code = 'm10-2026'`))[0].id);
      // queued and claimed by "another instance" in one transaction, so this app's worker never sees them free
      await database.db.transaction(async (tx) => {
        const contacts = await createContactsRepository(tx).ofCommunes(three.map((c) => ids.get(c)!));
        const outbox = createRemindersRepository(tx);
        await outbox.enqueue(
          three.map((c) => ({ periodId, communeId: ids.get(c)!, kind: 'manual' as const, day: '2026-11-12', recipients: [contacts.get(ids.get(c)!)!.ubndEmail!], createdBy: 'admin' })),
        );
        for (let i = 0; i < 3; i++) expect(await outbox.claim('instance-that-died', 300)).not.toBeNull();
      });
      const got = await smtp.waitFor((ms) => of('manual', '2026-11-12')(ms).length >= 3);
      await ctx().app.reminders.worker.drain();
      expect(communesOf(of('manual', '2026-11-12')(got))).toEqual(three);
      for (const r of (await log()).filter((x: { kind: string; day: string }) => x.kind === 'manual' && x.day === '2026-11-12')) {
        expect(r.status).toBe('sent');
        expect(r.attempts.map((a: { result: string }) => a.result)).toEqual(['failed', 'sent']);
        expect(r.attempts[0].error).toContain('gián đoạn');
      }
    });

    it('an app stopped in the middle of a batch and started again loses nothing and sends nothing twice', async () => {
      const { database } = ctx();
      // this file's app steps aside: instance A sends, stops half-way, instance B takes over
      await ctx().app.reminders.worker.stop();
      clock = vn('2026-11-13');
      smtp.delayMs = 60;
      const build = (instance: string) =>
        buildApp({ config: testConfig(env), database, logger: false, webDist: null, now: () => clock, reminders: { pollMs: 200, instance } });
      const a = await build('A');
      await a.ready();
      const res = await a.inject({ method: 'POST', url: `${ROUND}/reminders`, headers: who.admin.headers });
      const queued = res.json().recipients.map((r: { commune: string }) => r.commune).sort();
      expect(queued).toEqual(await notReported());
      await smtp.waitFor((ms) => of('manual', '2026-11-13')(ms).length >= 5);
      await a.close();
      const before = of('manual', '2026-11-13')(smtp.messages).length;
      expect(before).toBeLessThan(queued.length);
      // what A left: every message the server took is marked sent, the rest wait, held by no one
      const rows = await database.query<{ status: string; leased_by: string | null; n: number }>(
        `select status, leased_by, count(*)::int as n from reminder_outbox where kind = 'manual' and day = '2026-11-13' group by 1, 2`,
      );
      expect(rows.map((r) => [r.status, r.leased_by, Number(r.n)]).sort()).toEqual(
        [['pending', null, queued.length - before], ['sent', null, before]].sort(),
      );

      const b = await build('B');
      await b.ready();
      await smtp.waitFor((ms) => of('manual', '2026-11-13')(ms).length >= queued.length);
      await b.reminders.worker.drain();
      await b.close();
      smtp.delayMs = 0;
      const sent = of('manual', '2026-11-13')(smtp.messages);
      expect(communesOf(sent)).toEqual(queued);
      const entries = (await log()).filter((x: { kind: string; day: string }) => x.kind === 'manual' && x.day === '2026-11-13');
      expect(entries).toHaveLength(queued.length);
      for (const r of entries) expect(r.attempts.map((x: { result: string }) => x.result)).toEqual(['sent']);
      const instances = await database.query<{ instance: string }>(
        `select distinct a.instance from reminder_attempts a join reminder_outbox o on o.id = a.outbox_id where o.day = '2026-11-13' order by 1`,
      );
      expect(instances.map((r) => r.instance)).toEqual(['A', 'B']);
    });
  },
  { env, now: () => clock, reminders: { pollMs: 200, retryBaseMs: 50 } },
);
