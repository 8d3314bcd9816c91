// Bytes in, a grid of cells out: .xlsx through exceljs, .csv in whatever encoding Excel saved
// it. Everything that makes a file unreadable is refused here, with a message that tells the
// person what to do, before anything else looks at it; so is a file past the limits (limits.ts),
// at the first row, column or byte past them. The app runs this off its main thread
// (reader-pool.ts); tests may call it directly.
import ExcelJS from 'exceljs';
import { CsvLimitExceeded, parseCsv } from '@nq57/shared';
import { ApiError } from '../../errors';
import { UnstorableText, decodeText, storable } from '../decode-text';
import { READ_LIMITS, refusal, type ReadLimits } from './limits';
import { checkedPackage } from './xlsx-package';

export type Cell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date' }
  | { kind: 'error'; error: string }
  /** a formula saved without its result (some generators write formulas Excel never computed) */
  | { kind: 'uncomputed'; formula: string };

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** "C1:E1" */
  address: string;
}

export interface Grid {
  format: 'xlsx' | 'csv';
  sheet: string | null;
  /** rows[r][c], 0-based; row r is Excel's row r + 1 */
  rows: Cell[][];
  merges: Range[];
  /** the CSV's encoding as detected (for the record) */
  encoding?: string;
}

export const MAX_BYTES = READ_LIMITS.bytes;
const EMPTY: Cell = { kind: 'empty' };

const bad = (message: string, code = 'BAD_FILE') => new ApiError(400, code, message);

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOT_SHEETS: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'ảnh PNG'],
  [[0xff, 0xd8, 0xff], 'ảnh JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'ảnh GIF'],
  [[0x52, 0x61, 0x72, 0x21], 'tệp nén RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'tệp nén 7z'],
];

const NOT_A_SHEET = 'Tệp không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV (.csv), ví dụ mẫu nhập tải từ trang này.';

export async function readSpreadsheet(bytes: Buffer, fileName: string, limits: ReadLimits = READ_LIMITS): Promise<Grid> {
  if (bytes.length === 0) throw bad('Tệp rỗng (0 byte): không có gì để nhập.', 'EMPTY_FILE');
  if (bytes.length > limits.bytes) throw new ApiError(413, 'FILE_TOO_LARGE', 'Tệp lớn hơn 10 MB. Hãy bỏ các trang, hình ảnh không cần thiết hoặc chia nhỏ tệp.');
  if (startsWith(bytes, CFB)) {
    // Office wraps a password-protected .xlsx in an OLE container with an "EncryptedPackage"
    // stream; an old .xls is the same container without it.
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw bad(
      encrypted
        ? 'Tệp Excel được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên.'
        : 'Đây là tệp Excel đời cũ (.xls). Hãy mở bằng Excel và lưu lại dạng "Sổ làm việc Excel (.xlsx)" rồi tải lên.',
      encrypted ? 'ENCRYPTED_FILE' : 'OLD_EXCEL',
    );
  }
  for (const [sig, what] of NOT_SHEETS) {
    if (startsWith(bytes, sig)) throw bad(`Tệp là ${what}, không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV (.csv).`, 'NOT_A_SPREADSHEET');
  }
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, fileName, limits);
  return readCsv(bytes, limits);
}

// ── xlsx ────────────────────────────────────────────────────────────────────────────────

/** "0.0%" is Excel's percent (stored ×0.01); "0.0"%"" is a literal sign after a number in percent units. */
function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"/g, '').replace(/\\%/g, '').includes('%');
}

/** A cell's text as Excel shows it: a NUL written as _x0000_ shows as nothing, and PostgreSQL keeps none. */
function xlsxCell(c: ExcelJS.Cell): Cell {
  const cell = xlsxValue(c);
  return cell.kind === 'text' ? { kind: 'text', text: storable(cell.text) } : cell;
}

function xlsxValue(c: ExcelJS.Cell): Cell {
  const v = c.value as unknown;
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return { kind: 'number', value: v, percentFormat: isPercentFormat(c.numFmt) };
  if (typeof v === 'string') return v.trim() ? { kind: 'text', text: v.normalize('NFC') } : EMPTY;
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return { kind: 'date' };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { kind: 'error', error: String(o.error) };
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result as unknown;
      if (r === undefined || r === null) return { kind: 'uncomputed', formula: String(o.formula ?? o.sharedFormula) };
      if (typeof r === 'object' && r !== null && 'error' in r) return { kind: 'error', error: String((r as { error: unknown }).error) };
      if (typeof r === 'number') return { kind: 'number', value: r, percentFormat: isPercentFormat(c.numFmt) };
      if (typeof r === 'string') return r.trim() ? { kind: 'text', text: r.normalize('NFC') } : EMPTY;
      if (typeof r === 'boolean') return { kind: 'bool', value: r };
      if (r instanceof Date) return { kind: 'date' };
      return EMPTY;
    }
    if ('richText' in o && Array.isArray(o.richText)) {
      const t = (o.richText as { text: string }[]).map((x) => x.text).join('');
      return t.trim() ? { kind: 'text', text: t.normalize('NFC') } : EMPTY;
    }
    if ('text' in o) {
      const t = String(o.text);
      return t.trim() ? { kind: 'text', text: t.normalize('NFC') } : EMPTY;
    }
  }
  return { kind: 'text', text: String(v) };
}

function parseRange(address: string): Range | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address.replace(/\$/g, ''));
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  return { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right), address };
}

async function readXlsx(bytes: Buffer, fileName: string, limits: ReadLimits): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs sees the package only once it is known to fit the limits
    await wb.xlsx.load(checkedPackage(bytes, limits) as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw bad(
      /\.(docx|pptx|odt|zip)$/i.test(fileName)
        ? NOT_A_SHEET
        : 'Không đọc được tệp Excel này (tệp hỏng hoặc không phải .xlsx). Hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên.',
      'NOT_A_SPREADSHEET',
    );
  }
  const sheets = wb.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  // the template's data sheet by name; otherwise the first visible sheet
  const ws = sheets.find((w) => w.name.trim().toLowerCase() === 'số liệu') ?? sheets[0];
  if (!ws) throw bad(NOT_A_SHEET, 'NOT_A_SPREADSHEET');
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((r): r is Range => r !== null);
  const slaves = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slaves.add(`${r}:${c}`);
  }
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      // a merged cell's other parts echo the first one's value; they hold nothing of their own
      cells[col - 1] = slaves.has(`${n - 1}:${col - 1}`) ? EMPTY : xlsxCell(c);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { format: 'xlsx', sheet: ws.name, rows, merges };
}

// ── csv ─────────────────────────────────────────────────────────────────────────────────

function readCsv(bytes: Buffer, limits: ReadLimits): Grid {
  // a text file has no NUL byte (UTF-16 was handled by its BOM); a binary one almost always does
  const sample = bytes.subarray(0, 4096);
  if (!startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff]) && sample.includes(0)) {
    throw bad(NOT_A_SHEET, 'NOT_A_SPREADSHEET');
  }
  let decoded: { text: string; encoding: string };
  try {
    decoded = decodeText(bytes);
  } catch (e) {
    if (e instanceof UnstorableText) throw bad(e.message, e.code);
    throw e;
  }
  const { text, encoding } = decoded;
  // control characters other than tab and line breaks: not a text table
  const controls = (text.slice(0, 4096).match(/[\u0001-\u0008\u000e-\u001f]/g) ?? []).length;
  if (controls > 4) throw bad(NOT_A_SHEET, 'NOT_A_SPREADSHEET');
  let cells: string[][];
  try {
    cells = parseCsv(text, undefined, { maxRows: limits.rows, maxColumns: limits.columns, maxCells: limits.cells });
  } catch (e) {
    if (e instanceof CsvLimitExceeded) throw refusal(e.limit, limits);
    throw e;
  }
  const rows = cells.map((r) =>
    r.map((s): Cell => {
      const t = s.trim();
      return t ? { kind: 'text', text: t } : EMPTY;
    }),
  );
  return { format: 'csv', sheet: null, rows, merges: [], encoding };
}

/** "A", "B", …, "Z", "AA": a column as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
