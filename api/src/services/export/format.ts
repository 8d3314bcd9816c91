// What every file the product writes shares: Vietnamese labels for units and statuses, the
// Excel display formats, the CSV file (written by shared csvText), and the download headers.
import { RANK_STATUS_LABELS, csvText, formatDate, type RankStatus, type Unit } from '@nq57/shared';
import type { FastifyReply } from 'fastify';

export const UNIT_LABEL: Record<Unit, string> = {
  count: 'số',
  percent: '%',
  vnd: 'đồng',
  boolean: 'Có = 1, Không = 0',
  per_1000: 'trên 1.000 dân',
};

/**
 * Excel number formats. The separators in a format are placeholders: Excel shows "#,##0" as
 * 3.781 on a Vietnamese Windows and 3,781 on an English one, so the number stays a number and
 * each reader sees their own convention. Percent figures are stored in percent units (86.6),
 * hence a literal "%" rather than Excel's ×100 percent format.
 */
export const EXCEL_FORMAT: Record<Unit, string> = {
  count: '#,##0',
  percent: '0.0"%"',
  vnd: '#,##0" đ"',
  boolean: '0',
  per_1000: '#,##0.0',
};

/** The note beside a row: empty when ranked, else the shared word ("Chưa báo cáo", "Không thu kỳ này"…). */
export const statusNote = (s: RankStatus): string => (s === 'ranked' ? '' : RANK_STATUS_LABELS[s]);

export const COMMUNE_TYPE_LABEL: Record<string, string> = { xã: 'Xã', phường: 'Phường', 'đặc khu': 'Đặc khu' };

/** "Số liệu đến ngày 10/10/2026": the round's date, or today when the round has none yet. */
export function dataAsOfLine(dataAsOf: string | null, now = new Date()): string {
  return `Số liệu đến ngày ${dataAsOf ? formatDate(dataAsOf) : formatDate(now)}`;
}

/** The house's CSV file (shared csvText: BOM, commas, CRLF, numbers that read back the same). */
export const toCsv = (rows: unknown[][]): Buffer => Buffer.from(csvText(rows));

/** A 31-character, Excel-legal, unique sheet name. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Trang';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Sends a file for download under an ASCII name (the Vietnamese one in filename*). */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, fileName: string, viName?: string) {
  // "Quý III/2026": a slash (or any character Windows refuses) in a file name becomes "-"
  const star = viName ? `; filename*=UTF-8''${encodeURIComponent(viName.replace(/[\\/:*?"<>|]/g, '-'))}` : '';
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"${star}`)
    .header('cache-control', 'no-cache')
    .send(body);
}
