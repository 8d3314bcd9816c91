// Every write route of the reporting workflow, refused every way it can be: anonymous (401),
// without the CSRF token or by the wrong role or commune (403), invalid (400, the field named in
// Vietnamese), stale or in the wrong state (409). After all of it, not one row has changed.
import { beforeAll, expect, it } from 'vitest';
import type { Session } from './helpers';
import { describeEachEngine } from './helpers';
import { caller, fingerprint, sessions, vietnamese, type Who } from './workflow-helpers';

const SUB = (commune: string, period = 'm10-2026') => `/api/periods/${period}/submissions/${commune}`;

describeEachEngine('who may write what (and nothing is written when refused)', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;
  let before: Awaited<ReturnType<typeof fingerprint>>;
  let draftVersion: number;

  beforeAll(async () => {
    who = await sessions(ctx().app);
    draftVersion = (await call(who.tinhKhe, 'GET', SUB('21211'), undefined, 200)).version;
    before = await fingerprint(ctx().database);
  });

  const noCsrf = (s: Session) => ({ ...s, headers: { cookie: s.cookie } });
  const refused = async (s: Session | null, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown, status: number, says?: RegExp | string) => {
    const body = await call(s, method, url, payload, status);
    expect(body.message, `${method} ${url}`).toMatch(vietnamese);
    if (says) expect(body.message).toMatch(says);
    return body;
  };

  const openRound = { code: 'q4-2026', name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10' };

  it('POST /api/periods: 401, 403, 400 naming the field, 409 for a taken code', async () => {
    await refused(null, 'POST', '/api/periods', openRound, 401);
    await refused(noCsrf(who.admin), 'POST', '/api/periods', openRound, 403, /chống giả mạo/);
    await refused(who.leader, 'POST', '/api/periods', openRound, 403, /chỉ được xem/);
    await refused(who.tinhKhe, 'POST', '/api/periods', openRound, 403);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, endDate: '2026-09-30' }, 400, /"endDate"/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, deadline: '2026-09-01' }, 400, /"deadline"/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, kind: 'week' }, 400, /"kind"/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, startDate: '01/10/2026' }, 400, /"startDate"/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, code: 'Quý 4' }, 400, /"code"/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, elements: ['dossiers_received', 'khong_co'] }, 400, /"elements".*khong_co/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, elements: ['reports_due'] }, 400, /tự tính/);
    await refused(who.admin, 'POST', '/api/periods', { ...openRound, code: 'q3-2026' }, 409, /q3-2026/);
  });

  it('PATCH /api/periods/:code: 401, 403, 400, 404', async () => {
    await refused(null, 'PATCH', '/api/periods/m10-2026', { status: 'closed' }, 401);
    await refused(noCsrf(who.admin), 'PATCH', '/api/periods/m10-2026', { status: 'closed' }, 403);
    await refused(who.leader, 'PATCH', '/api/periods/m10-2026', { status: 'closed' }, 403);
    await refused(who.mocay, 'PATCH', '/api/periods/m10-2026', { status: 'closed' }, 403);
    await refused(who.admin, 'PATCH', '/api/periods/m10-2026', { status: 'done' }, 400, /"status"/);
    await refused(who.admin, 'PATCH', '/api/periods/m10-2026', { deadline: '2026-09-01' }, 400, /"deadline"/);
    await refused(who.admin, 'PATCH', '/api/periods/khong-co', { status: 'closed' }, 404, /khong-co/);
  });

  it('PUT a submission: 401, 403 for a leader or another commune, 400 naming the field, 409 stale or locked', async () => {
    const put = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ version: draftVersion, values, ...extra });
    await refused(null, 'PUT', SUB('21211'), put({ it_staff: 2 }), 401);
    await refused(noCsrf(who.tinhKhe), 'PUT', SUB('21211'), put({ it_staff: 2 }), 403);
    await refused(who.leader, 'PUT', SUB('21211'), put({ it_staff: 2 }), 403);
    await refused(who.xop, 'PUT', SUB('21211'), put({ it_staff: 2 }), 403, /xã mình/);
    // another commune's officer is refused before the body is even looked at
    await refused(who.xop, 'PUT', SUB('21211'), put({ it_staff: 'abc' }), 403);
    // a figure must be a JSON number: "3.781" is not silently read as 3.781, "" not as 0
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ dossiers_received: '3.781' }), 400, /"values\.dossiers_received".*một số/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ dossiers_received: '' }), 400, /"values\.dossiers_received"/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ dossiers_received: true }), 400, /"values\.dossiers_received"/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ khong_co: 1 }), 400, /"values\.khong_co"/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ budget_requested_vnd: 1e9 }), 400, /"values\.budget_requested_vnd".*không yêu cầu/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ reports_due: 1 }), 400, /"values\.reports_due".*tự tính/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({}, { explanations: { khong_co: 'x' } }), 400, /"explanations\.khong_co"/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({}, { explanations: { it_staff: 'x'.repeat(501) } }), 400, /explanations/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), { values: { it_staff: 2 } }, 400, /"version"/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ it_staff: 2 }, { version: draftVersion - 1 }), 409, /tải lại/);
    await refused(who.tinhKhe, 'PUT', SUB('21211'), put({ it_staff: 2 }, { version: draftVersion + 5 }), 409, /tải lại/);
    // Khánh Cường is approved (locked), Mỏ Cày awaits review, q3-2026 is closed
    const kc = await call(who.admin, 'GET', SUB('21472'), undefined, 200);
    await refused(who.admin, 'PUT', SUB('21472'), { version: kc.version, values: { it_staff: 2 } }, 409, /mở lại/);
    const mc = await call(who.mocay, 'GET', SUB('21421'), undefined, 200);
    await refused(who.mocay, 'PUT', SUB('21421'), { version: mc.version, values: { it_staff: 2 } }, 409, /chờ Sở KH&CN duyệt/);
    await refused(who.tinhKhe, 'PUT', SUB('21211', 'q3-2026'), { version: 3, values: { it_staff: 2 } }, 409, /đã đóng/);
    await refused(who.tinhKhe, 'PUT', SUB('21211', 'khong-co'), put({ it_staff: 2 }), 404);
  });

  it('POST …/submit: 401, 403, 400 while errors remain (fields named), 409 when already submitted', async () => {
    await refused(null, 'POST', `${SUB('21211')}/submit`, {}, 401);
    await refused(noCsrf(who.tinhKhe), 'POST', `${SUB('21211')}/submit`, {}, 403);
    await refused(who.leader, 'POST', `${SUB('21211')}/submit`, {}, 403);
    await refused(who.xop, 'POST', `${SUB('21211')}/submit`, {}, 403);
    await refused(who.tinhKhe, 'POST', `${SUB('21211')}/submit`, { version: draftVersion - 1 }, 409, /tải lại/);
    await refused(who.tinhKhe, 'POST', `${SUB('21211')}/submit`, { version: -1 }, 400, /"version"/);
    // the demo draft with a blocking error
    const [bad] = await ctx().database.query<{ code: string }>(
      `select c.code from submissions s join communes c on c.id = s.commune_id join periods p on p.id = s.period_id
       join submission_values sv on sv.submission_id = s.id join data_elements e on e.id = sv.element_id
       where p.code = 'm10-2026' and s.status = 'draft' and e.code = 'dossiers_online'
         and sv.value > (select v2.value from submission_values v2 join data_elements e2 on e2.id = v2.element_id where v2.submission_id = s.id and e2.code = 'dossiers_received')`,
    );
    await refused(who.admin, 'POST', `${SUB(bad.code)}/submit`, {}, 400, /dossiers_online/);
    await refused(who.mocay, 'POST', `${SUB('21421')}/submit`, {}, 409, /chờ Sở KH&CN duyệt/);
    await refused(who.admin, 'POST', `${SUB('23536')}/submit`, {}, 400, /Chưa có số liệu/);
  });

  it('approve / return / reopen: admin only, from the right state, with the comment or reason named', async () => {
    for (const action of ['approve', 'return', 'reopen']) {
      const payload = action === 'return' ? { comment: 'Đề nghị xã kiểm tra lại' } : action === 'reopen' ? { reason: 'Sai số liệu' } : {};
      await refused(null, 'POST', `${SUB('21421')}/${action}`, payload, 401);
      await refused(noCsrf(who.admin), 'POST', `${SUB('21421')}/${action}`, payload, 403);
      await refused(who.leader, 'POST', `${SUB('21421')}/${action}`, payload, 403);
      await refused(who.mocay, 'POST', `${SUB('21421')}/${action}`, payload, 403);
    }
    await refused(who.admin, 'POST', `${SUB('21421')}/return`, { comment: '' }, 400, /"comment"/);
    await refused(who.admin, 'POST', `${SUB('21421')}/return`, {}, 400, /"comment"/);
    await refused(who.admin, 'POST', `${SUB('21472')}/reopen`, {}, 400, /"reason"/);
    await refused(who.admin, 'POST', `${SUB('21211')}/approve`, {}, 409, /đang nhập/); // a draft
    await refused(who.admin, 'POST', `${SUB('23536')}/approve`, {}, 409, /chưa bắt đầu/);
    await refused(who.admin, 'POST', `${SUB('21421')}/approve`, { version: 0 }, 409, /tải lại/);
    await refused(who.admin, 'POST', `${SUB('21472')}/return`, { comment: 'x' }, 409, /đã nộp/);
    await refused(who.admin, 'POST', `${SUB('21421')}/reopen`, { reason: 'x' }, 409, /đã duyệt/);
  });

  it('reads: a draft only for its own commune, the audit only for one’s own commune', async () => {
    await call(null, 'GET', SUB('21211'), undefined, 401);
    const other = await call(who.xop, 'GET', SUB('21211'), undefined, 403);
    expect(other.message).toMatch(/xã mình/);
    await call(who.leader, 'GET', SUB('21211'), undefined, 200);
    await call(null, 'GET', '/api/audit', undefined, 401);
    await call(who.xop, 'GET', '/api/audit?commune=21211', undefined, 403);
    const own = await call(who.xop, 'GET', '/api/audit', undefined, 200);
    expect(own.entries.length).toBeGreaterThan(0);
    expect(new Set(own.entries.map((e: { commune: string }) => e.commune))).toEqual(new Set(['23356']));
    const leader = await call(who.leader, 'GET', '/api/audit?limit=5', undefined, 200);
    expect(leader.entries).toHaveLength(5);
  });

  it('after all the refused requests, nothing at all was written', async () => {
    expect(await fingerprint(ctx().database)).toEqual(before);
  });
});
