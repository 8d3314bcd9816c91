// Issue 10, item 7: every data element has plausible limits (decision 011). Seen before: an officer
// saved and submitted 1e308 dossiers with an explanation; the includeSubmitted province total became
// 1e308 and that commune ranked 1st. Now the API schema refuses absurd numbers, the checks refuse a
// figure beyond its element's limit (save keeps the draft and says so, submit and approve refuse),
// and no ranking counts it.
import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { checkFigures, type FigureSet } from '@nq57/shared';
import { Catalogue, RankingsResponse, type SubmissionOut as Sub } from '@nq57/shared/schemas';
import { createCatalogueRepository } from '../src/repositories/catalogue';
import { checkElementOf } from '../src/services/submissions';
import { describeEachEngine } from './helpers';
import { caller, fingerprint, sessions, vietnamese, type Who } from './workflow-helpers';

const ROUND = 'q4-2026';
const XOP = '23356'; // Xã Xốp, 6 518 people
const URL = `/api/periods/${ROUND}/submissions/${XOP}`;
const ELEMENTS = ['dossiers_received', 'dossiers_online', 'dossiers_resolved', 'dossiers_on_time'];
const RANKING = `/api/rankings?period=${ROUND}&indicator=online_filing_rate`;

describeEachEngine('plausible limits on every figure', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;
  let prev: Record<string, number>;

  it('the catalogue API carries each element\'s limits; every element a commune enters has one (percent: 0–100)', async () => {
    const cat = await call(null, 'GET', '/api/indicators', undefined, 200);
    expect(Value.Check(Catalogue, cat)).toBe(true);
    const by = Object.fromEntries((cat as Catalogue).elements.map((e) => [e.code, e]));
    expect(by.dossiers_received).toMatchObject({ max: 1_000_000, maxPerHead: 20 });
    expect(by.bdhvs_learners).toMatchObject({ maxPerHead: 1 });
    expect(by.villages).toMatchObject({ max: 200, maxPerHead: null });
    expect(by.budget_requested_vnd).toMatchObject({ max: 1e12, maxPerHead: 50_000_000 });
    for (const e of (cat as Catalogue).elements) {
      if (e.computed || e.unit === 'percent') expect(e, e.code).toMatchObject({ max: null, maxPerHead: null });
      else expect(e.max, e.code).toBeGreaterThan(0);
    }
    // stored in the database, where an admin may change them without a code change
    const [row] = await ctx().database.query<{ max: string; ph: string }>(
      `select max_value::text as max, max_per_head::text as ph from data_elements where code = 'dossiers_received'`,
    );
    expect(row).toEqual({ max: '1000000', ph: '20' });
  });

  it('no published figure nor any figure in a demo form is beyond its limit (the limits never flag real data)', async () => {
    const { db } = ctx().database;
    const elements = (await createCatalogueRepository(db).elements()).map(checkElementOf);
    const rows = await ctx().database.query<{ period: string; commune: string; population: number | null; element: string; value: number }>(
      `select p.code as period, c.code as commune, c.population, e.code as element, v.value::float8 as value
         from data_values v join periods p on p.id = v.period_id join communes c on c.id = v.commune_id join data_elements e on e.id = v.element_id
       union all
       select p.code || ' (biểu mẫu)', c.code, c.population, e.code, sv.value::float8
         from submission_values sv join submissions s on s.id = sv.submission_id join periods p on p.id = s.period_id
         join communes c on c.id = s.commune_id join data_elements e on e.id = sv.element_id where sv.value is not null`,
    );
    expect(rows.length).toBeGreaterThan(10_000);
    // the three real reports are among them
    expect(rows.some((r) => r.commune === '21472' && r.period === 'year-2025')).toBe(true);
    const sets = new Map<string, { population: number | null; values: FigureSet }>();
    for (const r of rows) {
      const k = `${r.period}|${r.commune}`;
      if (!sets.has(k)) sets.set(k, { population: r.population, values: {} });
      sets.get(k)!.values[r.element] = Number(r.value);
    }
    const flagged = [...sets].flatMap(([k, s]) =>
      checkFigures(s.values, { elements, population: s.population })
        .errors.filter((e) => e.code.startsWith('above_limit'))
        .map((e) => `${k}: ${e.message}`),
    );
    expect(flagged).toEqual([]);
  });

  it('an absurd number (1e308, -1e308, 1e400) is refused by the schema with a Vietnamese message; nothing is written', async () => {
    who = await sessions(ctx().app);
    await call(who.admin, 'POST', '/api/periods', { code: ROUND, name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10', elements: ELEMENTS }, 201);
    const before = await fingerprint(ctx().database);
    for (const v of [1e308, -1e308]) {
      const res = await call(who.xop, 'PUT', URL, { version: 0, values: { dossiers_received: v } }, 400);
      expect(res.message).toMatch(vietnamese);
      expect(res.message).toContain('"values.dossiers_received"');
      expect(res.message).toMatch(/1\.000\.000\.000\.000\.000/);
    }
    // 1e400 is Infinity once parsed: refused the same way, never a 500
    const inf = await ctx().app.inject({ method: 'PUT', url: URL, headers: { ...who.xop.headers, 'content-type': 'application/json' }, payload: '{"version":0,"values":{"dossiers_received":1e400}}' });
    expect(inf.statusCode, inf.body).toBe(400);
    expect(inf.json().message).toBe('Trường "values.dossiers_received" quá lớn: trị tuyệt đối không được vượt 1.000.000.000.000.000');
    expect(await fingerprint(ctx().database)).toEqual(before);
  });

  it('5 000 000 dossiers for a commune of 6 518: kept as a draft with the error beside the field, naming the limit', async () => {
    const q3 = await ctx().database.query<{ code: string; value: string }>(
      `select e.code, v.value::text from data_values v join data_elements e on e.id = v.element_id
       join periods p on p.id = v.period_id join communes c on c.id = v.commune_id
       where p.code = 'q3-2026' and c.code = $1 and e.code = any($2::text[])`,
      [XOP, ELEMENTS],
    );
    prev = Object.fromEntries(q3.map((r) => [r.code, Number(r.value)]));
    expect(Object.keys(prev).sort()).toEqual([...ELEMENTS].sort());

    const saved = await call(who.xop, 'PUT', URL, { version: 0, values: { ...prev, dossiers_received: 5_000_000 } }, 200);
    expect(saved.status).toBe('draft');
    expect(saved.errors).toEqual([
      {
        element: 'dossiers_received',
        code: 'above_limit_per_head',
        message: 'Số hồ sơ TTHC tiếp nhận 5.000.000 vượt giới hạn hợp lý 20 mỗi người dân (tối đa 130.360 với dân số 6.518); kiểm tra lại (có thể thừa chữ số 0)',
      },
    ]);
    const form = (await call(who.xop, 'GET', URL, undefined, 200)) as Sub;
    expect(form.errors.map((e) => e.code)).toEqual(['above_limit_per_head']);
  });

  it('an explanation does not unblock it: submit is refused naming the limit, the form stays a draft', async () => {
    await call(who.xop, 'PUT', URL, { version: 1, values: {}, explanations: { dossiers_received: 'Số liệu đúng như báo cáo' } }, 200);
    const refused = await call(who.xop, 'POST', `${URL}/submit`, { version: 2 }, 400);
    expect(refused.code).toBe('CHECKS_FAILED');
    expect(refused.message).toContain('Số hồ sơ TTHC tiếp nhận (dossiers_received)');
    expect(refused.message).toContain('tối đa 130.360 với dân số 6.518');
    expect(((await call(who.xop, 'GET', URL, undefined, 200)) as Sub).status).toBe('draft');
  });

  it('the rankings with includeSubmitted never count it: not in the province total, not ranked', async () => {
    const r = await call(who.leader, 'GET', `${RANKING}&includeSubmitted=true`, undefined, 200);
    expect(Value.Check(RankingsResponse, r)).toBe(true);
    expect((r as RankingsResponse).rows.find((x) => x.communeCode === XOP)!.status).toBe('not_reported');
    expect((r as RankingsResponse).province.denominator ?? 0).toBeLessThan(5_000_000);
  });

  it('a form submitted before the limits existed (1e308 stored) is left out of includeSubmitted and cannot be approved', async () => {
    // the officer corrects the figure and submits: a plausible form
    await call(who.xop, 'PUT', URL, { version: 2, values: { dossiers_received: prev.dossiers_received } }, 200);
    const sent = (await call(who.xop, 'POST', `${URL}/submit`, { version: 3 }, 200)) as Sub;
    expect(sent.status).toBe('submitted');
    const counted = (await call(who.leader, 'GET', `${RANKING}&includeSubmitted=true`, undefined, 200)) as RankingsResponse;
    expect(counted.rows.find((x) => x.communeCode === XOP)!.status).toBe('ranked');

    // what a database from before issue 10 may hold: a submitted form with 1e308 in it
    await ctx().database.query(
      `update submission_values set value = 1e308 where element_id = (select id from data_elements where code = 'dossiers_received')
         and submission_id = (select s.id from submissions s join periods p on p.id = s.period_id join communes c on c.id = s.commune_id where p.code = $1 and c.code = $2)`,
      [ROUND, XOP],
    );
    await ctx().app.dataVersion.changed(); // written behind the app's back: drop cached answers
    const overlay = (await call(who.leader, 'GET', `${RANKING}&includeSubmitted=true`, undefined, 200)) as RankingsResponse;
    expect(overlay.rows.find((x) => x.communeCode === XOP)!.status).toBe('not_reported');
    expect(overlay.province.denominator ?? 0).toBeLessThan(1e6);
    expect(overlay.rows[0].communeCode).not.toBe(XOP);

    const before = await fingerprint(ctx().database);
    const refused = await call(who.admin, 'POST', `${URL}/approve`, {}, 400);
    expect(refused.code).toBe('CHECKS_FAILED');
    expect(refused.message).toContain('Chưa duyệt được');
    expect(refused.message).toContain('Số hồ sơ TTHC tiếp nhận 1e308 vượt giới hạn hợp lý 20 mỗi người dân (tối đa 130.360 với dân số 6.518)');
    expect(await fingerprint(ctx().database)).toEqual(before);
    const published = (await call(null, 'GET', RANKING, undefined, 200)) as RankingsResponse;
    expect(published.rows.find((x) => x.communeCode === XOP)!.status).toBe('not_reported');
  });

  it('the admin corrects the submitted form, then it is approved and published', async () => {
    const form = (await call(who.admin, 'GET', URL, undefined, 200)) as Sub;
    await call(who.admin, 'PUT', URL, { version: form.version, values: { dossiers_received: prev.dossiers_received } }, 200);
    const approved = (await call(who.admin, 'POST', `${URL}/approve`, {}, 200)) as Sub;
    expect(approved.status).toBe('approved');
    const published = (await call(null, 'GET', RANKING, undefined, 200)) as RankingsResponse;
    expect(published.rows.find((x) => x.communeCode === XOP)!.status).toBe('ranked');
  });
});
