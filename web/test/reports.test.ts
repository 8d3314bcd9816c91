// /doc-bao-cao's rules (src/reports/model.ts): the text cut into runs with every proposed figure
// its own run (offsets exactly as the API gives them), and the person's decisions turned into the
// figures written: nothing unless accepted or edited, edits read the Vietnamese way, never a
// figure the round does not ask for.
import { describe, expect, it } from 'vitest';
import type { ReportCandidate } from '@nq57/shared/schemas';
import { figuresToWrite, lastWritten, quoteParts, reviewReducer, segments, type Decisions } from '../src/reports/model';

const TEXT = 'Xã đã tiếp nhận 3.781 hồ sơ, trong đó 3.276 hồ sơ trực tuyến. Có 05 tổ chức và 33 cá nhân được cấp chứng thư số.';

function cand(element: string, figure: string, over: Partial<ReportCandidate> = {}): ReportCandidate {
  const start = TEXT.indexOf(figure);
  // sentences end with ". " (a dot between digits is part of a number)
  const dot = TEXT.lastIndexOf('. ', start);
  const quoteStart = dot < 0 ? 0 : dot + 2;
  const end = start + figure.length;
  const quoteEnd = TEXT.indexOf('. ', end) < 0 ? TEXT.length : TEXT.indexOf('. ', end) + 1;
  return {
    element,
    name: element,
    unit: 'count',
    asked: true,
    value: Number(figure.replace(/\./g, '')),
    approximate: false,
    asOf: null,
    source: 'stated',
    quote: TEXT.slice(quoteStart, quoteEnd),
    quoteStart,
    quoteEnd,
    start,
    end,
    parts: [],
    alternatives: [],
    ...over,
  };
}

describe('the text with its figures', () => {
  it('cuts the text into runs that join back into it, each figure its own run', () => {
    const cs = [cand('dossiers_received', '3.781'), cand('dossiers_online', '3.276')];
    const runs = segments(TEXT, cs);
    expect(runs.map((r) => r.text).join('')).toBe(TEXT);
    expect(runs.filter((r) => r.proposal !== undefined).map((r) => [r.text, r.proposal, r.first])).toEqual([
      ['3.781', 0, true],
      ['3.276', 1, true],
    ]);
  });

  it('highlights each part of a sum, the first one being where "see in the text" goes', () => {
    const a = TEXT.indexOf('05');
    const b = TEXT.indexOf('33');
    const sum = cand('digital_certificates', '05', { value: 38, source: 'sum', end: b + 2, parts: [{ value: 5, approximate: false, start: a, end: a + 2 }, { value: 33, approximate: false, start: b, end: b + 2 }] });
    const runs = segments(TEXT, [sum]).filter((r) => r.proposal !== undefined);
    expect(runs.map((r) => [r.text, r.first])).toEqual([
      ['05', true],
      ['33', false],
    ]);
  });

  it('leaves an overlapping or out-of-range span plain rather than cut the text wrong', () => {
    const c = cand('dossiers_received', '3.781');
    const runs = segments(TEXT, [c, { ...c, start: c.start + 1, end: c.end + 1 }, { ...c, start: TEXT.length, end: TEXT.length + 4 }]);
    expect(runs.map((r) => r.text).join('')).toBe(TEXT);
    expect(runs.filter((r) => r.proposal !== undefined)).toHaveLength(1);
  });

  it('splits the quote around its figure', () => {
    expect(quoteParts(cand('dossiers_online', '3.276'))).toEqual(['Xã đã tiếp nhận 3.781 hồ sơ, trong đó ', '3.276', ' hồ sơ trực tuyến.']);
  });
});

describe('decisions → the figures written', () => {
  const cs = [cand('dossiers_received', '3.781'), cand('dossiers_online', '3.276'), cand('budget_requested_vnd', '33', { asked: false })];

  it('writes nothing until a person chooses', () => {
    expect(figuresToWrite(cs, {})).toEqual({ figures: [], invalid: [] });
  });

  it('accepted as proposed, edited as typed (the Vietnamese way), rejected left out', () => {
    let d: Decisions = {};
    d = reviewReducer(d, { type: 'decide', element: 'dossiers_received', kind: 'accept', unit: 'count', value: 3781 });
    d = reviewReducer(d, { type: 'decide', element: 'dossiers_online', kind: 'edit', unit: 'count', value: 3276 });
    expect(d.dossiers_online.input).toBe('3.276');
    d = reviewReducer(d, { type: 'input', element: 'dossiers_online', input: '3.280' });
    expect(figuresToWrite(cs, d).figures).toEqual([
      { element: 'dossiers_received', value: 3781 },
      { element: 'dossiers_online', value: 3280 },
    ]);
    d = reviewReducer(d, { type: 'decide', element: 'dossiers_received', kind: 'reject', unit: 'count', value: 3781 });
    expect(figuresToWrite(cs, d).figures).toEqual([{ element: 'dossiers_online', value: 3280 }]);
  });

  it('names an edit that cannot be read, and never sends it', () => {
    const d = reviewReducer({}, { type: 'input', element: 'dossiers_online', input: 'ba nghìn' });
    expect(figuresToWrite(cs, d)).toEqual({ figures: [], invalid: ['dossiers_online'] });
  });

  it('accept all takes what the round asks for and keeps the choices already made', () => {
    let d = reviewReducer({}, { type: 'decide', element: 'dossiers_online', kind: 'reject', unit: 'count', value: 3276 });
    d = reviewReducer(d, { type: 'acceptAll', elements: cs.filter((c) => c.asked).map((c) => c.element) });
    expect(figuresToWrite(cs, d).figures).toEqual([{ element: 'dossiers_received', value: 3781 }]);
    // a proposal the round does not collect is never written, even if marked
    d = reviewReducer(d, { type: 'decide', element: 'budget_requested_vnd', kind: 'accept', unit: 'vnd', value: 33 });
    expect(figuresToWrite(cs, d).figures.map((f) => f.element)).toEqual(['dossiers_received']);
    expect(reviewReducer(d, { type: 'reset' })).toEqual({});
  });

  it('knows the last value written from the read', () => {
    const w = lastWritten({ written: [{ element: 'a', value: 1, actor: 'x', at: '' }, { element: 'a', value: 2, actor: 'x', at: '' }] });
    expect(w.get('a')).toBe(2);
  });
});
