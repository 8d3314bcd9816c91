// The workflow of one commune's report in one round, as the routes under
// /api/periods/:period/submissions/:commune drive it: read, save a draft, submit, and the Sở's
// approve / return / reopen; and the officer's list of open rounds (communeReports). Each write
// opens its transaction here, makes its WriteContext and goes through the write path (write.ts).
// The rules a newcomer may question are in docs/decisions/006 and 010.
import { checkFigures, communeReport, landingRound, needsAction, stateWord, unexplained, vnDay, type CheckIssue } from '@nq57/shared';
import type { CommuneReports, SubmissionOut, SubmissionSaved } from '@nq57/shared/schemas';
import type { Database, DbOrTx } from '../../db/client';
import { ApiError, notFound } from '../../errors';
import type { ElementRecord } from '../../repositories/catalogue';
import type { StoredReport } from '../../repositories/reporting';
import type { StoredValue, SubmissionRow } from '../../repositories/submissions';
import { explanationsOf, figuresOf, loadCheckContext } from './checks';
import { inTransaction, writeContext } from './context';
import { assertFormWritable, assertRoundOpen, conflictMessage, lockRound, mergeValues, publishFigures, type Figures } from './write';

/** Figures read from a commune's narrative report and accepted by a person (services/reports). */
export interface ReportOrigin {
  how: 'report';
  reportId: number;
  /** element code → the audit comment: the report and the sentence the figure came from */
  comments: Record<string, string>;
}

export interface Actor {
  username: string;
  role: 'admin' | 'leader' | 'commune';
  communeCode: string | null;
}

const nameOf = (e: ElementRecord | undefined, code: string) => (e ? `${e.name} (${code})` : code);

/** "Tên: lỗi. Tên: lỗi" for a refusal message, at most five (the form lists them all beside the fields). */
function issueDetails(issues: CheckIssue[], byCode: Map<string, ElementRecord>): string {
  const texts = issues.slice(0, 5).map((x) => {
    const name = byCode.get(x.element)?.name ?? x.element;
    return x.message.startsWith(name) ? x.message : `${name}: ${x.message}`;
  });
  return texts.join('. ') + (issues.length > 5 ? ` (và ${issues.length - 5} lỗi khác)` : '');
}

/** Figures the Sở imported: which file, so the state can say "Sở nhập từ tệp …". */
export function sourceOf(r: Pick<StoredReport, 'importId' | 'importFile' | 'importedAt'>) {
  return r.importId !== null && r.importFile !== null ? { importId: r.importId, fileName: r.importFile, at: r.importedAt } : null;
}

function assertEditable(sub: SubmissionRow, actor: Actor) {
  if (sub.status === 'approved') {
    throw new ApiError(409, 'LOCKED', 'Số liệu đã được duyệt và khóa; cần quản trị mở lại (kèm lý do) trước khi sửa');
  }
  if (sub.status === 'submitted' && actor.role !== 'admin') {
    throw new ApiError(409, 'AWAITING_REVIEW', 'Số liệu đã nộp, đang chờ Sở KH&CN duyệt; không sửa được cho đến khi Sở trả lại');
  }
}

/** What else a return writes in its transaction (the reminders' e-mail to the commune). */
export type ReturnHook = (tx: DbOrTx, r: { periodId: number; communeId: number; comment: string; actor: string }) => Promise<void>;

export function createWorkflow(database: Database, now: () => Date, onReturn?: ReturnHook) {
  const { db } = database;

  async function resolve(periodCode: string, communeCode: string) {
    const w = writeContext(db);
    const round = await w.rounds.byCode(periodCode);
    if (!round) throw notFound.period(periodCode);
    const commune = await w.catalogue.communeByCode(communeCode);
    if (!commune) throw notFound.commune(communeCode);
    return { round, commune };
  }

  async function read(periodCode: string, communeCode: string): Promise<SubmissionOut> {
    const { round, commune } = await resolve(periodCode, communeCode);
    const w = writeContext(db);
    const ctx = await loadCheckContext(w, round.id, commune.id);
    const sub = await w.submissions.get(round.id, commune.id);
    const stored = sub ? await w.submissions.values(sub.id) : new Map<number, StoredValue>();
    const { errors, warnings } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
    const comments = sub ? await w.submissions.comments(sub.id) : [];
    // the same state and lateness as /tien-do shows for this commune (one shared rule)
    const [kept] = await w.reporting.reports([round.id], commune.id);
    const report = communeReport(kept, round, vnDay(now()));
    return {
      period: round.code,
      commune: commune.code,
      status: report.state,
      version: sub?.version ?? 0,
      submittedAt: sub?.submittedAt ?? null,
      approvedAt: sub?.approvedAt ?? null,
      updatedAt: sub?.updatedAt ?? null,
      updatedBy: sub?.updatedBy ?? null,
      firstSubmittedAt: kept.firstSubmittedAt,
      deadline: round.deadline,
      timeliness: report.timeliness,
      source: sourceOf(kept),
      locked: round.status === 'closed' || sub?.status === 'approved',
      comparedWith: ctx.comparedWith ? { code: ctx.comparedWith.code, name: ctx.comparedWith.name, kind: ctx.comparedWith.kind } : null,
      values: ctx.elements.map((e) => ({
        element: e.code,
        value: stored.get(e.id)?.value ?? null,
        previousValue: ctx.previousByCode[e.code] ?? null,
        explanation: stored.get(e.id)?.explanation ?? null,
      })),
      errors,
      warnings,
      comments: comments.map((c) => ({ kind: c.kind as SubmissionOut['comments'][number]['kind'], body: c.body, author: c.author, at: c.at })),
    };
  }

  /**
   * A draft saved from the form, or from a commune's report (`origin`: the figures a person
   * accepted on /doc-bao-cao, audited as how 'report' with the report and each figure's sentence).
   */
  async function save(
    periodCode: string,
    communeCode: string,
    actor: Actor,
    body: { version: number; values: Figures; explanations?: Record<string, string>; clientId?: string },
    origin?: ReportOrigin,
  ): Promise<SubmissionSaved> {
    const { round, commune } = await resolve(periodCode, communeCode);
    const { clientId } = body;
    // A save the browser's outbox resends because its answer was lost (issue 15) is done already:
    // the first answer again, nothing written, checked before anything that may have changed since
    // (a closed round, a submitted form, a newer version). Looked up under the submission's row
    // lock, so two copies arriving together are one save and one answer.
    return inTransaction(db, async (w) => {
      const doneBefore = async (sub: SubmissionRow | null) => (clientId && sub ? w.submissions.savedBefore(sub.id, clientId, actor.username) : null);
      const roundRow = await lockRound(w, round.id);
      let sub = await w.submissions.lock(round.id, commune.id);
      const done = await doneBefore(sub);
      if (done) return done;
      const ctx = await assertFormWritable(w, roundRow, commune.id, body);

      if (!sub) {
        if (body.version !== 0) throw new ApiError(409, 'STALE_VERSION', 'Phiên bản không khớp: bản nhập này chưa được lưu lần nào; hãy tải lại');
        const created = await w.submissions.create(round.id, commune.id, actor.username);
        sub = (await w.submissions.lock(round.id, commune.id))!;
        if (!created) {
          // another save created it between our read and insert: the same save sent twice, or one
          // that saved first (then we are stale)
          const again = await doneBefore(sub);
          if (again) return again;
          throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
        }
      }
      assertEditable(sub, actor);
      if (sub.version !== body.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));

      const { changed, stored } = await mergeValues(w, sub, ctx.elements, body.values, body.explanations, {
        actor: actor.username,
        how: origin?.how ?? 'form',
        reportId: origin?.reportId,
        comments: origin?.comments,
      });
      const anything = changed.length > 0 || sub.version === 0 || Object.keys(body.explanations ?? {}).length > 0;
      const version = anything ? await w.submissions.touch(sub.id, actor.username) : sub.version;
      const { errors, warnings } = checkFigures(figuresOf(stored, ctx.elements), ctx.context);
      const result: SubmissionSaved = { version, status: sub.status, errors, warnings };
      if (clientId) await w.submissions.keepSave(sub.id, clientId, actor.username, result);
      return result;
    });
  }

  async function submit(periodCode: string, communeCode: string, actor: Actor, body: { version?: number; comment?: string }) {
    const { round, commune } = await resolve(periodCode, communeCode);
    await inTransaction(db, async (w) => {
      assertRoundOpen(await lockRound(w, round.id));
      const sub = await w.submissions.lock(round.id, commune.id);
      if (!sub) throw new ApiError(400, 'NOTHING_TO_SUBMIT', 'Chưa có số liệu nào để nộp; hãy nhập và lưu trước');
      if (sub.status === 'submitted') throw new ApiError(409, 'ALREADY_SUBMITTED', 'Số liệu đã nộp, đang chờ Sở KH&CN duyệt');
      if (sub.status === 'approved') throw new ApiError(409, 'LOCKED', 'Số liệu đã được duyệt và khóa');
      if (body.version !== undefined && body.version !== sub.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
      const ctx = await loadCheckContext(w, round.id, commune.id);
      const stored = await w.submissions.values(sub.id);
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
      await w.submissions.markSubmitted(sub.id, actor.username, { commune: true });
      const comment = body.comment?.trim() || 'Đã nộp số liệu';
      await w.submissions.addComment(sub.id, 'submit', comment, actor.username);
      await w.audit.write([{ actor: actor.username, periodId: round.id, communeId: commune.id, how: 'submit', comment }]);
    });
    return read(periodCode, communeCode);
  }

  async function approve(periodCode: string, communeCode: string, actor: Actor, body: { version?: number; comment?: string }) {
    const { round, commune } = await resolve(periodCode, communeCode);
    await inTransaction(db, async (w) => {
      await lockRound(w, round.id);
      const sub = await w.submissions.lock(round.id, commune.id);
      if (!sub || sub.status !== 'submitted') {
        throw new ApiError(409, 'NOT_SUBMITTED', `Chỉ duyệt được số liệu đã nộp; hiện trạng thái là "${stateWord(sub?.status ?? 'not_started')}"`);
      }
      if (body.version !== undefined && body.version !== sub.version) throw new ApiError(409, 'STALE_VERSION', conflictMessage(sub));
      const ctx = await loadCheckContext(w, round.id, commune.id);
      const stored = await w.submissions.values(sub.id);
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
      await publishFigures(w, {
        periodId: round.id,
        communeId: commune.id,
        values,
        actor: actor.username,
        how: 'approval',
        updatedBy: sub.submittedBy ?? sub.updatedBy,
        comment,
      });
      await w.submissions.markApproved(sub.id, actor.username);
      if (comment) await w.submissions.addComment(sub.id, 'approve', comment, actor.username);
      await w.audit.write([{ actor: actor.username, periodId: round.id, communeId: commune.id, how: 'approval', comment: comment ?? 'Duyệt số liệu' }]);
    });
    return read(periodCode, communeCode);
  }

  /** A submitted report returned with the Sở's comment, or an approved one reopened with a reason: both back to 'returned'. */
  async function sendBack(kind: 'return' | 'reopen', periodCode: string, communeCode: string, actor: Actor, text: string) {
    const { round, commune } = await resolve(periodCode, communeCode);
    const from = kind === 'return' ? 'submitted' : 'approved';
    await inTransaction(db, async (w) => {
      assertRoundOpen(await lockRound(w, round.id));
      const sub = await w.submissions.lock(round.id, commune.id);
      if (!sub || sub.status !== from) {
        const now = stateWord(sub?.status ?? 'not_started');
        throw new ApiError(
          409,
          kind === 'return' ? 'NOT_SUBMITTED' : 'NOT_APPROVED',
          kind === 'return' ? `Chỉ trả lại được số liệu đã nộp; hiện trạng thái là "${now}"` : `Chỉ mở lại được số liệu đã duyệt; hiện trạng thái là "${now}"`,
        );
      }
      const body = text.trim();
      await w.submissions.markReturned(sub.id, actor.username);
      await w.submissions.addComment(sub.id, kind, body, actor.username);
      await w.audit.write([{ actor: actor.username, periodId: round.id, communeId: commune.id, how: kind, comment: body }]);
      // queued with the return, so the commune hears of it if and only if the return commits
      if (kind === 'return') await onReturn?.(w.db, { periodId: round.id, communeId: commune.id, comment: body, actor: actor.username });
    });
    return read(periodCode, communeCode);
  }

  /** The commune's report in every open round, and the one to land on (shared landingRound). */
  async function communeReports(communeCode: string): Promise<CommuneReports> {
    const w = writeContext(db);
    const commune = await w.catalogue.communeByCode(communeCode);
    if (!commune) throw notFound.commune(communeCode);
    const open = (await w.rounds.all()).filter((r) => r.status === 'open');
    const stored = new Map((await w.reporting.reports(open.map((r) => r.id), commune.id)).map((r) => [r.periodId, r]));
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

  return {
    read,
    save,
    submit,
    approve,
    returnSubmission: (p: string, c: string, a: Actor, comment: string) => sendBack('return', p, c, a, comment),
    reopen: (p: string, c: string, a: Actor, reason: string) => sendBack('reopen', p, c, a, reason),
    communeReports,
  };
}
