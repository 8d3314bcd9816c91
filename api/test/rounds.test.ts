import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { CompletenessOut, RoundOut, type CompletenessOut as Completeness } from '@nq57/shared/schemas';
import { FIXED_STATES } from '../src/seed/demo-workflow';
import { vnDay } from '@nq57/shared';
import { describeEachEngine } from './helpers';
import { caller, fingerprint, sessions, type Who } from './workflow-helpers';

const daysSince = (deadline: string) => Math.round((Date.parse(vnDay(new Date())) - Date.parse(deadline)) / 86400e3);

describeEachEngine('reporting rounds, completeness and on-time reporting', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;

  it('opens a round with the elements it asks for, or every element a commune enters', async () => {
    who = await sessions(ctx().app);
    const some = await call(who.admin, 'POST', '/api/periods', {
      code: 'bcd-12-2026',
      name: 'Báo cáo nhanh trước phiên họp BCĐ tháng 12/2026',
      kind: 'month',
      startDate: '2026-11-01',
      endDate: '2026-11-30',
      deadline: '2026-12-05',
      elements: ['dossiers_received', 'dossiers_online', 'bdhvs_learners'],
    }, 201);
    expect(Value.Check(RoundOut, some)).toBe(true);
    expect(some).toMatchObject({ code: 'bcd-12-2026', status: 'open', elements: ['dossiers_received', 'dossiers_online', 'bdhvs_learners'] });
    const read = await call(null, 'GET', '/api/periods/bcd-12-2026/round', undefined, 200);
    expect(read).toEqual(some);
    const form = await call(who.tinhKhe, 'GET', '/api/periods/bcd-12-2026/submissions/21211', undefined, 200);
    expect(form.values.map((v: { element: string }) => v.element)).toEqual(some.elements);

    const all = await call(who.admin, 'POST', '/api/periods', { code: 'q4-2026', name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10' }, 201);
    const entered = await ctx().database.query<{ code: string }>(`select code from data_elements where not computed order by sort_order, id`);
    expect([...all.elements].sort()).toEqual(entered.map((e) => e.code).sort());
    expect(all.elements).not.toContain('reports_due');
    // the new round is listed (caches refreshed)
    const list = await call(null, 'GET', '/api/periods', undefined, 200);
    expect(list.periods.map((p: { code: string }) => p.code)).toContain('q4-2026');
    // and the audit records who opened it
    const audit = await call(who.admin, 'GET', '/api/audit?period=q4-2026', undefined, 200);
    expect(audit.entries[0]).toMatchObject({ how: 'round', actor: 'admin', comment: 'Mở kỳ Quý IV/2026' });
  });

  it('counts the demo open round by state and lateness', async () => {
    const c = (await call(who.leader, 'GET', '/api/periods/m10-2026/completeness', undefined, 200)) as Completeness;
    expect(Value.Check(CompletenessOut, c)).toBe(true);
    expect(c.period).toEqual({ code: 'm10-2026', name: 'Tháng 10/2026', deadline: '2026-11-10', status: 'open' });
    const overdue = daysSince('2026-11-10') > 0;
    expect(c.counts).toEqual({ approved: 40, submitted: 20, returned: 5, draft: 10, not_started: 21, total: 96, reported: 60, late: 5 + (overdue ? 31 : 0) });
    const row = (code: string) => c.rows.find((r) => r.communeCode === code)!;
    for (const [code, state] of Object.entries(FIXED_STATES)) {
      expect(row(code).status, code).toBe(state === 'submitted_late' ? 'submitted' : state);
    }
    expect(row('23504')).toMatchObject({ late: true, daysLate: 7, timeliness: 'late' }); // Đăk Pxi: first submitted 17/11, deadline 10/11
    expect(row('21421')).toMatchObject({ late: false, daysLate: null }); // Mỏ Cày: on time
    expect(row('23356')).toMatchObject({ status: 'returned', late: false, timeliness: 'on_time' }); // judged on the first submission
    expect(row('23536')).toMatchObject({ status: 'not_started', filled: 0, late: overdue, daysLate: overdue ? daysSince('2026-11-10') : null });
    expect(row('23536').contacts).toEqual([{ username: 'xa.morai', displayName: 'Cán bộ xã Mô Rai' }]);
    expect(row('21472').filled).toBeGreaterThan(15);
    expect(row('21472').required).toBe(22);
  });

  it('exports completeness as a CSV the Sở opens in Excel; an officer sees only their own row', async () => {
    const res = await ctx().app.inject({ url: '/api/periods/m10-2026/completeness?format=csv', headers: { cookie: who.admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('tien-do-m10-2026.csv');
    expect(res.body.startsWith('\uFEFFMã xã,Tên xã,Huyện cũ,Trạng thái,Nộp lần đầu,Số ngày muộn')).toBe(true);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(97);
    // the same words as /tien-do and the officer's form: "Muộn 7 ngày", "Đúng hạn"
    expect(lines.find((l) => l.startsWith('23504,'))).toMatch(/^23504,Xã Đăk Pxi,[^,]+,đã nộp,17\/11\/2026 10:15,7,Muộn 7 ngày,,/);
    expect(lines.find((l) => l.startsWith('23356,'))).toMatch(/,bị trả lại,[^,]+,,Đúng hạn,,/);
    const own = await call(who.xop, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    expect(own.rows.map((r: { communeCode: string }) => r.communeCode)).toEqual(['23356']);
    expect(own.counts.total).toBe(96);
    await call(null, 'GET', '/api/periods/m10-2026/completeness', undefined, 401);
    await call(who.admin, 'GET', '/api/periods/khong-co/completeness', undefined, 404);
  });

  it('closing a round writes every commune’s on-time reporting, ranked like any indicator', async () => {
    const before = await call(null, 'GET', '/api/rankings?indicator=online_filing_rate', undefined, 200);
    expect(before.period.code).toBe('q3-2026');
    const q3 = await call(null, 'GET', '/api/rankings?period=q3-2026&indicator=reporting_on_time_rate', undefined, 200);
    const q3Row = (code: string) => q3.rows.find((r: { communeCode: string }) => r.communeCode === code);
    // the history seeded for the closed rounds: 7 due; Đăk Pxi often late; Mô Rai missed the latest
    expect(q3Row('23504')).toMatchObject({ denominator: 7, status: 'ranked' });
    expect(q3Row('23504').numerator).toBeLessThan(5);
    expect(q3Row('23536').numerator).toBeLessThanOrEqual(6);

    const closed = await call(who.admin, 'PATCH', '/api/periods/m10-2026', { status: 'closed' }, 200);
    expect(closed.status).toBe('closed');
    const m10 = await call(null, 'GET', '/api/rankings?period=m10-2026&indicator=reporting_on_time_rate', undefined, 200);
    expect(m10.rows.filter((r: { status: string }) => r.status === 'ranked')).toHaveLength(96);
    const row = (code: string) => m10.rows.find((r: { communeCode: string }) => r.communeCode === code);
    for (const r of m10.rows) expect(r.denominator).toBe(8);
    // on time this round: +1; late, or nothing at all: +0
    expect(row('21472').numerator).toBe(q3Row('21472').numerator + 1); // Khánh Cường, approved on time
    expect(row('23356').numerator).toBe(q3Row('23356').numerator + 1); // Xốp, returned, first submission on time
    expect(row('21421').numerator).toBe(q3Row('21421').numerator + 1); // Mỏ Cày, submitted on time
    expect(row('23504').numerator).toBe(q3Row('23504').numerator); // Đăk Pxi, late
    expect(row('23536').numerator).toBe(q3Row('23536').numerator); // Mô Rai, not started
    expect(row('21211').numerator).toBe(q3Row('21211').numerator); // Tịnh Khê, still a draft
    expect(row('23504').value).toBeCloseTo((row('23504').numerator / 8) * 100, 9);

    // the closed round is now the default, and takes no more figures
    const after = await call(null, 'GET', '/api/rankings?indicator=online_filing_rate', undefined, 200);
    expect(after.period.code).toBe('m10-2026');
    const form = await call(who.tinhKhe, 'GET', '/api/periods/m10-2026/submissions/21211', undefined, 200);
    expect(form.locked).toBe(true);
    const refused = await call(who.tinhKhe, 'PUT', '/api/periods/m10-2026/submissions/21211', { version: form.version, values: { it_staff: 2 } }, 409);
    expect(refused.message).toContain('đã đóng');
    const audit = await call(who.admin, 'GET', '/api/audit?period=m10-2026&commune=23536&element=reports_due', undefined, 200);
    expect(audit.entries[0]).toMatchObject({ how: 'system', actor: 'admin', oldValue: null, newValue: 8 });
  });

  it('documents the write side in OpenAPI, with a response per refusal', async () => {
    const doc = (await ctx().app.inject('/docs/json')).json();
    const put = doc.paths['/api/periods/{period}/submissions/{commune}'].put;
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
    for (const p of ['submit', 'approve', 'return', 'reopen']) expect(doc.paths, p).toHaveProperty([`/api/periods/{period}/submissions/{commune}/${p}`]);
    expect(doc.paths['/api/periods'].post.responses).toHaveProperty(['409']);
    expect(doc.paths).toHaveProperty(['/api/periods/{period}/completeness']);
    expect(doc.paths).toHaveProperty(['/api/audit']);
    const rankingParams = doc.paths['/api/rankings'].get.parameters.map((x: { name: string }) => x.name);
    expect(rankingParams).toContain('includeSubmitted');
  });

  it('refuses dates in the wrong order (shared roundDatesProblem) and writes nothing', async () => {
    const before = await fingerprint(ctx().database);
    const round = { code: 'q1-2027', name: 'Quý I/2027', kind: 'quarter', startDate: '2027-01-01', endDate: '2027-03-31', deadline: '2027-04-10' };
    const end = await call(who.admin, 'POST', '/api/periods', { ...round, endDate: '2026-12-31' }, 400);
    expect(end).toMatchObject({ code: 'BAD_DATES', message: expect.stringContaining('"endDate"') });
    const deadline = await call(who.admin, 'POST', '/api/periods', { ...round, deadline: '2026-12-31' }, 400);
    expect(deadline).toMatchObject({ code: 'BAD_DATES', message: expect.stringContaining('"deadline"') });
    // a moved deadline is judged against the round's own start (q4-2026 starts 2026-10-01)
    const moved = await call(who.admin, 'PATCH', '/api/periods/q4-2026', { deadline: '2026-09-30' }, 400);
    expect(moved).toMatchObject({ code: 'BAD_DATES', message: expect.stringContaining('"deadline"') });
    expect(await fingerprint(ctx().database)).toEqual(before);
  });

  it('moves a deadline and re-opens a closed round', async () => {
    const moved = await call(who.admin, 'PATCH', '/api/periods/q4-2026', { deadline: '2027-01-15', name: 'Quý IV năm 2026' }, 200);
    expect(moved).toMatchObject({ deadline: '2027-01-15', name: 'Quý IV năm 2026', status: 'open' });
    const reopened = await call(who.admin, 'PATCH', '/api/periods/m10-2026', { status: 'open' }, 200);
    expect(reopened.status).toBe('open');
    const form = await call(who.tinhKhe, 'GET', '/api/periods/m10-2026/submissions/21211', undefined, 200);
    expect(form.locked).toBe(false);
  });
});
