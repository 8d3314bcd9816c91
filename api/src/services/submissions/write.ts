// The write path of the figures, shared by the form (workflow.ts), the import and closing a round:
// publish figures, put figures in a commune's report for review, publish an import. Each takes the
// caller's WriteContext (its transaction), so an import of 96 communes is one transaction; after
// it commits, the caller must `await app.dataVersion.changed()`. Every change to a figure writes
// its audit row in that same transaction. The contract of each is in ./index.ts.
import { checkFigures, formatDateTime, unexplained, type CheckIssue } from '@nq57/shared';
import type { SubmissionStatus } from '@nq57/shared/schemas';
import { ApiError, notFound } from '../../errors';
import type { AuditRow } from '../../repositories/audit';
import type { ElementRecord } from '../../repositories/catalogue';
import type { RoundRecord } from '../../repositories/rounds';
import type { StoredValue, SubmissionRow } from '../../repositories/submissions';
import { explanationsOf, figuresOf, loadCheckContext, type LoadedContext } from './checks';
import { elementIndex, type WriteContext } from './context';

export type Figures = Record<string, number | null>;

export interface FigureChange {
  element: string;
  oldValue: number | null;
  newValue: number | null;
}

export interface PublishOptions {
  periodId: number;
  communeId: number;
  /** element code → number (set) | null (clear); absent keys are left alone */
  values: Figures;
  /** who did it (username), for the audit */
  actor: string;
  how: 'approval' | 'import' | 'system';
  importId?: number | null;
  comment?: string | null;
  /** data_values.updated_by: the officer who entered the figure (defaults to actor) */
  updatedBy?: string;
  /** data_values.source (defaults: approval → 'form', import → 'import', system → 'system') */
  source?: string;
}

export interface SubmitFiguresOptions {
  periodId: number;
  communeId: number;
  values: Figures;
  explanations?: Record<string, string>;
  actor: string;
  how?: 'import';
  importId?: number | null;
  comment?: string | null;
}

export interface SubmitFiguresResult {
  status: SubmissionStatus;
  version: number;
  errors: CheckIssue[];
  warnings: CheckIssue[];
  changed: FigureChange[];
  /** true when the submission is now 'submitted' for review */
  submitted: boolean;
}

// ── Guards and messages ─────────────────────────────────────────────────────────────────

/** Reads the round and holds it shared: it cannot close half-way through this write (decision 006). */
export async function lockRound(w: WriteContext, periodId: number): Promise<RoundRecord> {
  const round = await w.rounds.lock(periodId, 'share');
  if (!round) throw notFound.period();
  return round;
}

export function assertRoundOpen(round: RoundRecord) {
  if (round.status === 'closed') {
    throw new ApiError(409, 'ROUND_CLOSED', `Kỳ "${round.name}" đã đóng, không nhận thêm số liệu. Liên hệ Sở KH&CN nếu cần mở lại.`);
  }
}

export function conflictMessage(s: SubmissionRow) {
  return `Số liệu vừa được ${s.updatedBy} lưu lúc ${formatDateTime(s.updatedAt)} (phiên bản ${s.version}); hãy tải lại để xem trước khi lưu tiếp`;
}

/** Every key is an element the round asks for and a commune may type (400 naming the field otherwise). */
function validateKeys(all: Map<string, ElementRecord>, asked: Set<string>, keys: string[], field: 'values' | 'explanations') {
  for (const k of keys) {
    const e = all.get(k);
    if (!e) throw new ApiError(400, 'UNKNOWN_ELEMENT', `Trường "${field}.${k}": không có dữ liệu mã "${k}"`);
    if (e.computed) throw new ApiError(400, 'COMPUTED_ELEMENT', `Trường "${field}.${k}": "${e.name}" do hệ thống tự tính, xã không nhập`);
    if (!asked.has(k)) throw new ApiError(400, 'ELEMENT_NOT_ASKED', `Trường "${field}.${k}": kỳ này không yêu cầu "${e.name}"`);
  }
}

/**
 * The guard every write into a commune's form passes first (the form's save, the import for
 * review), with the round locked (lockRound): the round is open (409), every figure and
 * explanation is of an element the round asks for and a commune types (400). Returns what the
 * checks need for this commune.
 */
export async function assertFormWritable(
  w: WriteContext,
  round: RoundRecord,
  communeId: number,
  input: { values: Figures; explanations?: Record<string, string> },
): Promise<LoadedContext> {
  assertRoundOpen(round);
  const ctx = await loadCheckContext(w, round.id, communeId);
  const all = (await elementIndex(w)).byCode;
  const asked = new Set(ctx.elements.map((e) => e.code));
  validateKeys(all, asked, Object.keys(input.values), 'values');
  validateKeys(all, asked, Object.keys(input.explanations ?? {}), 'explanations');
  return ctx;
}

// ── Publishing (data_values) ────────────────────────────────────────────────────────────

export async function publishFigures(w: WriteContext, o: PublishOptions): Promise<{ changed: FigureChange[] }> {
  const { byCode } = await elementIndex(w);
  const current = await w.published.ofCommune(o.periodId, o.communeId);
  const source = o.source ?? (o.how === 'approval' ? 'form' : o.how);
  const changed: FigureChange[] = [];
  const audit: AuditRow[] = [];
  const upserts: { elementId: number; value: number }[] = [];
  const deletes: number[] = [];
  for (const [code, value] of Object.entries(o.values)) {
    const e = byCode.get(code);
    if (!e) throw new ApiError(400, 'UNKNOWN_ELEMENT', `Không có dữ liệu "${code}"`);
    if (e.computed && o.how !== 'system') throw new ApiError(400, 'COMPUTED_ELEMENT', `"${e.name}" do hệ thống tự tính, không nhập được`);
    if (value !== null && !Number.isFinite(value)) throw new ApiError(400, 'NOT_A_NUMBER', `Giá trị của "${code}" phải là một số`);
    const old = current.get(e.id) ?? null;
    if (old === value) continue;
    if (value === null) deletes.push(e.id);
    else upserts.push({ elementId: e.id, value });
    changed.push({ element: code, oldValue: old, newValue: value });
    audit.push({ actor: o.actor, periodId: o.periodId, communeId: o.communeId, elementId: e.id, oldValue: old, newValue: value, how: o.how, comment: o.comment ?? null, importId: o.importId ?? null });
  }
  await w.published.remove(o.periodId, o.communeId, deletes);
  await w.published.upsert({ periodId: o.periodId, communeId: o.communeId, source, updatedBy: o.updatedBy ?? o.actor }, upserts);
  await w.audit.write(audit);
  return { changed };
}

// ── A commune's report ──────────────────────────────────────────────────────────────────

/** Merges values and explanations into the submission's stored fields; writes the changed figures' audit rows. */
export async function mergeValues(
  w: WriteContext,
  sub: SubmissionRow,
  elements: ElementRecord[],
  values: Figures,
  explanations: Record<string, string> | undefined,
  audit: {
    actor: string;
    how: AuditRow['how'];
    importId?: number | null;
    comment?: string | null;
    reportId?: number | null;
    /** element code → its own comment (the sentence of a report), instead of `comment` */
    comments?: Record<string, string>;
  },
) {
  const byCode = new Map(elements.map((e) => [e.code, e]));
  const stored = await w.submissions.values(sub.id);
  const changed: FigureChange[] = [];
  const rows: AuditRow[] = [];
  const touched = new Set([...Object.keys(values), ...Object.keys(explanations ?? {})]);
  const writes = new Map<number, StoredValue>();
  for (const code of touched) {
    const e = byCode.get(code)!;
    const old = stored.get(e.id) ?? { value: null, explanation: null };
    const value = code in values ? values[code] : old.value;
    const explanation = explanations && code in explanations ? explanations[code].trim() || null : old.explanation;
    if (value === old.value && explanation === old.explanation) continue;
    writes.set(e.id, { value, explanation });
    stored.set(e.id, { value, explanation });
    if (value !== old.value) {
      changed.push({ element: code, oldValue: old.value, newValue: value });
      rows.push({
        actor: audit.actor,
        periodId: sub.periodId,
        communeId: sub.communeId,
        elementId: e.id,
        oldValue: old.value,
        newValue: value,
        how: audit.how,
        importId: audit.importId ?? null,
        comment: audit.comments?.[code] ?? audit.comment ?? null,
        reportId: audit.reportId ?? null,
      });
    }
  }
  await w.submissions.putValues(sub.id, writes);
  await w.audit.write(rows);
  return { changed, stored };
}

/** The submission row, created at version 0 when there is none (concurrent creators: one wins). */
async function lockOrCreate(w: WriteContext, periodId: number, communeId: number, actor: string): Promise<SubmissionRow> {
  const existing = await w.submissions.lock(periodId, communeId);
  if (existing) return existing;
  await w.submissions.create(periodId, communeId, actor);
  return (await w.submissions.lock(periodId, communeId))!;
}

export async function submitFigures(w: WriteContext, o: SubmitFiguresOptions): Promise<SubmitFiguresResult> {
  const ctx = await assertFormWritable(w, await lockRound(w, o.periodId), o.communeId, o);
  const sub = await lockOrCreate(w, o.periodId, o.communeId, o.actor);
  if (sub.status === 'approved') {
    throw new ApiError(409, 'LOCKED', 'Số liệu của xã trong kỳ này đã được duyệt; cần quản trị mở lại (kèm lý do) trước khi nhập lại');
  }
  const { changed, stored } = await mergeValues(w, sub, ctx.elements, o.values, o.explanations, {
    actor: o.actor,
    how: o.how ?? 'import',
    importId: o.importId,
    comment: o.comment,
  });
  const { errors, warnings } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
  const blocked = errors.length > 0 || unexplained(warnings, explanationsOf(stored, ctx.elements)).length > 0;
  const hasAny = [...stored.values()].some((v) => v.value !== null);
  // the figures now on the form came (at least partly) from the Sở's file: say so wherever the state shows
  const fromFile = changed.length > 0 ? { importId: o.importId ?? null } : {};
  if (!blocked && hasAny && sub.status !== 'submitted') {
    // the import puts the form up for review, but it is not the commune submitting: when the
    // figures first reached the Sở is kept apart (firstImportedAt), so lateness stays the commune's
    const version = await w.submissions.markSubmitted(sub.id, o.actor, fromFile);
    await w.submissions.addComment(sub.id, 'submit', o.comment ?? 'Nộp qua nhập tệp', o.actor);
    await w.audit.write([{ actor: o.actor, periodId: o.periodId, communeId: o.communeId, how: 'submit', comment: o.comment ?? 'Nộp qua nhập tệp', importId: o.importId ?? null }]);
    return { status: 'submitted', version, errors, warnings, changed, submitted: true };
  }
  const version = changed.length || sub.version === 0 ? await w.submissions.touch(sub.id, o.actor, fromFile) : sub.version;
  return { status: sub.status, version, errors, warnings, changed, submitted: sub.status === 'submitted' };
}

export async function importPublished(
  w: WriteContext,
  o: { periodId: number; communeId: number; values: Figures; actor: string; importId?: number | null; comment?: string | null },
): Promise<{ changed: FigureChange[] }> {
  const { changed } = await publishFigures(w, { ...o, how: 'import' });
  const sub = await lockOrCreate(w, o.periodId, o.communeId, o.actor);
  const { byCode } = await elementIndex(w);
  const stored = await w.submissions.values(sub.id);
  // mirror without a second audit row per figure: the published change above is the record
  const writes = new Map<number, StoredValue>();
  for (const [code, value] of Object.entries(o.values)) {
    const e = byCode.get(code)!;
    const old = stored.get(e.id);
    if ((old?.value ?? null) === value) continue;
    writes.set(e.id, { value, explanation: old?.explanation ?? null });
  }
  await w.submissions.putValues(sub.id, writes);
  // no submission time is invented (firstSubmittedAt is the commune's own); the first import that
  // brought its figures is when the Sở had them, so a commune overdue at that day stays late
  const fromFile = changed.length ? { importId: o.importId ?? null } : undefined;
  if (sub.status !== 'approved') {
    await w.submissions.markApproved(sub.id, o.actor, fromFile);
  } else if (fromFile) {
    await w.submissions.noteImport(sub.id, o.actor, fromFile.importId);
  }
  return { changed };
}
