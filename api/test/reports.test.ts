// Issue 11, the API of the report reader: a commune's narrative report uploaded as .txt, .docx or
// .pdf is read into proposals traceable to their sentence, stored with its text, and writes no
// figure; every bad file is refused in Vietnamese with nothing written; the figures a person
// accepts go into the commune's form through the form's own save (checks, versions, audit).
import { existsSync, readFileSync } from 'node:fs';
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Value } from 'typebox/value';
import { ReportReadOut, type ReportAccepted, type ReportReadOut as ReadOut } from '@nq57/shared/schemas';
import { joinWrappedLines, readReport } from '@nq57/shared';
import { readCatalogue } from '../src/seed/catalogue';
import { createReadSandbox, DEFAULT_LIMITS } from '../src/services/reports/sandbox';
import { describeEachEngine, multipart, type Session } from './helpers';
import { makePdf, wrap, type PdfLine } from './pdf';
import { fingerprint, sessions, type Who } from './workflow-helpers';

const REPORTS_DIR = new URL('../../../shared/reports/', import.meta.url);
const REPORTS: { code: string; file: string }[] = [
  { code: '23356', file: 'xa-xop-2025-annual.txt' },
  { code: '21472', file: 'xa-khanh-cuong-2025-annual.txt' },
  { code: '21421', file: 'xa-mo-cay-2025-nq57.txt' },
];
const realReports = existsSync(REPORTS_DIR);
const reportText = (file: string) => readFileSync(new URL(file, REPORTS_DIR), 'utf8');

/** The figures written out by hand from the three reports (what a correct proposal must be). */
const realFigures: { reports: { communeCode: string; figures: { element: string; value: number; alsoStated?: number[] }[] }[] } = JSON.parse(
  readFileSync(new URL('../../seed/real-figures.json', import.meta.url), 'utf8'),
);

/** A short synthetic report (no real report needed): a header that names Xốp, then figures. */
const SHORT = [
  'ỦY BAN NHÂN DÂN',
  'XÃ XỐP',
  'Xốp, ngày 06 tháng 12 năm 2025',
  'BÁO CÁO',
  'Kết quả thực hiện Nghị quyết số 57-NQ/TW năm 2025',
  'Trong năm 2025, Trung tâm Phục vụ hành chính công xã đã tiếp nhận 3.781 hồ sơ, trong đó 3.276 hồ sơ nộp trực tuyến.',
  'Xã thành lập 01 Tổ công nghệ số cộng đồng xã và 11 Tổ công nghệ số cộng đồng tại 11/11 thôn.',
  'Nền tảng Bình dân học vụ số có 3.118 học viên tham gia học tập.',
].join('\n');

async function docxOf(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** A report as a PDF: paragraphs wrapped at ~90 characters, 45 lines a page, a page number at the foot. */
function pdfOf(text: string): Buffer {
  const lines = text
    .split('\n')
    .filter((p) => p.trim())
    .flatMap((p) => wrap(p, 90));
  const pages: PdfLine[][] = [];
  for (let i = 0; i < lines.length; i += 45) {
    const page: PdfLine[] = lines.slice(i, i + 45).map((text) => ({ text, size: 12, gap: 16 }));
    page.push({ text: String(pages.length + 1), size: 10, gap: 30 });
    pages.push(page);
  }
  return makePdf(pages);
}

/** Every proposal reads back from the text it came with: the figure inside its sentence. */
function assertTraceable(r: ReadOut) {
  expect(Value.Check(ReportReadOut, r), JSON.stringify([...Value.Errors(ReportReadOut, r)].slice(0, 3))).toBe(true);
  for (const c of r.candidates) {
    expect(r.text.slice(c.quoteStart, c.quoteEnd)).toBe(c.quote);
    expect(c.start).toBeGreaterThanOrEqual(c.quoteStart);
    expect(c.end).toBeLessThanOrEqual(c.quoteEnd);
    expect(r.text.slice(c.start, c.end)).toMatch(/\d/);
  }
}

describeEachEngine('reading commune reports', (ctx) => {
  let app: FastifyInstance;
  let who: Who;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx().database.query<T>(text, params);
  const uploads = async () => Number((await q<{ n: number }>('select count(*)::int as n from report_uploads'))[0].n);

  const upload = (period: string, file: { name: string; bytes: Buffer } | null, s: Session | null, fields: Record<string, string> = {}) => {
    const body = multipart(file, fields);
    return app.inject({ method: 'POST', url: `/api/periods/${period}/reports`, payload: body.payload, headers: { ...body.headers, ...(s ? s.headers : {}) } } as InjectOptions);
  };
  const json = <T>(res: { statusCode: number; body: string; json: () => unknown }, status: number): T => {
    expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
    return res.json() as T;
  };
  const accept = (period: string, id: number, body: unknown, s: Session) =>
    app.inject({ method: 'POST', url: `/api/periods/${period}/reports/${id}/accept`, payload: body as object, headers: s.headers });

  beforeAll(async () => {
    app = ctx().app;
    who = await sessions(app);
    // an open annual round that asks for every element but the budget: proposals outside it are "không thu"
    const elements = readCatalogue()
      .elements.filter((e) => !e.computed && !e.code.startsWith('budget_'))
      .map((e) => e.code);
    json(
      await app.inject({
        method: 'POST',
        url: '/api/periods',
        headers: who.admin.headers,
        payload: { code: 'doc-2026', name: 'Năm 2026 (thử đọc báo cáo)', kind: 'year', startDate: '2026-01-01', endDate: '2026-12-31', deadline: '2027-01-15', elements },
      }),
      201,
    );
  });

  describe.skipIf(!realReports)('the three real reports, as .txt, .docx and .pdf', () => {
    for (const { code, file } of REPORTS) {
      it(`${file}: commune recognised, proposals traceable and correct, nothing written`, async () => {
        const raw = reportText(file);
        const expected = realFigures.reports.find((r) => r.communeCode === code)!.figures;
        const paragraphs = joinWrappedLines(raw).split('\n');
        const files = [
          { name: file, bytes: Buffer.from(raw, 'utf8') },
          { name: file.replace('.txt', '.docx'), bytes: await docxOf(paragraphs) },
          { name: file.replace('.txt', '.pdf'), bytes: pdfOf(raw) },
        ];
        const before = await fingerprint(ctx().database);
        const seen: Record<string, string[]> = {};
        for (const f of files) {
          const n = await uploads();
          const r = json<ReadOut>(await upload('doc-2026', f, who.admin), 200);
          expect(r.format).toBe(f.name.split('.').pop());
          expect(r.commune?.code, f.name).toBe(code);
          expect(r.detected?.code).toBe(code);
          assertTraceable(r);
          const wrong = r.candidates.filter((c) => !expected.some((e) => e.element === c.element && (e.value === c.value || (e.alsoStated ?? []).includes(c.value))));
          expect(wrong.map((c) => `${c.element}=${c.value}`), f.name).toEqual([]);
          const found = expected.filter((e) => r.candidates.some((c) => c.element === e.element && c.value === e.value)).length;
          expect(found / expected.length, f.name).toBeGreaterThanOrEqual(2 / 3);
          seen[f.name] = r.candidates.map((c) => `${c.element}=${c.value}`).sort();
          // stored: the upload and its text, exactly as answered
          expect(await uploads()).toBe(n + 1);
          const [row] = await q<{ text: string; size: number; sha256: string }>('select text, size, sha256 from report_uploads where id = $1', [r.id]);
          expect(row.text).toBe(r.text);
          expect(Number(row.size)).toBe(f.bytes.length);
          // and reopened the same
          const again = json<ReadOut>(await app.inject({ url: `/api/periods/doc-2026/reports/${r.id}`, headers: { cookie: who.admin.cookie } }), 200);
          expect(again).toEqual(r);
        }
        // the same figures whichever way the report came
        const [txt, ...others] = Object.values(seen);
        for (const o of others) expect(o).toEqual(txt);
        expect(await fingerprint(ctx().database)).toEqual(before);
      });
    }
  });

  it('reads a round that is closed too, and the file comes back as sent', async () => {
    const bytes = await docxOf(SHORT.split('\n'));
    const r = json<ReadOut>(await upload('year-2025', { name: 'bao-cao-xop.docx', bytes }, who.xop), 200);
    expect(r.commune).toEqual({ code: '23356', name: 'Xã Xốp' });
    expect(r.candidates.map((c) => [c.element, c.value, r.text.slice(c.start, c.end)])).toEqual(
      expect.arrayContaining([
        ['dossiers_received', 3781, '3.781'],
        ['bdhvs_learners', 3118, '3.118'],
      ]),
    );
    const file = await app.inject({ url: `/api/periods/year-2025/reports/${r.id}/file`, headers: { cookie: who.xop.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-disposition']).toContain('bao-cao-xop.docx');
  });

  // Footnotes hold document numbers and figures of other scopes: never sentences of the body.
  describe('footnotes are not the body', () => {
    // read as body, this footnote would give figures (so the tests below can fail)
    const NOTE = 'Theo Quyết định số 846/QĐ-UBND ngày 12/8/2025, UBND xã thành lập 12 Tổ công nghệ số cộng đồng; nền tảng Bình dân học vụ số có 2.450 học viên.';
    it('the footnote alone would be read as figures', () => {
      const got = readReport(NOTE, readCatalogue(), { year: 2025 }).candidates.map((c) => `${c.element}=${c.value}`);
      expect(got.sort()).toEqual(['bdhvs_learners=2450', 'cdt_village_teams=12']);
    });

    it('.docx: a real footnote (its reference after a figure and after a word) is left out, its figures not proposed', async () => {
      const doc = new Document({
        footnotes: {
          1: { children: [new Paragraph(NOTE)] },
          2: { children: [new Paragraph('Số liệu năm 2024: 1.986 hồ sơ; toàn tỉnh có 150.000 học viên.')] },
        },
        sections: [
          {
            children: [
              new Paragraph('ỦY BAN NHÂN DÂN XÃ XỐP'),
              new Paragraph('Xốp, ngày 06 tháng 12 năm 2025'),
              new Paragraph({ children: [new TextRun('Trong năm 2025, Trung tâm Phục vụ hành chính công xã đã tiếp nhận 3.781'), new FootnoteReferenceRun(2), new TextRun(' hồ sơ.')] }),
              new Paragraph({ children: [new TextRun('Xã đã thành lập 11 Tổ công nghệ số cộng đồng'), new FootnoteReferenceRun(1), new TextRun(' tại 11/11 thôn.')] }),
            ],
          },
        ],
      });
      const r = json<ReadOut>(await upload('doc-2026', { name: 'chu-thich.docx', bytes: Buffer.from(await Packer.toBuffer(doc)) }, who.admin), 200);
      assertTraceable(r);
      expect(r.text).not.toMatch(/846|2\.450|1\.986|150\.000|footnote/);
      expect(r.text).toContain('3.781 hồ sơ.');
      expect(r.candidates.map((c) => `${c.element}=${c.value}`).sort()).toEqual(['cdt_village_teams=11', 'dossiers_received=3781', 'villages=11']);
    });

    it('.pdf: the footnotes at the foot of a page (smaller type, one on two lines) and their raised references are left out, their figures not proposed', async () => {
      const body = (text: string): PdfLine => ({ text, size: 12, gap: 16 });
      const pdf = makePdf([
        [
          body('ỦY BAN NHÂN DÂN XÃ XỐP'),
          body('Xốp, ngày 06 tháng 12 năm 2025'),
          body('Trong năm 2025, Trung tâm Phục vụ hành chính công xã đã tiếp nhận 3.781 hồ sơ, trong'),
          // Word prints a footnote reference raised, in smaller type, after the word it marks
          { ...body('đó 3.276 hồ sơ nộp trực tuyến. Xã đã thành lập 11 Tổ công nghệ số cộng đồng'), sup: '1' },
          { ...body('tại'), sup: '2' },
          body('11/11 thôn. Các tổ hoạt động hiệu quả, hỗ trợ người dân cài đặt ứng dụng VNeID.'),
          { text: '1 Theo Quyết định số 846/QĐ-UBND ngày 12/8/2025, UBND xã thành lập 12 Tổ công nghệ số', size: 9, gap: 60 },
          { text: 'cộng đồng; nền tảng Bình dân học vụ số có 2.450 học viên.', size: 9, gap: 11 },
          { text: '2 Số liệu năm 2024: 1.986 hồ sơ; toàn tỉnh có 150.000 học viên.', size: 9, gap: 11 },
          { text: '1', size: 10, gap: 20 },
        ],
      ]);
      const r = json<ReadOut>(await upload('doc-2026', { name: 'chu-thich.pdf', bytes: pdf }, who.admin), 200);
      assertTraceable(r);
      expect(r.text).not.toMatch(/846|2\.450|1\.986|150\.000/);
      expect(joinWrappedLines(r.text)).toContain('Xã đã thành lập 11 Tổ công nghệ số cộng đồng tại 11/11 thôn.');
      expect(r.candidates.map((c) => `${c.element}=${c.value}`).sort()).toEqual(['cdt_village_teams=11', 'dossiers_online=3276', 'dossiers_received=3781', 'villages=11']);
    });
  });

  describe('who may read', () => {
    const file = () => ({ name: 'xop.txt', bytes: Buffer.from(SHORT, 'utf8') });

    it('anonymous 401, the leader 403, an officer for another commune 403, no CSRF token 403: nothing written', async () => {
      const before = await fingerprint(ctx().database);
      const n = await uploads();
      expect((await upload('doc-2026', file(), null)).statusCode).toBe(401);
      expect(json<{ message: string }>(await upload('doc-2026', file(), who.leader), 403).message).toMatch(/chỉ được xem/);
      expect(json<{ message: string }>(await upload('doc-2026', file(), who.mocay, { commune: '23356' }), 403).message).toMatch(/xã mình/);
      const body = multipart(file());
      const noCsrf = await app.inject({ method: 'POST', url: '/api/periods/doc-2026/reports', payload: body.payload, headers: { ...body.headers, cookie: who.xop.cookie } });
      expect(noCsrf.statusCode).toBe(403);
      expect(await uploads()).toBe(n);
      expect(await fingerprint(ctx().database)).toEqual(before);
    });

    it("an officer's upload is filed under their commune, with a warning when the report names another", async () => {
      const own = json<ReadOut>(await upload('doc-2026', file(), who.xop), 200);
      expect(own.commune?.code).toBe('23356');
      expect(own.warnings.join(' ')).not.toMatch(/có vẻ là của/);
      const other = json<ReadOut>(await upload('doc-2026', file(), who.mocay), 200);
      expect(other.commune?.code).toBe('21421');
      expect(other.detected?.code).toBe('23356');
      expect(other.warnings[0]).toMatch(/có vẻ là của Xã Xốp/);
      // reopening: the officer of the commune, the admin and the leader; not another officer
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${own.id}`, headers: { cookie: who.xop.cookie } })).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${own.id}`, headers: { cookie: who.leader.cookie } })).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${own.id}`, headers: { cookie: who.tinhKhe.cookie } })).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${own.id}/file`, headers: { cookie: who.tinhKhe.cookie } })).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${own.id}` })).statusCode).toBe(401);
      expect((await app.inject({ url: `/api/periods/q3-2026/reports/${own.id}`, headers: { cookie: who.admin.cookie } })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/999999`, headers: { cookie: who.admin.cookie } })).statusCode).toBe(404);
    });
  });

  describe('bad input: a Vietnamese message, nothing written', () => {
    const cfb = (stream: string) =>
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from(stream, 'utf16le'), Buffer.alloc(500)]);
    const tcvn3 =
      'UBND x· Xèp\nThùc hiÖn NghÞ quyÕt sè 57-NQ/TW, Trung t©m Phôc vô hµnh chÝnh c«ng x· ®· tiÕp nhËn 3.781 hå s¬, trong ®ã 3.276 hå s¬ trùc tuyÕn. Ch­¬ng tr×nh chuyÓn ®æi sè n¨m 2025 ®¹t kÕt qu¶ tèt.\n';
    const cases: [string, () => Promise<{ name: string; bytes: Buffer }> | { name: string; bytes: Buffer }, number, RegExp, Record<string, string>?][] = [
      ['an empty file', () => ({ name: 'rong.docx', bytes: Buffer.alloc(0) }), 400, /rỗng/],
      ['a text of spaces only', () => ({ name: 'trang.txt', bytes: Buffer.from(' \n\n \t\n') }), 400, /không có chữ/],
      ['a PDF without a text layer (a scan)', () => ({ name: 'scan.pdf', bytes: makePdf([[], []], { noText: true }) }), 400, /Không đọc được chữ trong tệp PDF này.*hãy gửi bản Word hoặc PDF có chữ/],
      ['a PDF behind a password', () => ({ name: 'khoa.pdf', bytes: makePdf([[{ text: 'Báo cáo' }]], { encrypt: true }) }), 400, /mật khẩu/],
      ['a broken PDF', () => ({ name: 'hong.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF') }), 400, /Không đọc được tệp PDF/],
      ['an old Word .doc', () => ({ name: 'bao-cao.doc', bytes: cfb('WordDocument') }), 415, /Word đời cũ \(\.doc\).*\.docx/],
      ['an encrypted .docx', () => ({ name: 'khoa.docx', bytes: cfb('EncryptedPackage') }), 400, /mật khẩu/],
      ['a broken .docx', () => ({ name: 'hong.docx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('word/document.xml'), Buffer.alloc(300, 7)]) }), 400, /Không đọc được tệp Word/],
      ['a spreadsheet', () => ({ name: 'so-lieu.xlsx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml'), Buffer.alloc(300)]) }), 415, /bảng tính/],
      ['a photo of the pages', () => ({ name: 'anh.pdf', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 1)]) }), 415, /ảnh JPEG.*không đọc được chữ/],
      ['binary', () => ({ name: 'x.txt', bytes: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)) }), 415, /Không nhận ra loại tệp/],
      ['a TCVN3 text', () => ({ name: 'tcvn3.txt', bytes: Buffer.from(tcvn3.repeat(5), 'utf8') }), 400, /phông chữ cũ.*Unicode/],
      ['a file over 10 MB', () => ({ name: 'lon.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) }), 413, /10 MB/],
      ['a text too long to be one report', () => ({ name: 'dai.txt', bytes: Buffer.from('Xã đã tiếp nhận 12 hồ sơ. '.repeat(20_000)) }), 413, /quá dài/],
      ['an unknown commune', () => ({ name: 'xop.txt', bytes: Buffer.from(SHORT) }), 404, /Không có xã/, { commune: '99999' }],
    ];
    for (const [what, make, status, message, fields] of cases) {
      it(what, async () => {
        const before = await fingerprint(ctx().database);
        const n = await uploads();
        const res = await upload('doc-2026', await make(), who.admin, fields);
        expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
        expect(res.json().message).toMatch(message);
        expect(await uploads()).toBe(n);
        expect(await fingerprint(ctx().database)).toEqual(before);
      });
    }

    it('no file, not multipart, an unknown round', async () => {
      expect(json<{ message: string }>(await upload('doc-2026', null, who.admin), 400).message).toMatch(/Chưa chọn tệp/);
      const plain = await app.inject({ method: 'POST', url: '/api/periods/doc-2026/reports', payload: { file: 'x' }, headers: who.admin.headers });
      expect(plain.statusCode).toBe(400);
      expect(plain.json().message).toMatch(/multipart/);
      expect(json<{ message: string }>(await upload('khong-co', { name: 'a.txt', bytes: Buffer.from(SHORT) }, who.admin), 404).message).toMatch(/Không có kỳ/);
    });

    it('a reading does not hold up other requests', async () => {
      const long = Buffer.from(`UBND xã Xốp\n${'Trong năm, xã đã tiếp nhận 3.781 hồ sơ và giải quyết đúng hạn. '.repeat(5000)}`);
      let readDone = false;
      const reading = upload('doc-2026', { name: 'dai.txt', bytes: long }, who.admin).then((r) => {
        readDone = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 50));
      const health = await app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(readDone).toBe(false);
      expect((await reading).statusCode).toBe(200);
    });
  });

  describe('accepting figures into the form', () => {
    let xopRead: ReadOut;
    const form = async (period: string, commune: string, s: Session = who.admin) =>
      (await app.inject({ url: `/api/periods/${period}/submissions/${commune}`, headers: { cookie: s.cookie } })).json() as {
        version: number;
        status: string;
        values: { element: string; value: number | null }[];
      };

    beforeAll(async () => {
      xopRead = json<ReadOut>(await upload('doc-2026', { name: 'xop.docx', bytes: await docxOf(SHORT.split('\n')) }, who.xop), 200);
    });

    it('writes the chosen figures through the form: version, audit with the sentence, nothing published', async () => {
      const received = xopRead.candidates.find((c) => c.element === 'dossiers_received')!;
      const learners = xopRead.candidates.find((c) => c.element === 'bdhvs_learners')!;
      expect(received.asked && learners.asked).toBe(true);
      const published = (await fingerprint(ctx().database)).data_values;
      const before = await form('doc-2026', '23356', who.xop);
      expect(before.version).toBe(0);
      const res = json<ReportAccepted>(
        await accept('doc-2026', xopRead.id, { version: 0, figures: [{ element: 'dossiers_received', value: 3781 }, { element: 'bdhvs_learners', value: 3120 }] }, who.xop),
        200,
      );
      expect(res).toMatchObject({ commune: '23356', version: 1, status: 'draft' });
      expect(res.written.map((w) => [w.element, w.value])).toEqual([
        ['dossiers_received', 3781],
        ['bdhvs_learners', 3120],
      ]);
      const after = await form('doc-2026', '23356', who.xop);
      expect(after.version).toBe(1);
      expect(after.values.find((v) => v.element === 'dossiers_received')?.value).toBe(3781);
      expect(after.values.find((v) => v.element === 'bdhvs_learners')?.value).toBe(3120);
      // the audit names the report and the sentence, and says what the person changed
      const audit = await q<{ element: string; how: string; comment: string; report_id: number; actor: string }>(
        `select e.code as element, a.how, a.comment, a.report_id, a.actor from audit_log a join data_elements e on e.id = a.element_id
         join periods p on p.id = a.period_id where p.code = 'doc-2026' order by a.id`,
      );
      expect(audit.map((a) => [a.element, a.how, Number(a.report_id), a.actor])).toEqual([
        ['dossiers_received', 'report', xopRead.id, 'xa.xop'],
        ['bdhvs_learners', 'report', xopRead.id, 'xa.xop'],
      ]);
      expect(audit[0].comment).toContain(received.quote.replace(/\s+/g, ' ').trim());
      expect(audit[0].comment).toContain('xop.docx');
      expect(audit[1].comment).toMatch(/sửa 3\.118 thành 3\.120/);
      // shown in the audit page's API as "report"
      const list = json<{ entries: { how: string; comment: string }[] }>(
        await app.inject({ url: '/api/audit?commune=23356&period=doc-2026', headers: { cookie: who.xop.cookie } }),
        200,
      );
      expect(list.entries[0].how).toBe('report');
      // nothing reaches a ranking: the published figures are untouched
      expect((await fingerprint(ctx().database)).data_values).toBe(published);
      // reopening the read shows what was written from it
      const again = json<ReadOut>(await app.inject({ url: `/api/periods/doc-2026/reports/${xopRead.id}`, headers: { cookie: who.xop.cookie } }), 200);
      expect(again.written).toHaveLength(2);
    });

    it('refuses a stale version (409), a figure not proposed (400), one the round does not ask for (400): nothing written', async () => {
      const before = await fingerprint(ctx().database);
      const stale = json<{ code: string; message: string }>(await accept('doc-2026', xopRead.id, { version: 0, figures: [{ element: 'dossiers_online', value: 3276 }] }, who.xop), 409);
      expect(stale.code).toBe('STALE_VERSION');
      expect(stale.message).toMatch(/tải lại/);
      const notProposed = json<{ code: string }>(await accept('doc-2026', xopRead.id, { version: 1, figures: [{ element: 'dossiers_on_time', value: 5 }] }, who.xop), 400);
      expect(notProposed.code).toBe('NOT_PROPOSED');
      expect(json<{ code: string }>(await accept('doc-2026', xopRead.id, { version: 1, figures: [] }, who.xop), 400).code).toBe('BAD_REQUEST');
      expect(await fingerprint(ctx().database)).toEqual(before);
    });

    it('marks proposals the round does not ask for, and refuses to write them', async () => {
      const text = `${SHORT}\nXã đề xuất kinh phí thực hiện năm 2026 là 7.630.404.000 đồng.`;
      const r = json<ReadOut>(await upload('doc-2026', { name: 'kinh-phi.txt', bytes: Buffer.from(text) }, who.admin), 200);
      const budget = r.candidates.find((c) => c.element.startsWith('budget_'));
      expect(budget, JSON.stringify(r.candidates.map((c) => c.element))).toBeDefined();
      expect(budget!.asked).toBe(false);
      const before = await fingerprint(ctx().database);
      const { version } = await form('doc-2026', '23356');
      const res = json<{ code: string }>(await accept('doc-2026', r.id, { version, figures: [{ element: budget!.element, value: budget!.value }] }, who.admin), 400);
      expect(res.code).toBe('ELEMENT_NOT_ASKED');
      expect(await fingerprint(ctx().database)).toEqual(before);
    });

    it('as the form: a closed round 409, a submitted form 409 for its officer, another commune 403, the leader 403', async () => {
      const before = await fingerprint(ctx().database);
      const closed = json<ReadOut>(await upload('year-2025', { name: 'xop.txt', bytes: Buffer.from(SHORT) }, who.xop), 200);
      const { version: v2025 } = await form('year-2025', '23356', who.xop);
      expect(json<{ code: string }>(await accept('year-2025', closed.id, { version: v2025, figures: [{ element: 'dossiers_received', value: 3781 }] }, who.xop), 409).code).toBe('ROUND_CLOSED');
      // Mỏ Cày has submitted in Tháng 10/2026: its officer cannot change it while the Sở reviews
      const mocay = json<ReadOut>(await upload('m10-2026', { name: 'mc.txt', bytes: Buffer.from(SHORT) }, who.mocay), 200);
      const element = mocay.candidates.find((c) => c.asked)!;
      const { version: vMocay } = await form('m10-2026', '21421', who.mocay);
      expect(json<{ code: string }>(await accept('m10-2026', mocay.id, { version: vMocay, figures: [{ element: element.element, value: element.value }] }, who.mocay), 409).code).toBe('AWAITING_REVIEW');
      expect((await accept('doc-2026', xopRead.id, { version: 1, figures: [{ element: 'dossiers_online', value: 3276 }] }, who.tinhKhe)).statusCode).toBe(403);
      expect((await accept('doc-2026', xopRead.id, { version: 1, figures: [{ element: 'dossiers_online', value: 3276 }] }, who.leader)).statusCode).toBe(403);
      // reads are stored, figures are not
      const after = await fingerprint(ctx().database);
      expect(after).toEqual(before);
    });

    it('a read with no commune: the admin chooses it when accepting', async () => {
      const text = SHORT.replace('ỦY BAN NHÂN DÂN\nXÃ XỐP\nXốp, ngày 06 tháng 12 năm 2025\n', '');
      const r = json<ReadOut>(await upload('doc-2026', { name: 'khong-ten.txt', bytes: Buffer.from(text) }, who.admin), 200);
      expect(r.commune).toBeNull();
      expect(r.warnings[0]).toMatch(/Chưa nhận ra báo cáo của xã nào/);
      // only the Sở reads a report filed under no commune
      expect((await app.inject({ url: `/api/periods/doc-2026/reports/${r.id}`, headers: { cookie: who.xop.cookie } })).statusCode).toBe(403);
      const c = r.candidates.find((x) => x.element === 'dossiers_received')!;
      expect(json<{ code: string }>(await accept('doc-2026', r.id, { version: 0, figures: [{ element: c.element, value: c.value }] }, who.admin), 400).code).toBe('COMMUNE_REQUIRED');
      const { version } = await form('doc-2026', '21211');
      const res = json<ReportAccepted>(await accept('doc-2026', r.id, { version, commune: '21211', figures: [{ element: c.element, value: c.value }] }, who.admin), 200);
      expect(res.commune).toBe('21211');
      expect(res.version).toBe(version + 1);
    });
  });

  it('is documented in /docs', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>> };
    const post = doc.paths['/api/periods/{period}/reports'].post;
    expect(post.tags).toEqual(['Đọc báo cáo']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '413', '415']));
    expect(doc.paths['/api/periods/{period}/reports/{id}/accept'].post.responses).toHaveProperty('409');
  });
});

describe('the reading sandbox', () => {
  const input = { format: 'txt' as const, bytes: new Uint8Array(Buffer.from(SHORT)), catalogue: readCatalogue(), communes: [{ code: '23356', name: 'Xã Xốp' }] };

  it('reads in a worker', async () => {
    const out = await createReadSandbox().run(input);
    expect(out.reading.commune?.code).toBe('23356');
    expect(out.reading.candidates.length).toBeGreaterThan(0);
  });

  it('ends a reading that passes its time (413), and the next one runs', async () => {
    const sandbox = createReadSandbox({ ...DEFAULT_LIMITS, timeoutMs: 5 });
    await expect(sandbox.run(input)).rejects.toMatchObject({ statusCode: 413, code: 'READ_TOO_LONG' });
    expect(sandbox.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('queues readings beyond its concurrency, and says it is busy beyond its queue (503)', async () => {
    const sandbox = createReadSandbox({ ...DEFAULT_LIMITS, concurrency: 1, queue: 1 });
    const a = sandbox.run(input);
    const b = sandbox.run(input);
    await expect(sandbox.run(input)).rejects.toMatchObject({ statusCode: 503, code: 'BUSY' });
    expect(sandbox.load()).toEqual({ running: 1, waiting: 1 });
    await Promise.all([a, b]);
    expect(sandbox.load()).toEqual({ running: 0, waiting: 0 });
  });
});
