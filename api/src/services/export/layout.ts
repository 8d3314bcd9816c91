// The layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP), shared by the
// files the Sở signs: the provincial report (report.ts) and the reminder letter (reminder-letter.ts).
// A4, Times New Roman 13–14, margins top/bottom 20 mm, left 30 mm, right 15 mm; the issuing body
// and the national motto side by side with the number, place and date under them; recipients and
// signature side by side at the end; page numbers at the top from the second page. A document
// built from these pieces looks like the others the Sở sends, and a fix to one (a line that broke
// in Word) is a fix to all.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { vnDay } from '@nq57/shared';


export const MM = 56.7; // twips per millimetre
export const PAGE = { width: 11906, height: 16838 }; // A4 in twips
export const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const FONT = 'Times New Roman';
export const BODY = 28; // half-points: 14 pt
export const SMALL = 26; // 13 pt
export const TABLE = 24; // 12 pt in tables, as reports do to fit five columns

export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean; allCaps?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined, allCaps: o.allCaps });

export const centered = (children: TextRun[], extra: IParagraphOptions = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, ...extra, children });

/** Body text: justified, first line indented 1 cm, 6 pt after (the usual administrative layout). */
export const body = (children: (TextRun | string)[], extra: IParagraphOptions = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { before: 60, after: 60, line: 312 },
    ...extra,
    children: children.map((c) => (typeof c === 'string' ? run(c) : c)),
  });

export const heading = (text: string) => body([run(text, { bold: true })], { spacing: { before: 180, after: 60 } });
export const subheading = (text: string) => body([run(text, { bold: true, italics: false })], { spacing: { before: 120, after: 60 } });

function cell(text: string, o: { bold?: boolean; align?: 'left' | 'center' | 'right'; width?: number; shade?: boolean } = {}) {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined,
    shading: o.shade ? { fill: 'E7EEF7' } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: o.align === 'right' ? AlignmentType.RIGHT : o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { size: TABLE, bold: o.bold })],
      }),
    ],
  });
}

/** A bordered table: header row repeated on each page, columns in fractions of the text width. */
export function table(headers: string[], rows: string[][], fractions: number[], align: ('left' | 'center' | 'right')[]) {
  const total = fractions.reduce((a, b) => a + b, 0);
  const widths = fractions.map((f) => Math.floor((f / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, align: 'center', width: widths[i], shade: true })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, { align: align[i], width: widths[i] })) })),
    ],
  });
}

export const spacer = () => new Paragraph({ spacing: { after: 60 }, children: [] });

/** Nghị định 30: a day below 10 and the months 1 and 2 take a leading zero. */
export function vnDateLine(d: Date): string {
  const [year, month, day] = vnDay(d).split('-').map(Number); // the day in Quảng Ngãi, whatever the server's zone
  return `Quảng Ngãi, ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : month} năm ${year}`;
}

const noBorder = { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } };

/**
 * The issuing body (left) and the national motto (right), the number and the place and date under
 * them; a letter (công văn) also carries its subject ("V/v …") under the number.
 * The motto must stay on one line at its 13 pt: in Times New Roman bold (Liberation Serif in
 * LibreOffice has the same widths) it is 95,6 mm, and the 40 % column left 95 mm once Word's
 * default cell padding was taken, so it broke before "NAM". The motto's column is 62 % of the
 * text width (102 mm) with no side padding; the issuing body's 63 mm holds "UBND TỈNH QUẢNG
 * NGÃI" (55 mm) and takes the Sở's name on two lines where a reader breaks it, not mid-name.
 */
export function letterhead({ number, subject, now }: { number: string; subject?: string; now: Date }): Table {
  const left = Math.round(TEXT_WIDTH * 0.38);
  const right = TEXT_WIDTH - left;
  const flush = { left: 0, right: 0, top: 0, bottom: 0 };
  return twoBlocks(
    left,
    new TableCell({
      width: { size: left, type: WidthType.DXA },
      borders: noBorder,
      margins: flush,
      children: [
        centered([run('UBND TỈNH QUẢNG NGÃI', { size: SMALL })]),
        // one paragraph, broken after "HỌC" (the name is 70 mm at 13 pt); the rule under it
        // is the underline of its last line. The space before the break keeps the name
        // whole for a reader that drops line breaks (a search, a copy into plain text).
        centered([
          run('SỞ KHOA HỌC ', { size: SMALL, bold: true }),
          new TextRun({ text: 'VÀ CÔNG NGHỆ', break: 1, font: FONT, size: SMALL, bold: true, underline: {} }),
        ]),
        centered([run(number, { size: SMALL })], { spacing: { before: 120 } }),
        // a letter's subject: 12 pt, upright, under the number (Nghị định 30, Phụ lục I)
        ...(subject ? [centered([run(subject, { size: TABLE })], { spacing: { before: 60 } })] : []),
      ],
    }),
    new TableCell({
      width: { size: right, type: WidthType.DXA },
      borders: noBorder,
      margins: flush,
      children: [
        centered([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SMALL, bold: true })]),
        centered([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })]),
        centered([run(vnDateLine(now), { italics: true })], { spacing: { before: 120 } }),
      ],
    }),
  );
}

/** Recipients (left, "Nơi nhận:" and one line each) and the signature block (right). */
export function signature(recipients: string[], signer: string[]): Table {
  return twoBlocks(
    Math.round(TEXT_WIDTH / 2),
    new TableCell({
      borders: noBorder,
      children: [
        new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
        ...recipients.map((r) => new Paragraph({ children: [run(r, { size: 22 })] })),
      ],
    }),
    new TableCell({
      borders: noBorder,
      children: [...signer.map((s) => centered([run(s, { bold: true })])), centered([run('(Ký, ghi rõ họ tên)', { italics: true, size: SMALL })])],
    }),
  );
}

/** Two blocks side by side on the text width, without borders: the letterhead's frame and the signature's. */
function twoBlocks(leftWidth: number, left: TableCell, right: TableCell): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [left, right] })],
  });
}

/** The document: A4, the margins above, page numbers at the top centre from the second page. */
export function adminDocument(title: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: 'NQ57 Dashboard — Sở KH&CN Quảng Ngãi',
    title,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
          titlePage: true,
        },
        // page numbers at the top centre from the second page (Nghị định 30)
        headers: {
          default: new Header({ children: [centered([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SMALL })])] }),
          first: new Header({ children: [] }),
        },
        children,
      },
    ],
  });
}
