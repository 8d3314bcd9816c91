// Issue 6, files out: the rankings workbook and CSV hold exactly the API's numbers (as numbers),
// the raw figures export imports back unchanged, and the Word report opens with a docx reader,
// in the administrative layout, its tables holding the numbers of /api/rankings.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { beforeAll, expect, it } from 'vitest';
import { coverageLabel, formatNumber, formatValue, formatVnd, parseCsv } from '@nq57/shared';
import type { CompositeResponse, OverviewResponse, RankingsResponse } from '@nq57/shared/schemas';
import { vnDateLine } from '../src/services/export/layout';
import { valuesCsv } from '../src/services/export/values';
import { READ_LIMITS } from '../src/services/import/limits';
import { unzip } from '../src/services/import/xlsx-package';
import { describeEachEngine, login, multipart } from './helpers';

const PERIOD = 'q3-2026';

/** One entry of a zip (a .docx is one), through the importer's own zip reader. */
function unzipEntry(zip: Buffer, name: string): string {
  const entry = unzip(zip, READ_LIMITS).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} not in the zip`);
  return entry.data.toString('utf8');
}

/** The tables of mammoth's HTML as arrays of cell texts. */
function tables(html: string): string[][][] {
  const strip = (s: string) =>
    s
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, t]) =>
    [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, r]) => [...r.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(([, c]) => strip(c))),
  );
}

/** Our CSV read back by the one reader the importer uses (shared parseCsv), after checking its BOM. */
function csvRows(buf: Buffer): string[][] {
  const text = buf.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // BOM, so Excel on Windows shows the diacritics
  return parseCsv(text, ',');
}

describeEachEngine('exports: Excel, CSV and the Word report', (ctx) => {
  /**
   * Imports an exported file into an open round, approved at once: the dry run, then the commit
   * confirming the number of forms the dry run said it would approve. Answers the commit.
   */
  async function importApproved(round: string, name: string, bytes: Buffer, headers: Record<string, string>) {
    const send = (dryRun: boolean, confirm?: string) => {
      const body = multipart({ name, bytes }, { mode: 'approved', ...(confirm ? { confirm } : {}) });
      return ctx().app.inject({ method: 'POST', url: `/api/periods/${round}/imports${dryRun ? '?dryRun=true' : ''}`, payload: body.payload, headers: { ...headers, ...body.headers } });
    };
    const dry = await send(true);
    expect(dry.statusCode, dry.body).toBe(200);
    const done = await send(false, String(dry.json().approval.forms));
    expect(done.statusCode, done.body).toBe(200);
    return done;
  }

  const get = (url: string, headers: Record<string, string> = {}) => ctx().app.inject({ url, headers });
  const api = async <T>(url: string) => (await get(url)).json() as T;
  let indicators: { code: string; name: string }[];

  beforeAll(async () => {
    indicators = (await api<{ indicators: { code: string; name: string }[] }>('/api/indicators')).indicators;
  });

  it('rankings.xlsx: a sheet per indicator and one for the composite index, the API numbers stored as numbers', async () => {
    const res = await get(`/api/periods/${PERIOD}/rankings.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('xep-hang-q3-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // a sheet per indicator the round collects (Quý III/2026 does not ask for budget requests)
    const collected = (await Promise.all(indicators.map((i) => api<RankingsResponse>(`/api/rankings?period=${PERIOD}&indicator=${i.code}`)))).filter((r) => r.indicator.collected);
    expect(collected.length).toBeLessThan(indicators.length);
    expect(wb.worksheets.length).toBe(collected.length + 1);
    expect(wb.worksheets.some((w) => String(w.getCell('A1').value).includes('Kinh phí đề xuất'))).toBe(false);
    expect(wb.worksheets[0].name).toBe('Chỉ số tổng hợp');
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
      expect(String(ws.getCell('A2').value)).toMatch(/^Quý III\/2026 — Số liệu đến ngày \d{2}\/\d{2}\/\d{4} — Chưa công bố$/);
      expect(ws.getCell('A4').value).toBe('Hạng');
      expect(ws.name.length).toBeLessThanOrEqual(31);
    }
    for (const { indicator: ind } of collected) {
      const ws = wb.worksheets.find((w) => w.getCell('A1').value === `Xếp hạng: ${ind.name}`)!;
      expect(ws, ind.code).toBeDefined();
      const r = await api<RankingsResponse>(`/api/rankings?period=${PERIOD}&indicator=${ind.code}`);
      r.rows.forEach((row, i) => {
        const x = ws.getRow(5 + i);
        expect(x.getCell(2).value).toBe(row.communeCode);
        expect(x.getCell(1).value ?? null).toBe(row.rank);
        expect(x.getCell(6).value ?? null, `${ind.code} ${row.communeCode}`).toBe(row.value);
        if (row.value !== null) expect(typeof x.getCell(6).value).toBe('number');
      });
      const total = ws.getRow(5 + r.rows.length);
      expect(total.getCell(3).value).toBe('Toàn tỉnh');
      expect(total.getCell(6).value ?? null).toBe(r.province.value);
    }
    const c = await api<CompositeResponse>(`/api/rankings/composite?period=${PERIOD}`);
    const ws = wb.worksheets[0];
    c.rows.forEach((row, i) => {
      expect(ws.getRow(5 + i).getCell(2).value).toBe(row.communeCode);
      expect(ws.getRow(5 + i).getCell(6).value ?? null).toBe(row.score);
    });
    expect(ws.getRow(5).getCell(6).numFmt).toBe('0.0');
    // coverage beside every score: k/n indicators and the share of the weight
    c.rows.forEach((row, i) => {
      expect(ws.getRow(5 + i).getCell(9).value).toBe(`${row.indicatorsReported}/${row.indicatorsApplicable}`);
      expect(ws.getRow(5 + i).getCell(10).value).toBeCloseTo(row.coverage * 100, 9);
    });
  });

  it('rankings.csv (and rankings.xlsx?format=csv): UTF-8 with BOM, Vietnamese headers, the same numbers', async () => {
    const res = await get(`/api/periods/${PERIOD}/rankings.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = csvRows(res.rawPayload);
    expect(rows[0].slice(0, 6)).toEqual(['Chỉ tiêu', 'Mã chỉ tiêu', 'Đơn vị', 'Hạng', 'Mã xã', 'Tên xã']);
    const notCollected = (await Promise.all(indicators.map((i) => api<RankingsResponse>(`/api/rankings?period=${PERIOD}&indicator=${i.code}`)))).filter((r) => !r.indicator.collected);
    expect(notCollected.length).toBeGreaterThan(0);
    expect(rows.length - 1).toBe(96 * (indicators.length - notCollected.length + 1));
    expect(rows.some((x) => x[13] === 'Không thu kỳ này' || x[13] === 'Chưa báo cáo' && notCollected.some((n) => n.indicator.code === x[1]))).toBe(false);
    const r = await api<RankingsResponse>(`/api/rankings?period=${PERIOD}&indicator=on_time_rate`);
    const mine = rows.filter((x) => x[1] === 'on_time_rate');
    expect(mine.length).toBe(96);
    mine.forEach((x, i) => {
      expect(x[4]).toBe(r.rows[i].communeCode);
      const v = r.rows[i].value;
      if (v === null) expect(x[8]).toBe('');
      else expect(Number(x[8])).toBeCloseTo(v, 6);
    });
    const one = csvRows((await get(`/api/periods/${PERIOD}/rankings.csv?indicator=on_time_rate`)).rawPayload);
    expect(one.length - 1).toBe(96);
    const alt = await get(`/api/periods/${PERIOD}/rankings.xlsx?format=csv`);
    expect(alt.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRows(alt.rawPayload).length).toBe(rows.length);
    expect((await get(`/api/periods/${PERIOD}/rankings.csv?indicator=khong_co`)).statusCode).toBe(404);
  });

  it('the "Huyện cũ" column reads the district names, not the catalogue string (Xã Đông Sơn spans two)', async () => {
    const label = 'Huyện Bình Sơn, Thành phố Quảng Ngãi';
    const csv = csvRows((await get(`/api/periods/${PERIOD}/rankings.csv`)).rawPayload);
    const col = csv[0].indexOf('Huyện cũ');
    expect(col).toBe(7);
    const dongSon = csv.filter((x) => x[4] === '21109');
    // the composite and every indicator the round collects (Quý III/2026 asks for no budget)
    const collected = (await Promise.all(indicators.map((i) => api<RankingsResponse>(`/api/rankings?period=${PERIOD}&indicator=${i.code}`)))).filter((r) => r.indicator.collected);
    expect(dongSon.length).toBe(collected.length + 1);
    for (const x of dongSon) expect(x[col]).toBe(label);
    for (const x of csv.slice(1)) expect(x[col]).not.toMatch(/[;()]/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(`/api/periods/${PERIOD}/rankings.xlsx`)).rawPayload as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      expect(ws.getRow(4).getCell(5).value).toBe('Huyện cũ');
      let found = 0;
      ws.eachRow((row, n) => {
        if (n <= 4) return;
        expect(String(row.getCell(5).value ?? '')).not.toMatch(/[;()]/);
        if (row.getCell(2).value === '21109') {
          expect(row.getCell(5).value).toBe(label);
          found++;
        }
      });
      expect(found, ws.name).toBe(1);
    }
  });

  it('values.csv and values.xlsx: every published figure of the round, and nothing else', async () => {
    const values = await api<{ values: { communeCode: string; element: string; value: number }[] }>(`/api/values?period=${PERIOD}`);
    const expected = new Map(values.values.map((v) => [`${v.communeCode}.${v.element}`, v.value]));
    // a title line above the table says which release the figures are (or that none is published)
    const csv = csvRows((await get(`/api/periods/${PERIOD}/values.csv`)).rawPayload);
    expect(csv[0]).toEqual(['Số liệu đã duyệt Quý III/2026 — Chưa công bố']);
    expect(csv[1].slice(0, 2)).toEqual(['Mã xã', 'Tên xã, phường, đặc khu']);
    const res = await get(`/api/periods/${PERIOD}/values.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('Số liệu đã duyệt Quý III/2026 — Chưa công bố');
    const codes = (ws.getRow(3).values as unknown[]).slice(3) as string[];
    const seen = { csv: 0, xlsx: 0 };
    expect(csv.length - 2).toBe(96);
    csv.slice(2).forEach((row, i) => {
      const x = ws.getRow(4 + i);
      expect(x.getCell(1).value).toBe(row[0]);
      codes.forEach((el, k) => {
        const want = expected.get(`${row[0]}.${el}`);
        expect(row[2 + k] === '' ? undefined : Number(row[2 + k]), `${row[0]} ${el}`).toBe(want);
        expect(x.getCell(3 + k).value ?? undefined).toBe(want);
        if (want !== undefined) {
          seen.csv++;
          seen.xlsx++;
        }
      });
    });
    const asked = values.values.filter((v) => codes.includes(v.element)).length;
    expect(seen.csv).toBe(asked);
    expect(asked).toBe(values.values.length);
  });

  it('values.xlsx and values.csv import back into an open round figure for figure', async () => {
    const admin = await login(ctx().app, 'admin');
    const q = ctx().database.query.bind(ctx().database);
    for (const [code, file] of [
      ['lai-xlsx', 'values.xlsx'],
      ['lai-csv', 'values.csv'],
    ]) {
      await q(`insert into periods (code, name, kind, start_date, end_date, status) values ($1, $1, 'year', '2027-01-01', '2027-12-31', 'open')`, [code]);
      const bytes = (await get(`/api/periods/${PERIOD}/${file}`)).rawPayload;
      const res = await importApproved(code, file, bytes, admin.headers);
      const [{ n, same }] = await q<{ n: number; same: number }>(
        `select count(*)::int as n, count(*) filter (where a.value = b.value)::int as same
         from data_values a join periods pa on pa.id = a.period_id
         left join data_values b on b.commune_id = a.commune_id and b.element_id = a.element_id and b.period_id = (select id from periods where code = $2)
         join data_elements e on e.id = a.element_id
         where pa.code = $1 and not e.computed`,
        [PERIOD, code],
      );
      expect(res.json().summary.create, file).toBe(n);
      expect(same, file).toBe(n);
    }
  }, 120_000);

  it('report.docx opens with a docx reader: administrative layout, and its tables hold the API numbers', async () => {
    // the annual round: budget requests come with the longer rounds, and it carries three real reports
    const REPORT = 'year-2025';
    const started = Date.now();
    const res = await get(`/api/periods/${REPORT}/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(20_000); // "a few seconds"; measured properly in npm run bench files
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value: html } = await mammoth.convertToHtml({ buffer: res.rawPayload });
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    for (const s of [
      'UBND TỈNH QUẢNG NGÃI',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '/BC-SKHCN',
      'BÁO CÁO',
      'I. TÌNH HÌNH BÁO CÁO',
      'II. KẾT QUẢ CHỦ YẾU TOÀN TỈNH',
      'III. XẾP HẠNG',
      'IV. CÁC ĐƠN VỊ CẦN QUAN TÂM',
      'V. KINH PHÍ CÁC XÃ ĐỀ XUẤT',
      'Nơi nhận:',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).toMatch(/Quảng Ngãi, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);

    const overview = await api<OverviewResponse>(`/api/overview?period=${REPORT}`);
    // the count of /tien-do and the overview, in the same words
    expect(text).toContain(`Có ${overview.communesReported}/${overview.communesTotal} đơn vị đã báo cáo`);
    expect(text).toContain(`${overview.communesApproved} đơn vị đã được duyệt`);
    for (const n of overview.notReported) expect(text).toContain(n.communeName);

    const t = tables(html);
    // II: the province against the previous round
    const province = t.find((x) => x[0][1] === 'Chỉ tiêu')!;
    for (const x of overview.indicators) {
      const row = province.find((r) => r[1].startsWith(x.indicator.name))!;
      expect(row, x.indicator.code).toBeDefined();
      expect(row[2]).toBe(formatValue(x.province.value, x.indicator.unit));
      expect(row[3]).toBe(formatValue(x.previous?.value ?? null, x.indicator.unit));
      // the change carries the sign of the difference, and a change that rounds to nothing has none
      const cur = x.province.value;
      const prev = x.previous?.value ?? null;
      if (cur !== null && prev !== null) {
        expect(row[4]).not.toMatch(/^[+−]0(,0)?( |$)/);
        if (/[1-9]/.test(row[4])) expect(row[4].startsWith(cur > prev ? '+' : '−'), `${x.indicator.code}: ${row[4]}`).toBe(true);
      } else expect(row[4]).toBe('—');
    }
    // III: the top and bottom five of each indicator of the index, as /api/rankings ranks them
    const composite = await api<CompositeResponse>(`/api/rankings/composite?period=${REPORT}`);
    const inIndex = composite.indicators.filter((i) => (composite.weights[i.code] ?? 0) > 0);
    expect(inIndex.length).toBeGreaterThan(3);
    const rankingTables = t.filter((x) => x[0][0].startsWith('Hạng (dẫn đầu)'));
    expect(rankingTables.length).toBe(1 + inIndex.length);
    const compositeTable = rankingTables[0];
    const rankedComposite = composite.rows.filter((r) => r.rank !== null);
    // every score beside its coverage, in the web's words: "k/n chỉ tiêu · p% trọng số"
    const scored = (r: CompositeResponse['rows'][number]) => `${formatNumber(r.score, 1)} (${coverageLabel(r)})`;
    rankedComposite.slice(0, 10).forEach((r, i) => {
      expect(compositeTable[1 + i].slice(0, 3)).toEqual([String(r.rank), r.communeName, scored(r)]);
    });
    rankedComposite
      .slice(-10)
      .reverse()
      .forEach((r, i) => expect(compositeTable[1 + i].slice(3, 6)).toEqual([String(r.rank), r.communeName, scored(r)]));
    expect(compositeTable[1][2]).toMatch(/^\d+,\d \(\d+\/\d+ chỉ tiêu · \d+% trọng số\)$/);
    // IV: the lowest scores too
    const lowest = rankedComposite.slice(-5).reverse();
    expect(text).toContain(`- Điểm tổng hợp thấp nhất: ${lowest.map((r) => `${r.communeName} (${formatNumber(r.score, 1)} điểm; ${coverageLabel(r)})`).join(', ')}.`);
    await Promise.all(
      inIndex.map(async (ind, k) => {
        const r = await api<RankingsResponse>(`/api/rankings?period=${REPORT}&indicator=${ind.code}`);
        const ranked = r.rows.filter((x) => x.rank !== null);
        const tableK = rankingTables[1 + k];
        ranked.slice(0, 5).forEach((x, i) => expect(tableK[1 + i].slice(0, 3), ind.code).toEqual([String(x.rank), x.communeName, formatValue(x.value, ind.unit)]));
        ranked
          .slice(-5)
          .reverse()
          .forEach((x, i) => expect(tableK[1 + i].slice(3, 6), ind.code).toEqual([String(x.rank), x.communeName, formatValue(x.value, ind.unit)]));
      }),
    );
    // V: the total budget requested
    const budget = await api<RankingsResponse>(`/api/rankings?period=${REPORT}&indicator=budget_requested_vnd`);
    expect(text).toContain(`đề xuất: ${formatVnd(budget.province.numerator)}`);

    // A4, margins of Nghị định 30 (top/bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 14
    const doc = unzipEntry(res.rawPayload, 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    const styles = unzipEntry(res.rawPayload, 'word/styles.xml');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
  });

  it('report.docx of a round that does not collect budget requests says so, with no empty rows', async () => {
    const res = await get(`/api/periods/${PERIOD}/report.docx`);
    expect(res.statusCode).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(text).toContain('Kỳ Quý III/2026 không yêu cầu các đơn vị báo cáo kinh phí đề xuất.');
    expect(text).toContain('Kỳ này không thu số liệu của các chỉ tiêu: Kinh phí đề xuất');
    const { value: html } = await mammoth.convertToHtml({ buffer: res.rawPayload });
    const province = tables(html).find((x) => x[0][1] === 'Chỉ tiêu')!;
    expect(province.some((row) => row[1].startsWith('Kinh phí đề xuất'))).toBe(false);
  });

  it('report.docx: an indicator the round does not collect is not among those whose targets every commune missed (section IV)', async () => {
    // Quý IV/2026 does not ask for the KH02 criteria; the Sở imports Quý III's figures into it and approves them
    const ROUND = 'q4-2026';
    const admin = await login(ctx().app, 'admin');
    const { elements } = await api<{ elements: { code: string; computed: boolean }[] }>('/api/indicators');
    const asked = elements.filter((e) => !e.computed && !e.code.startsWith('kh02_')).map((e) => e.code);
    const open = await ctx().app.inject({
      method: 'POST',
      url: '/api/periods',
      payload: { code: ROUND, name: 'Quý IV/2026', kind: 'quarter', startDate: '2026-10-01', endDate: '2026-12-31', deadline: '2027-01-10', elements: asked },
      headers: admin.headers,
    });
    expect(open.statusCode, open.body).toBe(201);
    const bytes = (await get(`/api/periods/${PERIOD}/values.csv`)).rawPayload;
    await importApproved(ROUND, 'values.csv', bytes, admin.headers);

    const composite = await api<CompositeResponse>(`/api/rankings/composite?period=${ROUND}&inputs=true`);
    const withTarget = composite.indicators.filter((i) => i.target !== null && (composite.weights[i.code] ?? 0) > 0);
    const notCollected = withTarget.filter((i) => !i.collected);
    const collected = withTarget.filter((i) => i.collected);
    expect(notCollected.map((i) => i.code)).toEqual(['kh02_criteria_rate']);
    expect(composite.rankedCount).toBeGreaterThan(80);
    const res = await get(`/api/periods/${ROUND}/report.docx`);
    expect(res.statusCode).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    const line = text.split('\n').find((l) => l.startsWith('- Chưa đạt mục tiêu ở tất cả'));
    expect(line).toBeDefined();
    expect(line).not.toContain(notCollected[0].name);
    // the communes below every target the round collects, read from the composite's inputs
    const values = new Map((composite.inputs?.current ?? []).map((x) => [x.communeCode, x.values]));
    const below = composite.rows
      .filter((r) =>
        collected.every((i) => {
          const x = values.get(r.communeCode)?.[i.code]?.value;
          return x !== null && x !== undefined && (i.direction === 'higher' ? x < i.target! : x > i.target!);
        }),
      )
      .map((r) => r.communeName);
    expect(line).toBe(
      `- Chưa đạt mục tiêu ở tất cả ${collected.length} chỉ tiêu có mục tiêu trong chỉ số tổng hợp kỳ này thu (${collected.map((i) => i.name).join('; ')}): ${below.length ? below.join(', ') : 'không có'}.`,
    );
  }, 120_000);

  it('answers an unknown round with 404 in Vietnamese', async () => {
    for (const f of ['rankings.xlsx', 'rankings.csv', 'values.csv', 'values.xlsx', 'report.docx']) {
      const res = await get(`/api/periods/khong-co/${f}`);
      expect(res.statusCode, f).toBe(404);
      expect(res.json().message).toContain('Không có kỳ báo cáo');
    }
  });
});

describeEachEngine(
  'exports when reading needs a sign-in',
  (ctx) => {
    it('refuses anonymous readers and serves signed-in ones', async () => {
      for (const f of ['rankings.xlsx', 'rankings.csv', 'values.csv', 'values.xlsx', 'report.docx']) {
        expect((await ctx().app.inject({ url: `/api/periods/${PERIOD}/${f}` })).statusCode, f).toBe(401);
      }
      const leader = await login(ctx().app, 'lanhdao');
      const res = await ctx().app.inject({ url: `/api/periods/${PERIOD}/rankings.xlsx`, headers: { cookie: leader.cookie } });
      expect(res.statusCode).toBe(200);
    });
  },
  { env: { READ_REQUIRES_LOGIN: 'true' } },
);

// The files are dated by the app's one clock (BuildOptions.now), as the file cache's day and who
// is overdue are: a server whose clock is fixed (a test, a rehearsal) writes that day everywhere.
describeEachEngine(
  "exports dated by the app's clock",
  (ctx) => {
    it('an open round\'s workbook says "Số liệu đến ngày" the app\'s day, and the Word report is dated that day', async () => {
      // Tháng 10/2026 is open: its figures have no date of their own yet
      const xlsx = await ctx().app.inject('/api/periods/m10-2026/rankings.xlsx');
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      for (const ws of wb.worksheets) expect(String(ws.getCell('A2').value), ws.name).toContain('Số liệu đến ngày 10/11/2026');
      const docx = await ctx().app.inject('/api/periods/m10-2026/report.docx');
      expect(docx.statusCode).toBe(200);
      const { value: text } = await mammoth.extractRawText({ buffer: docx.rawPayload });
      expect(text).toContain('Quảng Ngãi, ngày 10 tháng 11 năm 2026');
      expect(text).toContain('số liệu đến ngày 10/11/2026');
    });

    it("the raw figures' workbook and the import template say they were made at the app's time", async () => {
      const admin = await login(ctx().app, 'admin');
      for (const url of ['/api/periods/q3-2026/values.xlsx', '/api/periods/m10-2026/template.xlsx']) {
        const res = await ctx().app.inject({ url, headers: { cookie: admin.cookie } });
        expect(res.statusCode, url).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        expect(wb.created?.toISOString(), url).toBe('2026-11-10T02:00:00.000Z');
      }
    });
  },
  { now: () => new Date('2026-11-10T09:00:00+07:00') },
);

it('/api/values?format=csv is written like every CSV of ours: three decimals get a fourth zero, a ";" is quoted (decision 008)', () => {
  const text = valuesCsv({
    period: { code: 'q3-2026', name: 'Quý III/2026', dataAsOf: null },
    values: [
      { communeCode: '21211', communeName: 'Xã Tịnh Khê', element: 'online_payment_pct', value: 86.625, approximate: false, asOf: null, source: 'form', note: 'a; b', updatedAt: '2026-10-01T00:00:00.000Z' },
    ],
  }).toString('utf8');
  // "86.625" would read as 86 625 in a Vietnamese Excel (and to our own importer)
  expect(text).toContain(',86.6250,');
  expect(csvRows(Buffer.from(text))[1]).toEqual(['21211', 'Xã Tịnh Khê', 'q3-2026', 'online_payment_pct', '86.6250', '0', '', 'form', 'a; b', '2026-10-01T00:00:00.000Z']);
});

it("the report's date line is the day in Quảng Ngãi (shared vnDay), zero-padded as Nghị định 30 asks", () => {
  expect(vnDateLine(new Date('2026-01-04T18:00:00Z'))).toBe('Quảng Ngãi, ngày 05 tháng 01 năm 2026'); // 01:00 on the 5th in Vietnam
  expect(vnDateLine(new Date('2026-12-31T17:00:00Z'))).toBe('Quảng Ngãi, ngày 01 tháng 01 năm 2027');
  expect(vnDateLine(new Date('2026-11-22T03:00:00Z'))).toBe('Quảng Ngãi, ngày 22 tháng 11 năm 2026');
});
