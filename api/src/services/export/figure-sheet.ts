// One layout for "a round's figures, one row per commune": the import template (empty), the
// raw figures export (filled) and the template's side sheet of the previous round. Because
// they share it, a values.xlsx downloaded, corrected and uploaded again is a valid import.
//
// Row 1: Vietnamese headers with units. Row 2: the element codes (what the importer trusts
// first; a renamed header still imports). Then one row per commune, codes stored as text.
import type ExcelJS from 'exceljs';
import { EXCEL_FORMAT, UNIT_LABEL } from './format';
import type { Unit } from '@nq57/shared';

export interface SheetElement {
  code: string;
  name: string;
  unit: Unit;
}
export interface SheetCommune {
  id: number;
  code: string;
  name: string;
}

export const COMMUNE_CODE_HEADER = { name: 'Mã xã', code: 'ma_xa' };
export const COMMUNE_NAME_HEADER = { name: 'Tên xã, phường, đặc khu', code: 'ten_xa' };
export const FIRST_DATA_ROW = 3;

export const headerText = (e: SheetElement) => `${e.name} (${UNIT_LABEL[e.unit]})`;

export function figureSheet(
  ws: ExcelJS.Worksheet,
  o: {
    elements: SheetElement[];
    communes: SheetCommune[];
    /** communeId → element code → value; absent = empty cell */
    values?: Map<number, Record<string, number>>;
    /** cells a person fills: a validation that refuses text and negative numbers as they type */
    validate?: boolean;
    /** first row of the table (a side sheet puts a title above) */
    top?: number;
  },
) {
  const top = o.top ?? 1;
  const names = ws.getRow(top);
  const codes = ws.getRow(top + 1);
  const heads = [COMMUNE_CODE_HEADER, COMMUNE_NAME_HEADER, ...o.elements.map((e) => ({ name: headerText(e), code: e.code }))];
  heads.forEach((h, i) => {
    const n = names.getCell(i + 1);
    n.value = h.name;
    n.font = { bold: true };
    n.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    n.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    const c = codes.getCell(i + 1);
    c.value = h.code;
    c.font = { italic: true, size: 9, color: { argb: 'FF6B7280' } };
    c.alignment = { horizontal: 'center' };
    c.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = i === 0 ? 9 : i === 1 ? 28 : 16;
  });
  names.height = 60;
  o.communes.forEach((c, k) => {
    const row = ws.getRow(top + 2 + k);
    const code = row.getCell(1);
    code.value = c.code;
    code.numFmt = '@';
    row.getCell(2).value = c.name;
    const vals = o.values?.get(c.id) ?? {};
    o.elements.forEach((e, j) => {
      const cell = row.getCell(3 + j);
      const v = vals[e.code];
      cell.value = v === undefined ? null : v;
      cell.numFmt = EXCEL_FORMAT[e.unit];
      if (o.validate) {
        cell.dataValidation =
          e.unit === 'percent'
            ? { type: 'decimal', operator: 'between', formulae: [0, 100], allowBlank: true, showErrorMessage: true, errorTitle: 'Tỷ lệ', error: 'Nhập tỷ lệ từ 0 đến 100 (không ghi dấu %)' }
            : e.unit === 'boolean'
              ? { type: 'whole', operator: 'between', formulae: [0, 1], allowBlank: true, showErrorMessage: true, errorTitle: 'Có / không', error: 'Nhập 1 (có) hoặc 0 (không)' }
              : e.unit === 'count' || e.unit === 'vnd'
                ? { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: 'Số liệu', error: 'Nhập một số nguyên không âm; để trống nếu chưa có số liệu, ghi 0 nếu không có' }
                : { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: 'Số liệu', error: 'Nhập một số không âm' };
      }
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: top + 1, topLeftCell: `C${top + 2}`, activeCell: `C${top + 2}` }];
}
