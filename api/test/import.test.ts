// Issue 6, files in: template → filled in Excel → dry run → commit → rankings read back; the same
// file again changes nothing; every bad file is refused with its Vietnamese message and leaves the
// database exactly as it was.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { CheckContext, PeerFigure } from '@nq57/shared';
import { loadCheckContexts } from '../src/services/import/checks';
import { loadCheckContext, writeContext } from '../src/services/submissions';
import { describeEachEngine, login, multipart, type Session } from './helpers';

const PERIOD = 'nhap-q4-2026';
const ELEMENTS = [
  'dossiers_received',
  'dossiers_online',
  'dossiers_resolved',
  'dossiers_on_time',
  'villages',
  'cdt_village_teams',
  'bdhvs_learners',
  'bdhvs_certificates',
  'budget_requested_vnd',
  'dossiers_digitised_pct',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsxOf(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Số liệu'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachEngine('import from Excel and CSV', (ctx) => {
  let admin: Session;
  let app: FastifyInstance;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx().database.query<T>(text, params);

  /** Everything an import could touch, as one comparable value. */
  async function fingerprint() {
    const [r] = await q<Record<string, string>>(`select
      (select count(*) || ':' || coalesce(md5(string_agg(period_id || '/' || element_id || '/' || commune_id || '=' || value::text || approximate::text, ',' order by period_id, element_id, commune_id)), '') from data_values) as values,
      (select count(*) || ':' || coalesce(max(id), 0) from audit_log) as audit,
      (select count(*) from imports) as imports,
      (select count(*) || ':' || coalesce(md5(string_agg(id || status || version, ',' order by id)), '') from submissions) as subs,
      (select count(*) from submission_values) as subvalues`);
    return r;
  }

  const post = (url: string, body: ReturnType<typeof multipart>, s: Session | null = admin) =>
    app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...(s ? s.headers : {}) } } as InjectOptions);
  const dryRun = (file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, period = PERIOD) =>
    post(`/api/periods/${period}/imports?dryRun=true`, multipart(file, fields));
  const commit = (file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, period = PERIOD) =>
    post(`/api/periods/${period}/imports`, multipart(file, fields));
  /** The Sở approving through an import, as the page does: dry run, read how many forms, confirm that number. */
  const approveImport = async (file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, period = PERIOD) => {
    const dry = await dryRun(file, { ...fields, mode: 'approved' }, period);
    const forms = dry.statusCode === 200 ? String(dry.json().approval?.forms ?? 0) : '0';
    return commit(file, { ...fields, mode: 'approved', confirm: forms }, period);
  };

  beforeAll(async () => {
    app = ctx().app;
    admin = await login(app, 'admin');
    // an open quarterly round after the demo's Quý III/2026, asking for ten elements
    await q(`insert into periods (code, name, kind, start_date, end_date, deadline, status) values ($1, 'Quý IV/2026 (nhập thử)', 'quarter', '2026-10-01', '2026-12-31', '2027-01-10', 'open')`, [PERIOD]);
    await q(
      `insert into period_elements (period_id, element_id) select p.id, e.id from periods p, data_elements e where p.code = $1 and e.code = any($2::text[])`,
      [PERIOD, ELEMENTS],
    );
  });

  let template: Buffer;
  let filled: Buffer;
  let expected: Map<string, Record<string, number>>;
  let previous: Map<string, Record<string, number>>;

  it('serves the template: one row per commune, Vietnamese headers with units, codes in row 2, the previous round beside', async () => {
    const res = await app.inject({ url: `/api/periods/${PERIOD}/template.xlsx`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain('mau-nhap-nhap-q4-2026.xlsx');
    template = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getCell('A1').value).toBe('Mã xã');
    expect(ws.getCell('C1').value).toBe('Số hồ sơ TTHC tiếp nhận (số)');
    const codes = (ws.getRow(2).values as unknown[]).slice(3);
    // form order (group, then element) of the ten asked elements
    expect(new Set(codes)).toEqual(new Set(ELEMENTS));
    expect(codes.length).toBe(ELEMENTS.length);
    const pctCol = codes.indexOf('dossiers_digitised_pct') + 3;
    expect(ws.getRow(1).getCell(pctCol).value).toBe('Tỷ lệ hồ sơ được số hóa (%)');
    expect(ws.getRow(3).getCell(pctCol).numFmt).toBe('0.0"%"');
    expect(ws.getRow(3).getCell(codes.indexOf('dossiers_received') + 3).numFmt).toBe('#,##0');
    expect(ws.rowCount).toBe(2 + 96);
    expect(ws.getCell('A3').value).toMatch(/^\d{5}$/);
    const [{ n }] = await q<{ n: number }>('select count(*)::int as n from communes');
    expect(n).toBe(96);

    // side sheet: Quý III/2026's approved figures, equal to the database
    const side = wb.getWorksheet('Kỳ trước')!;
    expect(String(side.getCell('A1').value)).toContain('Quý III/2026');
    const dbPrev = await q<{ code: string; element: string; value: string }>(
      `select c.code, e.code as element, v.value::text from data_values v join communes c on c.id = v.commune_id join data_elements e on e.id = v.element_id join periods p on p.id = v.period_id where p.code = 'q3-2026' and e.code = any($1::text[])`,
      [ELEMENTS],
    );
    previous = new Map();
    for (const r of dbPrev) previous.set(r.code, { ...previous.get(r.code), [r.element]: Number(r.value) });
    const sideCodes = (side.getRow(4).values as unknown[]).slice(3) as string[];
    let compared = 0;
    side.eachRow((row, i) => {
      if (i < 5) return;
      const code = String(row.getCell(1).value);
      sideCodes.forEach((el, k) => {
        const v = row.getCell(3 + k).value;
        expect(v ?? undefined).toBe(previous.get(code)?.[el]);
        if (v !== null) compared++;
      });
    });
    expect(compared).toBe(dbPrev.length);
  });

  it('lets only an admin download the template', async () => {
    expect((await app.inject({ url: `/api/periods/${PERIOD}/template.xlsx` })).statusCode).toBe(401);
    const leader = await login(app, 'lanhdao');
    expect((await app.inject({ url: `/api/periods/${PERIOD}/template.xlsx`, headers: { cookie: leader.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/periods/khong-co/template.xlsx`, headers: { cookie: admin.cookie } })).statusCode).toBe(404);
  });

  it('dry run of the filled template: the summary is right and nothing is written', async () => {
    // fill it as a clerk would: about 5% above last quarter, some cells typed as Vietnamese text
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    const codes = (ws.getRow(2).values as unknown[]).slice(3) as string[];
    expected = new Map();
    ws.eachRow((row, i) => {
      if (i < 3) return;
      const code = String(row.getCell(1).value);
      const prev = previous.get(code) ?? {};
      if (code === '23536') return; // Xã Mô Rai leaves its row empty: no figure, no change
      const rec: Record<string, number> = {};
      codes.forEach((el, k) => {
        const p = prev[el];
        let v: number;
        if (el === 'dossiers_digitised_pct') v = 90 + (Number(code) % 10) + 0.5;
        else if (el === 'villages') v = p ?? 10;
        else if (el === 'cdt_village_teams') v = Math.min(prev.villages ?? 10, p ?? 5);
        else if (el === 'dossiers_online') v = Math.round((prev.dossiers_received ?? 1000) * 1.05 * 0.6);
        else if (el === 'dossiers_on_time') v = Math.round((prev.dossiers_resolved ?? 900) * 1.05 * 0.9);
        else if (el === 'bdhvs_certificates') v = Math.round((prev.bdhvs_learners ?? 500) * 1.05 * 0.5);
        else v = Math.round((p ?? 1000) * 1.05);
        rec[el] = v;
        const cell = row.getCell(3 + k);
        // a few cells as text the way people type them
        if (el === 'budget_requested_vnd' && code === '21211') cell.value = '7.630.404.000';
        else if (el === 'dossiers_digitised_pct' && code === '21211') cell.value = '95,5';
        else cell.value = v;
        if (code === '21211' && el === 'budget_requested_vnd') rec[el] = 7630404000;
        if (code === '21211' && el === 'dossiers_digitised_pct') rec[el] = 95.5;
      });
      // Xã Xốp: dossiers received four times last quarter → a warning, never a block
      if (code === '23356') {
        const k = codes.indexOf('dossiers_received');
        const v = Math.round((prev.dossiers_received ?? 100) * 4) + 1;
        row.getCell(3 + k).value = v;
        rec.dossiers_received = v;
      }
      expected.set(code, rec);
    });
    filled = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await fingerprint();
    const res = await dryRun({ name: 'so-lieu-q4.xlsx', bytes: filled });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.dryRun).toBe(true);
    expect(body.unknownColumns).toEqual([]);
    const cells = [...expected.values()].reduce((n, r) => n + Object.keys(r).length, 0);
    expect(body.summary).toEqual({ create: cells, update: 0, unchanged: 0, rejected: 0, rows: 95, rowsRejected: 0, communes: 95 });
    expect(body.problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
    const jump = body.problems.find((p: { commune: string; element: string }) => p.commune === '23356' && p.element === 'dossiers_received');
    expect(jump).toMatchObject({ level: 'warning', column: 'C (Số hồ sơ TTHC tiếp nhận (số))' });
    expect(jump.message).toContain('Gấp hơn 3 lần kỳ trước');
    expect(body.importId).toBeUndefined();
    expect(await fingerprint()).toEqual(before);
  });

  it('never approves by default: approving needs the confirmation of what the dry run counted', async () => {
    const before = await fingerprint();
    const refused = await commit({ name: 'so-lieu-q4.xlsx', bytes: filled }, { mode: 'approved' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CONFIRM_APPROVAL');
    expect(refused.json().message).toContain('duyệt 95 biểu mẫu (trong đó 95 xã chưa tự nộp');
    const dry = await dryRun({ name: 'so-lieu-q4.xlsx', bytes: filled }, { mode: 'approved' });
    const approval = dry.json().approval;
    expect(approval).toMatchObject({ forms: 95, notSubmitted: 95, overdue: 0 });
    expect(approval.communes).toHaveLength(95);
    expect(approval.communes[0]).toMatchObject({ state: 'chưa bắt đầu', required: ELEMENTS.length });
    const wrong = await commit({ name: 'so-lieu-q4.xlsx', bytes: filled }, { mode: 'approved', confirm: '12' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('CONFIRM_MISMATCH');
    expect(await fingerprint()).toEqual(before);
    // the default mode puts nothing in the rankings
    expect((await dryRun({ name: 'so-lieu-q4.xlsx', bytes: filled })).json()).toMatchObject({ mode: 'submitted', approval: null });
  });

  it('commits in one go: figures published, each change audited with the import as its source, the import recorded', async () => {
    const res = await approveImport({ name: 'so-lieu-q4.xlsx', bytes: filled });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.importId).toBeGreaterThan(0);
    const cells = [...expected.values()].reduce((n, r) => n + Object.keys(r).length, 0);
    expect(body.summary.create).toBe(cells);

    const rows = await q<{ code: string; element: string; value: string; source: string }>(
      `select c.code, e.code as element, v.value::text, v.source from data_values v join communes c on c.id = v.commune_id join data_elements e on e.id = v.element_id join periods p on p.id = v.period_id where p.code = $1`,
      [PERIOD],
    );
    expect(rows.length).toBe(cells);
    for (const r of rows) expect(Number(r.value), `${r.code} ${r.element}`).toBe(expected.get(r.code)![r.element]);
    expect(rows.find((r) => r.code === '21211' && r.element === 'budget_requested_vnd')!.value).toBe('7630404000');

    const audit = await q<{ n: number; ids: number }>(
      `select count(*)::int as n, count(distinct import_id)::int as ids from audit_log a join periods p on p.id = a.period_id where p.code = $1 and a.how = 'import' and a.element_id is not null and a.import_id = $2`,
      [PERIOD, body.importId],
    );
    expect(audit[0]).toEqual({ n: cells, ids: 1 });
    const [imp] = await q<{ file_name: string; file_sha256: string; mode: string; imported_by: string; counts: { create: number } }>(
      'select file_name, file_sha256, mode, imported_by, counts from imports where id = $1',
      [body.importId],
    );
    expect(imp).toMatchObject({ file_name: 'so-lieu-q4.xlsx', mode: 'approved', imported_by: 'admin' });
    expect(imp.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imp.counts.create).toBe(cells);
    // the Sở vouches: each imported commune's report stands approved
    const [{ approved }] = await q<{ approved: number }>(
      `select count(*)::int as approved from submissions s join periods p on p.id = s.period_id where p.code = $1 and s.status = 'approved'`,
      [PERIOD],
    );
    expect(approved).toBe(95);
    const list = await app.inject({ url: `/api/periods/${PERIOD}/imports`, headers: { cookie: admin.cookie } });
    expect(list.json().imports[0]).toMatchObject({ id: body.importId, fileName: 'so-lieu-q4.xlsx', mode: 'approved' });
  });

  it('exports the rankings to xlsx and reads the same numbers back, stored as numbers', async () => {
    const res = await app.inject({ url: `/api/periods/${PERIOD}/rankings.xlsx` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const api = (await app.inject({ url: `/api/rankings?period=${PERIOD}&indicator=online_filing_rate` })).json();
    const ws = wb.getWorksheet('Tỷ lệ hồ sơ trực tuyến')!;
    expect(String(ws.getCell('A1').value)).toContain('Tỷ lệ hồ sơ trực tuyến');
    expect(String(ws.getCell('A2').value)).toMatch(/Quý IV\/2026 \(nhập thử\) — Số liệu đến ngày \d{2}\/\d{2}\/\d{4}/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    let seen = 0;
    api.rows.forEach((r: { communeCode: string; value: number | null; rank: number | null }, i: number) => {
      const row = ws.getRow(5 + i);
      expect(row.getCell(2).value).toBe(r.communeCode);
      expect(row.getCell(1).value ?? null).toBe(r.rank);
      expect(row.getCell(6).value ?? null).toBe(r.value);
      if (r.value !== null) {
        expect(typeof row.getCell(6).value).toBe('number');
        expect(row.getCell(6).numFmt).toBe('0.0"%"');
        seen++;
      }
    });
    expect(seen).toBe(95);
    // our own figures: Tịnh Khê's online rate is what we put in
    const tk = expected.get('21211')!;
    const tkRow = api.rows.find((r: { communeCode: string }) => r.communeCode === '21211');
    expect(tkRow.value).toBeCloseTo((tk.dossiers_online / tk.dossiers_received) * 100, 10);
  });

  it('importing the same file again changes nothing: all unchanged, no audit row', async () => {
    const before = await fingerprint();
    const res = await approveImport({ name: 'so-lieu-q4.xlsx', bytes: filled });
    expect(res.statusCode, res.body).toBe(200);
    const cells = [...expected.values()].reduce((n, r) => n + Object.keys(r).length, 0);
    expect(res.json().summary).toMatchObject({ create: 0, update: 0, unchanged: cells, rejected: 0 });
    const after = await fingerprint();
    expect(after.values).toBe(before.values);
    expect(after.audit).toBe(before.audit);
    expect(after.subs).toBe(before.subs);
    expect(Number(after.imports)).toBe(Number(before.imports) + 1); // the attempt itself is on record
  });

  it('refuses to change an approved figure ("đã duyệt, cần mở lại") but accepts unchanged ones', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    ws.eachRow((row, i) => {
      if (i >= 3 && row.getCell(1).value === '21211') row.getCell(3).value = Number(row.getCell(3).value) + 7;
    });
    const before = await fingerprint();
    const res = await approveImport({ name: 'sua.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('IMPORT_HAS_ERRORS');
    expect(body.message).toContain('Chưa ghi gì');
    const locked = body.problems.filter((p: { level: string }) => p.level === 'error');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ commune: '21211', element: 'dossiers_received' });
    expect(locked[0].message).toContain('đã duyệt, cần mở lại');
    expect(body.summary.rowsRejected).toBe(1);
    expect(await fingerprint()).toEqual(before);
  });

  describe('bad files: each refused with its message, nothing written', () => {
    const cases: [string, () => Promise<{ name: string; bytes: Buffer }>, number, RegExp][] = [
      ['over 10 MB', async () => ({ name: 'lon.csv', bytes: Buffer.alloc(10 * 1024 * 1024 + 10, 0x31) }), 413, /lớn hơn 10 MB/],
      ['not a spreadsheet (a PNG)', async () => ({ name: 'anh.xlsx', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]) }), 400, /không phải bảng tính/],
      ['not a spreadsheet (binary)', async () => ({ name: 'x.bin', bytes: randomBytes(2000) }), 400, /không phải bảng tính/],
      ['not a spreadsheet (a Word file)', async () => ({ name: 'bao-cao.docx', bytes: (await app.inject({ url: '/api/periods/q3-2026/report.docx' })).rawPayload }), 400, /không phải bảng tính|Không đọc được tệp Excel/],
      ['empty (0 bytes)', async () => ({ name: 'rong.csv', bytes: Buffer.alloc(0) }), 400, /rỗng/],
      ['empty sheet', async () => ({ name: 'rong.xlsx', bytes: await xlsxOf(() => {}) }), 400, /không có dữ liệu/],
      ['header only', async () => ({ name: 'tieu-de.csv', bytes: Buffer.from('Mã xã,Tên xã,dossiers_received\r\n21211,Xã Tịnh Khê,\r\n') }), 400, /không có dòng số liệu/],
      [
        'password-protected (an OLE container with an EncryptedPackage stream)',
        async () => ({ name: 'mat-khau.xlsx', bytes: encryptedLike() }),
        400,
        /đặt mật khẩu/,
      ],
      ['an old .xls', async () => ({ name: 'cu.xls', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000)]) }), 400, /\.xls/],
      [
        'merged header cells',
        async () => ({
          name: 'gop.xlsx',
          bytes: await xlsxOf((ws) => {
            ws.addRow(['Mã xã', 'Tên xã', 'Hồ sơ', null]);
            ws.addRow(['ma_xa', 'ten_xa', 'dossiers_received', 'dossiers_online']);
            ws.addRow(['21211', 'Xã Tịnh Khê', 100, 50]);
            ws.mergeCells('C1:D1');
          }),
        }),
        400,
        /ô gộp \(C1:D1\)/,
      ],
      ['no header row at all', async () => ({ name: 'so.csv', bytes: Buffer.from('1,2\r\n3,4\r\n') }), 400, /Không tìm thấy dòng tiêu đề/],
    ];
    for (const [what, make, status, message] of cases) {
      it(what, async () => {
        const file = await make();
        const before = await fingerprint();
        for (const send of [dryRun, commit]) {
          const res = await send(file);
          expect(res.statusCode, res.body).toBe(status);
          expect(res.json().message).toMatch(message);
        }
        expect(await fingerprint()).toEqual(before);
      });
    }

    const rowCases: [string, () => Promise<{ name: string; bytes: Buffer }>, RegExp][] = [
      [
        'formulas with errors',
        async () => ({
          name: 'cong-thuc.xlsx',
          bytes: await xlsxOf((ws) => {
            ws.addRow(['Mã xã', 'Tên xã', 'dossiers_received', 'dossiers_online']);
            ws.addRow(['21034', 'Xã An Phú', { formula: '1/0', result: { error: '#DIV/0!' } }, 10]);
            ws.addRow(['21025', 'Phường Cẩm Thành', 100, { formula: 'Sheet2!A1', result: { error: '#REF!' } }]);
          }),
        }),
        /#DIV\/0!.*#REF!/s,
      ],
      [
        'unknown columns (listed)',
        async () => ({ name: 'la.csv', bytes: Buffer.from('Mã xã,Số lượt truy cập,dossiers_received\r\n21034,5,100\r\n') }),
        /Không nhận ra cột "Số lượt truy cập"/,
      ],
      [
        'no column naming the commune (listed for mapping)',
        async () => ({ name: 'khong-xa.csv', bytes: Buffer.from('Đơn vị báo cáo,dossiers_received\r\nXã Tịnh Khê,2\r\n') }),
        /Không có cột "Mã xã" hoặc "Tên xã"/,
      ],
      [
        'duplicate commune rows',
        async () => ({ name: 'trung.csv', bytes: Buffer.from('Tên xã,dossiers_received\r\nXã An Phú,100\r\nAN PHU,120\r\n') }),
        /Xã An Phú có hai dòng \(dòng 2 và dòng 3\)/,
      ],
      [
        'not a number, and a check that fails',
        async () => ({ name: 'sai.csv', bytes: Buffer.from('Mã xã,dossiers_received,dossiers_online,dossiers_digitised_pct\r\n21034,khoảng mấy trăm,10,50\r\n21025,100,150,130\r\n') }),
        /^(?=[\s\S]*"khoảng mấy trăm" không phải là số)(?=[\s\S]*lớn hơn số hồ sơ tiếp nhận)(?=[\s\S]*từ 0 đến 100%)/,
      ],
      [
        'figures beyond their plausible limit (issue 10): 50 000 000 dossiers, and 1e308 in an Excel cell',
        async () => ({
          name: 'thua-so-0.xlsx',
          bytes: await xlsxOf((ws) => {
            ws.addRow(['Mã xã', 'Tên xã', 'dossiers_received', 'villages']);
            ws.addRow(['21034', 'Xã An Phú', 50_000_000, 12]);
            ws.addRow(['21025', 'Phường Cẩm Thành', 1e308, 2000]);
          }),
        }),
        /^(?=[\s\S]*Số hồ sơ TTHC tiếp nhận 50\.000\.000 vượt giới hạn hợp lý 1\.000\.000; kiểm tra lại)(?=[\s\S]*Số hồ sơ TTHC tiếp nhận 1e308 vượt giới hạn hợp lý 1\.000\.000)(?=[\s\S]*Số thôn, tổ dân phố 2\.000 vượt giới hạn hợp lý 200)/,
      ],
    ];
    // a fresh round: in the main one every commune's figures are now approved (and locked)
    const FRESH = 'loi-t3';
    beforeAll(() => q(`insert into periods (code, name, kind, start_date, end_date, status) values ($1, 'Tháng 3/2027', 'month', '2027-03-01', '2027-03-31', 'open')`, [FRESH]));
    for (const [what, make, message] of rowCases) {
      it(what, async () => {
        const file = await make();
        const before = await fingerprint();
        const dry = await dryRun(file, {}, FRESH);
        expect(dry.statusCode, dry.body).toBe(200);
        const errors = dry.json().problems.filter((p: { level: string }) => p.level === 'error');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.map((p: { message: string }) => p.message).join('\n')).toMatch(message);
        for (const p of errors) expect(p.row).toBeGreaterThan(0);
        const res = await commit(file, {}, FRESH);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('IMPORT_HAS_ERRORS');
        expect(res.json().problems.length).toBe(dry.json().problems.length);
        expect(await fingerprint()).toEqual(before);
      });
    }

    it('lists unknown columns for the page to offer a mapping', async () => {
      const res = await dryRun({ name: 'la.csv', bytes: Buffer.from('Mã xã,Số lượt truy cập,Điểm CĐS,dossiers_received\r\n21034,5,7,100\r\n') });
      expect(res.json().unknownColumns).toEqual(['Số lượt truy cập', 'Điểm CĐS']);
      // a file whose commune column has a name of its own: listed too, and mapped it imports
      const other = Buffer.from('Đơn vị báo cáo,dossiers_received\r\nXã An Phú,2\r\n');
      const listed = await dryRun({ name: 'khac.csv', bytes: other }, {}, FRESH);
      expect(listed.json().unknownColumns).toEqual(['Đơn vị báo cáo']);
      const mapped = await dryRun({ name: 'khac.csv', bytes: other }, { mapping: JSON.stringify({ 'Đơn vị báo cáo': '@commune_name' }) }, FRESH);
      expect(mapped.json().problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
      expect(mapped.json().summary).toMatchObject({ create: 1, rows: 1 });
    });
  });

  describe('CSV as Excel saves it, and communes by name', () => {
    const csv = [
      'STT;Tên đơn vị;Số hồ sơ TTHC tiếp nhận;Số hồ sơ tiếp nhận trực tuyến;Tỷ lệ hồ sơ được số hóa (%)',
      '1;TINH KHE;3.781;3.276;86,6',
      '2;Phường Trương Quang Trọng;"1.200";"900";"99,5"',
      '3;xã  an   phú;không có;0;100',
    ].join('\r\n');

    async function period(code: string) {
      await q(`insert into periods (code, name, kind, start_date, end_date, deadline, status) values ($1, $1, 'month', '2027-01-01', '2027-01-31', '2027-02-05', 'open')`, [code]);
    }

    it('reads Windows-1258 (Excel on a Vietnamese Windows), ";" separators and Vietnamese numbers; "TINH KHE" is Xã Tịnh Khê', async () => {
      await period('csv-1258');
      const bytes = iconv.encode(toWindows1258(csv), 'windows1258');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
      const dry = await dryRun({ name: 'excel-1258.csv', bytes }, {}, 'csv-1258');
      expect(dry.statusCode, dry.body).toBe(200);
      // warnings (a jump against last month, far from similar communes) may come; errors may not
      expect(dry.json().problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
      expect(dry.json().summary).toMatchObject({ create: 9, rows: 3, rowsRejected: 0 });
      const res = await approveImport({ name: 'excel-1258.csv', bytes }, {}, 'csv-1258');
      expect(res.statusCode, res.body).toBe(200);
      const rows = await q<{ code: string; element: string; value: string }>(
        `select c.code, e.code as element, v.value::text from data_values v join communes c on c.id = v.commune_id join data_elements e on e.id = v.element_id join periods p on p.id = v.period_id where p.code = 'csv-1258' order by 1, 2`,
      );
      const byKey = Object.fromEntries(rows.map((r) => [`${r.code}.${r.element}`, Number(r.value)]));
      expect(byKey).toEqual({
        '21211.dossiers_received': 3781,
        '21211.dossiers_online': 3276,
        '21211.dossiers_digitised_pct': 86.6,
        '21172.dossiers_received': 1200,
        '21172.dossiers_online': 900,
        '21172.dossiers_digitised_pct': 99.5,
        '21034.dossiers_received': 0,
        '21034.dossiers_online': 0,
        '21034.dossiers_digitised_pct': 100,
      });
    });

    it('reads UTF-8 with a BOM the same way', async () => {
      await period('csv-bom');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
      const dry = await dryRun({ name: 'bom.csv', bytes }, {}, 'csv-bom');
      // the month before now has figures: jumps and outliers may be warned about, never blocked
      expect(dry.json().problems.filter((p: { level: string }) => p.level === 'error')).toEqual([]);
      expect(dry.json().summary).toMatchObject({ create: 9, rows: 3 });
      expect(dry.json().columns.map((c: { role: string }) => c.role)).toEqual(['ignore', 'communeName', 'element', 'element', 'element']);
    });

    it('calls an ambiguous or unknown name an error, never a guess', async () => {
      await period('csv-ten');
      const bytes = Buffer.from('Tên xã,dossiers_received\r\nSON HA,10\r\nXã Sơn Hạ,11\r\nXã Không Có,12\r\n');
      const res = await dryRun({ name: 'ten.csv', bytes }, {}, 'csv-ten');
      const p = res.json().problems;
      expect(p).toHaveLength(2);
      expect(p[0]).toMatchObject({ row: 2, column: 'A (Tên xã)', level: 'error' });
      expect(p[0].message).toContain('khớp với nhiều đơn vị (');
      expect(p[0].message).toMatch(/Xã Sơn Hà.*Xã Sơn Hạ|Xã Sơn Hạ.*Xã Sơn Hà/);
      expect(p[1]).toMatchObject({ row: 4 });
      expect(p[1].message).toContain('Không tìm thấy');
      expect(res.json().summary).toMatchObject({ create: 1, rejected: 2, rows: 3, rowsRejected: 2 });
    });
  });

  // The real reports (test data only; absent outside this workspace): a clerk copies figures into
  // a sheet exactly as the reports write them — "3.781", "7.630.404.000 đồng" — under Vietnamese headers.
  const REPORTS = fileURLToPath(new URL('../../../shared/reports/', import.meta.url));
  it.skipIf(!existsSync(REPORTS))('imports figures copied as written in the real commune reports', async () => {
    // NFC: the reports mix precomposed letters with combining tone marks ("trư" + U+0323)
    const moCay = readFileSync(path.join(REPORTS, 'xa-mo-cay-2025-nq57.txt'), 'utf8').normalize('NFC');
    const khanhCuong = readFileSync(path.join(REPORTS, 'xa-khanh-cuong-2025-annual.txt'), 'utf8').normalize('NFC');
    // the last time a report states a figure is its latest (Mỏ Cày gives its Bình dân học vụ số
    // results at 03/11 and again at 18/11/2025)
    const grab = (text: string, re: RegExp) => {
      const all = [...text.matchAll(new RegExp(re.source, 'g'))];
      expect(all.length, String(re)).toBeGreaterThan(0);
      return all.at(-1)![1];
    };
    const received = grab(moCay, /Tổng số lượng hồ sơ tiếp nhận: ([\d.]+) hồ sơ/);
    const online = grab(moCay, /tiếp nhận trực\s+tuyến: ([\d.]+) hồ sơ/);
    const learners = grab(moCay, /Số học viên tham gia: ([\d.]+) học viên/);
    const certificates = grab(moCay, /Số chứng nhận đạt được: ([\d.]+) giấy/);
    const budget = grab(khanhCuong, /tổng kinh phí là ([\d.]+ đồng)/);
    expect([received, online, learners, certificates, budget]).toEqual(['3.781', '3.276', '4.365', '2.993', '7.630.404.000 đồng']);
    await q(`insert into periods (code, name, kind, start_date, end_date, status) values ('bao-cao-that', 'Năm 2027 (thử)', 'year', '2027-01-01', '2027-12-31', 'open')`);
    const csv = [
      'Tên xã;Số hồ sơ TTHC tiếp nhận;Số hồ sơ tiếp nhận trực tuyến;Số người học Bình dân học vụ số;Số chứng nhận Bình dân học vụ số;Kinh phí đề xuất',
      `Mỏ Cày;${received};${online};${learners};${certificates};`,
      `KHANH CUONG;;;;;${budget}`,
    ].join('\r\n');
    const res = await approveImport({ name: 'chep-tu-bao-cao.csv', bytes: Buffer.from(csv) }, {}, 'bao-cao-that');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await q<{ code: string; element: string; value: string }>(
      `select c.code, e.code as element, v.value::text from data_values v join communes c on c.id = v.commune_id join data_elements e on e.id = v.element_id join periods p on p.id = v.period_id where p.code = 'bao-cao-that'`,
    );
    expect(Object.fromEntries(rows.map((r) => [`${r.code}.${r.element}`, r.value]))).toEqual({
      '21421.dossiers_received': '3781',
      '21421.dossiers_online': '3276',
      '21421.bdhvs_learners': '4365',
      '21421.bdhvs_certificates': '2993',
      '21472.budget_requested_vnd': '7630404000',
    });
  });

  describe('saved column mappings for files from other systems', () => {
    const platform = 'Đơn vị,Số tài khoản học,Số chứng nhận,Xếp hạng\r\nXã Tịnh Khê,4365,2993,11\r\nXã Mỏ Cày,1200,800,20\r\n';

    it('saves a mapping by name, lists it, and imports the next file with it', async () => {
      await q(`insert into periods (code, name, kind, start_date, end_date, status) values ('bdhvs-t1', 'Tháng 1/2027', 'month', '2027-01-01', '2027-01-31', 'open')`);
      const without = await dryRun({ name: 'bdhvs.csv', bytes: Buffer.from(platform) }, {}, 'bdhvs-t1');
      expect(without.statusCode, without.body).toBe(200);
      expect(without.json().unknownColumns).toEqual(['Số tài khoản học', 'Số chứng nhận', 'Xếp hạng']);
      expect(without.json().summary.create).toBe(0);

      const body = { name: 'Bình dân học vụ số — theo xã', columns: { 'Đơn vị': '@commune_name', 'Số tài khoản học': 'bdhvs_learners', 'Số chứng nhận': 'bdhvs_certificates', 'Xếp hạng': '' } };
      const saved = await app.inject({ method: 'POST', url: '/api/import-mappings', headers: admin.headers, payload: body });
      expect(saved.statusCode, saved.body).toBe(200);
      const list = await app.inject({ url: '/api/import-mappings', headers: { cookie: admin.cookie } });
      expect(list.json().mappings.map((m: { name: string }) => m.name)).toContain(body.name);

      const withMapping = await approveImport({ name: 'bdhvs.csv', bytes: Buffer.from(platform) }, { mapping: body.name }, 'bdhvs-t1');
      expect(withMapping.statusCode, withMapping.body).toBe(200);
      expect(withMapping.json().summary).toMatchObject({ create: 4, rejected: 0 });
      const [imp] = await q<{ mapping_name: string }>('select mapping_name from imports where id = $1', [withMapping.json().importId]);
      expect(imp.mapping_name).toBe(body.name);
      // a JSON mapping sent with the file works the same, without saving
      const inline = await dryRun({ name: 'bdhvs.csv', bytes: Buffer.from(platform) }, { mapping: JSON.stringify(body.columns), mode: 'approved' }, 'bdhvs-t1');
      expect(inline.json().summary).toMatchObject({ unchanged: 4 });
    });

    it('refuses a mapping to an element that does not exist, and an unknown mapping name', async () => {
      const bad = await app.inject({ method: 'POST', url: '/api/import-mappings', headers: admin.headers, payload: { name: 'sai', columns: { A: 'khong_co' } } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('khong_co');
      const missing = await dryRun({ name: 'x.csv', bytes: Buffer.from(platform) }, { mapping: 'chưa lưu' }, 'bdhvs-t1');
      expect(missing.statusCode).toBe(404);
    });
  });

  it('mode "submitted": figures go to the commune\'s report for review, not to the rankings', async () => {
    await q(`insert into periods (code, name, kind, start_date, end_date, status) values ('nop-t2', 'Tháng 2/2027', 'month', '2027-02-01', '2027-02-28', 'open')`);
    const bytes = Buffer.from('Mã xã,dossiers_received,dossiers_online\r\n21211,300,200\r\n');
    const res = await commit({ name: 'nop.csv', bytes }, { mode: 'submitted' }, 'nop-t2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mode).toBe('submitted');
    const [sub] = await q<{ status: string }>(`select s.status from submissions s join periods p on p.id = s.period_id join communes c on c.id = s.commune_id where p.code = 'nop-t2' and c.code = '21211'`);
    expect(sub.status).toBe('submitted');
    const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from data_values v join periods p on p.id = v.period_id where p.code = 'nop-t2'`);
    expect(n).toBe(0);
    const bad = await commit({ name: 'nop.csv', bytes }, { mode: 'ngay' }, 'nop-t2');
    expect(bad.statusCode).toBe(400);
  });

  it('in the open demo round: an import never makes an overdue commune on time, and says the figures are the Sở\'s', async () => {
    // Tháng 10/2026 (deadline 10/11/2026): two communes that have not submitted, past the deadline
    const late = await q<{ code: string }>(
      `select c.code from communes c where not exists (select 1 from submissions s join periods p on p.id = s.period_id where p.code = 'm10-2026' and s.commune_id = c.id) order by c.code limit 2`,
    );
    const [a, b] = late.map((r) => r.code);
    const progress = async () => (await app.inject({ url: '/api/periods/m10-2026/completeness', headers: { cookie: admin.cookie } })).json();
    const before = await progress();
    const rowOf = (p: { rows: { communeCode: string }[] }, code: string) => p.rows.find((r) => r.communeCode === code) as Record<string, unknown>;
    expect(rowOf(before, a)).toMatchObject({ status: 'not_started', timeliness: 'overdue', late: true });
    const csv = Buffer.from(`Mã xã,dossiers_received,dossiers_online\r\n${a},300,200\r\n${b},120,60\r\n`);

    // the default: the forms go up for review; nobody submitted them, and they stay late
    const res = await commit({ name: 'tong-hop-thang-10.csv', bytes: csv }, {}, 'm10-2026');
    expect(res.statusCode, res.body).toBe(200);
    const after = await progress();
    for (const code of [a, b]) {
      const row = rowOf(after, code);
      expect(row).toMatchObject({ status: 'submitted', submittedAt: null, timeliness: 'late', late: true });
      expect(row.source).toMatchObject({ fileName: 'tong-hop-thang-10.csv' });
    }
    expect(after.counts.late).toBe(before.counts.late);
    expect(after.counts.reported).toBe(before.counts.reported + 2);
    // the officer's form says where the figures came from
    const form = (await app.inject({ url: `/api/periods/m10-2026/submissions/${a}`, headers: { cookie: admin.cookie } })).json();
    expect(form).toMatchObject({ status: 'submitted', firstSubmittedAt: null, timeliness: { kind: 'late' }, source: { fileName: 'tong-hop-thang-10.csv' } });

    // approving through an import names what it approves: not submitted by the commune, unfinished (2/22 fields)
    const dry = (await dryRun({ name: 'tong-hop-thang-10.csv', bytes: Buffer.from(`Mã xã,dossiers_resolved\r\n${a},250\r\n`) }, { mode: 'approved' }, 'm10-2026')).json();
    expect(dry.approval).toMatchObject({ forms: 1, notSubmitted: 0, unfinished: 1 });
    expect(dry.approval.communes[0]).toMatchObject({ communeCode: a, state: 'đã nộp', filled: 3, required: 22 });
  });

  it('refuses an import into a closed round', async () => {
    const res = await dryRun({ name: 'x.csv', bytes: Buffer.from('Mã xã,dossiers_received\r\n21211,1\r\n') }, {}, 'q3-2026');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('đã đóng');
  });

  it('is for admins only: anonymous 401, leader and commune officer 403, no CSRF token 403; nothing written', async () => {
    const file = { name: 'x.csv', bytes: Buffer.from('Mã xã,dossiers_received\r\n21034,1\r\n') };
    const before = await fingerprint();
    expect((await post(`/api/periods/${PERIOD}/imports`, multipart(file), null)).statusCode).toBe(401);
    for (const user of ['lanhdao', 'xa.tinhkhe']) {
      const s = await login(app, user);
      const res = await post(`/api/periods/${PERIOD}/imports`, multipart(file), s);
      expect(res.statusCode).toBe(403);
    }
    const noCsrf = await app.inject({ method: 'POST', url: `/api/periods/${PERIOD}/imports`, ...multipart(file), headers: { ...multipart(file).headers, cookie: admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const s = await login(app, 'lanhdao');
    expect((await app.inject({ method: 'POST', url: '/api/import-mappings', headers: s.headers, payload: { name: 'x', columns: { a: '' } } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/import-mappings' })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });

  it('builds every commune\'s check context at once exactly as the submissions service does one by one', async () => {
    const rounds = await q<{ id: number; code: string }>(`select id, code from periods where code = any($1::text[]) or status = 'open'`, [[PERIOD, 'q3-2026', 'year-2025', 'q1-2026']]);
    expect(rounds.length).toBeGreaterThanOrEqual(4);
    // a third of the communes (all three types among them): the one-by-one side is ~10 queries each
    const communes = (await q<{ id: number; type: string }>('select id, type from communes order by id')).filter((c, i) => i % 3 === 0 || c.type !== 'xã');
    const key = (p: PeerFigure) => (typeof p === 'number' ? `${p}` : `${p.value}|${p.population}`);
    const sorted = (c: CheckContext) => ({
      ...c,
      peers: Object.fromEntries(Object.entries(c.peers ?? {}).map(([k, v]) => [k, [...v].sort((a, b) => key(a).localeCompare(key(b)))])),
    });
    for (const r of rounds) {
      const bulk = await loadCheckContexts(writeContext(ctx().database.db), r.id);
      for (const c of communes) {
        // one context per commune, as a form's read makes it
        const one = (await loadCheckContext(writeContext(ctx().database.db), r.id, c.id)).context;
        expect(sorted(bulk.get(c.id)!), `${r.code} commune ${c.id}`).toEqual(sorted(one));
      }
    }
  }, 180_000);

  it('answers a request without a file, or not multipart, in Vietnamese', async () => {
    const none = await post(`/api/periods/${PERIOD}/imports?dryRun=true`, multipart(null, { mode: 'approved' }));
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('Chưa chọn tệp');
    const json = await app.inject({ method: 'POST', url: `/api/periods/${PERIOD}/imports?dryRun=true`, headers: admin.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('multipart');
  });
});

/**
 * Text as Windows-1258 spells it: the letters â ă ê ô ơ ư đ are single bytes, the five tones are
 * combining marks after the letter (the code page has no "ệ"). This is what Excel on a Vietnamese
 * Windows writes when it saves as CSV.
 */
function toWindows1258(s: string): string {
  const LETTER_MARKS = /[\u0302\u0306\u031b]/;
  return [...s.normalize('NFD').matchAll(/\P{M}\p{M}*/gu)]
    .map(([g]) => {
      const marks = [...g.slice(1)];
      const base = (g[0] + marks.filter((m) => LETTER_MARKS.test(m)).join('')).normalize('NFC');
      return base + marks.filter((m) => !LETTER_MARKS.test(m)).join('');
    })
    .join('');
}

/**
 * What Office writes for a password-protected .xlsx: an OLE compound file whose directory names
 * an "EncryptedPackage" stream (names are UTF-16LE). Enough of its shape for the check that
 * matters: the signature, and the stream name in the directory.
 */
function encryptedLike(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const dir = Buffer.alloc(512);
  Buffer.from('EncryptionInfo', 'utf16le').copy(dir, 0);
  Buffer.from('EncryptedPackage', 'utf16le').copy(dir, 128);
  return Buffer.concat([header, dir, randomBytes(4096)]);
}
