// Reporting rounds (kỳ báo cáo) as the admin runs them: open one with the elements it asks for,
// rename it, move its deadline, close it (or reopen it). Closing settles who reported on time: the
// on-time figures every commune gets are written here, through the write path of the figures, in
// the same transaction as the close. After a write commits, the caller must
// `await app.dataVersion.changed()`.
import type { Static } from 'typebox';
import { onTimeCounts, roundDatesProblem } from '@nq57/shared';
import type { PeriodCreateBody, PeriodPatchBody, RoundOut } from '@nq57/shared/schemas';
import type { Database, DbOrTx } from '../db/client';
import { ApiError, notFound } from '../errors';
import { createRoundsRepository, type RoundRecord } from '../repositories/rounds';
import { allRounds, elementIndex, inTransaction, writeContext, type WriteContext } from './submissions/context';
import { publishFigures } from './submissions/write';

/** The round of that code, or 404. */
export async function findRound(db: DbOrTx, code: string): Promise<RoundRecord> {
  const round = await createRoundsRepository(db).byCode(code);
  if (!round) throw notFound.period(code);
  return round;
}

/** The 400 for a round's dates in the wrong order (the rule: shared `roundDatesProblem`). */
function badDates(field: 'endDate' | 'deadline'): ApiError {
  return field === 'endDate'
    ? new ApiError(400, 'BAD_DATES', 'Trường "endDate": ngày kết thúc không được trước ngày bắt đầu')
    : new ApiError(400, 'BAD_DATES', 'Trường "deadline": hạn nộp không được trước ngày bắt đầu kỳ');
}

/**
 * Writes reports_due / reports_on_time of every commune for a closed round (source 'system'),
 * judged by the same rule as every page (shared timeliness: first submission or first import).
 * Returns how many figures changed.
 */
export async function writeOnTimeFigures(w: WriteContext, periodId: number, actor: string): Promise<number> {
  const round = await w.rounds.byId(periodId);
  if (!round) throw notFound.period();
  const rounds = (await allRounds(w)).filter((r) => r.deadline !== null);
  const ids = (await w.catalogue.communes()).map((c) => c.id);
  const records = await w.reporting.reports(rounds.map((r) => r.id));
  let changed = 0;
  for (const [communeId, c] of onTimeCounts(round, rounds, records, ids)) {
    const r = await publishFigures(w, {
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

export function createRoundService(database: Database) {
  const { db } = database;

  async function out(w: WriteContext, r: RoundRecord): Promise<RoundOut> {
    const { codes } = await w.rounds.elementsOf(r.id);
    return { code: r.code, name: r.name, kind: r.kind, startDate: r.startDate, endDate: r.endDate, deadline: r.deadline, status: r.status, elements: codes };
  }

  /** One round and the elements it asks for. */
  async function get(code: string): Promise<RoundOut> {
    return out(writeContext(db), await findRound(db, code));
  }

  /** Opens a round; no `elements` = every element a commune enters. 409 when the code is taken. */
  async function create(b: PeriodCreateBody, actor: string): Promise<RoundOut> {
    const problem = roundDatesProblem(b);
    if (problem) throw badDates(problem);
    const { all, byCode } = await elementIndex(writeContext(db));
    let elementIds: number[];
    if (b.elements) {
      elementIds = [];
      for (const code of new Set(b.elements)) {
        const e = byCode.get(code);
        if (!e) throw new ApiError(400, 'UNKNOWN_ELEMENT', `Trường "elements": không có dữ liệu mã "${code}"`);
        if (e.computed) throw new ApiError(400, 'COMPUTED_ELEMENT', `Trường "elements": "${e.name}" do hệ thống tự tính, không đưa vào biểu nhập`);
        elementIds.push(e.id);
      }
    } else {
      elementIds = all.filter((e) => !e.computed).map((e) => e.id);
    }
    const id = await inTransaction(db, async (w) => {
      const newId = await w.rounds.create({ ...b, elementIds });
      if (newId !== null) await w.audit.write([{ actor, periodId: newId, how: 'round', comment: `Mở kỳ ${b.name}` }]);
      return newId;
    });
    if (id === null) throw new ApiError(409, 'PERIOD_EXISTS', `Đã có kỳ báo cáo mã "${b.code}"`);
    const w = writeContext(db);
    return out(w, (await w.rounds.byId(id))!);
  }

  /** Renames, moves the deadline, closes or reopens; closing writes the on-time figures. */
  async function patch(code: string, b: Static<typeof PeriodPatchBody>, actor: string): Promise<RoundOut> {
    const current = await findRound(db, code);
    const problem = roundDatesProblem({ startDate: current.startDate, deadline: b.deadline });
    if (problem) throw badDates(problem);
    await inTransaction(db, async (w) => {
      // exclusively: no save is half-way through while the round closes (saves hold it shared)
      const r = (await w.rounds.lock(current.id, 'update'))!;
      await w.rounds.patch(r.id, { ...(b.status && { status: b.status }), ...(b.deadline && { deadline: b.deadline }), ...(b.name && { name: b.name.trim() }) });
      const status = b.status ?? r.status;
      const events: string[] = [];
      if (b.name && b.name.trim() !== r.name) events.push(`Đổi tên kỳ thành "${b.name.trim()}"`);
      if (b.deadline && b.deadline !== r.deadline) events.push(`Đổi hạn nộp ${r.deadline ?? '—'} → ${b.deadline}`);
      if (b.status && b.status !== r.status) events.push(b.status === 'closed' ? `Đóng kỳ ${r.name}` : `Mở lại kỳ ${r.name}`);
      if (events.length) await w.audit.write([{ actor, periodId: r.id, how: 'round', comment: events.join('; ') }]);
      // closing (or changing the deadline of a closed round) settles who reported on time
      if (status === 'closed' && (r.status !== 'closed' || (b.deadline && b.deadline !== r.deadline))) {
        await writeOnTimeFigures(w, r.id, actor);
      }
    });
    const w = writeContext(db);
    return out(w, (await w.rounds.byId(current.id))!);
  }

  return { get, create, patch };
}
export type RoundService = ReturnType<typeof createRoundService>;
