// The write path of the figures: a commune's submission from first draft to approval, and the
// published figures (data_values) the rankings read. Every change to a figure writes its audit
// row in the same transaction as the change, so the log can never miss one.
//
// ── Reusable by the Excel import (issue 6) ────────────────────────────────────────────────
// Each takes the CALLER's transaction (`tx`), so an import of 96 communes is one transaction.
// After the transaction commits, the caller must `await app.dataVersion.changed()`.
//
//   publishFigures(tx, { periodId, communeId, values, actor, how, importId?, comment?, updatedBy?, source? })
//       → { changed: FigureChange[] }
//     Writes the published figures: a number upserts data_values, null deletes it, an absent key
//     is left alone. One audit_log row per changed figure (old → new) with `how`
//     ('approval' | 'import' | 'system'). Does not touch the submission.
//
//   importPublished(tx, { periodId, communeId, values, actor, importId?, comment? })
//       → { changed: FigureChange[] }
//     An import the Sở publishes directly: publishFigures(how 'import') AND the commune's
//     submission mirrored to 'approved' with the same values, so the form, completeness and the
//     audit agree with what is published. Checks are the caller's business (see loadCheckContext).
//     Never touches firstSubmittedAt (whether and when the commune submitted): the first import
//     of a commune's figures is kept as firstImportedAt, so a commune that had not reported by the
//     deadline stays late (decision 010). Works on closed rounds too (the Sở loading past rounds
//     from its own spreadsheets).
//
//   submitFigures(tx, { periodId, communeId, values, explanations?, actor, how?: 'import', importId?, comment? })
//       → { status, version, errors, warnings, changed, submitted }
//     An import "for review": merges the values into the commune's submission (created if
//     needed; audit per changed figure, how 'import'), runs the checks; when nothing blocks, the
//     submission becomes 'submitted' for the Sở to approve, else it is kept as a draft and the
//     errors/warnings are returned (submitted = false). Like importPublished it records
//     firstImportedAt, never firstSubmittedAt. Throws ApiError 409 when the submission is
//     approved (needs a reopen) and ApiError 409 when the round is closed.
//
//   loadCheckContext(db, periodId, communeId) → { elements, context, previousByCode }
//     what checkFigures needs for this commune in this round (previous round, peers, villages).
// ───────────────────────────────────────────────────────────────────────────────────────────
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  OUTLIER_MIN_PEERS,
  checkFigures,
  comparisonPeriod,
  communeReport,
  districtLabel,
  formatDateTime,
  landingRound,
  needsAction,
  onTimeCounts,
  stateWord,
  unexplained,
  vnDay,
  type CheckContext,
  type CheckElement,
  type CheckIssue,
  type FigureSet,
  type PeerFigure,
} from '@nq57/shared';
import type { CommuneReports, CompletenessOut, CompletenessRow, SubmissionOut, SubmissionSaved, SubmissionStatus } from '@nq57/shared/schemas';
import type { Database, DbOrTx } from '../db/client';
import { communes, dataValues, submissions, users } from '../db/schema';
import { createReportingRepository } from '../repositories/reporting';
import { roundReports } from './reporting';
import { ApiError } from '../errors';
import { toIso } from '../repositories/audit';
import { roundsRepo, type RoundRecord } from '../repositories/rounds';
import { submissionsRepo as repo, type AuditRow, type ElementInfo, type StoredValue, type SubmissionRow } from '../repositories/submissions';

export type Figures = Record<string, number | null>;

export interface FigureChange {
  element: string;
  oldValue: number | null;
  newValue: number | null;
}

export interface Actor {
  username: string;
  role: 'admin' | 'leader' | 'commune';
  communeCode: string | null;
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

// ── Small helpers ───────────────────────────────────────────────────────────────────────

const iso = (t: string | null): string | null => (t === null ? null : new Date(toIso(t)).toISOString());

/**
 * Reads that do not depend on the commune (elements, a round's list, rounds, the peers' figures)
 * are made once per TRANSACTION: an import checks 96 communes in one, all against the same
 * baseline (figures written earlier in that import do not shift the peers of later rows).
 * Outside a transaction nothing is kept.
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();
function once<T>(db: DbOrTx, key: string, load: () => Promise<T>): Promise<T> {
  if (typeof (db as { rollback?: unknown }).rollback !== 'function') return load();
  let m = memos.get(db);
  if (!m) memos.set(db, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = load()));
  return p;
}

async function elementIndex(db: DbOrTx) {
  return once(db, 'elements', async () => {
    const all = await repo.elements(db);
    return { all, byCode: new Map(all.map((e) => [e.code, e])), byId: new Map(all.map((e) => [e.id, e])) };
  });
}

const nameOf = (e: ElementInfo | undefined, code: string) => (e ? `${e.name} (${code})` : code);

/** "Tên: lỗi. Tên: lỗi" for a refusal message, at most five (the form lists them all beside the fields). */
function issueDetails(issues: CheckIssue[], byCode: Map<string, ElementInfo>): string {
  const texts = issues.slice(0, 5).map((x) => {
    const name = byCode.get(x.element)?.name ?? x.element;
    return x.message.startsWith(name) ? x.message : `${name}: ${x.message}`;
  });
  return texts.join('. ') + (issues.length > 5 ? ` (và ${issues.length - 5} lỗi khác)` : '');
}

/** An element as checkFigures sees it, limits included (the import's batch context uses it too). */
export const checkElementOf = (e: ElementInfo): CheckElement => ({ code: e.code, name: e.name, unit: e.unit, max: e.max, maxPerHead: e.maxPerHead });

function conflictMessage(s: SubmissionRow) {
  return `Số liệu vừa được ${s.updatedBy} lưu lúc ${formatDateTime(iso(s.updatedAt))} (phiên bản ${s.version}); hãy tải lại để xem trước khi lưu tiếp`;
}

async function lockRound(tx: DbOrTx, periodId: number): Promise<RoundRecord> {
  const round = await roundsRepo.lock(tx, periodId, 'share');
  if (!round) throw new ApiError(404, 'PERIOD_NOT_FOUND', 'Không có kỳ báo cáo này');
  return round;
}

/** drizzle's execute answers { rows } on PGlite and an array on postgres-js */
function rowsOf<T>(res: unknown): T[] {
  return Array.isArray(res) ? (res as T[]) : ((res as { rows: T[] }).rows ?? []);
}

function assertRoundOpen(round: RoundRecord) {
  if (round.status === 'closed') {
    throw new ApiError(409, 'ROUND_CLOSED', `Kỳ "${round.name}" đã đóng, không nhận thêm số liệu. Liên hệ Sở KH&CN nếu cần mở lại.`);
  }
}

// ── Publishing (data_values) ────────────────────────────────────────────────────────────

export async function publishFigures(tx: DbOrTx, o: PublishOptions): Promise<{ changed: FigureChange[] }> {
  const { byCode } = await elementIndex(tx);
  const current = await repo.published(tx, o.periodId, o.communeId);
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
  await repo.deletePublished(tx, o.periodId, o.communeId, deletes);
  await repo.upsertPublished(tx, { periodId: o.periodId, communeId: o.communeId, source, updatedBy: o.updatedBy ?? o.actor }, upserts);
  await repo.audit(tx, audit);
  return { changed };
}

// ── Checks ──────────────────────────────────────────────────────────────────────────────

export interface LoadedContext {
  round: RoundRecord;
  /** the elements the round asks for, in form order */
  elements: ElementInfo[];
  context: CheckContext;
  /** approved values of the comparison round, shown beside each field */
  previousByCode: Record<string, number>;
  comparedWith: RoundRecord | null;
}

/**
 * What checkFigures needs. The "3× the previous round" warning compares like with like only:
 * a month's dossier count is about a third of a quarter's by nature, so against a round of
 * another kind every field would ask for an explanation. The previous value is still shown
 * beside the field whatever the kind. The "far from similar communes" warning applies to a
 * field the commune has no figure for in that previous round (see docs/decisions/006).
 */
export async function loadCheckContext(db: DbOrTx, periodId: number, communeId: number): Promise<LoadedContext> {
  const round = await once(db, `round|${periodId}`, () => roundsRepo.byId(db, periodId));
  if (!round) throw new ApiError(404, 'PERIOD_NOT_FOUND', 'Không có kỳ báo cáo này');
  const { all, byId } = await elementIndex(db);
  const askedIds = await once(db, `asked|${periodId}`, () => repo.roundElementIds(db, periodId));
  const askedSet = new Set(askedIds);
  const elements = all.filter((e) => askedSet.has(e.id)); // form order

  const rounds = await once(db, 'rounds', () => roundsRepo.all(db));
  const withFigures = await once(
    db,
    'withFigures',
    async () =>
      new Set(
        rowsOf<{ id: number }>(
          await db.execute(sql`select p.id from periods p where exists (select 1 from data_values v where v.period_id = p.id)`),
        ).map((r) => Number(r.id)),
      ),
  );
  const ref = comparisonPeriod(
    rounds.filter((r) => withFigures.has(r.id) || r.id === periodId),
    round,
  );
  const comparedWith = ref ? rounds.find((r) => r.code === ref.code) ?? null : null;
  const previousByCode: Record<string, number> = {};
  if (comparedWith) {
    for (const [id, v] of await repo.published(db, comparedWith.id, communeId)) {
      const e = byId.get(id);
      if (e) previousByCode[e.code] = v;
    }
  }
  const sameKind = comparedWith !== null && comparedWith.kind === round.kind;

  const [me] = await db
    .select({ type: communes.type, villages: communes.villages, population: communes.population })
    .from(communes)
    .where(eq(communes.id, communeId));
  const peers: Record<string, PeerFigure[]> = {};
  const type = me?.type ?? 'xã';
  const peerValues = async (pid: number) => {
    // every same-type commune's figures of that round (this one left out below)
    const all = await once(db, `peers|${pid}|${type}|${periodId}`, async () => {
      const rows = await db
        .select({ communeId: dataValues.communeId, elementId: dataValues.elementId, value: dataValues.value, population: communes.population })
        .from(dataValues)
        .innerJoin(communes, eq(communes.id, dataValues.communeId))
        .where(and(eq(dataValues.periodId, pid), eq(communes.type, type), inArray(dataValues.elementId, askedIds.length ? askedIds : [-1])));
      return rows.map((r) => ({ communeId: r.communeId, elementId: r.elementId, value: Number(r.value), population: r.population }));
    });
    const out = new Map<number, PeerFigure[]>();
    for (const r of all) {
      if (r.communeId === communeId) continue;
      const list = out.get(r.elementId) ?? [];
      list.push({ value: r.value, population: r.population });
      out.set(r.elementId, list);
    }
    return out;
  };
  const here = await peerValues(periodId);
  const before = sameKind ? await peerValues(comparedWith!.id) : new Map<number, PeerFigure[]>();
  for (const e of elements) {
    // a commune with its own figure last round is judged against itself (the 3× rule): a big
    // commune is "far from similar communes" every round by nature, and would explain it every time
    if (sameKind && previousByCode[e.code] !== undefined) continue;
    const list = here.get(e.id) ?? [];
    peers[e.code] = list.length >= OUTLIER_MIN_PEERS ? list : (before.get(e.id) ?? list);
  }
  return {
    round,
    elements,
    comparedWith,
    previousByCode,
    context: {
      elements: elements.map(checkElementOf),
      previous: sameKind ? previousByCode : undefined,
      peers,
      villages: me?.villages ?? null,
      population: me?.population ?? null,
    },
  };
}

function figuresOf(values: Map<number, StoredValue>, elements: ElementInfo[]): FigureSet {
  const out: FigureSet = {};
  for (const e of elements) {
    const v = values.get(e.id);
    if (v && v.value !== null) out[e.code] = v.value;
  }
  return out;
}

function explanationsOf(values: Map<number, StoredValue>, elements: ElementInfo[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of elements) {
    const x = values.get(e.id)?.explanation;
    if (x) out[e.code] = x;
  }
  return out;
}

// ── Submission writes inside a transaction ──────────────────────────────────────────────

/** Merges values and explanations into the submission's stored fields; returns the figure changes and their audit rows. */
async function mergeValues(
  tx: DbOrTx,
  sub: SubmissionRow,
  elements: ElementInfo[],
  values: Figures,
  explanations: Record<string, string> | undefined,
  audit: { actor: string; how: AuditRow['how']; importId?: number | null; comment?: string | null },
) {
  const byCode = new Map(elements.map((e) => [e.code, e]));
  const stored = await repo.values(tx, sub.id);
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
      rows.push({ actor: audit.actor, periodId: sub.periodId, communeId: sub.communeId, elementId: e.id, oldValue: old.value, newValue: value, how: audit.how, importId: audit.importId ?? null, comment: audit.comment ?? null });
    }
  }
  await repo.putValues(tx, sub.id, writes);
  await repo.audit(tx, rows);
  return { changed, stored, touched: changed.length > 0 || touched.size > 0 };
}

/** The submission row, created at version 0 when there is none (concurrent creators: one wins). */
async function lockOrCreate(tx: DbOrTx, periodId: number, communeId: number, actor: string): Promise<{ sub: SubmissionRow; created: boolean }> {
  const existing = await repo.lock(tx, periodId, communeId);
  if (existing) return { sub: existing, created: false };
  const created = await repo.create(tx, periodId, communeId, actor);
  const sub = await repo.lock(tx, periodId, communeId);
  return { sub: sub!, created };
}

function validateKeys(elementsAll: Map<string, ElementInfo>, asked: Set<string>, keys: string[], field: 'values' | 'explanations') {
  for (const k of keys) {
    const e = elementsAll.get(k);
    if (!e) throw new ApiError(400, 'UNKNOWN_ELEMENT', `Trường "${field}.${k}": không có dữ liệu mã "${k}"`);
    if (e.computed) throw new ApiError(400, 'COMPUTED_ELEMENT', `Trường "${field}.${k}": "${e.name}" do hệ thống tự tính, xã không nhập`);
    if (!asked.has(k)) throw new ApiError(400, 'ELEMENT_NOT_ASKED', `Trường "${field}.${k}": kỳ này không yêu cầu "${e.name}"`);
  }
}

export async function submitFigures(tx: DbOrTx, o: SubmitFiguresOptions): Promise<SubmitFiguresResult> {
  const round = await lockRound(tx, o.periodId);
  assertRoundOpen(round);
  const ctx = await loadCheckContext(tx, o.periodId, o.communeId);
  const all = (await elementIndex(tx)).byCode;
  const asked = new Set(ctx.elements.map((e) => e.code));
  validateKeys(all, asked, Object.keys(o.values), 'values');
  validateKeys(all, asked, Object.keys(o.explanations ?? {}), 'explanations');
  const { sub } = await lockOrCreate(tx, o.periodId, o.communeId, o.actor);
  if (sub.status === 'approved') {
    throw new ApiError(409, 'LOCKED', 'Số liệu của xã trong kỳ này đã được duyệt; cần quản trị mở lại (kèm lý do) trước khi nhập lại');
  }
  const { changed, stored } = await mergeValues(tx, sub, ctx.elements, o.values, o.explanations, {
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
    const version = await repo.update(tx, sub.id, {
      actor: o.actor,
      status: 'submitted',
      submittedAt: sql`now()`,
      submittedBy: o.actor,
      firstImportedAt: sql`coalesce(${submissions.firstImportedAt}, now())`,
      ...fromFile,
    });
    await repo.addComment(tx, sub.id, 'submit', o.comment ?? 'Nộp qua nhập tệp', o.actor);
    await repo.audit(tx, [{ actor: o.actor, periodId: o.periodId, communeId: o.communeId, elementId: null, oldValue: null, newValue: null, how: 'submit', comment: o.comment ?? 'Nộp qua nhập tệp', importId: o.importId ?? null }]);
    return { status: 'submitted', version, errors, warnings, changed, submitted: true };
  }
  const version = changed.length || sub.version === 0 ? await repo.update(tx, sub.id, { actor: o.actor, ...fromFile }) : sub.version;
  return { status: sub.status, version, errors, warnings, changed, submitted: sub.status === 'submitted' };
}

export async function importPublished(
  tx: DbOrTx,
  o: { periodId: number; communeId: number; values: Figures; actor: string; importId?: number | null; comment?: string | null },
): Promise<{ changed: FigureChange[] }> {
  const { changed } = await publishFigures(tx, { ...o, how: 'import' });
  const { sub } = await lockOrCreate(tx, o.periodId, o.communeId, o.actor);
  const { byCode } = await elementIndex(tx);
  const stored = await repo.values(tx, sub.id);
  // mirror without a second audit row per figure: the published change above is the record
  const writes = new Map<number, StoredValue>();
  for (const [code, value] of Object.entries(o.values)) {
    const e = byCode.get(code)!;
    const old = stored.get(e.id);
    if ((old?.value ?? null) === value) continue;
    writes.set(e.id, { value, explanation: old?.explanation ?? null });
  }
  await repo.putValues(tx, sub.id, writes);
  // no submission time is invented (firstSubmittedAt is the commune's own); the first import that
  // brought its figures is when the Sở had them, so a commune overdue at that day stays late
  const fromFile = changed.length ? { importId: o.importId ?? null, firstImportedAt: sql`coalesce(${submissions.firstImportedAt}, now())` } : {};
  if (sub.status !== 'approved') {
    await repo.update(tx, sub.id, { actor: o.actor, status: 'approved', approvedAt: sql`now()`, approvedBy: o.actor, ...fromFile });
  } else if (changed.length) {
    await repo.update(tx, sub.id, { actor: o.actor, ...fromFile });
  }
  return { changed };
}

// ── The service the routes use ──────────────────────────────────────────────────────────

export interface SubmissionServiceOptions {
  /** the clock for "overdue" (tests and the demo may fix it) */
  now?: () => Date;
}

export function createSubmissionService(database: Database, opts: SubmissionServiceOptions = {}) {
  const { db } = database;
  const now = opts.now ?? (() => new Date());

  async function resolve(periodCode: string, communeCode: string) {
    const round = await roundsRepo.byCode(db, periodCode);
    if (!round) throw new ApiError(404, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${periodCode}"`);
    const commune = await repo.commune(db, communeCode);
    if (!commune) throw new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${communeCode}"`);
    return { round, commune };
  }

  async function read(periodCode: string, communeCode: string): Promise<SubmissionOut> {
    const { round, commune } = await resolve(periodCode, communeCode);
    const ctx = await loadCheckContext(db, round.id, commune.id);
    const sub = await repo.get(db, round.id, commune.id);
    const stored = sub ? await repo.values(db, sub.id) : new Map<number, StoredValue>();
    const { errors, warnings } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
    const comments = sub ? await repo.comments(db, sub.id) : [];
    // the same state and lateness as /tien-do shows for this commune (one shared rule)
    const [kept] = await createReportingRepository(db).reports([round.id], commune.id);
    const report = communeReport(kept, round, vnDay(now()));
    return {
      period: round.code,
      commune: commune.code,
      status: report.state,
      version: sub?.version ?? 0,
      submittedAt: iso(sub?.submittedAt ?? null),
      approvedAt: iso(sub?.approvedAt ?? null),
      updatedAt: iso(sub?.updatedAt ?? null),
      updatedBy: sub?.updatedBy ?? null,
      firstSubmittedAt: kept.firstSubmittedAt,
      deadline: round.deadline,
      timeliness: report.timeliness,
      source: sourceOf(kept),
      locked: round.status === 'closed' || sub?.status === 'approved',
      comparedWith: ctx.comparedWith
        ? { code: ctx.comparedWith.code, name: ctx.comparedWith.name, kind: ctx.comparedWith.kind }
        : null,
      values: ctx.elements.map((e) => ({
        element: e.code,
        value: stored.get(e.id)?.value ?? null,
        previousValue: ctx.previousByCode[e.code] ?? null,
        explanation: stored.get(e.id)?.explanation ?? null,
      })),
      errors,
      warnings,
      comments: comments.map((c) => ({ kind: c.kind as SubmissionOut['comments'][number]['kind'], body: c.body, author: c.author, at: iso(c.at)! })),
    };
  }

  async function save(
    periodCode: string,
    communeCode: string,
    actor: Actor,
    body: { version: number; values: Figures; explanations?: Record<string, string> },
  ): Promise<SubmissionSaved> {
    const { round, commune } = await resolve(periodCode, communeCode);
    return db.transaction(async (tx) => {
      const r = await lockRound(tx, round.id);
      assertRoundOpen(r);
      const ctx = await loadCheckContext(tx, round.id, commune.id);
      const all = (await elementIndex(tx)).byCode;
      const asked = new Set(ctx.elements.map((e) => e.code));
      validateKeys(all, asked, Object.keys(body.values), 'values');
      validateKeys(all, asked, Object.keys(body.explanations ?? {}), 'explanations');

      let sub = await repo.lock(tx, round.id, commune.id);
      if (!sub) {
        if (body.version !== 0) throw new ApiError(409, 'STALE_VERSION', 'Phiên bản không khớp: bản nhập này chưa được lưu lần nào; hãy tải lại');
        const created = await repo.create(tx, round.id, commune.id, actor.username);
        sub = (await repo.lock(tx, round.id, commune.id))!;
        // another save created it between our read and insert: it saved first, we are stale
        if (!created) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
      }
      assertEditable(sub, actor);
      if (sub.version !== body.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));

      const { changed, stored } = await mergeValues(tx, sub, ctx.elements, body.values, body.explanations, { actor: actor.username, how: 'form' });
      const anything = changed.length > 0 || sub.version === 0 || Object.keys(body.explanations ?? {}).length > 0;
      const version = anything ? await repo.update(tx, sub.id, { actor: actor.username }) : sub.version;
      const { errors, warnings } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
      return { version, status: sub.status, errors, warnings };
    });
  }

  function assertEditable(sub: SubmissionRow, actor: Actor) {
    if (sub.status === 'approved') {
      throw new ApiError(409, 'LOCKED', 'Số liệu đã được duyệt và khóa; cần quản trị mở lại (kèm lý do) trước khi sửa');
    }
    if (sub.status === 'submitted' && actor.role !== 'admin') {
      throw new ApiError(409, 'AWAITING_REVIEW', 'Số liệu đã nộp, đang chờ Sở KH&CN duyệt; không sửa được cho đến khi Sở trả lại');
    }
  }

  async function submit(periodCode: string, communeCode: string, actor: Actor, body: { version?: number; comment?: string }) {
    const { round, commune } = await resolve(periodCode, communeCode);
    await db.transaction(async (tx) => {
      const r = await lockRound(tx, round.id);
      assertRoundOpen(r);
      const sub = await repo.lock(tx, round.id, commune.id);
      if (!sub) throw new ApiError(400, 'NOTHING_TO_SUBMIT', 'Chưa có số liệu nào để nộp; hãy nhập và lưu trước');
      if (sub.status === 'submitted') throw new ApiError(409, 'ALREADY_SUBMITTED', 'Số liệu đã nộp, đang chờ Sở KH&CN duyệt');
      if (sub.status === 'approved') throw new ApiError(409, 'LOCKED', 'Số liệu đã được duyệt và khóa');
      if (body.version !== undefined && body.version !== sub.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
      const ctx = await loadCheckContext(tx, round.id, commune.id);
      const stored = await repo.values(tx, sub.id);
      const figures = figuresOf(stored, ctx.elements);
      if (!Object.keys(figures).length) throw new ApiError(400, 'NOTHING_TO_SUBMIT', 'Chưa nhập số liệu nào; hãy nhập trước khi nộp');
      const { errors, warnings } = checkFigures(figures, ctx.context);
      const byCode = new Map(ctx.elements.map((e) => [e.code, e]));
      const list = (xs: CheckIssue[]) => [...new Set(xs.map((x) => nameOf(byCode.get(x.element), x.element)))].join('; ');
      if (errors.length) {
        throw new ApiError(400, 'CHECKS_FAILED', `Chưa nộp được: còn ${errors.length} lỗi cần sửa ở ${list(errors)}. ${issueDetails(errors, byCode)}`);
      }
      const missing = unexplained(warnings, explanationsOf(stored, ctx.elements));
      if (missing.length) {
        throw new ApiError(400, 'EXPLANATION_REQUIRED', `Chưa nộp được: cần giải trình một dòng cho ${list(missing)}`);
      }
      await repo.update(tx, sub.id, {
        actor: actor.username,
        status: 'submitted',
        submittedAt: sql`now()`,
        submittedBy: actor.username,
        firstSubmittedAt: sql`coalesce(${submissions.firstSubmittedAt}, now())`,
      });
      const comment = body.comment?.trim() || 'Đã nộp số liệu';
      await repo.addComment(tx, sub.id, 'submit', comment, actor.username);
      await repo.audit(tx, [{ actor: actor.username, periodId: round.id, communeId: commune.id, elementId: null, oldValue: null, newValue: null, how: 'submit', comment }]);
    });
    return read(periodCode, communeCode);
  }

  async function approve(periodCode: string, communeCode: string, actor: Actor, body: { version?: number; comment?: string }) {
    const { round, commune } = await resolve(periodCode, communeCode);
    await db.transaction(async (tx) => {
      await lockRound(tx, round.id);
      const sub = await repo.lock(tx, round.id, commune.id);
      if (!sub || sub.status !== 'submitted') {
        throw new ApiError(409, 'NOT_SUBMITTED', `Chỉ duyệt được số liệu đã nộp; hiện trạng thái là "${statusName(sub?.status ?? 'not_started')}"`);
      }
      if (body.version !== undefined && body.version !== sub.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
      const ctx = await loadCheckContext(tx, round.id, commune.id);
      const stored = await repo.values(tx, sub.id);
      // a form submitted before a rule existed (the limits of issue 10) must not be published with
      // a figure the rule refuses: 1e308 dossiers would own the province total and the ranking
      const { errors } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
      if (errors.length) {
        const byCode = new Map(ctx.elements.map((e) => [e.code, e]));
        throw new ApiError(
          400,
          'CHECKS_FAILED',
          `Chưa duyệt được: số liệu còn ${errors.length} lỗi. ${issueDetails(errors, byCode)}. Hãy trả lại để xã sửa, hoặc sửa trước khi duyệt`,
        );
      }
      // every field the round asks for: an empty field clears a figure published before (after a reopen)
      const values: Figures = Object.fromEntries(ctx.elements.map((e) => [e.code, stored.get(e.id)?.value ?? null]));
      const comment = body.comment?.trim() || null;
      await publishFigures(tx, {
        periodId: round.id,
        communeId: commune.id,
        values,
        actor: actor.username,
        how: 'approval',
        updatedBy: sub.submittedBy ?? sub.updatedBy,
        comment,
      });
      await repo.update(tx, sub.id, { actor: actor.username, status: 'approved', approvedAt: sql`now()`, approvedBy: actor.username });
      if (comment) await repo.addComment(tx, sub.id, 'approve', comment, actor.username);
      await repo.audit(tx, [{ actor: actor.username, periodId: round.id, communeId: commune.id, elementId: null, oldValue: null, newValue: null, how: 'approval', comment: comment ?? 'Duyệt số liệu' }]);
    });
    return read(periodCode, communeCode);
  }

  async function sendBack(
    kind: 'return' | 'reopen',
    periodCode: string,
    communeCode: string,
    actor: Actor,
    text: string,
  ) {
    const { round, commune } = await resolve(periodCode, communeCode);
    const from = kind === 'return' ? 'submitted' : 'approved';
    await db.transaction(async (tx) => {
      const r = await lockRound(tx, round.id);
      assertRoundOpen(r);
      const sub = await repo.lock(tx, round.id, commune.id);
      if (!sub || sub.status !== from) {
        throw new ApiError(
          409,
          kind === 'return' ? 'NOT_SUBMITTED' : 'NOT_APPROVED',
          kind === 'return'
            ? `Chỉ trả lại được số liệu đã nộp; hiện trạng thái là "${statusName(sub?.status ?? 'not_started')}"`
            : `Chỉ mở lại được số liệu đã duyệt; hiện trạng thái là "${statusName(sub?.status ?? 'not_started')}"`,
        );
      }
      const body = text.trim();
      await repo.update(tx, sub.id, { actor: actor.username, status: 'returned' });
      await repo.addComment(tx, sub.id, kind, body, actor.username);
      await repo.audit(tx, [{ actor: actor.username, periodId: round.id, communeId: commune.id, elementId: null, oldValue: null, newValue: null, how: kind, comment: body }]);
    });
    return read(periodCode, communeCode);
  }

  async function completeness(periodCode: string, onlyCommune?: string): Promise<CompletenessOut> {
    const round = await roundsRepo.byCode(db, periodCode);
    if (!round) throw new ApiError(404, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${periodCode}"`);
    const askedIds = await repo.roundElementIds(db, round.id);
    const all = await db
      .select({ id: communes.id, code: communes.code, name: communes.name, formerDistricts: communes.formerDistricts })
      .from(communes)
      .orderBy(communes.sortOrder, communes.id);
    const subs = await db.select({ id: submissions.id, communeId: submissions.communeId }).from(submissions).where(eq(submissions.periodId, round.id));
    const filledRows = rowsOf<{ submission_id: number; n: number }>(
      await db.execute(sql`select sv.submission_id, count(*)::int as n from submission_values sv join submissions s on s.id = sv.submission_id
        where s.period_id = ${round.id} and sv.value is not null and sv.element_id = any(${pgIntArray(askedIds)}::int[]) group by sv.submission_id`),
    );
    const filled = new Map(filledRows.map((r) => [Number(r.submission_id), Number(r.n)]));
    // figures published without a submission (rounds from before this workflow) count as approved
    const publishedRows = rowsOf<{ commune_id: number; n: number }>(
      await db.execute(sql`select commune_id, count(*)::int as n from data_values where period_id = ${round.id}
        and element_id = any(${pgIntArray(askedIds)}::int[]) group by commune_id`),
    );
    const published = new Map(publishedRows.map((r) => [Number(r.commune_id), Number(r.n)]));
    const contactRows = await db
      .select({ communeId: users.communeId, username: users.username, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.role, 'commune'), eq(users.disabled, false)))
      .orderBy(users.username);
    const contacts = new Map<number, { username: string; displayName: string }[]>();
    for (const c of contactRows) {
      const list = contacts.get(c.communeId!) ?? [];
      list.push({ username: c.username, displayName: c.displayName });
      contacts.set(c.communeId!, list);
    }
    const subByCommune = new Map(subs.map((s) => [s.communeId, s]));
    // state and timeliness through the one shared rule, as the overview and the reports count them
    const { rows: reports, summary } = roundReports(await createReportingRepository(db).reports([round.id]), round, now());
    const reportOf = new Map(reports.map((r) => [r.communeId, r]));
    const rows: CompletenessRow[] = all.map((c) => {
      const s = subByCommune.get(c.id);
      const r = reportOf.get(c.id)!;
      return {
        communeCode: c.code,
        communeName: c.name,
        formerDistrict: districtLabel(c.formerDistricts),
        status: r.state,
        submittedAt: r.firstSubmittedAt,
        importedAt: r.firstImportedAt,
        timeliness: r.timeliness.kind,
        daysLate: r.timeliness.daysLate,
        late: r.timeliness.kind === 'late' || r.timeliness.kind === 'overdue',
        source: sourceOf(r),
        filled: s ? (filled.get(s.id) ?? 0) : (published.get(c.id) ?? 0),
        required: askedIds.length,
        contacts: contacts.get(c.id) ?? [],
      };
    });
    return {
      period: { code: round.code, name: round.name, deadline: round.deadline, status: round.status },
      counts: { ...summary.byState, late: summary.late, reported: summary.reported, total: summary.total },
      rows: onlyCommune ? rows.filter((r) => r.communeCode === onlyCommune) : rows,
    };
  }

  /** The commune's report in every open round, and the one to land on (shared landingRound). */
  async function communeReports(communeCode: string): Promise<CommuneReports> {
    const commune = await repo.commune(db, communeCode);
    if (!commune) throw new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${communeCode}"`);
    const open = (await roundsRepo.all(db)).filter((r) => r.status === 'open');
    const stored = new Map((await createReportingRepository(db).reports(open.map((r) => r.id), commune.id)).map((r) => [r.periodId, r]));
    const today = vnDay(now());
    const rounds = open
      .map((r) => ({ r, report: communeReport(stored.get(r.id)!, r, today) }))
      .sort((a, b) => (a.r.endDate < b.r.endDate ? 1 : a.r.endDate > b.r.endDate ? -1 : 0));
    return {
      commune: commune.code,
      rounds: rounds.map(({ r, report }) => ({
        period: { code: r.code, name: r.name, kind: r.kind, endDate: r.endDate, deadline: r.deadline },
        state: report.state,
        timeliness: report.timeliness,
        needsAction: needsAction(report),
      })),
      landing: landingRound(rounds.map(({ r, report }) => ({ code: r.code, endDate: r.endDate, ...report }))),
    };
  }

  return { read, save, submit, approve, communeReports, returnSubmission: (p: string, c: string, a: Actor, comment: string) => sendBack('return', p, c, a, comment), reopen: (p: string, c: string, a: Actor, reason: string) => sendBack('reopen', p, c, a, reason), completeness };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;

/** drizzle's sql`` has no array binding that works on both drivers: a literal {1,2,3} of integers is safe */
function pgIntArray(ids: number[]): string {
  return `{${ids.map((i) => Math.trunc(i)).join(',')}}`;
}

/** "đã nộp": the shared word for a state, inside a sentence */
export const statusName = (s: SubmissionStatus) => stateWord(s);

/** Figures the Sở imported: which file, so the state can say "Sở nhập từ tệp …". */
function sourceOf(r: { importId: number | null; importFile: string | null; importedAt: string | null }) {
  return r.importId !== null && r.importFile !== null ? { importId: r.importId, fileName: r.importFile, at: r.importedAt } : null;
}

/** Writes reports_due / reports_on_time of every commune for a closed round (source 'system'). */
export async function writeOnTimeFigures(tx: DbOrTx, periodId: number, actor: string): Promise<number> {
  const round = await roundsRepo.byId(tx, periodId);
  if (!round) throw new ApiError(404, 'PERIOD_NOT_FOUND', 'Không có kỳ báo cáo này');
  const rounds = (await roundsRepo.all(tx)).filter((r) => r.deadline !== null);
  const ids = (await tx.select({ id: communes.id }).from(communes)).map((r) => r.id);
  // judged by the same rule as every page (shared timeliness): first submission or first import
  const records = await createReportingRepository(tx).reports(rounds.map((r) => r.id));
  const counts = onTimeCounts(round, rounds, records, ids);
  let changed = 0;
  for (const [communeId, c] of counts) {
    const r = await publishFigures(tx, {
      periodId,
      communeId,
      values: { reports_due: c.due, reports_on_time: c.onTime },
      actor,
      how: 'system',
      source: 'system',
      updatedBy: 'system',
      comment: `Tính khi đóng kỳ ${round.name}`,
    });
    changed += r.changed.length;
  }
  return changed;
}
