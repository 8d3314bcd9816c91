// The commune's form as pure rules: reading Vietnamese numbers typed in a box, what the next save
// sends, the copy kept in the browser and how it comes back, and which checks show beside a field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataElement, SubmissionOut } from '@nq57/shared/schemas';
import {
  applySaved,
  currentValues,
  draftKey,
  entryRound,
  fieldValue,
  firstProblem,
  formFromSubmission,
  formView,
  groupFields,
  isEditable,
  liveChecks,
  makeLocalDraft,
  mergeChecks,
  parseField,
  parseLocalDraft,
  pendingChanges,
  readBack,
  readiness,
  restoreLocalDraft,
  roundForm,
  savedTime,
  timelinessNote,
  toInputText,
  type FieldDef,
  type FormState,
  type Units,
} from '../src/workflow/entry/model';

const el = (code: string, group: string, unit: DataElement['unit'] = 'count', groupName = group): DataElement => ({
  code,
  name: `Tên ${code}`,
  unit,
  group,
  groupName,
  description: '',
  computed: false,
  max: null,
  maxPerHead: null,
});

const catalogue: DataElement[] = [
  el('dossiers_received', 'dich_vu_cong', 'count', 'Dịch vụ công trực tuyến'),
  el('dossiers_online', 'dich_vu_cong', 'count', 'Dịch vụ công trực tuyến'),
  el('online_payment_pct', 'dich_vu_cong', 'percent', 'Dịch vụ công trực tuyến'),
  el('cdt_village_teams', 'to_cong_nghe_so', 'count', 'Tổ công nghệ số cộng đồng'),
  el('budget_requested_vnd', 'kinh_phi', 'vnd', 'Kinh phí'),
];
const units: Units = Object.fromEntries(catalogue.map((e) => [e.code, e.unit]));

function submission(values: Record<string, number | null>, over: Partial<SubmissionOut> = {}): SubmissionOut {
  return {
    period: 'thang-10-2026',
    commune: '21211',
    status: 'draft',
    version: 3,
    submittedAt: null,
    approvedAt: null,
    comparedWith: null,
    updatedAt: null,
    updatedBy: null,
    firstSubmittedAt: null,
    deadline: '2026-11-10',
    timeliness: { kind: 'not_due', daysLate: null },
    source: null,
    locked: false,
    values: Object.entries(values).map(([element, value]) => ({ element, value, previousValue: null, explanation: null })),
    errors: [],
    warnings: [],
    comments: [],
    ...over,
  };
}

describe('fields grouped like the reports', () => {
  it('keeps the catalogue order and the group names, only the elements the round asks for', () => {
    const g = groupFields(catalogue, ['budget_requested_vnd', 'dossiers_online', 'dossiers_received']);
    expect(g.map((x) => x.name)).toEqual(['Dịch vụ công trực tuyến', 'Kinh phí']);
    expect(g[0].fields.map((f) => f.code)).toEqual(['dossiers_received', 'dossiers_online']);
  });

  it('never drops an asked element the catalogue does not know: it goes under "Khác"', () => {
    const g = groupFields(catalogue, ['dossiers_received', 'la_lam']);
    expect(g.at(-1)).toMatchObject({ name: 'Khác', fields: [{ code: 'la_lam' }] });
  });
});

describe('reading a box the Vietnamese way', () => {
  it('reads the figures as the reports write them', () => {
    expect(fieldValue('3.781', 'count')).toBe(3781);
    expect(fieldValue('86,6', 'percent')).toBe(86.6);
    expect(fieldValue('86,6%', 'percent')).toBe(86.6);
    expect(fieldValue('7.630.404.000', 'vnd')).toBe(7_630_404_000);
    expect(fieldValue('5.687,4 triệu', 'vnd')).toBe(5_687_400_000);
    expect(fieldValue('  3781 ', 'count')).toBe(3781);
  });

  it('"không có" and 0 are a real zero; an empty box is not reported (null), never zero', () => {
    expect(fieldValue('0', 'count')).toBe(0);
    expect(fieldValue('không có', 'count')).toBe(0);
    expect(fieldValue('', 'count')).toBeNull();
    expect(fieldValue('   ', 'count')).toBeNull();
  });

  it('text that is not a number is invalid, never a guess', () => {
    expect(parseField('ba nghìn', 'count')).toEqual({ kind: 'invalid' });
    expect(parseField('1,234,567', 'count')).toEqual({ kind: 'invalid' });
    expect(fieldValue('12a', 'count')).toBeUndefined();
  });

  it('a stored value is shown so that reading it back gives the same value', () => {
    expect(toInputText(3781, 'count')).toBe('3.781');
    expect(toInputText(86.6, 'percent')).toBe('86,6');
    expect(toInputText(7_630_404_000, 'vnd')).toBe('7.630.404.000');
    expect(toInputText(0, 'count')).toBe('0');
    expect(toInputText(null, 'count')).toBe('');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom<'count' | 'percent' | 'vnd'>('count', 'percent', 'vnd'), (n, d, unit) => {
        const v = unit === 'vnd' ? n : n / 10 ** d;
        expect(fieldValue(toInputText(v, unit), unit)).toBe(v);
      }),
    );
  });

  it('says how it read an ambiguous or hedged figure, and stays quiet when the box is already canonical', () => {
    expect(readBack('3781', 'count')).toBe('3.781');
    expect(readBack('3.781', 'count')).toBeNull();
    expect(readBack('86.6', 'percent')).toBe('86,6%');
    expect(readBack('trên 90%', 'percent')).toBe('90%');
    expect(readBack('7630404000', 'vnd')).toBe('7.630.404.000 đ');
    expect(readBack('xyz', 'count')).toBeNull();
  });
});

describe('what the next save sends', () => {
  const sub = submission({ dossiers_received: 3781, dossiers_online: null, online_payment_pct: 93 });
  const base = formFromSubmission(sub, units);

  it('starts with the boxes showing the server values and nothing pending', () => {
    expect(base.inputs).toEqual({ dossiers_received: '3.781', dossiers_online: '', online_payment_pct: '93' });
    expect(pendingChanges(base, units)).toMatchObject({ values: {}, explanations: {}, invalid: [], count: 0 });
  });

  it('sends only what changed; a re-typed equal value ("3781" for 3.781) is not a change', () => {
    const s: FormState = { ...base, inputs: { ...base.inputs, dossiers_received: '3781', dossiers_online: '3.276', online_payment_pct: '' } };
    const p = pendingChanges(s, units);
    expect(p.values).toEqual({ dossiers_online: 3276, online_payment_pct: null });
    expect(p.count).toBe(2);
  });

  it('holds back a box it cannot read and says which', () => {
    const s: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.27x' } };
    const p = pendingChanges(s, units);
    expect(p.values).toEqual({});
    expect(p.invalid).toEqual(['dossiers_online']);
    expect(currentValues(s, units).invalid).toEqual(['dossiers_online']);
  });

  it('sends a changed explanation, trimmed', () => {
    const s: FormState = { ...base, explanations: { ...base.explanations, online_payment_pct: '  Cổng thanh toán mới ' } };
    expect(pendingChanges(s, units).explanations).toEqual({ online_payment_pct: 'Cổng thanh toán mới' });
  });

  it('after a save, what was sent is the server copy; what was typed meanwhile stays pending', () => {
    const typed: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276' } };
    const sent = pendingChanges(typed, units);
    const meanwhile: FormState = { ...typed, inputs: { ...typed.inputs, online_payment_pct: '95' } };
    const after = applySaved(meanwhile, sent, 4);
    expect(after.version).toBe(4);
    expect(pendingChanges(after, units).values).toEqual({ online_payment_pct: 95 });
  });
});

describe('the copy kept in the browser', () => {
  const sub = submission({ dossiers_received: 3781, dossiers_online: 3000, online_payment_pct: 93 });
  const base = formFromSubmission(sub, units);
  const now = new Date('2026-11-03T02:05:00Z');

  it('is one key per user, round and commune, and nothing when nothing is unsaved', () => {
    expect(draftKey('xa.tinhkhe', 'thang-10-2026', '21211')).toBe('nq57:nhap-lieu:v1:xa.tinhkhe:thang-10-2026:21211');
    expect(makeLocalDraft(base, units, now)).toBeNull();
  });

  it('keeps each unsaved box with the server value it was typed over, even unreadable text', () => {
    const s: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276', online_payment_pct: '9x' } };
    const d = makeLocalDraft(s, units, now)!;
    expect(d).toMatchObject({ v: 1, version: 3, savedAt: '2026-11-03T02:05:00.000Z' });
    expect(d.changes).toEqual({ dossiers_online: { raw: '3.276', base: 3000 }, online_payment_pct: { raw: '9x', base: 93 } });
    // survives the trip through localStorage
    expect(parseLocalDraft(JSON.stringify(d))).toEqual(d);
  });

  it('ignores a malformed stored copy instead of trusting it', () => {
    expect(parseLocalDraft(null)).toBeNull();
    expect(parseLocalDraft('{')).toBeNull();
    expect(parseLocalDraft('{"v":2}')).toBeNull();
    const d = parseLocalDraft(JSON.stringify({ v: 1, version: 1, savedAt: 'x', changes: { a: { raw: 5, base: 1 }, b: { raw: '7', base: null } } }));
    expect(d?.changes).toEqual({ b: { raw: '7', base: null } });
  });

  it('comes back over an unchanged server copy (the tab was closed before it saved)', () => {
    const typed: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276' } };
    const d = makeLocalDraft(typed, units, now)!;
    const r = restoreLocalDraft(formFromSubmission(sub, units), d, units);
    expect(r.restored).toEqual(['dossiers_online']);
    expect(r.conflicts).toEqual([]);
    expect(pendingChanges(r.state, units).values).toEqual({ dossiers_online: 3276 });
  });

  it('does not bring back what the server already has', () => {
    const typed: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276' } };
    const d = makeLocalDraft(typed, units, now)!;
    const saved = submission({ dossiers_received: 3781, dossiers_online: 3276, online_payment_pct: 93 }, { version: 4 });
    const r = restoreLocalDraft(formFromSubmission(saved, units), d, units);
    expect(r.restored).toEqual([]);
    expect(r.conflicts).toEqual([]);
    // … but says it arrived there meanwhile (the outbox sent it while the tab was closed)
    expect(r.arrived).toEqual(['dossiers_online']);
    expect(r.state.inputs.dossiers_online).toBe('3.276');
    expect(pendingChanges(r.state, units).count).toBe(0);
    expect(restoreLocalDraft(formFromSubmission(sub, units), makeLocalDraft(base, units, now) ?? { v: 1, savedAt: '', version: 3, changes: {}, explanations: {} }, units).arrived).toEqual([]);
  });

  it('never overwrites a box someone else changed meanwhile: the server value stays, mine is reported', () => {
    const typed: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276', online_payment_pct: '95' } };
    const d = makeLocalDraft(typed, units, now)!;
    // the other person changed dossiers_online (3000 → 3100) but not the payment rate
    const theirs = submission({ dossiers_received: 3781, dossiers_online: 3100, online_payment_pct: 93 }, { version: 5 });
    const r = restoreLocalDraft(formFromSubmission(theirs, units), d, units);
    expect(r.state.inputs.dossiers_online).toBe('3.100');
    expect(r.conflicts).toEqual([{ element: 'dossiers_online', mine: '3.276', theirs: 3100 }]);
    expect(r.restored).toEqual(['online_payment_pct']);
    expect(r.state.version).toBe(5);
    expect(pendingChanges(r.state, units).values).toEqual({ online_payment_pct: 95 });
  });

  it('drops a stored change to a box the round no longer asks for', () => {
    const typed: FormState = { ...base, inputs: { ...base.inputs, dossiers_online: '3.276' } };
    const d = makeLocalDraft(typed, units, now)!;
    const r = restoreLocalDraft(formFromSubmission(sub, units), d, units, new Set(['dossiers_received']));
    expect(r.restored).toEqual([]);
  });

  it('brings back an explanation when the server still has the old one', () => {
    const typed: FormState = { ...base, explanations: { ...base.explanations, online_payment_pct: 'Triển khai cổng mới' } };
    const d = makeLocalDraft(typed, units, now)!;
    const r = restoreLocalDraft(formFromSubmission(sub, units), d, units);
    expect(r.state.explanations.online_payment_pct).toBe('Triển khai cổng mới');
    expect(r.restored).toEqual(['online_payment_pct']);
  });
});

describe('checks beside the fields', () => {
  const fields: FieldDef[] = groupFields(catalogue, catalogue.map((e) => e.code)).flatMap((g) => g.fields);

  it('runs the server\'s own checkFigures: online > received is an error on the online box', () => {
    const r = liveChecks({ fields, values: { dossiers_received: 100, dossiers_online: 120 }, previous: {}, villages: null });
    expect(r.errors).toEqual([expect.objectContaining({ element: 'dossiers_online', code: 'online_gt_received' })]);
  });

  it('uses the commune\'s villages from the catalogue when the form does not ask for them', () => {
    const r = liveChecks({ fields, values: { cdt_village_teams: 15 }, previous: {}, villages: 11 });
    expect(r.errors.map((e) => e.code)).toEqual(['teams_gt_villages']);
  });

  it('shows a figure beyond the catalogue\'s limit as a blocking error beside its field, per head with the commune\'s population', () => {
    const limited = groupFields(
      catalogue.map((e) => (e.code === 'dossiers_received' ? { ...e, name: 'Số hồ sơ TTHC tiếp nhận', max: 1_000_000, maxPerHead: 20 } : e)),
      catalogue.map((e) => e.code),
    ).flatMap((g) => g.fields);
    expect(limited.find((f) => f.code === 'dossiers_received')).toMatchObject({ max: 1_000_000, maxPerHead: 20 });
    const r = liveChecks({ fields: limited, values: { dossiers_received: 5_000_000 }, previous: {}, villages: null, population: 6518 });
    expect(r.errors).toEqual([
      {
        element: 'dossiers_received',
        code: 'above_limit_per_head',
        message: 'Số hồ sơ TTHC tiếp nhận 5.000.000 vượt giới hạn hợp lý 20 mỗi người dân (tối đa 130.360 với dân số 6.518); kiểm tra lại (có thể thừa chữ số 0)',
      },
    ]);
    // without the population the absolute limit applies; within it, nothing
    expect(liveChecks({ fields: limited, values: { dossiers_received: 5_000_000 }, previous: {}, villages: null }).errors[0].code).toBe('above_limit');
    expect(liveChecks({ fields: limited, values: { dossiers_received: 120_000 }, previous: {}, villages: null, population: 6518 }).errors).toEqual([]);
  });

  it('warns at three times the previous round', () => {
    const r = liveChecks({ fields, values: { dossiers_received: 1000 }, previous: { dossiers_received: 300 }, villages: null });
    expect(r.warnings.map((w) => w.code)).toEqual(['jump_up']);
  });

  const outlier = { element: 'budget_requested_vnd', code: 'outlier', message: 'Khác xa các xã tương tự' };
  const stale = { element: 'dossiers_online', code: 'online_gt_received', message: 'cũ' };

  it('with nothing pending, adds what only the server knows (similar communes) to the live checks', () => {
    const m = mergeChecks({ errors: [], warnings: [] }, { errors: [stale], warnings: [outlier] }, new Set());
    expect(m.warnings).toEqual([outlier]);
    expect(m.errors).toEqual([stale]);
  });

  it('with edits pending, keeps only server-only checks on untouched fields: a fixed error does not linger', () => {
    const m = mergeChecks({ errors: [], warnings: [] }, { errors: [stale], warnings: [outlier] }, new Set(['dossiers_received']));
    expect(m.errors).toEqual([]);
    expect(m.warnings).toEqual([outlier]);
    const touched = mergeChecks({ errors: [], warnings: [] }, { errors: [], warnings: [outlier] }, new Set(['budget_requested_vnd']));
    expect(touched.warnings).toEqual([]);
  });

  it('does not show the same issue twice', () => {
    const m = mergeChecks({ errors: [stale], warnings: [] }, { errors: [stale], warnings: [] }, new Set());
    expect(m.errors).toHaveLength(1);
  });

  it('blocks submission on an error, an unreadable box or an unexplained warning; counts the empty boxes', () => {
    const sub = submission({ dossiers_received: 100, dossiers_online: null, online_payment_pct: null });
    const s = formFromSubmission(sub, units);
    const codes = ['dossiers_received', 'dossiers_online', 'online_payment_pct'];
    const warn = { element: 'dossiers_received', code: 'jump_up', message: '…' };
    expect(readiness({ errors: [], warnings: [warn] }, s, units, codes)).toMatchObject({ ok: false, unexplained: [warn], filled: 1, empty: 2 });
    const explained = { ...s, explanations: { dossiers_received: 'Sáp nhập xã' } };
    expect(readiness({ errors: [], warnings: [warn] }, explained, units, codes).ok).toBe(true);
    const typo = { ...s, inputs: { ...s.inputs, dossiers_online: 'abc' } };
    expect(readiness({ errors: [], warnings: [] }, typo, units, codes)).toMatchObject({ ok: false, invalid: ['dossiers_online'], empty: 1 });
  });
});

describe('saving and deadlines', () => {
  it('says when the form was saved: the time today, the date too for an older save', () => {
    const now = new Date('2026-11-04T03:00:00Z'); // 10:00 on 4 Nov in Vietnam
    expect(savedTime(new Date('2026-11-04T02:05:00Z'), now)).toBe('09:05');
    expect(savedTime('2026-11-03T02:05:00Z', now)).toBe('03/11/2026 09:05');
  });

  it('beside the deadline: days left before it, then the shared on-time words (as /tien-do says them)', () => {
    const now = new Date('2026-11-04T10:00:00Z');
    expect(timelinessNote({ kind: 'not_due', daysLate: null }, '2026-11-07', now)).toEqual({ text: 'còn 3 ngày', bad: false });
    expect(timelinessNote({ kind: 'not_due', daysLate: null }, '2026-11-04', now)).toEqual({ text: 'hết hạn hôm nay', bad: false });
    expect(timelinessNote({ kind: 'late', daysLate: 22 }, '2026-11-10', now)).toEqual({ text: 'Muộn 22 ngày', bad: true });
    expect(timelinessNote({ kind: 'overdue', daysLate: 3 }, '2026-11-01', now)).toEqual({ text: 'Quá hạn 3 ngày, chưa nộp', bad: true });
    // a returned report first submitted on time is on time, to the officer as to the Sở
    expect(timelinessNote({ kind: 'on_time', daysLate: null }, '2026-11-01', now)).toEqual({ text: 'Đúng hạn', bad: false });
    expect(timelinessNote({ kind: 'on_time', daysLate: null }, null, now)).toBeNull();
  });

  it('a form can be edited while not started, drafting or returned; never by a leader, never once locked', () => {
    expect(isEditable({ status: 'draft', locked: false }, 'commune')).toBe(true);
    expect(isEditable({ status: 'returned', locked: false }, 'commune')).toBe(true);
    expect(isEditable({ status: 'submitted', locked: false }, 'commune')).toBe(false);
    expect(isEditable({ status: 'approved', locked: true }, 'admin')).toBe(false);
    expect(isEditable({ status: 'draft', locked: true }, 'commune')).toBe(false);
    expect(isEditable({ status: 'draft', locked: false }, 'leader')).toBe(false);
  });
});

describe('what the page shows, read from the report and the catalogue', () => {
  const sub = submission(
    { online_payment_pct: 40, dossiers_received: 1000, unknown_element: 5 },
    { comparedWith: { code: 'q3-2026', name: 'Quý III/2026', kind: 'quarter' } },
  );
  sub.values = sub.values.map((v) => ({ ...v, previousValue: v.element === 'dossiers_received' ? 300 : null }));

  it('the round\'s fields in the catalogue\'s order, their units, and last round\'s figure beside each', () => {
    const r = roundForm(catalogue, sub);
    expect(r.codes).toEqual(['dossiers_received', 'online_payment_pct', 'unknown_element']);
    expect(r.groups.map((g) => g.name)).toEqual(['Dịch vụ công trực tuyến', 'Khác']);
    expect(r.units).toEqual({ dossiers_received: 'count', online_payment_pct: 'percent', unknown_element: 'count' });
    expect(r.previous).toEqual({ online_payment_pct: null, dossiers_received: 300, unknown_element: null });
    expect(r.comparedWith?.name).toBe('Quý III/2026');
    // before the report arrives: an empty form, not an error
    expect(roundForm(catalogue, undefined)).toMatchObject({ groups: [], codes: [], comparedWith: null });
  });

  it('checks what is on screen against the round compared with, and only against a round of the same kind', () => {
    const r = roundForm(catalogue, sub);
    const state = formFromSubmission(sub, r.units);
    const view = formView(state, r, { villages: null }, null);
    expect(view.warningsBy.get('dossiers_received')?.map((w) => w.code)).toEqual(['jump_up']);
    expect(view.ready).toMatchObject({ ok: false, filled: 3, empty: 0 });
    expect(view.pending?.count).toBe(0);
    // no round of the same kind before (decision 009): no comparison, so no warning
    const none = formView(state, { ...r, comparedWith: null }, { villages: null }, null);
    expect(none.checks.warnings).toEqual([]);
    expect(none.ready?.ok).toBe(true);
  });

  it('an unreadable box is pending nothing, counted invalid, and blocks the submit', () => {
    const r = roundForm(catalogue, sub);
    const state = formFromSubmission(sub, r.units);
    const view = formView({ ...state, inputs: { ...state.inputs, online_payment_pct: 'bốn mươi' } }, r, { villages: null }, null);
    expect(view.values?.invalid).toEqual(['online_payment_pct']);
    expect(view.pending).toMatchObject({ count: 0, invalid: ['online_payment_pct'] });
    expect(formView(null, r, { villages: null }, null).ready).toBeNull();
  });

  it('"Nộp báo cáo" with something missing focuses the first unreadable box, else the first error, else the explanation asked for', () => {
    const issue = (element: string) => ({ element, code: 'x', message: '' });
    const base = { empty: 0, filled: 0, ok: false };
    expect(firstProblem({ ...base, invalid: ['b'], errors: [issue('a')], unexplained: [issue('c')] })).toBe('f-b');
    expect(firstProblem({ ...base, invalid: [], errors: [issue('a')], unexplained: [issue('a')] })).toBe('f-a');
    expect(firstProblem({ ...base, invalid: [], errors: [], unexplained: [issue('c')] })).toBe('expl-c');
    expect(firstProblem({ ...base, invalid: [], errors: [], unexplained: [], ok: true })).toBeNull();
  });

  it('opens the round asked for, else where action is needed, else the open one; none while the landing is unknown', () => {
    const rounds = [
      { code: 'm10-2026', status: 'open' },
      { code: 'q3-2026', status: 'open' },
      { code: 'q2-2026', status: 'closed' },
    ];
    expect(entryRound(rounds, 'q2-2026', 'q3-2026', true)?.code).toBe('q2-2026');
    expect(entryRound(rounds, 'khong-co', null, false)).toBeUndefined();
    expect(entryRound(rounds, null, 'q3-2026', false)?.code).toBe('q3-2026');
    expect(entryRound(rounds, null, null, false)?.code).toBe('m10-2026');
    expect(entryRound(rounds, null, 'q3-2026', true)).toBeUndefined();
  });
});
