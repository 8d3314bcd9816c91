// An import: read the file, plan it against the database, and either show the plan (dry run)
// or write it — every commune of the file in ONE transaction, or nothing. The writes go through
// the write path of the submissions (importPublished / submitFigures, with the transaction's
// WriteContext), the same path as a commune's form and the Sở's approval, so the audit, the form
// and completeness always agree.
import { createHash } from 'node:crypto';
import { Value } from 'typebox/value';
import { formatNumber, isReported, stateWord, type CheckContext } from '@nq57/shared';
import { MappingColumns, type ImportApproval, type ImportList, type ImportMode, type ImportProblem, type ImportResult, type ImportSummary } from '@nq57/shared/schemas';
import type { Database } from '../../db/client';
import { ApiError } from '../../errors';
import { createImportsRepository, type MappingRecord } from '../../repositories/imports';
import type { RoundRecord } from '../../repositories/rounds';
import { roundReports } from '../reporting';
import { findRound } from '../rounds';
import { elementIndex, importPublished, inTransaction, roundElements, submitFigures, writeContext, type WriteContext } from '../submissions';
import { loadCheckContexts } from './checks';
import { planImport, type Plan } from './plan';
import { readSpreadsheet, type Grid } from './read';

/** A refused import: the app answers 400 with the problems, and nothing was written. */
export class ImportRefused extends ApiError {
  constructor(
    message: string,
    public problems: ImportProblem[],
    public summary: ImportSummary,
  ) {
    super(400, 'IMPORT_HAS_ERRORS', message);
  }
}

export interface ImportRequest {
  periodCode: string;
  fileName: string;
  bytes: Buffer;
  /** a saved mapping's name, or a JSON object { "their header": "element code" } */
  mapping?: string;
  mode?: string;
  /** approved mode only: the number of forms the dry run said it would approve (the Sở's confirmation) */
  confirm?: string;
  dryRun: boolean;
  actor: string;
  /** the clock for "overdue" (tests) */
  now?: Date;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface ImportServiceOptions {
  /** how a file becomes a grid: off the main thread in the app (reader-pool.ts); in-thread by default */
  read?: (bytes: Buffer, fileName: string) => Promise<Grid>;
}

export function createImportService(database: Database, opts: ImportServiceOptions = {}) {
  const { db } = database;
  const read = opts.read ?? readSpreadsheet;

  async function resolveMapping(raw: string | undefined): Promise<{ name: string | null; columns: Record<string, string> }> {
    const text = raw?.trim();
    if (!text) return { name: null, columns: {} };
    let columns: unknown;
    let name: string | null = null;
    if (text.startsWith('{')) {
      try {
        columns = JSON.parse(text);
      } catch {
        throw new ApiError(400, 'BAD_MAPPING', 'Trường "mapping" không phải JSON hợp lệ: cần dạng {"tiêu đề cột": "mã dữ liệu"}');
      }
    } else {
      name = text;
      columns = await createImportsRepository(db).mapping(text);
      if (!columns) throw new ApiError(404, 'MAPPING_NOT_FOUND', `Không có cách ghép cột tên "${text}"`);
    }
    if (!Value.Check(MappingColumns, columns)) {
      throw new ApiError(400, 'BAD_MAPPING', 'Cách ghép cột không hợp lệ: mỗi tiêu đề cột ghép với một mã dữ liệu (chữ thường, số, gạch dưới) hoặc "" để bỏ qua');
    }
    const known = new Set((await elementIndex(writeContext(db))).byCode.keys());
    const wrong = Object.values(columns as Record<string, string>).filter((c) => c && !c.startsWith('@') && !known.has(c));
    if (wrong.length) throw new ApiError(400, 'BAD_MAPPING', `Cách ghép cột trỏ tới dữ liệu không có trong danh mục: ${[...new Set(wrong)].join(', ')}`);
    return { name, columns: columns as Record<string, string> };
  }

  function parseMode(raw: string | undefined): ImportMode {
    // an import never approves a form by default: approving is a choice confirmed after the dry run
    const m = raw?.trim() || 'submitted';
    if (m !== 'approved' && m !== 'submitted') {
      throw new ApiError(400, 'BAD_MODE', 'Trường "mode" chỉ nhận approved (Sở xác nhận, công bố ngay) hoặc submitted (vào báo cáo của xã, chờ duyệt)');
    }
    return m;
  }

  /** The plan against the database as `w` sees it (the commit plans again inside its transaction). */
  async function plan(w: WriteContext, round: RoundRecord, grid: Grid, mode: ImportMode, mapping: Record<string, string>, now: Date): Promise<Plan & { approval: ImportApproval | null }> {
    const [{ all: elements }, asked, communes, subs] = await Promise.all([
      elementIndex(w),
      roundElements(w, round.id),
      w.catalogue.communes(),
      w.submissions.ofRound(round.id),
    ]);
    const current = new Map<number, Map<number, number>>();
    if (mode === 'approved') {
      for (const v of await w.published.ofRound(round.id)) {
        if (!current.has(v.communeId)) current.set(v.communeId, new Map());
        current.get(v.communeId)!.set(v.elementId, v.value);
      }
    } else {
      for (const s of subs.values()) {
        const m = new Map<number, number>();
        for (const [id, v] of s.values) if (v !== null) m.set(id, v);
        current.set(s.communeId, m);
      }
    }
    // loaded once, on first need (a file with no valid row needs none)
    let contexts: Promise<Map<number, CheckContext>> | null = null;
    const lazy = () => (contexts ??= loadCheckContexts(w, round.id));
    const p = await planImport({
      grid,
      elements,
      asked,
      communes,
      mapping,
      current,
      status: new Map([...subs.values()].map((s) => [s.communeId, s.status])),
      checkContext: async (communeId) => (await lazy()).get(communeId)!,
    });
    if (mode !== 'approved') return { ...p, approval: null };
    // what "approve" would approve: each commune the file writes, with its state, the fields
    // still empty after the import, and whether it is overdue (shared states and timeliness)
    const { rows: reports } = roundReports(await w.reporting.reports([round.id]), round, now);
    const reportOf = new Map(reports.map((r) => [r.communeId, r]));
    const idOf = new Map(elements.map((e) => [e.code, e.id]));
    const nameOf = new Map(communes.map((c) => [c.id, c.name]));
    const approval: ImportApproval = { forms: 0, notSubmitted: 0, unfinished: 0, overdue: 0, communes: [] };
    for (const row of p.rows) {
      if (row.rejected || !Object.keys(row.changes).length) continue;
      const r = reportOf.get(row.communeId)!;
      const after = new Map(subs.get(row.communeId)?.values ?? []);
      for (const [id, v] of current.get(row.communeId) ?? []) if (!after.has(id)) after.set(id, v);
      for (const [code, v] of Object.entries(row.changes)) after.set(idOf.get(code)!, v);
      const filled = asked.filter((e) => after.get(e.id) != null).length;
      const notSubmitted = !isReported(r.state);
      const unfinished = filled < asked.length;
      const overdue = r.timeliness.kind === 'overdue';
      approval.forms++;
      if (notSubmitted) approval.notSubmitted++;
      if (unfinished) approval.unfinished++;
      if (overdue) approval.overdue++;
      if (notSubmitted || unfinished || overdue) {
        approval.communes.push({
          communeCode: row.communeCode,
          communeName: nameOf.get(row.communeId) ?? row.communeCode,
          state: stateWord(r.state),
          filled,
          required: asked.length,
          daysOverdue: overdue ? r.timeliness.daysLate : null,
        });
      }
    }
    return { ...p, approval };
  }

  /** Approving through an import needs the Sở to confirm the number of forms the dry run showed. */
  function assertConfirmed(a: ImportApproval, confirm: string | undefined) {
    const flagged = [
      a.notSubmitted ? `${formatNumber(a.notSubmitted)} xã chưa tự nộp` : '',
      a.unfinished ? `${formatNumber(a.unfinished)} biểu mẫu còn ô trống` : '',
      a.overdue ? `${formatNumber(a.overdue)} xã quá hạn chưa nộp` : '',
    ].filter(Boolean);
    const what = `duyệt ${formatNumber(a.forms)} biểu mẫu${flagged.length ? ` (trong đó ${flagged.join(', ')})` : ''}`;
    if (confirm === undefined || confirm.trim() === '') {
      throw new ApiError(409, 'CONFIRM_APPROVAL', `Nhập ở chế độ "Sở duyệt ngay" sẽ ${what}. Hãy kiểm tra trước rồi xác nhận số biểu mẫu sẽ duyệt (trường "confirm").`);
    }
    if (confirm.trim() !== String(a.forms)) {
      throw new ApiError(409, 'CONFIRM_MISMATCH', `Xác nhận không khớp: lần ghi này sẽ ${what}, không phải ${confirm.trim()}. Hãy kiểm tra lại rồi xác nhận.`);
    }
  }

  function closedRound(round: RoundRecord) {
    return new ApiError(409, 'ROUND_CLOSED', `Kỳ "${round.name}" đã đóng, không nhận thêm số liệu. Mở lại kỳ (Quản trị → Kỳ báo cáo) trước khi nhập.`);
  }

  async function run(req: ImportRequest): Promise<ImportResult> {
    const round = await findRound(db, req.periodCode);
    const mode = parseMode(req.mode);
    const mapping = await resolveMapping(req.mapping);
    if (round.status === 'closed') throw closedRound(round);
    const grid = await read(req.bytes, req.fileName);
    const sha = sha256(req.bytes);
    const base = { fileName: req.fileName, sha256: sha, mode };

    const now = req.now ?? new Date();
    if (req.dryRun) {
      const p = await plan(writeContext(db), round, grid, mode, mapping.columns, now);
      return { dryRun: true, ...base, summary: p.summary, columns: p.columns, unknownColumns: p.unknownColumns, problems: p.problems, approval: p.approval };
    }

    // one context for the whole file: every commune is checked against the same baseline
    return inTransaction(db, async (w) => {
      // held shared against closing (closing takes it exclusively) while the file writes
      const locked = await w.rounds.lock(round.id, 'share');
      if (locked?.status === 'closed') throw closedRound(round);
      const p = await plan(w, round, grid, mode, mapping.columns, now);
      const errors = p.problems.filter((x) => x.level === 'error');
      if (errors.length) {
        throw new ImportRefused(
          `Chưa ghi gì: tệp còn ${formatNumber(errors.length)} lỗi (${formatNumber(p.summary.rowsRejected)} dòng). Hãy sửa các lỗi trong bảng rồi tải lên lại.`,
          p.problems,
          p.summary,
        );
      }
      if (p.approval && p.approval.forms > 0) assertConfirmed(p.approval, req.confirm);
      const importId = await createImportsRepository(w.db).recordImport({
        periodId: round.id,
        fileName: req.fileName,
        fileSha256: sha,
        mode,
        mappingName: mapping.name,
        counts: p.summary,
        importedBy: req.actor,
      });
      const comment = `Nhập từ tệp "${req.fileName}"`;
      const { byCode } = await elementIndex(w);
      for (const row of p.rows) {
        if (!Object.keys(row.changes).length) continue; // the same file again: nothing to write
        if (mode === 'approved') {
          await importPublished(w, { periodId: round.id, communeId: row.communeId, values: row.changes, actor: req.actor, importId, comment });
          await w.published.markApproximate(round.id, row.communeId, row.approximate.filter((c) => c in row.changes).map((c) => byCode.get(c)!.id));
        } else {
          // the Sở saw these warnings in the dry run and sends the figures on for review anyway;
          // the note says so, and the reviewer still sees each warning beside its field
          const explanations = Object.fromEntries(
            row.warnings.map((w) => [w.element, `Nhập từ tệp "${req.fileName}" (${req.actor}); cảnh báo đã hiện khi kiểm tra trước khi ghi`]),
          );
          await submitFigures(w, { periodId: round.id, communeId: row.communeId, values: row.changes, explanations, actor: req.actor, how: 'import', importId, comment });
        }
      }
      return { dryRun: false, ...base, summary: p.summary, columns: p.columns, unknownColumns: p.unknownColumns, problems: p.problems, approval: p.approval, importId };
    });
  }

  /** The imports of a round, newest first. */
  async function history(periodCode: string): Promise<ImportList> {
    const round = await findRound(db, periodCode);
    const rows = await createImportsRepository(db).listImports(round.id);
    return {
      imports: rows.map((r) => ({
        id: r.id,
        period: r.periodCode,
        fileName: r.fileName,
        sha256: r.fileSha256,
        mode: r.mode as ImportMode,
        mappingName: r.mappingName,
        summary: r.counts as ImportSummary,
        importedBy: r.importedBy,
        at: r.at,
      })),
    };
  }

  const mappings = () => createImportsRepository(db).mappings();

  /** Saves (or replaces) a named mapping, checked as an upload's mapping is. */
  async function saveMapping(body: { name: string; columns: Record<string, string> }, actor: string): Promise<MappingRecord> {
    const name = body.name.trim();
    if (!name) throw new ApiError(400, 'BAD_MAPPING', 'Tên cách ghép cột không được để trống');
    if (!Object.keys(body.columns).length) throw new ApiError(400, 'BAD_MAPPING', 'Cách ghép cột cần ít nhất một cột');
    const { columns } = await resolveMapping(JSON.stringify(body.columns));
    return createImportsRepository(db).saveMapping({ name, columns, updatedBy: actor });
  }

  return { run, resolveMapping, history, mappings, saveMapping };
}
export type ImportService = ReturnType<typeof createImportService>;
