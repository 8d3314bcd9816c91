// Rankings to Excel and CSV: one sheet per indicator and one for the composite index, the
// numbers stored as numbers (a leader sorts and sums them in Excel), shown the vi-VN way.
import ExcelJS from 'exceljs';
import { coverageLabel, formatValue, publicationLine } from '@nq57/shared';
import type { CompositeResponse, RankingsResponse, ReleaseRef } from '@nq57/shared/schemas';
import type { ReleaseService } from '../releases';
import { COMMUNE_TYPE_LABEL, EXCEL_FORMAT, UNIT_LABEL, dataAsOfLine, sheetName, statusNote, toCsv } from './format';

export interface RankingsData {
  composite: CompositeResponse;
  indicators: RankingsResponse[];
}

/** The published reads an export is made from (services/releases.ts). */
export type PublishedReads = Pick<ReleaseService, 'indicatorCodes' | 'rankings' | 'composite' | 'overview'>;

/**
 * Every ranking of a round, read as the web reads it: the round's newest release by default, or
 * the release asked for (decision 019). A release's tables are the indicators it froze, not the
 * catalogue's as it is now (an indicator added since is in no release).
 */
export async function loadRankings(reads: PublishedReads, period: string, release?: number): Promise<RankingsData> {
  const composite = await reads.composite({ period, release, inputs: true });
  const indicators: RankingsResponse[] = [];
  for (const code of await reads.indicatorCodes({ period, release })) indicators.push(await reads.rankings({ period, release, indicator: code }));
  return { composite, indicators };
}

/** "xep-hang-q3-2026-cong-bo-2": a file's name says which release it holds. */
export function releaseSuffix(release: ReleaseRef | null): { file: string; vi: string } {
  return release ? { file: `-cong-bo-${release.version}`, vi: ` (Công bố lần ${release.version})` } : { file: '', vi: '' };
}

const HEADER_ROW = 4;

function titleBlock(ws: ExcelJS.Worksheet, title: string, r: Pick<RankingsResponse, 'period' | 'release' | 'comparisonWarning'>, extra: string, width: number, now: Date) {
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  // compared with a round published under another catalogue or weights: the rank changes say so (decision 019)
  const warning = r.comparisonWarning ? ` — ${r.comparisonWarning}` : '';
  ws.getCell(2, 1).value = `${r.period.name} — ${dataAsOfLine(r.period.dataAsOf, now)} — ${publicationLine(r.release)}${warning}`;
  ws.getCell(2, 1).font = { italic: true };
  ws.getCell(3, 1).value = extra;
  for (let r = 1; r <= 3; r++) ws.getRow(r).height = r === 1 ? 22 : 18;
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3, topLeftCell: `D${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }];
  ws.pageSetup = { paperSize: 9, orientation: width > 8 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
}

function headerRow(ws: ExcelJS.Worksheet, headers: { text: string; width: number }[]) {
  const row = ws.getRow(HEADER_ROW);
  headers.forEach((h, i) => {
    const c = row.getCell(i + 1);
    c.value = h.text;
    c.font = { bold: true };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = h.width;
  });
  row.height = 32;
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: headers.length } };
}

function indicatorSheet(wb: ExcelJS.Workbook, r: RankingsResponse, taken: Set<string>, now: Date) {
  const ind = r.indicator;
  const ws = wb.addWorksheet(sheetName(ind.name, taken));
  const unit = UNIT_LABEL[ind.unit];
  const province = r.province.value === null ? 'chưa có' : formatValue(r.province.value, ind.unit);
  const target = ind.target === null ? '' : ` · mục tiêu ${formatValue(ind.target, ind.unit)}`;
  const compared = r.comparedWith ? ` · so sánh hạng với ${r.comparedWith.name}` : '';
  const headers = [
    { text: 'Hạng', width: 7 },
    { text: 'Mã xã', width: 8 },
    { text: 'Tên xã, phường, đặc khu', width: 28 },
    { text: 'Loại', width: 9 },
    { text: 'Huyện cũ', width: 20 },
    { text: `Giá trị (${unit})`, width: 14 },
    { text: 'Tử số', width: 12 },
    { text: 'Mẫu số', width: 12 },
    { text: 'Hạng kỳ trước', width: 10 },
    { text: 'Tăng (+) / giảm (−) hạng', width: 12 },
    { text: 'Ghi chú', width: 22 },
  ];
  titleBlock(ws, `Xếp hạng: ${ind.name}`, r, `Toàn tỉnh: ${province} (${r.province.communes} xã)${target}${compared} · ${r.rankedCount} xã được xếp hạng`, headers.length, now);
  headerRow(ws, headers);
  const valueFormat = EXCEL_FORMAT[ind.unit];
  const partFormat = ind.kind === 'element' ? valueFormat : '#,##0';
  r.rows.forEach((row, i) => {
    const x = ws.getRow(HEADER_ROW + 1 + i);
    const note = [statusNote(row.status), row.approximate ? 'Có số liệu ước tính' : ''].filter(Boolean).join('; ');
    x.values = [
      row.rank,
      row.communeCode,
      row.communeName,
      COMMUNE_TYPE_LABEL[row.communeType] ?? row.communeType,
      row.formerDistrict,
      row.value,
      row.numerator,
      row.denominator,
      row.previousRank,
      row.rankChange,
      note || null,
    ];
    x.getCell(6).numFmt = valueFormat;
    x.getCell(7).numFmt = ind.kind === 'element' ? valueFormat : '#,##0';
    x.getCell(8).numFmt = partFormat;
    x.getCell(10).numFmt = '+0;−0;0';
  });
  // the province line under the table: Σ numerators ÷ Σ denominators, as the API computes it
  const last = ws.getRow(HEADER_ROW + 1 + r.rows.length);
  last.values = [null, null, 'Toàn tỉnh', null, null, r.province.value, r.province.numerator, r.province.denominator];
  last.font = { bold: true };
  last.getCell(6).numFmt = valueFormat;
  last.getCell(7).numFmt = ind.kind === 'element' ? valueFormat : '#,##0';
  last.getCell(8).numFmt = '#,##0';
}

function compositeSheet(wb: ExcelJS.Workbook, c: CompositeResponse, taken: Set<string>, now: Date) {
  const ws = wb.addWorksheet(sheetName('Chỉ số tổng hợp', taken));
  const weights = c.indicators
    .filter((i) => (c.weights[i.code] ?? 0) > 0)
    .map((i) => `${i.name} ${c.weights[i.code]}`)
    .join('; ');
  // an indicator the round does not collect counts for no one: no column, and the title says so
  const inds = c.indicators.filter((i) => (c.weights[i.code] ?? 0) > 0 && i.collected);
  const notCollected = c.indicators.filter((i) => (c.weights[i.code] ?? 0) > 0 && !i.collected).map((i) => i.name);
  const headers = [
    { text: 'Hạng', width: 7 },
    { text: 'Mã xã', width: 8 },
    { text: 'Tên xã, phường, đặc khu', width: 28 },
    { text: 'Loại', width: 9 },
    { text: 'Huyện cũ', width: 20 },
    { text: 'Điểm (0–100)', width: 10 },
    { text: 'Hạng kỳ trước', width: 10 },
    { text: 'Tăng (+) / giảm (−) hạng', width: 12 },
    { text: 'Chỉ tiêu có số liệu', width: 10 },
    { text: 'Trọng số có số liệu (%)', width: 10 },
    { text: 'Ghi chú', width: 18 },
    ...inds.map((i) => ({ text: `${i.name} (${UNIT_LABEL[i.unit]})`, width: 14 })),
  ];
  const rule = 'chỉ tiêu chưa báo cáo tính 0 điểm; xã có số liệu dưới một nửa trọng số không xếp hạng';
  const skipped = notCollected.length ? ` · Kỳ này không thu: ${notCollected.join('; ')}` : '';
  titleBlock(ws, 'Xếp hạng theo chỉ số tổng hợp', c, `Trọng số: ${weights}${skipped} · ${rule} · ${c.rankedCount} xã được xếp hạng`, headers.length, now);
  headerRow(ws, headers);
  const current = new Map((c.inputs?.current ?? []).map((x) => [x.communeCode, x.values]));
  c.rows.forEach((row, i) => {
    const x = ws.getRow(HEADER_ROW + 1 + i);
    const vals = current.get(row.communeCode) ?? {};
    x.values = [
      row.rank,
      row.communeCode,
      row.communeName,
      COMMUNE_TYPE_LABEL[row.communeType] ?? row.communeType,
      row.formerDistrict,
      row.score,
      row.previousRank,
      row.rankChange,
      `${row.indicatorsReported}/${row.indicatorsApplicable}`,
      row.coverage * 100,
      statusNote(row.status) || null,
      ...inds.map((ind) => vals[ind.code]?.value ?? null),
    ];
    x.getCell(6).numFmt = '0.0';
    x.getCell(8).numFmt = '+0;−0;0';
    x.getCell(10).numFmt = '0"%"';
    inds.forEach((ind, k) => (x.getCell(12 + k).numFmt = EXCEL_FORMAT[ind.unit]));
  });
}

/** `now`: the app's clock (app.now), the day an open round's figures are "đến ngày" */
export async function rankingsXlsx(data: RankingsData, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NQ57 Dashboard — Sở KH&CN Quảng Ngãi';
  wb.created = now;
  const taken = new Set<string>();
  compositeSheet(wb, data.composite, taken, now);
  // a figure the round does not ask for gets no sheet (the composite sheet's title names it)
  for (const r of data.indicators) if (r.indicator.collected) indicatorSheet(wb, r, taken, now);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One table, long form: every indicator (and the composite index) one after another. */
export function rankingsCsv(data: RankingsData, indicator?: string): Buffer {
  const head = ['Chỉ tiêu', 'Mã chỉ tiêu', 'Đơn vị', 'Hạng', 'Mã xã', 'Tên xã', 'Loại', 'Huyện cũ', 'Giá trị', 'Tử số', 'Mẫu số', 'Hạng kỳ trước', 'Thay đổi hạng', 'Ghi chú', 'Kỳ báo cáo', 'Số liệu đến ngày', 'Công bố'];
  const p = data.composite.period;
  const published = publicationLine(data.composite.release);
  const rows: unknown[][] = [head];
  if (!indicator) {
    for (const r of data.composite.rows) {
      const note = [statusNote(r.status), coverageLabel(r)].filter(Boolean).join('; ');
      rows.push(['Chỉ số tổng hợp', 'composite', 'điểm 0–100', r.rank, r.communeCode, r.communeName, r.communeType, r.formerDistrict, r.score === null ? null : round(r.score, 4), null, null, r.previousRank, r.rankChange, note, p.name, p.dataAsOf, published]);
    }
  }
  for (const ind of data.indicators) {
    if (indicator && ind.indicator.code !== indicator) continue;
    // not collected this round: no rows of "chưa báo cáo" (asked for by name, it says so once)
    if (!ind.indicator.collected && !indicator) continue;
    for (const r of ind.rows) {
      const note = [statusNote(r.status), r.approximate ? 'ước tính' : ''].filter(Boolean).join('; ');
      rows.push([ind.indicator.name, ind.indicator.code, UNIT_LABEL[ind.indicator.unit], r.rank, r.communeCode, r.communeName, r.communeType, r.formerDistrict, r.value === null ? null : round(r.value, 6), r.numerator, r.denominator, r.previousRank, r.rankChange, note, p.name, p.dataAsOf, published]);
    }
  }
  return toCsv(rows);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
