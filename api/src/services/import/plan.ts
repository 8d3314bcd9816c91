// From a grid of cells to a plan: which columns are which data elements, which row is which
// commune, every figure read the Vietnamese way, and every problem with its row, column and a
// reason in Vietnamese. The plan is what a dry run shows and exactly what a commit writes.
import {
  checkFigures,
  classifyHeader,
  createCommuneMatcher,
  foldVietnamese,
  formatValue,
  parseViNumber,
  type CheckContext,
  type CheckIssue,
  type ColumnRole,
  type FigureSet,
} from '@nq57/shared';
import type { ImportColumnOut, ImportProblem, ImportSummary } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import type { CommuneRecord, ElementRecord } from '../../repositories/catalogue';
import { columnLetter, type Cell, type Grid } from './read';

export interface PlanInput {
  grid: Grid;
  /** every element of the catalogue */
  elements: ElementRecord[];
  /** the elements this round asks for */
  asked: ElementRecord[];
  communes: CommuneRecord[];
  mapping: Record<string, string>;
  /** communeId → elementId → the value the import is compared with (published, or the submission's) */
  current: Map<number, Map<number, number>>;
  /** communeId → the submission's status in this round */
  status: Map<number, string>;
  /** the checks' context for one commune (previous round, peers, villages) */
  checkContext: (communeId: number) => Promise<CheckContext>;
}

export interface PlannedRow {
  /** Excel row number */
  row: number;
  communeId: number;
  communeCode: string;
  /** element code → value read from the file (non-empty cells only) */
  values: Record<string, number>;
  /** element codes whose figure was hedged ("trên 90%") */
  approximate: string[];
  /** element code → new value, for figures that differ from what is stored */
  changes: Record<string, number>;
  rejected: boolean;
  warnings: CheckIssue[];
  /** non-empty figure cells in the row (what "rejected" counts when the row is refused) */
  cells: number;
}

export interface Plan {
  columns: ImportColumnOut[];
  unknownColumns: string[];
  problems: ImportProblem[];
  rows: PlannedRow[];
  summary: ImportSummary;
}

/** How far down a title block may push the header row. */
const HEADER_SEARCH_ROWS = 15;
const TOTAL_ROWS = new Set(['tong', 'tong cong', 'cong', 'toan tinh', 'tong so', 'tong toan tinh', 'cong toan tinh']);

const textOf = (c: Cell | undefined): string => {
  if (!c) return '';
  switch (c.kind) {
    case 'text':
      return c.text.trim();
    case 'number':
      return String(c.value);
    case 'bool':
      return c.value ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
};

/** 86.60000000000001 (float noise from a formula) → 86.6 */
const clean = (n: number) => Number(n.toPrecision(15));

type Read = { value: number; approximate: boolean } | { error: string };

/** One figure cell, read for its element's unit. */
export function readFigure(cell: Cell, e: ElementRecord): Read | null {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'number': {
      // Excel's percent format stores 86,6% as 0.866
      const v = cell.percentFormat && e.unit === 'percent' ? cell.value * 100 : cell.value;
      return { value: clean(v), approximate: false };
    }
    case 'bool':
      return { value: cell.value ? 1 : 0, approximate: false };
    case 'date':
      return { error: 'Ô chứa ngày tháng, không phải số' };
    case 'error':
      return { error: `Ô có lỗi công thức ${cell.error}: hãy sửa công thức hoặc ghi số trực tiếp` };
    case 'uncomputed':
      return { error: `Công thức =${cell.formula} chưa có kết quả: hãy mở tệp bằng Excel và lưu lại` };
    case 'text': {
      const t = cell.text.trim();
      if (e.unit === 'boolean') {
        const f = foldVietnamese(t);
        if (['co', 'x', 'dat', 'true', 'yes'].includes(f)) return { value: 1, approximate: false };
        if (['khong', 'khong co', 'chua', 'chua co', 'false', 'no'].includes(f)) return { value: 0, approximate: false };
      }
      const p = parseViNumber(t);
      if (!p) return { error: `"${t.length > 40 ? t.slice(0, 40) + '…' : t}" không phải là số` };
      return { value: clean(p.value), approximate: p.approximate };
    }
  }
}

interface HeaderInfo {
  headerRow: number;
  /** the row of element codes under the headers (the template's row 2), or null */
  codeRow: number | null;
  roles: ColumnRole[];
  headers: string[];
  /** false when no column names the commune: every row is then refused until one is mapped */
  communeColumn: boolean;
}

function findHeader(grid: Grid, elements: ElementRecord[], mapping: Record<string, string>): HeaderInfo {
  const isCommune = (r: ColumnRole) => r.kind === 'communeCode' || r.kind === 'communeName';
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
    const cells = grid.rows[r] ?? [];
    const roles = cells.map((c) => classifyHeader(textOf(c), elements, mapping));
    if (!roles.some(isCommune)) continue;
    // a second header row of codes (the template's): trusted over the Vietnamese headers above it
    const next = grid.rows[r + 1] ?? [];
    const nextRoles = next.map((c) => classifyHeader(textOf(c), elements, {}));
    const nextTexts = next.map(textOf).filter(Boolean);
    const codeLike = nextRoles.filter((x) => x.kind === 'element' || x.kind === 'communeCode' || x.kind === 'communeName').length;
    const isCodeRow = nextTexts.length > 0 && codeLike * 2 >= nextTexts.length && nextRoles.some(isCommune);
    const width = Math.max(cells.length, isCodeRow ? next.length : 0);
    const out: ColumnRole[] = [];
    const headers: string[] = [];
    for (let c = 0; c < width; c++) {
      const head = textOf(cells[c]);
      const code = isCodeRow ? textOf(next[c]) : '';
      const byCode = code ? classifyHeader(code, elements, {}) : null;
      out[c] = byCode && byCode.kind !== 'unknown' && byCode.kind !== 'ignore' ? byCode : (roles[c] ?? { kind: 'ignore' });
      headers[c] = head || code;
    }
    return { headerRow: r, codeRow: isCodeRow ? r + 1 : null, roles: out, headers, communeColumn: true };
  }
  // No column says which commune a row is (a file from another system, "Đơn vị báo cáo"): the
  // first row with text is taken as the headers, so the page can offer to map them.
  const r = grid.rows.findIndex((row) => row.some((c) => c.kind === 'text' && /\p{L}/u.test(c.text)));
  if (r < 0 || r >= HEADER_SEARCH_ROWS) {
    throw new ApiError(400, 'NO_HEADER', `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu: dòng đầu bảng phải ghi tên các cột (xem mẫu nhập của kỳ).`);
  }
  const cells = grid.rows[r];
  return {
    headerRow: r,
    codeRow: null,
    roles: cells.map((c) => classifyHeader(textOf(c), elements, mapping)),
    headers: cells.map(textOf),
    communeColumn: false,
  };
}

export async function planImport(input: PlanInput): Promise<Plan> {
  const { grid } = input;
  const byCode = new Map(input.elements.map((e) => [e.code, e]));
  const askedCodes = new Set(input.asked.map((e) => e.code));
  const communeById = new Map(input.communes.map((c) => [c.id, c]));
  const communeByCode = new Map(input.communes.map((c) => [c.code, c]));
  const problems: ImportProblem[] = [];
  const problem = (p: Omit<ImportProblem, 'level' | 'element' | 'commune'> & Partial<ImportProblem>) =>
    problems.push({ level: 'error', element: null, commune: null, ...p });

  const rowCount = grid.rows.filter((r) => r.some((c) => c.kind !== 'empty')).length;
  if (rowCount === 0) throw new ApiError(400, 'EMPTY_FILE', 'Tệp không có dữ liệu (trang tính trống).');

  const head = findHeader(grid, input.elements, input.mapping);
  const lastHeaderRow = head.codeRow ?? head.headerRow;

  // merged cells: in the header they hide which column is which; refuse the file
  const headerMerges = grid.merges.filter((m) => m.top <= lastHeaderRow && m.bottom >= head.headerRow);
  if (headerMerges.length) {
    throw new ApiError(
      400,
      'MERGED_HEADER',
      `Dòng tiêu đề có ô gộp (${headerMerges.map((m) => m.address).join(', ')}): mỗi cột cần một tiêu đề riêng. Hãy bỏ gộp ô (Hợp nhất và căn giữa → Bỏ hợp nhất ô), ghi tiêu đề cho từng cột rồi tải lên lại.`,
    );
  }

  const col = (c: number) => `${columnLetter(c)}${head.headers[c] ? ` (${head.headers[c]})` : ''}`;
  const excelRow = (r: number) => r + 1;

  // columns
  const columns: ImportColumnOut[] = [];
  const unknownColumns: string[] = [];
  const elementCols: { index: number; element: ElementRecord }[] = [];
  let codeCol: number | null = null;
  let nameCol: number | null = null;
  const seen = new Map<string, number>();
  const dataRows = grid.rows.slice(lastHeaderRow + 1);
  // a loop, not Math.max(...rows): spreading 150 000 rows into arguments overflowed the stack (a 500)
  const width = dataRows.reduce((w, r) => Math.max(w, r.length), head.roles.length);
  for (let c = 0; c < width; c++) {
    let role = head.roles[c] ?? { kind: 'ignore' as const };
    const header = head.headers[c] ?? '';
    const hasData = dataRows.some((r) => r[c] && r[c].kind !== 'empty');
    if (!header && hasData) role = { kind: 'unknown' };
    if (!header && !hasData) continue;
    if (role.kind === 'element') {
      const e = byCode.get(role.element);
      if (!e) {
        problem({ row: excelRow(head.headerRow), column: col(c), message: `Cách ghép cột trỏ tới dữ liệu "${role.element}" không có trong danh mục` });
        role = { kind: 'unknown' };
      } else if (e.computed) {
        problem({ row: excelRow(head.headerRow), column: col(c), level: 'warning', element: e.code, message: `"${e.name}" do hệ thống tự tính: bỏ qua cột này` });
        role = { kind: 'ignore' };
      } else if (!askedCodes.has(e.code)) {
        problem({ row: excelRow(head.headerRow), column: col(c), level: 'warning', element: e.code, message: `Kỳ này không yêu cầu "${e.name}": bỏ qua cột này` });
        role = { kind: 'ignore' };
      } else if (seen.has(e.code)) {
        problem({
          row: excelRow(head.headerRow),
          column: col(c),
          element: e.code,
          message: `Hai cột cùng là "${e.name}" (cột ${columnLetter(seen.get(e.code)!)} và cột ${columnLetter(c)}): hãy giữ một cột`,
        });
        role = { kind: 'ignore' };
      } else {
        seen.set(e.code, c);
        elementCols.push({ index: c, element: e });
      }
    }
    if (role.kind === 'communeCode' && codeCol === null) codeCol = c;
    else if (role.kind === 'communeName' && nameCol === null) nameCol = c;
    else if (role.kind === 'communeCode' || role.kind === 'communeName') role = { kind: 'ignore' };
    if (role.kind === 'unknown') {
      const label = header || `(cột ${columnLetter(c)} không có tiêu đề)`;
      unknownColumns.push(label);
      problem({
        row: excelRow(head.headerRow),
        column: col(c),
        message: `Không nhận ra cột "${label}": hãy ghép cột này với một dữ liệu (hoặc chọn "bỏ qua") rồi kiểm tra lại`,
      });
    }
    columns.push({ column: columnLetter(c), header, role: role.kind, element: role.kind === 'element' ? role.element : null });
  }
  if (!head.communeColumn) {
    problem({
      row: excelRow(head.headerRow),
      column: null,
      message: 'Không có cột "Mã xã" hoặc "Tên xã": hãy ghép cột chứa mã hoặc tên xã (trong "Cột chưa nhận ra" bên dưới), hoặc dùng mẫu nhập của kỳ',
    });
  }
  if (!elementCols.length && !unknownColumns.length) {
    throw new ApiError(400, 'NO_DATA_COLUMNS', 'Không có cột số liệu nào nhận ra được: tiêu đề cột phải là tên hoặc mã dữ liệu của kỳ (xem mẫu nhập).');
  }

  // merged cells inside the table: the value would land in one commune's row only
  const rejectedRows = new Set<number>();
  for (const m of grid.merges) {
    if (m.bottom <= lastHeaderRow) continue;
    problem({ row: excelRow(Math.max(m.top, lastHeaderRow + 1)), column: columnLetter(m.left), message: `Ô gộp ${m.address} trong vùng số liệu: hãy bỏ gộp ô và ghi số cho từng xã` });
    for (let r = Math.max(m.top, lastHeaderRow + 1); r <= m.bottom; r++) rejectedRows.add(r);
  }

  // rows
  const matcher = createCommuneMatcher(input.communes);
  const rows: PlannedRow[] = [];
  const firstRowOf = new Map<number, number>();
  let dataRowCount = 0;
  for (let r = lastHeaderRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (!cells.some((c) => c && c.kind !== 'empty')) continue;
    const code = codeCol === null ? '' : textOf(cells[codeCol]);
    const name = nameCol === null ? '' : textOf(cells[nameCol]);
    const filled = elementCols.filter(({ index }) => cells[index] && cells[index].kind !== 'empty');
    if (!filled.length) continue; // a commune left blank, a note under the table: nothing to import
    if (!code && TOTAL_ROWS.has(foldVietnamese(name).replace(/[^a-z ]/g, '').trim())) {
      problem({ row: excelRow(r), column: null, level: 'warning', message: `Bỏ qua dòng tổng "${name}": toàn tỉnh được tính từ số liệu các xã` });
      continue;
    }
    dataRowCount++;
    if (!head.communeColumn) {
      rows.push({ row: excelRow(r), communeId: -1, communeCode: '', values: {}, approximate: [], changes: {}, rejected: true, warnings: [], cells: filled.length });
      continue;
    }
    const m = matcher.match(code, name);
    if (m.status !== 'ok') {
      problem({ row: excelRow(r), column: col(code ? codeCol! : (nameCol ?? codeCol ?? 0)), message: m.message });
      rejectedRows.add(r);
      rows.push({ row: excelRow(r), communeId: -1, communeCode: '', values: {}, approximate: [], changes: {}, rejected: true, warnings: [], cells: filled.length });
      continue;
    }
    const commune = communeByCode.get(m.code)!;
    // the code and the name must agree: a row that says 21211 and "Ba Tơ" is somebody's mistake
    if (code && name) {
      const byName = matcher.matchName(name);
      if (byName.status === 'ok' && byName.code !== commune.code) {
        problem({ row: excelRow(r), column: col(nameCol!), commune: commune.code, message: `Mã xã ${commune.code} là ${commune.name} nhưng tên ghi "${name}" (${byName.name}): hãy sửa cho khớp` });
        rejectedRows.add(r);
      }
    }
    const planned: PlannedRow = { row: excelRow(r), communeId: commune.id, communeCode: commune.code, values: {}, approximate: [], changes: {}, rejected: false, warnings: [], cells: filled.length };
    const earlier = firstRowOf.get(commune.id);
    if (earlier !== undefined) {
      problem({ row: excelRow(r), column: null, commune: commune.code, message: `${commune.name} có hai dòng (dòng ${excelRow(earlier)} và dòng ${excelRow(r)}): hãy giữ một dòng` });
      rejectedRows.add(r);
      rejectedRows.add(earlier);
    } else firstRowOf.set(commune.id, r);
    for (const { index, element } of filled) {
      const read = readFigure(cells[index], element);
      if (!read) continue;
      if ('error' in read) {
        problem({ row: excelRow(r), column: col(index), element: element.code, commune: commune.code, message: read.error });
        rejectedRows.add(r);
        continue;
      }
      planned.values[element.code] = read.value;
      if (read.approximate) planned.approximate.push(element.code);
    }
    rows.push(planned);
  }
  if (dataRowCount === 0 && !problems.some((p) => p.level === 'error')) {
    throw new ApiError(400, 'EMPTY_FILE', 'Tệp không có dòng số liệu nào: các ô số liệu đều trống.');
  }

  // compare with what is stored, then the checks, commune by commune
  const colOf = new Map(elementCols.map(({ index, element }) => [element.code, index]));
  const issueKey = (i: CheckIssue) => `${i.element}:${i.code}`;
  for (const p of rows) {
    if (p.communeId < 0) continue;
    const commune = communeById.get(p.communeId)!;
    const stored = input.current.get(p.communeId) ?? new Map<number, number>();
    const storedSet: FigureSet = {};
    for (const [id, v] of stored) {
      const e = input.elements.find((x) => x.id === id);
      if (e) storedSet[e.code] = v;
    }
    for (const [codeE, v] of Object.entries(p.values)) {
      if (storedSet[codeE] !== v) p.changes[codeE] = v;
    }
    const locked = input.status.get(p.communeId) === 'approved';
    if (locked && Object.keys(p.changes).length) {
      for (const codeE of Object.keys(p.changes)) {
        const e = byCode.get(codeE)!;
        problem({
          row: p.row,
          column: col(colOf.get(codeE)!),
          element: codeE,
          commune: commune.code,
          message: `Số liệu của ${commune.name} kỳ này đã duyệt, cần mở lại trước khi sửa (đang là ${formatValue(storedSet[codeE] ?? null, e.unit)}, tệp ghi ${formatValue(p.changes[codeE], e.unit)})`,
        });
      }
      rejectedRows.add(p.row - 1);
      continue;
    }
    const ctx = await input.checkContext(p.communeId);
    const merged: FigureSet = { ...storedSet, ...p.values };
    const before = checkFigures(storedSet, ctx);
    const after = checkFigures(merged, ctx);
    const oldErrors = new Set(before.errors.map(issueKey));
    const oldWarnings = new Set(before.warnings.map(issueKey));
    for (const e of after.errors) {
      if (oldErrors.has(issueKey(e))) continue;
      problem({ row: p.row, column: colOf.has(e.element) ? col(colOf.get(e.element)!) : null, element: e.element, commune: commune.code, message: e.message });
      rejectedRows.add(p.row - 1);
    }
    for (const w of after.warnings) {
      if (oldWarnings.has(issueKey(w)) || !(w.element in p.changes)) continue;
      problem({ row: p.row, column: colOf.has(w.element) ? col(colOf.get(w.element)!) : null, level: 'warning', element: w.element, commune: commune.code, message: w.message });
      p.warnings.push(w);
    }
  }

  const summary: ImportSummary = { create: 0, update: 0, unchanged: 0, rejected: 0, rows: dataRowCount, rowsRejected: 0, communes: 0 };
  for (const p of rows) {
    p.rejected = rejectedRows.has(p.row - 1) || p.communeId < 0;
    if (p.rejected) {
      summary.rowsRejected++;
      summary.rejected += p.cells;
      continue;
    }
    const stored = input.current.get(p.communeId);
    let touched = false;
    for (const codeE of Object.keys(p.values)) {
      if (!(codeE in p.changes)) summary.unchanged++;
      else if (stored?.has(byCode.get(codeE)!.id)) {
        summary.update++;
        touched = true;
      } else {
        summary.create++;
        touched = true;
      }
    }
    if (touched) summary.communes++;
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return { columns, unknownColumns, problems, rows: rows.filter((r) => r.communeId >= 0), summary };
}
