// Repositories on the real database (both engines), where a rule moved into one of them (issue 18):
// which elements a round asks for is stated once (rounds.asked) and every reader agrees with it;
// completeness counts the filled fields in one query.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { createRoundsRepository } from '../src/repositories/rounds';
import { describeEachEngine } from './helpers';
import { caller, sessions } from './workflow-helpers';

describeEachEngine('repositories: the rules that live in one query', (ctx) => {
  const q = <T>(sql: string, params: unknown[] = []) => ctx().database.query<T>(sql, params);
  const codes = async (sql: string, params: unknown[] = []) => (await q<{ code: string }>(sql, params)).map((r) => r.code);
  const FORM_ORDER = `order by g.sort_order, e.sort_order, e.id`;

  it("a round's elements: its own list in form order, or (a round kept without one) every element a commune enters", async () => {
    await q(`insert into periods (code, name, kind, start_date, end_date, deadline, status) values ('khong-danh-sach', 'Không danh sách', 'month', '2027-04-01', '2027-04-30', '2027-05-05', 'open')`);
    const [own, none] = await q<{ id: number; code: string }>(`select id, code from periods where code in ('m10-2026', 'khong-danh-sach') order by code = 'khong-danh-sach'`);
    const rounds = createRoundsRepository(ctx().database.db);
    const asked = await rounds.asked([own.id, none.id]);

    const listed = await codes(
      `select e.code from period_elements pe join data_elements e on e.id = pe.element_id join element_groups g on g.code = e.group_code where pe.period_id = $1 ${FORM_ORDER}`,
      [own.id],
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(asked.get(own.id)).toMatchObject({ ownList: true, codes: listed });

    const entered = await codes(`select e.code from data_elements e join element_groups g on g.code = e.group_code where not e.computed ${FORM_ORDER}`);
    expect(asked.get(none.id)).toMatchObject({ ownList: false, codes: entered });
    expect(entered).not.toContain('reports_due');
    // one round at a time says the same, and every round at once includes both
    expect(await rounds.elementsOf(none.id)).toEqual(asked.get(none.id));
    expect((await rounds.asked()).get(own.id)).toEqual(asked.get(own.id));
  });

  it('every reader of a round without a list agrees with it: the round, the form, the template, completeness', async () => {
    const who = await sessions(ctx().app);
    const call = caller(() => ctx().app);
    const none = (await createRoundsRepository(ctx().database.db).byCode('khong-danh-sach'))!;
    const { codes: asked } = await createRoundsRepository(ctx().database.db).elementsOf(none.id);
    expect((await call(null, 'GET', '/api/periods/khong-danh-sach/round', undefined, 200)).elements).toEqual(asked);
    const form = await call(who.tinhKhe, 'GET', '/api/periods/khong-danh-sach/submissions/21211', undefined, 200);
    expect(form.values.map((v: { element: string }) => v.element)).toEqual(asked);
    const template = await ctx().app.inject({ url: '/api/periods/khong-danh-sach/template.xlsx', headers: { cookie: who.admin.cookie } });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const row2 = (wb.getWorksheet('Số liệu')!.getRow(2).values as unknown[]).slice(3); // [empty, ma_xa, ten_xa, …codes]
    expect(row2).toEqual(asked);
    const progress = await call(who.admin, 'GET', '/api/periods/khong-danh-sach/completeness', undefined, 200);
    expect(progress.rows[0].required).toBe(asked.length);
    // the rankings read such a round as collecting everything (it asked before lists existed)
    const ranking = (await ctx().app.inject('/api/rankings?period=khong-danh-sach&indicator=on_time_rate')).json();
    expect(ranking.indicator.collected).toBe(true);
  });

  it("completeness counts a report's filled fields, or a commune's published figures when it has no report", async () => {
    const who = await sessions(ctx().app);
    const c = await caller(() => ctx().app)(who.admin, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    const [m10] = await q<{ id: number }>(`select id from periods where code = 'm10-2026'`);
    const asked = (await createRoundsRepository(ctx().database.db).elementsOf(m10.id)).ids;
    const expected = await q<{ code: string; n: number }>(
      `select c.code, case when s.id is not null
          then (select count(*)::int from submission_values sv where sv.submission_id = s.id and sv.value is not null and sv.element_id = any($2::int[]))
          else (select count(*)::int from data_values v where v.period_id = $1 and v.commune_id = c.id and v.element_id = any($2::int[])) end as n
        from communes c left join submissions s on s.commune_id = c.id and s.period_id = $1`,
      [m10.id, asked],
    );
    const filled = new Map(c.rows.map((r: { communeCode: string; filled: number }) => [r.communeCode, r.filled]));
    expect(expected.length).toBe(96);
    for (const e of expected) expect(filled.get(e.code), e.code).toBe(Number(e.n));
    expect(expected.some((e) => Number(e.n) === 0)).toBe(true);
    expect(expected.some((e) => Number(e.n) === asked.length)).toBe(true);
  });
});
