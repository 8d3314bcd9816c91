import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dayDiff, daysUntil, isLate, onTimeCounts, receivedAt, timeliness, timelinessLabel, vnDay } from '../src/index';

const base = { deadline: '2026-11-10', firstSubmittedAt: null, firstImportedAt: null, published: false, today: '2026-12-02' };

describe('vnDay', () => {
  it('the Vietnam calendar day of an instant, whatever the machine zone', () => {
    expect(vnDay('2026-11-10T16:59:59Z')).toBe('2026-11-10'); // 23:59:59 in Hà Nội
    expect(vnDay('2026-11-10T17:00:00Z')).toBe('2026-11-11'); // midnight in Hà Nội
    expect(vnDay(new Date('2026-11-10T09:00:00+07:00'))).toBe('2026-11-10');
  });
  it('dayDiff and daysUntil count whole calendar days', () => {
    expect(dayDiff('2026-11-10', '2026-12-02')).toBe(22);
    expect(daysUntil('2026-11-10', new Date('2026-11-09T18:00:00Z'))).toBe(0); // 10/11 01:00 in Vietnam
    expect(daysUntil('2026-11-10', new Date('2026-11-08T12:00:00Z'))).toBe(2);
  });
});

describe('timeliness', () => {
  it('submitted on the deadline day (until midnight in Vietnam) is on time', () => {
    const t = timeliness({ ...base, firstSubmittedAt: '2026-11-10T16:59:00Z' });
    expect(t).toEqual({ kind: 'on_time', daysLate: null });
    expect(timelinessLabel(t)).toBe('Đúng hạn');
  });

  it('submitted 22 days late is "Muộn 22 ngày", to the officer and to the Sở alike', () => {
    const t = timeliness({ ...base, firstSubmittedAt: '2026-12-02T03:00:00Z' });
    expect(t).toEqual({ kind: 'late', daysLate: 22 });
    expect(timelinessLabel(t)).toBe('Muộn 22 ngày');
    expect(isLate(t)).toBe(true);
  });

  it('nothing yet and past the deadline: overdue by the days since', () => {
    const t = timeliness(base);
    expect(t).toEqual({ kind: 'overdue', daysLate: 22 });
    expect(timelinessLabel(t)).toBe('Quá hạn 22 ngày, chưa nộp');
  });

  it('nothing yet, before the deadline: not due', () => {
    expect(timeliness({ ...base, today: '2026-11-10' })).toEqual({ kind: 'not_due', daysLate: null });
  });

  it('a returned report first submitted on time stays on time (judged on the first submission)', () => {
    expect(timeliness({ ...base, firstSubmittedAt: '2026-11-05T02:00:00Z' }).kind).toBe('on_time');
  });

  it('an import after the deadline never makes a late commune on time: it stays late', () => {
    const t = timeliness({ ...base, firstImportedAt: '2026-11-20T02:00:00Z', published: true });
    expect(t).toEqual({ kind: 'late', daysLate: 10 });
  });

  it('the earlier of the first submission and the first import counts', () => {
    expect(receivedAt({ firstSubmittedAt: '2026-11-20T02:00:00Z', firstImportedAt: '2026-11-08T02:00:00Z' })).toBe('2026-11-08T02:00:00Z');
    expect(timeliness({ ...base, firstSubmittedAt: '2026-11-20T02:00:00Z', firstImportedAt: '2026-11-08T02:00:00Z' }).kind).toBe('on_time');
  });

  it('published with no record of when: unjudged, never late', () => {
    expect(timeliness({ ...base, published: true })).toEqual({ kind: 'unjudged', daysLate: null });
  });

  it('property: receiving figures never makes a commune later than receiving nothing', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2026, 9, 1) + d * 864e5).toISOString());
    fc.assert(
      fc.property(fc.option(day), fc.option(day), fc.integer({ min: 0, max: 120 }), (sub, imp, todayN) => {
        const today = new Date(Date.UTC(2026, 9, 1) + todayN * 864e5).toISOString().slice(0, 10);
        const t = timeliness({ ...base, firstSubmittedAt: sub, firstImportedAt: imp, today });
        const at = receivedAt({ firstSubmittedAt: sub, firstImportedAt: imp });
        if (at && vnDay(at) <= today) {
          const nothing = timeliness({ ...base, today });
          expect(t.daysLate ?? 0).toBeLessThanOrEqual(nothing.daysLate ?? 0);
        }
      }),
    );
  });
});

describe('onTimeCounts', () => {
  const rounds = [
    { id: 1, deadline: '2026-04-10' },
    { id: 2, deadline: '2026-07-10' },
    { id: 3, deadline: '2026-10-10' },
  ];
  const rec = (periodId: number, communeId: number, o: { sub?: string; imp?: string; published?: boolean }) => ({
    periodId,
    communeId,
    firstSubmittedAt: o.sub ?? null,
    firstImportedAt: o.imp ?? null,
    published: o.published ?? true,
  });
  it('counts rounds due up to this one, and those received by the deadline', () => {
    const out = onTimeCounts({ id: 2, deadline: '2026-07-10', endDate: '2026-06-30' }, rounds, [
      rec(1, 7, { sub: '2026-04-09T02:00:00Z' }),
      rec(2, 7, { sub: '2026-07-15T02:00:00Z' }),
      rec(1, 8, { imp: '2026-04-01T02:00:00Z' }),
      rec(2, 8, { imp: '2026-07-20T02:00:00Z' }),
      rec(1, 9, {}), // published with no record of when: not judged
    ], [7, 8, 9, 10]);
    expect(out.get(7)).toEqual({ due: 2, onTime: 1 });
    expect(out.get(8)).toEqual({ due: 2, onTime: 1 }); // an import after the deadline stays late
    expect(out.get(9)).toEqual({ due: 1, onTime: 0 });
    expect(out.get(10)).toEqual({ due: 2, onTime: 0 });
  });
});
