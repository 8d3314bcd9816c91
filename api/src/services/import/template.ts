// The import template of a round: the sheet the Sở (or a commune) fills, a side sheet with each
// commune's figures of the previous round to compare against, and a short how-to.
import ExcelJS from 'exceljs';
import { formatDate } from '@nq57/shared';
import type { DbOrTx } from '../../db/client';
import type { RoundRecord } from '../../repositories/rounds';
import { findRound } from '../rounds';
import { comparedWithOf, roundElements, writeContext } from '../submissions';
import { UNIT_LABEL } from '../export/format';
import { figureSheet } from '../export/figure-sheet';

export const DATA_SHEET = 'Số liệu';
export const PREVIOUS_SHEET = 'Kỳ trước';

/** communeId → element code → value, from published rows */
export function valuesByCommune(rows: { communeId: number; elementId: number; value: number }[], codeOf: Map<number, string>) {
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const code = codeOf.get(r.elementId);
    if (!code) continue;
    const m = out.get(r.communeId) ?? {};
    m[code] = r.value;
    out.set(r.communeId, m);
  }
  return out;
}

/** `now`: the app's one clock (app.now), as every other date in the files */
export async function templateXlsx(db: DbOrTx, periodCode: string, now: Date): Promise<{ body: Buffer; round: RoundRecord }> {
  const round = await findRound(db, periodCode);
  const w = writeContext(db);
  const [elements, communes, previous] = await Promise.all([roundElements(w, round.id), w.catalogue.communes(), comparedWithOf(w, round)]);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'NQ57 Dashboard — Sở KH&CN Quảng Ngãi';
  wb.created = now;
  wb.title = `Mẫu nhập số liệu — ${round.name}`;

  const ws = wb.addWorksheet(DATA_SHEET);
  figureSheet(ws, { elements, communes, validate: true });

  const side = wb.addWorksheet(PREVIOUS_SHEET);
  side.getCell(1, 1).value = previous
    ? `Số liệu đã duyệt kỳ trước: ${previous.name}${previous.dataAsOf ? ` (số liệu đến ngày ${formatDate(previous.dataAsOf)})` : ''} — chỉ để đối chiếu, tệp nhập không đọc trang này`
    : 'Chưa có kỳ trước có số liệu để đối chiếu';
  side.getCell(1, 1).font = { bold: true };
  if (previous) {
    const codeOf = new Map(elements.map((e) => [e.id, e.code]));
    const values = valuesByCommune(await w.published.ofRound(previous.id), codeOf);
    figureSheet(side, { elements, communes, values, top: 3 });
  }

  const help = wb.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 110;
  const lines = [
    `MẪU NHẬP SỐ LIỆU — ${round.name.toUpperCase()}`,
    `Kỳ báo cáo: ${round.name} (${formatDate(round.startDate)} – ${formatDate(round.endDate)})${round.deadline ? `, hạn nộp ${formatDate(round.deadline)}` : ''}.`,
    '',
    `1. Ghi số liệu vào trang "${DATA_SHEET}": mỗi dòng một xã, phường, đặc khu; mỗi cột một số liệu.`,
    '2. Không sửa, không xóa dòng 2 (mã số liệu) và cột A (mã xã): hệ thống dựa vào đó để nhận ra cột và xã.',
    '3. Ô để trống: không thay đổi số liệu đang có. Ghi 0 (hoặc "không có") khi thực sự không có.',
    '4. Ghi số như thường lệ: 3781 hoặc 3.781; tỷ lệ ghi 86,6 (không cần dấu %); tiền ghi bằng đồng (7.630.404.000).',
    '5. Không gộp ô, không chèn công thức lỗi (#REF!, #DIV/0!). Có thể xóa các dòng không có số liệu.',
    `6. Trang "${PREVIOUS_SHEET}" là số liệu đã duyệt của kỳ trước, để đối chiếu; khi nhập, số gấp hơn 3 lần hoặc chưa bằng một phần ba kỳ trước sẽ được cảnh báo.`,
    '7. Tải tệp lên tại trang Nhập từ tệp (/nhap-file): hệ thống kiểm tra trước, chỉ ghi khi không còn lỗi.',
    '',
    'Đơn vị các cột:',
    ...elements.map((e) => `  • ${e.name} (${e.code}): ${UNIT_LABEL[e.unit]}`),
  ];
  lines.forEach((text, i) => {
    const c = help.getCell(i + 1, 1);
    c.value = text;
    if (i === 0) c.font = { bold: true, size: 13 };
  });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), round };
}
