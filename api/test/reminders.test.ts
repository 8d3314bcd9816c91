// "Nhắc ngay" against a real SMTP server started in the test: exactly the communes that have not
// reported get one message each (to the UBND and its officer), in Vietnamese with the round, the
// deadline and the link; a second press the same day sends nothing; the log says what happened.
// AUTO_REMINDERS=false here: only the Sở's button sends (a staging copy), so every message the
// server receives comes from a press, and the scheduler, asked on a day a reminder is due, queues
// nothing. The app's clock is fixed: "the same day" is the clock's, never the day the test runs in
// (a run that crossed midnight in Vietnam, 17:00 UTC, pressed on two days).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dueReminders, type ReportState } from '@nq57/shared';
import { describeEachEngine } from './helpers';
import { startSmtp } from './smtp';
import { caller, sessions, vietnamese, type Who } from './workflow-helpers';

const smtp = await startSmtp();
afterAll(() => smtp.close());

const ROUND = '/api/periods/m10-2026';
const PUBLIC_URL = 'https://nq57.quangngai.example';
/** 09:00 in Quảng Ngãi two days after Tháng 10/2026's deadline (10/11/2026): the scheduler's "overdue" slot is current */
const NOW = new Date('2026-11-12T09:00:00+07:00');

describeEachEngine(
  'Nhắc ngay: one message to each commune that has not reported',
  (ctx) => {
    const call = caller(() => ctx().app);
    let who: Who;
    let notReported: { communeCode: string; communeName: string }[];
    let reported: string[];
    let contacts: Map<string, { ubndEmail: string; officerEmail: string; officerName: string }>;

    beforeAll(async () => {
      smtp.messages.length = 0;
      who = await sessions(ctx().app);
      const progress = await call(who.admin, 'GET', `${ROUND}/completeness`, undefined, 200);
      notReported = progress.rows.filter((r: { status: string }) => !['submitted', 'approved'].includes(r.status));
      reported = progress.rows.filter((r: { status: string }) => ['submitted', 'approved'].includes(r.status)).map((r: { communeCode: string }) => r.communeCode);
      contacts = new Map((await call(who.admin, 'GET', '/api/contacts', undefined, 200)).contacts.map((c: { commune: string }) => [c.commune, c]));
    });

    it('the dry run lists exactly the communes that have not reported, with their addresses, and sends nothing', async () => {
      expect(notReported).toHaveLength(36); // the demo: 21 not started, 10 drafting, 5 returned
      const dry = await call(who.admin, 'POST', `${ROUND}/reminders?dryRun=true`, undefined, 200);
      expect(dry.dryRun).toBe(true);
      expect(dry.mail).toEqual({ configured: true, auto: false, daysBefore: [3, 1] });
      expect(dry.recipients.map((r: { commune: string }) => r.commune).sort()).toEqual(notReported.map((r) => r.communeCode).sort());
      const xop = dry.recipients.find((r: { commune: string }) => r.commune === '23356');
      expect(xop).toEqual({ commune: '23356', communeName: 'Xã Xốp', emails: ['ubnd.xop@quangngai.example', 'cds.xop@quangngai.example'], kind: 'manual' });
      expect((await call(who.admin, 'GET', `${ROUND}/reminders`, undefined, 200)).reminders).toEqual([]);
      await ctx().app.reminders.worker.drain();
      expect(smtp.messages).toEqual([]);
    });

    it('sends one message per commune, in Vietnamese, with the round, the deadline and the link to /nhap-lieu', async () => {
      const sent = await call(who.admin, 'POST', `${ROUND}/reminders`, undefined, 200);
      expect(sent.dryRun).toBe(false);
      expect(sent.recipients).toHaveLength(36);
      const got = await smtp.waitFor((m) => m.length >= 36);
      // every message went to the two addresses of one commune that has not reported, and each such commune got exactly one
      const byCommune = new Map<string, number>();
      for (const m of got) {
        const c = [...contacts].find(([, x]) => m.to.includes(x.ubndEmail));
        expect(c, m.to.join(', ')).toBeDefined();
        const [code, x] = c!;
        expect(m.to.sort()).toEqual([x.ubndEmail, x.officerEmail].sort());
        expect(reported).not.toContain(code);
        byCommune.set(code, (byCommune.get(code) ?? 0) + 1);
      }
      expect([...byCommune.keys()].sort()).toEqual(notReported.map((r) => r.communeCode).sort());
      expect([...byCommune.values()].every((n) => n === 1)).toBe(true);

      const xop = got.find((m) => m.to.includes('ubnd.xop@quangngai.example'))!;
      expect(xop.subject).toBe('[Sở KH&CN Quảng Ngãi] Nhắc nộp báo cáo NQ57 Tháng 10/2026, hạn 10/11/2026');
      expect(xop.text).toMatch(vietnamese);
      expect(xop.text).toContain('Kính gửi: Ủy ban nhân dân Xã Xốp');
      expect(xop.text).toContain(`Ông/Bà ${contacts.get('23356')!.officerName}`);
      expect(xop.text).toContain('- Hạn nộp: 10/11/2026');
      expect(xop.text).toContain('- Tình trạng báo cáo của đơn vị: bị trả lại');
      // the link comes from PUBLIC_URL, not from whoever pressed the button
      expect(xop.text).toContain(`- Nhập và nộp số liệu tại: ${PUBLIC_URL}/nhap-lieu?ky=m10-2026`);
      expect(xop.from).toBe('nhacviec@skhcn.quangngai.example');
      expect(new Set(got.map((m) => m.messageId)).size).toBe(36);
    });

    it('the log lists every message as sent, with its one attempt', async () => {
      // the server has the last message; the worker records it a moment later
      await ctx().app.reminders.worker.drain();
      const log = await call(who.leader, 'GET', `${ROUND}/reminders`, undefined, 200);
      expect(log.reminders).toHaveLength(36);
      for (const r of log.reminders) {
        expect(r).toMatchObject({ kind: 'manual', status: 'sent', error: null, createdBy: 'admin' });
        expect(r.attempts.map((a: { result: string }) => a.result)).toEqual(['sent']);
        expect(r.to).toHaveLength(2);
        expect(Date.parse(r.at)).not.toBeNaN();
      }
    });

    it('a second press the same day sends nothing new', async () => {
      expect((await call(who.admin, 'POST', `${ROUND}/reminders?dryRun=true`, undefined, 200)).recipients).toEqual([]);
      expect((await call(who.admin, 'POST', `${ROUND}/reminders`, undefined, 200)).recipients).toEqual([]);
      await ctx().app.reminders.worker.drain();
      expect(smtp.messages).toHaveLength(36);
      expect((await call(who.admin, 'GET', `${ROUND}/reminders`, undefined, 200)).reminders).toHaveLength(36);
    });

    it('with AUTO_REMINDERS=false a return queues no e-mail: only the button sends', async () => {
      await call(who.admin, 'POST', `${ROUND}/submissions/21421/return`, { comment: 'Bổ sung số hồ sơ trực tuyến' }, 200);
      await ctx().app.reminders.worker.drain();
      expect(smtp.messages).toHaveLength(36);
      expect((await call(who.admin, 'GET', `${ROUND}/reminders`, undefined, 200)).reminders).toHaveLength(36);
    });

    it('with AUTO_REMINDERS=false the scheduler queues nothing, on a day its overdue reminder is due', async () => {
      // the day is one on which the scheduler would remind all 37 (the 36, and Mỏ Cày just returned): off on purpose, not by the calendar
      const round = { status: 'open' as const, deadline: '2026-11-10' };
      const states = (await call(who.admin, 'GET', `${ROUND}/completeness`, undefined, 200)).rows.map((r: { status: ReportState }, i: number) => ({ communeId: i, state: r.status }));
      expect(dueReminders(round, states, NOW)).toHaveLength(37);
      await ctx().app.reminders.scheduleNow();
      await ctx().app.reminders.worker.drain();
      expect((await ctx().database.query<{ n: number }>(`select count(*)::int as n from reminder_outbox where kind <> 'manual'`))[0].n).toBe(0);
      expect(smtp.messages).toHaveLength(36);
    });

    it('refuses everyone but the admin, an unknown round and a closed one, in Vietnamese', async () => {
      for (const [s, status] of [
        [null, 401],
        [who.leader, 403],
        [who.tinhKhe, 403],
        [{ ...who.admin, headers: { cookie: who.admin.cookie } }, 403],
      ] as const) {
        const body = await call(s, 'POST', `${ROUND}/reminders`, undefined, status);
        expect(body.message).toMatch(vietnamese);
      }
      expect((await call(who.admin, 'POST', '/api/periods/khong-co/reminders?dryRun=true', undefined, 404)).message).toContain('khong-co');
      expect((await call(who.admin, 'POST', '/api/periods/q3-2026/reminders', undefined, 409)).message).toContain('đã đóng');
      await call(who.tinhKhe, 'GET', `${ROUND}/reminders`, undefined, 403);
      await call(null, 'GET', `${ROUND}/reminders`, undefined, 401);
      expect(smtp.messages).toHaveLength(36);
    });

    it('documents the routes in OpenAPI with their refusals', async () => {
      const doc = (await ctx().app.inject('/docs/json')).json();
      const post = doc.paths['/api/periods/{period}/reminders'].post;
      expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
      expect(post.parameters.map((p: { name: string }) => p.name)).toContain('dryRun');
      expect(doc.paths).toHaveProperty(['/api/periods/{period}/reminder-letter.docx']);
      expect(doc.paths['/api/contacts/import'].post.responses).toHaveProperty(['400']);
    });
  },
  { env: { SMTP_URL: smtp.url, AUTO_REMINDERS: 'false', PUBLIC_URL: PUBLIC_URL, MAIL_FROM: 'Sở KH&CN Quảng Ngãi <nhacviec@skhcn.quangngai.example>' }, now: () => NOW, reminders: { pollMs: 200 } },
);

// No SMTP_URL (a copy nobody configured for mail): "Nhắc ngay" still lists whom it would remind and
// records them; the log says plainly that nothing went out, and why. AUTO_REMINDERS=false: the
// scheduler's reminders depend on the day (the weekly reminder after the deadline doubled the
// log), and this test is about the button; the clock is fixed as above.
describeEachEngine('Nhắc ngay without SMTP_URL: reminders listed and recorded, none sent, the log says why', (ctx) => {
  const call = caller(() => ctx().app);
  it('answers with the communes to remind, keeps each message waiting, and names the missing setting', async () => {
    const who = await sessions(ctx().app);
    const dry = await call(who.admin, 'POST', `${ROUND}/reminders?dryRun=true`, undefined, 200);
    expect(dry.mail.configured).toBe(false);
    expect(dry.recipients).toHaveLength(36);
    const sent = await call(who.admin, 'POST', `${ROUND}/reminders`, undefined, 200);
    expect(sent.recipients).toHaveLength(36);
    const log = (await call(who.leader, 'GET', `${ROUND}/reminders`, undefined, 200)).reminders;
    expect(log).toHaveLength(36);
    for (const r of log) {
      expect(r).toMatchObject({ kind: 'manual', status: 'pending', error: 'Chưa cấu hình máy chủ thư (SMTP_URL): chưa gửi' });
      expect(r.attempts).toEqual([]);
    }
  });
}, { env: { AUTO_REMINDERS: 'false' }, now: () => NOW });
