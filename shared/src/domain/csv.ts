// The house's CSV, written and read in one place (decision 008). What we write: UTF-8 with a BOM
// (Excel on Windows shows the diacritics), comma-separated, a decimal point, CRLF. What we read:
// the files people send back (the import: ",", ";" or tab, as Excel saves them) and the catalogue
// in seed/. One writer and one reader, so a file we write reads back as it was.

/**
 * A number as CSV text that reads back the same here and in English Excel: "86.625" would be
 * 86 625 to a Vietnamese reader (and to parseViNumber), so exactly three decimals get a fourth zero.
 */
export function csvNumber(n: number): string {
  const s = String(n);
  return /^-?[1-9]\d{0,2}\.\d{3}$/.test(s) ? s + '0' : s;
}

/**
 * One field: null is empty, a number goes through csvNumber. Quoted (quotes doubled) when it holds
 * a quote, a line break or a separator; ";" counts too, because Excel where "," is the decimal
 * mark splits on it.
 */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? csvNumber(v) : String(v);
  return quoteIfNeeded(typeof v === 'number' ? s : defuseFormula(s));
}

const quoteIfNeeded = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Text that Excel or LibreOffice would run as a formula ("=HYPERLINK(…)", "+cmd", "@SUM", and the
 * tab / CR some readers strip first) gets a leading apostrophe, the spreadsheet's own "this is
 * text" mark (OWASP CSV injection). A round or user name is typed by a person; a file the Sở opens
 * must never act on it. Numbers are written as numbers and never touched.
 */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Rows as the text of a CSV file: the BOM first, CRLF after every line (as Excel writes). */
export function csvText(rows: unknown[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The separator of the first non-empty line: ",", or ";" (Excel where "," is the decimal mark), or tab. */
export function csvDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  let best = ',';
  let bestCount = -1;
  for (const d of [',', ';', '\t']) {
    let n = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** How much of a file parseCsv reads before it stops: a file is refused at the first field past a limit. */
export interface CsvLimits {
  maxRows?: number;
  /** fields in any one row */
  maxColumns?: number;
  /** non-empty fields in the whole file */
  maxCells?: number;
}

/**
 * Thrown by parseCsv as soon as a limit is passed, so a hostile file (a million columns on one
 * line) costs the reader no more than the limit itself; the caller words the refusal.
 */
export class CsvLimitExceeded extends Error {
  constructor(
    public readonly limit: 'rows' | 'columns' | 'cells',
    public readonly max: number,
  ) {
    super(`CSV: more than ${max} ${limit}`);
  }
}

/**
 * RFC 4180: a quoted field may hold the separator, doubled quotes and line breaks. A quote opens a
 * quoted field only at the field's start; inside an unquoted field it is a letter (`12" TV`), as
 * Excel reads it. A leading BOM is dropped. An empty line stays a row ([""]) so that row k is the
 * file's line k + 1, which is what an error message names; a last line break ends the file.
 * With `limits`, it stops at the first row, field or non-empty field past them (CsvLimitExceeded).
 */
export function parseCsv(text: string, delimiter = csvDelimiter(text), limits: CsvLimits = {}): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const maxRows = limits.maxRows ?? Infinity;
  const maxColumns = limits.maxColumns ?? Infinity;
  const maxCells = limits.maxCells ?? Infinity;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let cells = 0;
  const endField = () => {
    if (row.length >= maxColumns) throw new CsvLimitExceeded('columns', maxColumns);
    if (field !== '' && ++cells > maxCells) throw new CsvLimitExceeded('cells', maxCells);
    row.push(field);
    field = '';
  };
  const endRow = () => {
    if (rows.length >= maxRows) throw new CsvLimitExceeded('rows', maxRows);
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endField();
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    endRow();
  }
  return rows;
}
