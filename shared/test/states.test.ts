import { describe, it, expect } from 'vitest';
import { Value } from 'typebox/value';
import { SubmissionStatus } from '../src/schemas/index';
import { REPORT_STATES, STATE_LABELS, communeReport, isReported, reportState, reportedOf, reportingSummary, stateWord } from '../src/index';

describe('the words of the workflow', () => {
  it('one word per state', () => {
    expect(REPORT_STATES.map((s) => STATE_LABELS[s])).toEqual(['Chưa bắt đầu', 'Đang nhập', 'Đã nộp', 'Bị trả lại', 'Đã duyệt']);
    expect(stateWord('returned')).toBe('bị trả lại');
  });

  it('the API contract lists the same states, in order, with the same words', () => {
    expect(SubmissionStatus.anyOf.map((l) => l.const)).toEqual([...REPORT_STATES]);
    for (const s of REPORT_STATES) expect(Value.Check(SubmissionStatus, s)).toBe(true);
    expect(Value.Check(SubmissionStatus, 'published_only')).toBe(false);
    expect(SubmissionStatus).toMatchObject({ description: 'not_started: chưa bắt đầu; draft: đang nhập; submitted: đã nộp; returned: bị trả lại; approved: đã duyệt' });
  });

  it('"đã báo cáo" = đã nộp or đã duyệt; a returned report is back with the commune', () => {
    expect(REPORT_STATES.filter(isReported)).toEqual(['submitted', 'approved']);
  });

  it('figures published without a submission count as approved; nothing at all as not started', () => {
    expect(reportState(null, true)).toBe('approved');
    expect(reportState(null, false)).toBe('not_started');
    expect(reportState('returned', true)).toBe('returned');
  });
});

describe('reportingSummary', () => {
  it('counts every state once, reported = submitted + approved, late = late or overdue', () => {
    const round = { deadline: '2026-11-10' };
    const today = '2026-12-02';
    const stored = (submission: 'draft' | 'submitted' | 'returned' | 'approved' | null, first: string | null, published = false) => ({
      submission,
      firstSubmittedAt: first,
      firstImportedAt: null,
      published,
    });
    const rows = [
      communeReport(stored('approved', '2026-11-01T02:00:00Z', true), round, today),
      communeReport(stored('submitted', '2026-12-02T02:00:00Z'), round, today), // 22 days late
      communeReport(stored('returned', '2026-11-05T02:00:00Z'), round, today), // on time, not reported now
      communeReport(stored('draft', null), round, today), // overdue
      communeReport(stored(null, null), round, today), // overdue
      communeReport(stored(null, null, true), round, today), // legacy publication
    ];
    const s = reportingSummary(rows);
    expect(s.byState).toEqual({ not_started: 1, draft: 1, submitted: 1, returned: 1, approved: 2 });
    expect(s).toMatchObject({ total: 6, reported: 3, notReported: 3, approved: 2, late: 3 });
    expect(reportedOf(s.reported, s.total)).toBe('3/6 đã báo cáo');
  });
});

describe('landingRound', () => {
  const on = (code: string, endDate: string, state: 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved', kind: 'on_time' | 'late' | 'overdue' | 'not_due' = 'not_due', daysLate: number | null = null) => ({
    code,
    endDate,
    state,
    timeliness: { kind, daysLate },
  });

  it('the oldest round with a returned or overdue report, before a new blank one', async () => {
    const { landingRound } = await import('../src/index');
    const oct = on('m10-2026', '2026-10-31', 'returned', 'on_time');
    const nov = on('m11-2026', '2026-11-30', 'not_started');
    expect(landingRound([nov, oct])).toBe('m10-2026');
    const overdue = on('m10-2026', '2026-10-31', 'draft', 'overdue', 22);
    expect(landingRound([nov, overdue])).toBe('m10-2026');
  });

  it('otherwise the newest open round; none open: null', async () => {
    const { landingRound } = await import('../src/index');
    expect(landingRound([on('m10-2026', '2026-10-31', 'submitted', 'on_time'), on('m11-2026', '2026-11-30', 'draft')])).toBe('m11-2026');
    expect(landingRound([])).toBeNull();
  });
});
