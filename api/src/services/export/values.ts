// The raw figures of a round, one row per commune and one column per data element: the
// approved figures as they are now (what the live rankings read), in the template's layout so the
// file can be corrected and imported again. A title line above the table says which release they
// are, or that they may differ from it (the importer skips a title block).
import ExcelJS from 'exceljs';
import type { ValuesResponse } from '@nq57/shared/schemas';
import type { DbOrTx } from '../../db/client';
import type { RoundRecord } from '../../repositories/rounds';
import { valuesByCommune, DATA_SHEET } from '../import/template';
import { findRound } from '../rounds';
import { elementIndex, roundElements, writeContext } from '../submissions';
import { figureSheet, headerText, COMMUNE_CODE_HEADER, COMMUNE_NAME_HEADER } from './figure-sheet';
import { toCsv } from './format';

async function load(db: DbOrTx, periodCode: string) {
  const round = await findRound(db, periodCode);
  const w = writeContext(db);
  const [asked, { all }, communes, rows] = await Promise.all([roundElements(w, round.id), elementIndex(w), w.catalogue.communes(), w.published.ofRound(round.id)]);
  // the round's elements, and any other element that has figures in it (older rounds asked more)
  const withFigures = new Set(rows.map((r) => r.elementId));
  const askedIds = new Set(asked.map((e) => e.id));
  const elements = all.filter((e) => askedIds.has(e.id) || withFigures.has(e.id));
  const values = valuesByCommune(rows, new Map(elements.map((e) => [e.id, e.code])));
  return { round, elements, communes, values };
}

/** "Số liệu đã duyệt Quý III/2026 — Công bố lần 1 ngày 05/12/2026": `published` is currentFiguresLine's. */
const titleOf = (round: RoundRecord, published: string) => `Số liệu đã duyệt ${round.name} — ${published}`;

/** `now`: the app's one clock (app.now), as every other date in the files */
export async function valuesXlsx(db: DbOrTx, periodCode: string, published: string, now: Date): Promise<{ body: Buffer; round: RoundRecord }> {
  const { round, elements, communes, values } = await load(db, periodCode);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NQ57 Dashboard — Sở KH&CN Quảng Ngãi';
  wb.created = now;
  wb.title = titleOf(round, published);
  const ws = wb.addWorksheet(DATA_SHEET);
  ws.getCell(1, 1).value = wb.title;
  ws.getCell(1, 1).font = { bold: true };
  figureSheet(ws, { elements, communes, values, top: 2 });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), round };
}

export async function valuesCsvWide(db: DbOrTx, periodCode: string, published: string): Promise<{ body: Buffer; round: RoundRecord }> {
  const { round, elements, communes, values } = await load(db, periodCode);
  const rows: unknown[][] = [[titleOf(round, published)], [COMMUNE_CODE_HEADER.name, COMMUNE_NAME_HEADER.name, ...elements.map(headerText)]];
  for (const c of communes) {
    const v = values.get(c.id) ?? {};
    rows.push([c.code, c.name, ...elements.map((e) => v[e.code] ?? null)]);
  }
  return { body: toCsv(rows), round };
}

/** /api/values?format=csv: one line per published figure, with its source and note (the JSON answer as a table). */
export function valuesCsv(v: ValuesResponse): Buffer {
  const head = ['ma_xa', 'ten_xa', 'ky', 'du_lieu', 'gia_tri', 'uoc_tinh', 'so_lieu_den_ngay', 'nguon', 'ghi_chu', 'cap_nhat'];
  return toCsv([
    head,
    ...v.values.map((r) => [r.communeCode, r.communeName, v.period.code, r.element, r.value, r.approximate ? 1 : 0, r.asOf, r.source, r.note, r.updatedAt]),
  ]);
}
