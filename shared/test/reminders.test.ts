// The scheduler's days, with a fixed clock: who is reminded, of what, keyed on which day.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, currentSlot, dueReminders, manualReminders, whyNotSend, type CommuneToRemind, type ReportState } from '../src/index';

const DEADLINE = '2026-11-10';
/** 09:00 in Vietnam on that day */
const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const round = { deadline: DEADLINE, status: 'open' as const };
const communes: CommuneToRemind[] = (['not_started', 'draft', 'submitted', 'returned', 'approved'] as ReportState[]).map((state, i) => ({ communeId: i + 1, state }));

describe('currentSlot: the scheduler\'s days', () => {
  it('nothing before the first "days before" slot', () => {
    expect(currentSlot(DEADLINE, '2026-11-06')).toBeNull();
    expect(currentSlot(DEADLINE, '2026-10-01')).toBeNull();
  });
  it('3 days and 1 day before the deadline, each lasting until the next', () => {
    expect(currentSlot(DEADLINE, '2026-11-07')).toEqual({ kind: 'due_soon', day: '2026-11-07' });
    expect(currentSlot(DEADLINE, '2026-11-08')).toEqual({ kind: 'due_soon', day: '2026-11-07' });
    expect(currentSlot(DEADLINE, '2026-11-09')).toEqual({ kind: 'due_soon', day: '2026-11-09' });
    expect(currentSlot(DEADLINE, '2026-11-10')).toEqual({ kind: 'due_soon', day: '2026-11-09' });
  });
  it('the day after the deadline, then weekly', () => {
    expect(currentSlot(DEADLINE, '2026-11-11')).toEqual({ kind: 'overdue', day: '2026-11-11' });
    expect(currentSlot(DEADLINE, '2026-11-17')).toEqual({ kind: 'overdue', day: '2026-11-11' });
    expect(currentSlot(DEADLINE, '2026-11-18')).toEqual({ kind: 'overdue', day: '2026-11-18' });
    expect(currentSlot(DEADLINE, '2026-12-02')).toEqual({ kind: 'overdue', day: '2026-12-02' });
  });
  it('another schedule: 5 days before and on the deadline day, every 3 days after', () => {
    const s = { daysBefore: [0, 5], overdueEvery: 3, fromHour: 7 };
    expect(currentSlot(DEADLINE, '2026-11-04', s)).toBeNull();
    expect(currentSlot(DEADLINE, '2026-11-05', s)).toEqual({ kind: 'due_soon', day: '2026-11-05' });
    expect(currentSlot(DEADLINE, '2026-11-10', s)).toEqual({ kind: 'due_soon', day: '2026-11-10' });
    expect(currentSlot(DEADLINE, '2026-11-14', s)).toEqual({ kind: 'overdue', day: '2026-11-14' });
  });
  it('a slot never lies in the future, and a day has one slot: at most one message per kind a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 120 }), fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 4 }), fc.integer({ min: 1, max: 14 }), (offset, daysBefore, every) => {
        const today = addDays(DEADLINE, offset);
        const s = currentSlot(DEADLINE, today, { daysBefore, overdueEvery: every, fromHour: 7 });
        if (!s) return;
        expect(s.day <= today).toBe(true);
        // the slot of its own day is itself: sending it on a later day of its window keys the same message
        expect(currentSlot(DEADLINE, s.day, { daysBefore, overdueEvery: every, fromHour: 7 })).toEqual(s);
        expect(s.kind).toBe(offset >= 1 ? 'overdue' : 'due_soon');
      }),
    );
  });
});

describe('dueReminders', () => {
  it('reminds exactly the communes that have not reported (not started, drafting, returned)', () => {
    const due = dueReminders(round, communes, at('2026-11-07'));
    expect(due).toEqual([1, 2, 4].map((communeId) => ({ communeId, kind: 'due_soon', day: '2026-11-07' })));
  });
  it('not before 07:00 in Vietnam, whatever the server\'s zone', () => {
    expect(dueReminders(round, communes, at('2026-11-11', 6))).toEqual([]);
    expect(dueReminders(round, communes, new Date('2026-11-11T00:00:00Z'))).toHaveLength(3); // 07:00 in Quảng Ngãi
  });
  it('nothing for a closed round or one without a deadline', () => {
    expect(dueReminders({ ...round, status: 'closed' }, communes, at('2026-11-11'))).toEqual([]);
    expect(dueReminders({ ...round, deadline: null }, communes, at('2026-11-11'))).toEqual([]);
  });
  it('the same slot all week after the deadline: a second pass queues the same keys', () => {
    const a = dueReminders(round, communes, at('2026-11-12'));
    const b = dueReminders(round, communes, at('2026-11-16', 18));
    expect(a).toEqual(b);
    expect(a[0]).toMatchObject({ kind: 'overdue', day: '2026-11-11' });
  });
});

describe('manualReminders and whyNotSend', () => {
  it('"Nhắc ngay" goes to those not reported, keyed on today (Vietnam)', () => {
    expect(manualReminders(round, communes, new Date('2026-11-20T18:00:00Z'))).toEqual(
      [1, 2, 4].map((communeId) => ({ communeId, kind: 'manual', day: '2026-11-21' })),
    );
    expect(manualReminders({ ...round, status: 'closed' }, communes, at('2026-11-20'))).toEqual([]);
  });
  it('a queued message is dropped, with the reason, when it no longer applies', () => {
    const now = { round, state: 'draft' as ReportState, today: '2026-11-12', newerQueued: false };
    expect(whyNotSend({ kind: 'overdue' }, now)).toBeNull();
    expect(whyNotSend({ kind: 'overdue' }, { ...now, state: 'submitted' })).toBe('Xã đã báo cáo');
    expect(whyNotSend({ kind: 'returned' }, { ...now, round: { ...round, status: 'closed' } })).toBe('Kỳ báo cáo đã đóng');
    expect(whyNotSend({ kind: 'due_soon' }, now)).toBe('Đã qua hạn nộp');
    expect(whyNotSend({ kind: 'due_soon' }, { ...now, today: DEADLINE })).toBeNull();
    expect(whyNotSend({ kind: 'overdue' }, { ...now, newerQueued: true })).toBe('Đã có thư nhắc mới hơn cùng loại');
  });
});
