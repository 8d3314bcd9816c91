// Each commune's contacts: the demo's (reserved .example addresses only), one commune saved from
// the admin page, the import from a spreadsheet (CSV or xlsx: all or nothing, every error named by
// row and column in Vietnamese), the CSV that imports back unchanged, and who may do what; then
// the official reminder letter to the overdue communes. The app's clock is fixed: who is overdue,
// and the letter's date, never depend on the day the test runs.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { beforeAll, expect, it } from 'vitest';
import { csvText } from '@nq57/shared';
import { describeEachEngine, type Session } from './helpers';
import { multipart } from './helpers';
import { caller, fingerprint, sessions, vietnamese, type Who } from './workflow-helpers';

/** "today" for the app: ten days after the demo's Tháng 10/2026 deadline (10/11/2026), before Quý IV/2026's (10/01/2027) */
const NOW = new Date('2026-11-20T09:00:00+07:00');

describeEachEngine('contacts per commune, and the reminder letter', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;
  const contactsFingerprint = async () =>
    (await ctx().database.query<{ h: string }>(`select md5(coalesce(string_agg(commune_id || ':' || coalesce(ubnd_email, '') || coalesce(ubnd_phone, '') || coalesce(officer_name, '') || coalesce(officer_email, '') || coalesce(officer_phone, ''), ',' order by commune_id), '')) as h from commune_contacts`))[0].h;
  const upload = (file: { name: string; bytes: Buffer }, dryRun: boolean, s: Session | null = who.admin) =>
    ctx().app.inject({ method: 'POST', url: `/api/contacts/import${dryRun ? '?dryRun=true' : ''}`, ...(() => {
      const body = multipart(file);
      return { payload: body.payload, headers: { ...body.headers, ...(s ? s.headers : {}) } };
    })() });
  const csv = (rows: unknown[][]) => ({ name: 'lien-he.csv', bytes: Buffer.from(csvText(rows)) });

  beforeAll(async () => {
    who = await sessions(ctx().app);
  });

  it('every commune has demo contacts, all under the reserved .example domain', async () => {
    const { contacts } = await call(who.leader, 'GET', '/api/contacts', undefined, 200);
    expect(contacts).toHaveLength(96);
    for (const c of contacts) {
      expect(c.ubndEmail).toMatch(/@quangngai\.example$/);
      expect(c.officerEmail).toMatch(/@quangngai\.example$/);
      expect(c.ubndPhone).toMatch(/^0(255|260)0\d{6}$/);
      expect(c.officerName).toMatch(/^\S+ \S+ \S+$/);
    }
    expect(contacts.find((c: { commune: string }) => c.commune === '21211')).toMatchObject({ communeName: 'Xã Tịnh Khê', ubndEmail: 'ubnd.tinhkhe@quangngai.example', updatedBy: 'demo' });
  });

  it('saves one commune, normalising what was typed; refuses a bad e-mail or phone naming the field, writing nothing', async () => {
    const saved = await call(who.admin, 'PUT', '/api/contacts/21211', { ubndEmail: 'VanThu@TinhKhe.Example', ubndPhone: '(0255) 3822 123', officerName: ' Nguyễn  Thị Hoa ', officerEmail: '', officerPhone: '+84 905 123 456' }, 200);
    expect(saved).toMatchObject({ commune: '21211', ubndEmail: 'VanThu@tinhkhe.example', ubndPhone: '02553822123', officerName: 'Nguyễn Thị Hoa', officerEmail: null, officerPhone: '0905123456', updatedBy: 'admin' });
    const before = [await contactsFingerprint(), await fingerprint(ctx().database)];
    const bad = await call(who.admin, 'PUT', '/api/contacts/21211', { ubndEmail: 'vanthu.tinhkhe', officerPhone: '12345' }, 400);
    expect(bad.message).toContain('E-mail UBND "vanthu.tinhkhe" không phải địa chỉ e-mail');
    expect(bad.message).toContain('Điện thoại cán bộ "12345" không phải số điện thoại Việt Nam');
    await call(who.admin, 'PUT', '/api/contacts/99999', { ubndEmail: 'a@b.example' }, 404);
    await call(who.leader, 'PUT', '/api/contacts/21211', { ubndEmail: 'a@b.example' }, 403);
    await call(who.tinhKhe, 'PUT', '/api/contacts/21211', { ubndEmail: 'a@b.example' }, 403);
    await call({ ...who.admin, headers: { cookie: who.admin.cookie } }, 'PUT', '/api/contacts/21211', { ubndEmail: 'a@b.example' }, 403);
    await call(null, 'PUT', '/api/contacts/21211', { ubndEmail: 'a@b.example' }, 401);
    await call(who.tinhKhe, 'GET', '/api/contacts', undefined, 403);
    await call(null, 'GET', '/api/contacts', undefined, 401);
    expect([await contactsFingerprint(), await fingerprint(ctx().database)]).toEqual(before);
  });

  it('imports a CSV: a dry run writes nothing, the import writes the listed columns only', async () => {
    const file = csv([
      ['Mã xã', 'Tên xã', 'Điện thoại UBND', 'Cán bộ phụ trách', 'SĐT cán bộ', 'Ghi chú'],
      ['23356', 'Xã Xốp', '0260 3 812 345', 'A Thị Hồng', '0914 222 333', 'đã xác minh'],
      ['', 'xa mo cay', '0255.3846.999', 'Lê Văn Tám', '0935111222', ''],
    ]);
    const before = await contactsFingerprint();
    const dry = await upload(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, changed: 2, unchanged: 0, ignoredColumns: ['Ghi chú'] });
    expect(await contactsFingerprint()).toBe(before);
    const done = await upload(file, false);
    expect(done.json()).toMatchObject({ dryRun: false, changed: 2, communes: [{ commune: '23356', change: 'update' }, { commune: '21421', communeName: 'Xã Mỏ Cày', change: 'update' }] });
    const xop = (await call(who.admin, 'GET', '/api/contacts', undefined, 200)).contacts.find((c: { commune: string }) => c.commune === '23356');
    // the columns the file has replace; the e-mails, which it does not have, stay
    expect(xop).toMatchObject({ ubndPhone: '02603812345', officerName: 'A Thị Hồng', officerPhone: '0914222333', ubndEmail: 'ubnd.xop@quangngai.example' });
  });

  it('refuses a file with one bad row, naming each error by row and column, and writes nothing', async () => {
    const before = await contactsFingerprint();
    const res = await upload(
      csv([
        ['Mã xã', 'Tên xã', 'E-mail UBND', 'Điện thoại UBND'],
        ['21211', 'Xã Tịnh Khê', 'ubnd@tinhkhe.example', '0255 3822 123'],
        ['21421', 'Xã Mỏ Cày', 'ubnd-mocay', '0255 3846'],
        ['', 'Xã Không Có', 'x@y.example', ''],
        ['21211', '', 'lai@tinhkhe.example', ''],
        ['', 'Xã Ba To', '', ''],
      ]),
      false,
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('CONTACTS_HAVE_ERRORS');
    expect(body.message).toMatch(/chưa ghi gì/);
    expect(body.problems).toEqual([
      { row: 3, column: 'E-mail UBND', message: 'E-mail UBND "ubnd-mocay" không phải địa chỉ e-mail (dạng ten@donvi.gov.vn)' },
      { row: 3, column: 'Điện thoại UBND', message: expect.stringContaining('Điện thoại UBND "0255 3846" không phải số điện thoại Việt Nam') },
      { row: 4, column: null, message: 'Không tìm thấy xã, phường, đặc khu tên "Xã Không Có"' },
      { row: 5, column: null, message: 'Xã Tịnh Khê đã có ở dòng 2: mỗi xã một dòng' },
      { row: 6, column: null, message: expect.stringContaining('khớp với nhiều đơn vị') },
    ]);
    expect(await contactsFingerprint()).toBe(before);
    const noHeader = await upload(csv([['a', 'b'], ['1', '2']]), true);
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().message).toContain('Không tìm thấy dòng tiêu đề');
    expect((await upload(csv([['Mã xã', 'E-mail UBND']]), true)).json().problems[0].message).toContain('không có dòng nào');
    expect((await upload(csv([['Mã xã', 'E-mail UBND']]), true, who.leader)).statusCode).toBe(403);
  });

  it('imports an xlsx whose phone cells Excel turned into numbers; the CSV export imports back unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Liên hệ');
    ws.addRow(['Danh sách cán bộ phụ trách chuyển đổi số']);
    ws.addRow(['Mã xã', 'Tên xã', 'Email cán bộ', 'Điện thoại cán bộ']);
    ws.addRow([21211, 'Xã Tịnh Khê', 'hoa.nguyen@tinhkhe.example', 905123457]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload({ name: 'lien-he.xlsx', bytes }, false);
    expect(res.statusCode, res.body).toBe(200);
    const tk = (await call(who.admin, 'GET', '/api/contacts', undefined, 200)).contacts.find((c: { commune: string }) => c.commune === '21211');
    expect(tk).toMatchObject({ officerEmail: 'hoa.nguyen@tinhkhe.example', officerPhone: '0905123457' });

    const exported = await ctx().app.inject({ url: '/api/contacts?format=csv', headers: { cookie: who.admin.cookie } });
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body.split('\r\n')[0]).toBe('\ufeffMã xã,Tên xã,E-mail UBND,Điện thoại UBND,Cán bộ phụ trách,E-mail cán bộ,Điện thoại cán bộ');
    const back = await upload({ name: 'lien-he.csv', bytes: exported.rawPayload }, true);
    expect(back.json()).toMatchObject({ rows: 96, changed: 0, unchanged: 96 });
  });

  it('the reminder letter: a Word letter to the overdue communes, each with its days overdue and what is missing', async () => {
    const progress = await call(who.leader, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    const overdue = progress.rows.filter((r: { timeliness: string }) => r.timeliness === 'overdue');
    const res = await ctx().app.inject({ url: '/api/periods/m10-2026/reminder-letter.docx', headers: { cookie: who.leader.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('cong-van-don-doc-m10-2026.docx');
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    for (const s of ['UBND TỈNH QUẢNG NGÃI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số:        /SKHCN-KH&ĐMST', 'V/v đôn đốc báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW kỳ Tháng 10/2026', 'Quảng Ngãi, ngày 20 tháng 11 năm 2026', 'Kính gửi:', 'hạn nộp ngày 10/11/2026', 'Nơi nhận:', 'GIÁM ĐỐC']) {
      expect(text).toContain(s);
    }
    expect(overdue[0].daysLate).toBe(10);
    expect(text).toContain(`Đến ngày 20/11/2026, còn ${overdue.length}/96 đơn vị chưa nộp báo cáo, đã quá hạn 10 ngày`);
    for (const r of overdue) expect(text).toContain(r.communeName);
    expect(text).toContain('Chưa nhập số liệu (0/');
    expect(text).toMatch(/Đã nhập \d+\/\d+ số liệu, chưa nộp/);
    // a returned report was first submitted: it is not overdue, and not addressed (decision 010)
    expect(text).not.toContain('Xã Xốp');
    // a commune that has reported is not addressed
    expect(text).not.toContain('Xã Khánh Cường');
    await call(who.tinhKhe, 'GET', '/api/periods/m10-2026/reminder-letter.docx', undefined, 403);
    // a closed round, and a round nobody is late in yet: nothing to chase
    expect((await call(who.admin, 'GET', '/api/periods/q3-2026/reminder-letter.docx', undefined, 409)).message).toContain('đã đóng');
    await call(who.admin, 'POST', '/api/periods', { code: 'q4-2026', name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10' }, 201);
    expect((await call(who.admin, 'GET', '/api/periods/q4-2026/reminder-letter.docx', undefined, 409)).message).toContain('chưa có đơn vị nào quá hạn');
  });
}, { now: () => NOW });
