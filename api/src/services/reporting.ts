// Who has reported in a round, and on time: the stored facts (repositories/reporting.ts) read
// through the one set of rules in shared (domain/states.ts, domain/timeliness.ts). Every page,
// slide, export and the Word report that says "đã báo cáo", "muộn" or "chưa báo cáo" gets its
// answer from here (decision 010).
import { communeReport, reportingSummary, vnDay, type CommuneReport, type ReportingSummary } from '@nq57/shared';
import type { StoredReport } from '../repositories/reporting';

export type RoundReport = StoredReport & CommuneReport;

export interface RoundReports {
  rows: RoundReport[];
  summary: ReportingSummary;
}

export function roundReports(stored: StoredReport[], round: { deadline: string | null }, now: Date): RoundReports {
  const today = vnDay(now);
  const rows = stored.map((r) => ({ ...r, ...communeReport(r, round, today) }));
  return { rows, summary: reportingSummary(rows) };
}
