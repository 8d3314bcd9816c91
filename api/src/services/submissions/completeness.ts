// Who has reported in a round, for /tien-do and its CSV: every commune's state and lateness (the
// shared rules, through services/reporting.ts, as the overview and the big screen count them),
// how many of the round's fields it has filled, and whom to call.
import { csvText, formatDateTime, stateWord, timelinessLabel } from '@nq57/shared';
import type { CompletenessOut, CompletenessRow } from '@nq57/shared/schemas';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import { createUsersRepository } from '../../repositories/users';
import { roundReports } from '../reporting';
import { writeContext } from './context';
import { sourceOf } from './workflow';

/** The round's progress; `onlyCommune` keeps one row (an officer sees its own, with the province's counts). */
export async function completeness(db: DbOrTx, now: Date, periodCode: string, onlyCommune?: string): Promise<CompletenessOut> {
  const w = writeContext(db);
  const round = await w.rounds.byCode(periodCode);
  if (!round) throw notFound.period(periodCode);
  const [communes, asked, contacts, stored] = await Promise.all([
    w.catalogue.communes(),
    w.rounds.elementsOf(round.id),
    createUsersRepository(db).contactsByCommune(),
    w.reporting.reports([round.id]),
  ]);
  const [filled, published] = await Promise.all([
    w.submissions.filledByCommune(round.id, asked.ids),
    // figures published without a submission (rounds from before this workflow) count as approved
    w.published.countsByCommune(round.id, asked.ids),
  ]);
  // state and timeliness through the one shared rule, as the overview and the reports count them
  const { rows: reports, summary } = roundReports(stored, round, now);
  const reportOf = new Map(reports.map((r) => [r.communeId, r]));
  const rows: CompletenessRow[] = communes.map((c) => {
    const r = reportOf.get(c.id)!;
    return {
      communeCode: c.code,
      communeName: c.name,
      formerDistrict: c.formerDistrict,
      status: r.state,
      submittedAt: r.firstSubmittedAt,
      importedAt: r.firstImportedAt,
      timeliness: r.timeliness.kind,
      daysLate: r.timeliness.daysLate,
      late: r.timeliness.kind === 'late' || r.timeliness.kind === 'overdue',
      source: sourceOf(r),
      filled: filled.has(c.id) ? filled.get(c.id)! : (published.get(c.id) ?? 0),
      required: asked.ids.length,
      contacts: contacts.get(c.id) ?? [],
    };
  });
  return {
    period: { code: round.code, name: round.name, deadline: round.deadline, status: round.status },
    counts: { ...summary.byState, late: summary.late, reported: summary.reported, total: summary.total },
    rows: onlyCommune ? rows.filter((r) => r.communeCode === onlyCommune) : rows,
  };
}

/** The progress table as the Sở's own CSV (shared csvText), with Vietnamese headers. */
export function completenessCsv(c: CompletenessOut): string {
  const head = ['Mã xã', 'Tên xã', 'Huyện cũ', 'Trạng thái', 'Nộp lần đầu', 'Số ngày muộn', 'Hạn nộp', 'Nguồn số liệu', 'Số ô đã nhập', 'Số ô yêu cầu', 'Cán bộ liên hệ'];
  return csvText([
    head,
    ...c.rows.map((r) => [
      r.communeCode,
      r.communeName,
      r.formerDistrict,
      stateWord(r.status),
      r.submittedAt ? formatDateTime(r.submittedAt) : '',
      r.daysLate ?? '',
      // the words of /tien-do and the officer's form (shared timelinessLabel)
      timelinessLabel({ kind: r.timeliness, daysLate: r.daysLate }),
      r.source ? `Sở nhập từ tệp ${r.source.fileName}` : '',
      r.filled,
      r.required,
      r.contacts.map((x) => (x.displayName ? `${x.displayName} (${x.username})` : x.username)).join(', '),
    ]),
  ]);
}
