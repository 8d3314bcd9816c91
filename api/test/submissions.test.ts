import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { AuditOut, RankingsResponse, SubmissionOut, SubmissionSaved, type SubmissionOut as Sub } from '@nq57/shared/schemas';
import { describeEachEngine } from './helpers';
import { caller, fingerprint, sessions, type Who } from './workflow-helpers';

const URL = '/api/periods/q4-2026/submissions/21211';

describeEachEngine('a reporting round from opening to approved rankings', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;
  let prev: Record<string, number>;

  it('the admin opens a round; the officer sees an empty form with last quarter beside each field', async () => {
    who = await sessions(ctx().app);
    const round = await call(who.admin, 'POST', '/api/periods', { code: 'q4-2026', name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10' }, 201);
    expect(round.status).toBe('open');
    const form = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    expect(Value.Check(SubmissionOut, form)).toBe(true);
    expect(form).toMatchObject({ status: 'not_started', version: 0, locked: false, errors: [], warnings: [], comments: [] });
    expect(form.comparedWith).toEqual({ code: 'q3-2026', name: 'Quý III/2026', kind: 'quarter' });
    expect(form.values.map((v) => v.element)).toEqual(round.elements);
    // the comparison round is Quý III/2026 (same kind): its approved figures
    const q3 = await ctx().database.query<{ code: string; value: string }>(
      `select e.code, v.value::text from data_values v join data_elements e on e.id = v.element_id
       join periods p on p.id = v.period_id join communes c on c.id = v.commune_id
       where p.code = 'q3-2026' and c.code = '21211' and not e.computed`,
    );
    prev = Object.fromEntries(q3.map((r) => [r.code, Number(r.value)]));
    expect(prev.dossiers_received).toBeGreaterThan(0);
    for (const v of form.values) expect(v.previousValue).toBe(prev[v.element] ?? null);
  });

  it('saves a draft that breaks a check (errors listed, not refused), and refuses to submit it', async () => {
    // last quarter's figures, but more dossiers online than received
    const values: Record<string, number> = { ...prev, dossiers_online: prev.dossiers_received + 10 };
    const saved = await call(who.tinhKhe, 'PUT', URL, { version: 0, values }, 200);
    expect(Value.Check(SubmissionSaved, saved)).toBe(true);
    expect(saved.version).toBe(1);
    expect(saved.status).toBe('draft');
    expect(saved.errors.map((e: { code: string }) => e.code)).toEqual(['online_gt_received']);
    const stored = await ctx().database.query<{ n: number }>(
      `select count(*)::int as n from submission_values sv join submissions s on s.id = sv.submission_id join periods p on p.id = s.period_id where p.code = 'q4-2026'`,
    );
    expect(stored[0].n).toBe(Object.keys(values).length);

    const refused = await call(who.tinhKhe, 'POST', `${URL}/submit`, {}, 400);
    expect(refused.message).toContain('Số hồ sơ tiếp nhận trực tuyến (dossiers_online)');
    expect((await call(who.tinhKhe, 'GET', URL, undefined, 200)).status).toBe('draft');
  });

  it('after the fix, a 3× jump needs a one-line explanation before it can be submitted', async () => {
    const saved = await call(who.tinhKhe, 'PUT', URL, { version: 1, values: { dossiers_online: prev.dossiers_online, cdt_members: prev.cdt_members * 4 } }, 200);
    expect(saved.errors).toEqual([]);
    expect(saved.warnings).toEqual([expect.objectContaining({ element: 'cdt_members', code: 'jump_up' })]);
    const refused = await call(who.tinhKhe, 'POST', `${URL}/submit`, undefined, 400);
    expect(refused.message).toContain('giải trình');
    expect(refused.message).toContain('Số thành viên Tổ công nghệ số cộng đồng (cdt_members)');

    const explained = await call(who.tinhKhe, 'PUT', URL, { version: 2, values: {}, explanations: { cdt_members: 'Thành lập thêm tổ ở 3 thôn mới' } }, 200);
    expect(explained.version).toBe(3);
    const submitted = (await call(who.tinhKhe, 'POST', `${URL}/submit`, { version: 3 }, 200)) as Sub;
    expect(submitted.status).toBe('submitted');
    expect(submitted.values.find((v) => v.element === 'cdt_members')?.explanation).toBe('Thành lập thêm tổ ở 3 thôn mới');
  });

  it('submitted figures are not in the rankings until approved, except with includeSubmitted (signed in)', async () => {
    const q = '/api/rankings?period=q4-2026&indicator=online_filing_rate';
    const row = (r: { rows: { communeCode: string; status: string; value: number | null }[] }) => r.rows.find((x) => x.communeCode === '21211')!;
    const published = await call(null, 'GET', q, undefined, 200);
    expect(row(published as never).status).toBe('not_reported');
    const withSubmitted = await call(who.leader, 'GET', `${q}&includeSubmitted=true`, undefined, 200);
    expect(Value.Check(RankingsResponse, withSubmitted)).toBe(true);
    expect(row(withSubmitted as never)).toMatchObject({ status: 'ranked', value: expect.closeTo((prev.dossiers_online / prev.dossiers_received) * 100, 9) });
    const anon = await call(null, 'GET', `${q}&includeSubmitted=true`, undefined, 401);
    expect(anon.message).toContain('đăng nhập');
  });

  it('while it awaits review the officer cannot change it; the admin returns it with a comment the officer sees', async () => {
    const locked = await call(who.tinhKhe, 'PUT', URL, { version: 4, values: { it_staff: 3 } }, 409);
    expect(locked.message).toContain('chờ Sở KH&CN duyệt');
    const returned = await call(who.admin, 'POST', `${URL}/return`, { comment: 'Số thành viên tổ cần kèm quyết định thành lập; đề nghị xã kiểm tra lại' }, 200);
    expect(returned.status).toBe('returned');
    const seen = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    expect(seen.comments.map((c) => [c.kind, c.author])).toEqual([
      ['submit', 'xa.tinhkhe'],
      ['return', 'admin'],
    ]);
    expect(seen.comments[1].body).toContain('quyết định thành lập');
  });

  it('the officer fixes and resubmits; the first submission time is kept for timeliness', async () => {
    const [before] = await ctx().database.query<{ first: string }>(
      `select first_submitted_at::text as first from submissions s join periods p on p.id = s.period_id where p.code = 'q4-2026'`,
    );
    const form = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    const saved = await call(who.tinhKhe, 'PUT', URL, { version: form.version, values: { cdt_members: prev.cdt_members + 12 }, explanations: { cdt_members: '' } }, 200);
    expect(saved).toMatchObject({ status: 'returned', errors: [], warnings: [] });
    await call(who.tinhKhe, 'POST', `${URL}/submit`, { comment: 'Đã sửa theo nhận xét của Sở' }, 200);
    const [after] = await ctx().database.query<{ first: string; status: string }>(
      `select first_submitted_at::text as first, s.status from submissions s join periods p on p.id = s.period_id where p.code = 'q4-2026'`,
    );
    expect(after).toEqual({ first: before.first, status: 'submitted' });
  });

  it('the admin approves: the ranking shows the new figures at once', async () => {
    const approved = (await call(who.admin, 'POST', `${URL}/approve`, undefined, 200)) as Sub;
    expect(approved).toMatchObject({ status: 'approved', locked: true });
    const r = await call(null, 'GET', '/api/rankings?period=q4-2026&indicator=online_filing_rate', undefined, 200);
    const me = r.rows.find((x: { communeCode: string }) => x.communeCode === '21211');
    expect(me).toMatchObject({ status: 'ranked', rank: 1, numerator: prev.dossiers_online, denominator: prev.dossiers_received });
    const members = await call(null, 'GET', '/api/values?period=q4-2026', undefined, 200);
    const v = members.values.find((x: { communeCode: string; element: string }) => x.communeCode === '21211' && x.element === 'cdt_members');
    expect(v).toMatchObject({ value: prev.cdt_members + 12, source: 'form' });
    const [dv] = await ctx().database.query<{ updated_by: string }>(
      `select v.updated_by from data_values v join periods p on p.id = v.period_id where p.code = 'q4-2026' limit 1`,
    );
    expect(dv.updated_by).toBe('xa.tinhkhe'); // the officer who entered it, not the approver
  });

  it('approved figures are locked: a save gets 409 until the admin reopens with a reason; published figures stay', async () => {
    const form = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    const locked = await call(who.tinhKhe, 'PUT', URL, { version: form.version, values: { it_staff: 3 } }, 409);
    expect(locked.message).toContain('mở lại');
    await call(who.admin, 'PUT', URL, { version: form.version, values: { it_staff: 3 } }, 409);
    await call(who.admin, 'POST', `${URL}/reopen`, {}, 400);
    const reopened = (await call(who.admin, 'POST', `${URL}/reopen`, { reason: 'Xã báo nhầm số công chức CNTT' }, 200)) as Sub;
    expect(reopened).toMatchObject({ status: 'returned', locked: false });
    expect(reopened.comments.at(-1)).toMatchObject({ kind: 'reopen', body: 'Xã báo nhầm số công chức CNTT', author: 'admin' });
    const r = await call(null, 'GET', '/api/rankings?period=q4-2026&indicator=online_filing_rate', undefined, 200);
    expect(r.rows.find((x: { communeCode: string }) => x.communeCode === '21211').status).toBe('ranked');
    await call(who.tinhKhe, 'PUT', URL, { version: reopened.version, values: { it_staff: (prev.it_staff ?? 1) + 1 } }, 200);
  });

  it('the audit lists every step in order: who, how, old and new value', async () => {
    const audit = await call(who.tinhKhe, 'GET', '/api/audit?commune=21211&period=q4-2026', undefined, 200);
    expect(Value.Check(AuditOut, audit)).toBe(true);
    const entries = [...audit.entries].reverse() as { how: string; actor: string; element: string | null; oldValue: number | null; newValue: number | null; comment: string | null }[];
    const steps = entries.map((e) => `${e.how}:${e.actor}`).filter((s, i, a) => s !== a[i - 1]);
    expect(steps).toEqual([
      'form:xa.tinhkhe',
      'submit:xa.tinhkhe',
      'return:admin',
      'form:xa.tinhkhe',
      'submit:xa.tinhkhe',
      'approval:admin',
      'reopen:admin',
      'form:xa.tinhkhe',
    ]);
    const online = entries.filter((e) => e.element === 'dossiers_online');
    expect(online.map((e) => [e.how, e.oldValue, e.newValue])).toEqual([
      ['form', null, prev.dossiers_received + 10],
      ['form', prev.dossiers_received + 10, prev.dossiers_online],
      ['approval', null, prev.dossiers_online],
    ]);
    expect(entries.find((e) => e.how === 'return')?.comment).toContain('quyết định thành lập');
    expect(entries.at(-2)?.comment).toBe('Xã báo nhầm số công chức CNTT');
    // per figure, newest first
    const one = await call(who.admin, 'GET', '/api/audit?commune=21211&period=q4-2026&element=cdt_members', undefined, 200);
    expect(one.entries.map((e: { newValue: number }) => e.newValue)).toEqual([prev.cdt_members + 12, prev.cdt_members + 12, prev.cdt_members * 4, prev.cdt_members]);
  });

  it('two saves from the same version: one wins, the other gets 409 and writes nothing', async () => {
    const form = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    const before = await ctx().database.query<{ n: number }>(`select count(*)::int as n from audit_log`);
    const put = (values: Record<string, number>) =>
      ctx().app.inject({ method: 'PUT', url: URL, headers: who.tinhKhe.headers, payload: { version: form.version, values } });
    const [a, b] = await Promise.all([put({ dossiers_received: 5001 }), put({ dossiers_received: 5002, it_staff: 9 })]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().message).toMatch(/vừa được xa\.tinhkhe lưu lúc .*tải lại/);
    const now = (await call(who.tinhKhe, 'GET', URL, undefined, 200)) as Sub;
    const val = (e: string) => now.values.find((v) => v.element === e)!.value;
    expect(now.version).toBe(form.version + 1);
    if (a.statusCode === 200) {
      expect(val('dossiers_received')).toBe(5001);
      expect(val('it_staff')).toBe(form.values.find((v) => v.element === 'it_staff')!.value);
    } else {
      expect([val('dossiers_received'), val('it_staff')]).toEqual([5002, 9]);
    }
    const after = await ctx().database.query<{ n: number }>(`select count(*)::int as n from audit_log`);
    expect(after[0].n - before[0].n).toBe(a.statusCode === 200 ? 1 : 2);
  });

  it('the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = ctx().database;
    const before = await fingerprint(db);
    await expect(db.query(`update audit_log set actor = 'ke-gian' where id = (select max(id) from audit_log)`)).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(db.query(`delete from audit_log where id = (select max(id) from audit_log)`)).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(db.query(`truncate audit_log`)).rejects.toThrow(/chỉ được ghi thêm/);
    expect(await fingerprint(db)).toEqual(before);
  });
});

describeEachEngine('the demo open round', (ctx) => {
  const call = caller(() => ctx().app);

  it('shows each demo officer their commune in the intended state', async () => {
    const who = await sessions(ctx().app);
    const get = (s: typeof who.admin, code: string) => call(s, 'GET', `/api/periods/m10-2026/submissions/${code}`, undefined, 200) as Promise<Sub>;
    const tk = await get(who.tinhKhe, '21211');
    expect(tk).toMatchObject({ status: 'draft', locked: false, errors: [] });
    // like with like: the first monthly round has no previous month, so no "previous" value at all
    // (last quarter's totals would be three times a month's)
    expect(tk.comparedWith).toBeNull();
    expect(tk.values.every((v) => v.previousValue === null)).toBe(true);
    expect(tk.values.filter((v) => v.value !== null).length).toBeGreaterThan(3);
    expect(tk.values.some((v) => v.value === null)).toBe(true); // still a form to fill
    const xop = await get(who.xop, '23356');
    expect(xop.status).toBe('returned');
    // the officer sees the lateness /tien-do shows: judged on the first submission (on time)
    expect(xop.timeliness).toEqual({ kind: 'on_time', daysLate: null });
    expect((await get(who.admin, '23504')).timeliness).toEqual({ kind: 'late', daysLate: 7 });
    expect(xop.comments.find((c) => c.kind === 'return')?.body).toMatch(/đề nghị xã/);
    expect((await get(who.admin, '21472')).status).toBe('approved');
    expect((await get(who.mocay, '21421')).status).toBe('submitted');
    expect((await get(who.admin, '23504')).status).toBe('submitted');
    expect((await get(who.admin, '23536'))).toMatchObject({ status: 'not_started', version: 0 });
  });

  it('has one draft with a blocking error and one with a warning that lacks its explanation', async () => {
    const admin = (await sessions(ctx().app)).admin;
    const drafts = await ctx().database.query<{ code: string }>(
      `select c.code from submissions s join communes c on c.id = s.commune_id join periods p on p.id = s.period_id where p.code = 'm10-2026' and s.status = 'draft'`,
    );
    expect(drafts).toHaveLength(10);
    const forms = await Promise.all(drafts.map((d) => call(admin, 'GET', `/api/periods/m10-2026/submissions/${d.code}`, undefined, 200) as Promise<Sub>));
    expect(forms.filter((f) => f.errors.length > 0).map((f) => f.errors[0].code)).toEqual(['online_gt_received']);
    const unexplained = forms.filter((f) => f.warnings.some((w) => !f.values.find((v) => v.element === w.element)?.explanation));
    expect(unexplained).toHaveLength(1);
    expect(unexplained[0].warnings[0].code).toBe('outlier');
    // every submitted or approved form passes its own checks
    const sent = await ctx().database.query<{ code: string }>(
      `select c.code from submissions s join communes c on c.id = s.commune_id join periods p on p.id = s.period_id where p.code = 'm10-2026' and s.status in ('submitted', 'approved')`,
    );
    for (const d of sent.slice(0, 15)) {
      const f = (await call(admin, 'GET', `/api/periods/m10-2026/submissions/${d.code}`, undefined, 200)) as Sub;
      expect(f.errors, d.code).toEqual([]);
      expect(f.warnings.filter((w) => !f.values.find((v) => v.element === w.element)?.explanation), d.code).toEqual([]);
    }
  });

  it('includeSubmitted adds the submitted communes to the open round ranking', async () => {
    const leader = (await sessions(ctx().app)).leader;
    const q = '/api/rankings?period=m10-2026&indicator=online_filing_rate';
    const approved = await call(null, 'GET', q, undefined, 200);
    const withSubmitted = await call(leader, 'GET', `${q}&includeSubmitted=true`, undefined, 200);
    const status = (r: { rows: { communeCode: string; status: string }[] }, code: string) => r.rows.find((x) => x.communeCode === code)!.status;
    expect(status(approved as never, '21421')).toBe('not_reported');
    expect(status(withSubmitted as never, '21421')).toBe('ranked');
    expect(status(withSubmitted as never, '21472')).toBe('ranked'); // approved stays
    expect(withSubmitted.rankedCount - approved.rankedCount).toBeGreaterThanOrEqual(18);
    const o1 = await call(leader, 'GET', '/api/overview?period=m10-2026', undefined, 200);
    const o2 = await call(leader, 'GET', '/api/overview?period=m10-2026&includeSubmitted=true', undefined, 200);
    // "đã báo cáo" is the workflow's count (đã nộp or đã duyệt) on every basis; the figures ranked differ
    expect(o1).toMatchObject({ communesReported: 60, communesApproved: 40 });
    expect(o2).toMatchObject({ communesReported: 60, communesApproved: 40 });
    const s2 = await call(leader, 'GET', '/api/communes/21421/standing?period=m10-2026&includeSubmitted=true', undefined, 200);
    expect(s2.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'online_filing_rate').status).toBe('ranked');
    const c2 = await call(leader, 'GET', '/api/rankings/composite?period=m10-2026&includeSubmitted=true', undefined, 200);
    const c1 = await call(null, 'GET', '/api/rankings/composite?period=m10-2026', undefined, 200);
    expect(c2.rankedCount).toBeGreaterThan(c1.rankedCount);

    // the Sở corrects Mỏ Cày's submitted form before approving: the (cached) ranking follows at once
    const admin = (await sessions(ctx().app)).admin;
    const form = (await call(admin, 'GET', '/api/periods/m10-2026/submissions/21421', undefined, 200)) as Sub;
    const received = form.values.find((v) => v.element === 'dossiers_received')!.value!;
    await call(admin, 'PUT', '/api/periods/m10-2026/submissions/21421', { version: form.version, values: { dossiers_online: received } }, 200);
    const again = await call(leader, 'GET', `${q}&includeSubmitted=true`, undefined, 200);
    expect(again.rows.find((x: { communeCode: string }) => x.communeCode === '21421').value).toBe(100);
  });

  it('keeps the leadership default on the latest closed round, not the half-filled open one', async () => {
    const r = await call(null, 'GET', '/api/rankings?indicator=online_filing_rate', undefined, 200);
    expect(r.period.code).toBe('q3-2026');
    expect((await call(null, 'GET', '/api/overview', undefined, 200)).period.code).toBe('q3-2026');
  });
});

describeEachEngine('the write path the import reuses', (ctx) => {
  const ids = async () => {
    const q = (sql: string) => ctx().database.query<{ id: number }>(sql).then((r) => r[0].id);
    return {
      m10: await q(`select id from periods where code = 'm10-2026'`),
      notStarted: await ctx().database.query<{ id: number; code: string }>(
        `select c.id, c.code from communes c where not exists (select 1 from submissions s join periods p on p.id = s.period_id where s.commune_id = c.id and p.code = 'm10-2026') order by c.code limit 3`,
      ),
      khanhCuong: await q(`select id from communes where code = '21472'`),
    };
  };

  it('submitFigures: a clean file is submitted for review, one with an error is kept as a draft; audit how=import', async () => {
    const { submitFigures, writeContext } = await import('../src/services/submissions');
    const { m10, notStarted } = await ids();
    const [a, b] = notStarted;
    // one context for the transaction, as the import makes it
    const r = await ctx().database.db.transaction(async (tx) => ({
      ok: await submitFigures(writeContext(tx), { periodId: m10, communeId: a.id, values: { dossiers_received: 300, dossiers_online: 240, it_staff: 2 }, actor: 'admin', importId: 7 }),
      bad: await submitFigures(writeContext(tx), { periodId: m10, communeId: b.id, values: { dossiers_received: 300, dossiers_online: 340 }, actor: 'admin', importId: 7 }),
    }));
    expect(r.ok).toMatchObject({ submitted: true, status: 'submitted', errors: [] });
    expect(r.bad).toMatchObject({ submitted: false, status: 'draft' });
    expect(r.bad.errors.map((e) => e.code)).toEqual(['online_gt_received']);
    const audit = await ctx().database.query<{ how: string; n: number }>(
      `select how, count(*)::int as n from audit_log where import_id = 7 group by how order by how`,
    );
    expect(audit).toEqual([
      { how: 'import', n: 5 },
      { how: 'submit', n: 1 },
    ]);
  });

  it('submitFigures refuses an approved submission (409); the caller’s transaction then writes nothing', async () => {
    const { submitFigures, writeContext } = await import('../src/services/submissions');
    const { m10, notStarted, khanhCuong } = await ids();
    const before = await fingerprint(ctx().database);
    await expect(
      ctx().database.db.transaction(async (tx) => {
        const w = writeContext(tx);
        await submitFigures(w, { periodId: m10, communeId: notStarted[2].id, values: { it_staff: 4 }, actor: 'admin' });
        await submitFigures(w, { periodId: m10, communeId: khanhCuong, values: { it_staff: 4 }, actor: 'admin' });
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    expect(await fingerprint(ctx().database)).toEqual(before);
  });

  it('importPublished: published at once, the submission mirrored as approved; an overdue commune stays late', async () => {
    const { importPublished, writeContext } = await import('../src/services/submissions');
    const { m10, notStarted } = await ids();
    const c = notStarted[2];
    const admin0 = (await sessions(ctx().app)).admin;
    const before = await caller(() => ctx().app)(admin0, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    const overdue = before.rows.find((x: { communeCode: string }) => x.communeCode === c.code);
    expect(overdue).toMatchObject({ status: 'not_started', timeliness: 'overdue', late: true });
    const r = await ctx().database.db.transaction((tx) =>
      importPublished(writeContext(tx), { periodId: m10, communeId: c.id, values: { dossiers_received: 500, dossiers_online: 450 }, actor: 'admin', importId: 8 }),
    );
    expect(r.changed).toHaveLength(2);
    await ctx().app.dataVersion.changed();
    const rank = (await ctx().app.inject('/api/rankings?period=m10-2026&indicator=online_filing_rate')).json();
    expect(rank.rows.find((x: { communeCode: string }) => x.communeCode === c.code)).toMatchObject({ status: 'ranked', value: 90 });
    const admin = (await sessions(ctx().app)).admin;
    const form = await caller(() => ctx().app)(admin, 'GET', `/api/periods/m10-2026/submissions/${c.code}`, undefined, 200);
    expect(form).toMatchObject({ status: 'approved', locked: true });
    const done = await caller(() => ctx().app)(admin, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    // the commune never submitted (submittedAt stays empty); its figures reached the Sở today, after the deadline
    const row = done.rows.find((x: { communeCode: string }) => x.communeCode === c.code);
    expect(row).toMatchObject({ status: 'approved', submittedAt: null, timeliness: 'late', late: true, daysLate: overdue.daysLate, filled: 2 });
    expect(row.importedAt).not.toBeNull();
    expect(done.counts.late).toBe(before.counts.late);
    const audit = await ctx().database.query<{ how: string; n: number }>(`select how, count(*)::int as n from audit_log where import_id = 8 group by how`);
    expect(audit).toEqual([{ how: 'import', n: 2 }]);
  });
});
