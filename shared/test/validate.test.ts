import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFigures, figureLimit, fitsRule, ROUND_CODE_RULE, unexplained, USERNAME_RULE, type CheckElement } from '../src/domain/validate';

const el = (code: string, unit: CheckElement['unit'] = 'count'): CheckElement => ({ code, name: code, unit });
const ELEMENTS = [
  el('dossiers_received'),
  el('dossiers_online'),
  el('dossiers_resolved'),
  el('dossiers_on_time'),
  el('dossiers_late'),
  el('cdt_village_teams'),
  el('villages'),
  el('bdhvs_learners'),
  el('bdhvs_certificates'),
  el('dossiers_digitised_pct', 'percent'),
  el('budget_requested_vnd', 'vnd'),
];
const ctx = { elements: ELEMENTS };
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkFigures: errors that block submission', () => {
  it('accepts the figures of a real report (Khánh Cường: 3.276 online of 3.781 received)', () => {
    const r = checkFigures({ dossiers_received: 3781, dossiers_online: 3276, dossiers_digitised_pct: 86.6, budget_requested_vnd: 7_630_404_000 }, ctx);
    expect(r).toEqual({ errors: [], warnings: [] });
  });

  it('refuses more online dossiers than dossiers received, on the online field, with both numbers in vi-VN', () => {
    const r = checkFigures({ dossiers_received: 3781, dossiers_online: 3782 }, ctx);
    expect(r.errors).toEqual([{ element: 'dossiers_online', code: 'online_gt_received', message: 'Số hồ sơ trực tuyến (3.782) lớn hơn số hồ sơ tiếp nhận (3.781)' }]);
  });

  it('refuses on time > resolved, teams > villages, certificates > learners', () => {
    const r = checkFigures({ dossiers_resolved: 10, dossiers_on_time: 11, cdt_village_teams: 12, villages: 11, bdhvs_learners: 5, bdhvs_certificates: 6 }, ctx);
    expect(codes(r.errors).sort()).toEqual(['certificates_gt_learners', 'on_time_gt_resolved', 'teams_gt_villages']);
  });

  it('takes the villages from the catalogue when the form does not ask for them', () => {
    const r = checkFigures({ cdt_village_teams: 15 }, { elements: [el('cdt_village_teams')], villages: 14 });
    expect(r.errors[0].message).toBe('Số Tổ công nghệ số cộng đồng (15) nhiều hơn số thôn, tổ dân phố (14)');
  });

  it('refuses a percent outside 0–100, a negative count and a fractional count', () => {
    expect(checkFigures({ dossiers_digitised_pct: 100.5 }, ctx).errors[0]).toMatchObject({ code: 'percent_range', message: 'Tỷ lệ phải từ 0 đến 100%, đang là 100,5%' });
    expect(codes(checkFigures({ dossiers_received: -1 }, ctx).errors)).toEqual(['negative']);
    expect(codes(checkFigures({ dossiers_received: 2.5 }, ctx).errors)).toEqual(['not_integer']);
  });

  it('treats 0 ("không có") as a figure and an empty field as nothing to check', () => {
    expect(checkFigures({ dossiers_received: 0, dossiers_online: 1 }, ctx).errors).toHaveLength(1);
    expect(checkFigures({ dossiers_received: null, dossiers_online: 1 }, ctx).errors).toEqual([]);
  });

  it('never reports an error for a consistent set (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.double({ min: 0, max: 100, noNaN: true }), (a, b, pct) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        return checkFigures({ dossiers_online: part, dossiers_received: whole, dossiers_digitised_pct: pct }, ctx).errors.length === 0;
      }),
    );
  });
});

describe('checkFigures: warnings that need a one-line explanation', () => {
  it('warns at more than three times, or less than a third of, last round', () => {
    const previous = { dossiers_received: 1000 };
    expect(checkFigures({ dossiers_received: 3000 }, { ...ctx, previous }).warnings).toEqual([]);
    expect(checkFigures({ dossiers_received: 3001 }, { ...ctx, previous }).warnings[0]).toMatchObject({ code: 'jump_up', message: 'Gấp hơn 3 lần kỳ trước (1.000): cần giải trình' });
    expect(codes(checkFigures({ dossiers_received: 333 }, { ...ctx, previous }).warnings)).toEqual(['jump_down']);
    expect(checkFigures({ dossiers_received: 334 }, { ...ctx, previous }).warnings).toEqual([]);
  });

  it('warns when a figure is far outside what similar communes report', () => {
    const peers = { dossiers_received: [900, 1000, 1100, 1200, 950, 1050, 980, 1020, 1150, 990] };
    expect(checkFigures({ dossiers_received: 1180 }, { ...ctx, peers }).warnings).toEqual([]);
    const w = checkFigures({ dossiers_received: 40_000 }, { ...ctx, peers }).warnings;
    expect(w).toHaveLength(1);
    expect(w[0].code).toBe('outlier');
    expect(w[0].message).toMatch(/^Khác xa các xã tương tự \(thường từ [\d.]+ đến [\d.]+\)/);
    // too few similar communes to judge
    expect(checkFigures({ dossiers_received: 40_000 }, { ...ctx, peers: { dossiers_received: [1, 2, 3] } }).warnings).toEqual([]);
  });

  it('compares counts per head when populations are known: a big ward is not "far" for being big', () => {
    // ten similar communes of about 20 000 people filing about 100 dossiers each
    const peers = { dossiers_online: Array.from({ length: 10 }, (_, i) => ({ value: 90 + i * 3, population: 19_000 + i * 250 })) };
    // Tịnh Khê has 55 919 people: 290 online dossiers is the same rate
    expect(checkFigures({ dossiers_online: 290 }, { ...ctx, peers, population: 55_919 }).warnings).toEqual([]);
    // without its population the same figure looks far from the others
    expect(codes(checkFigures({ dossiers_online: 290 }, { ...ctx, peers }).warnings)).toEqual(['outlier']);
    // ten times the rate is far, and the message gives the range for a commune of its size
    const w = checkFigures({ dossiers_online: 2900 }, { ...ctx, peers, population: 55_919 }).warnings;
    expect(w[0].code).toBe('outlier');
    expect(w[0].message).toMatch(/^Khác xa các xã tương tự \(thường từ 2\d\d đến 3\d\d với số dân như xã\): cần giải trình$/);
  });

  it('compares percents as they are, whatever the population', () => {
    const peers = { dossiers_digitised_pct: Array.from({ length: 10 }, (_, i) => ({ value: 80 + i, population: 10_000 * (i + 1) })) };
    expect(checkFigures({ dossiers_digitised_pct: 85 }, { ...ctx, peers, population: 500 }).warnings).toEqual([]);
    expect(codes(checkFigures({ dossiers_digitised_pct: 5 }, { ...ctx, peers, population: 500 }).warnings)).toEqual(['outlier']);
  });

  it('does not add a warning on a field that already has an error', () => {
    const r = checkFigures({ dossiers_digitised_pct: 140 }, { ...ctx, previous: { dossiers_digitised_pct: 20 } });
    expect(codes(r.errors)).toEqual(['percent_range']);
    expect(r.warnings).toEqual([]);
  });

  it('unexplained() lists the warnings still lacking an explanation', () => {
    const w = checkFigures({ dossiers_received: 9000, bdhvs_learners: 10 }, { ...ctx, previous: { dossiers_received: 1000, bdhvs_learners: 100 } }).warnings;
    expect(codes(w)).toEqual(['jump_up', 'jump_down']);
    expect(unexplained(w, { dossiers_received: 'Mở thêm điểm tiếp nhận', bdhvs_learners: '  ' }).map((i) => i.element)).toEqual(['bdhvs_learners']);
  });
});

describe('checkFigures: plausible limits from the catalogue (issue 10)', () => {
  // the catalogue's limits for these elements (seed/catalogue.json)
  const received: CheckElement = { code: 'dossiers_received', name: 'Số hồ sơ TTHC tiếp nhận', unit: 'count', max: 1_000_000, maxPerHead: 20 };
  const villages: CheckElement = { code: 'villages', name: 'Số thôn, tổ dân phố', unit: 'count', max: 200 };
  const budget: CheckElement = { code: 'budget_requested_vnd', name: 'Kinh phí đề xuất', unit: 'vnd', max: 1e12, maxPerHead: 50_000_000 };
  const pct: CheckElement = { code: 'dossiers_digitised_pct', name: 'Tỷ lệ hồ sơ được số hóa', unit: 'percent' };
  const limited = { elements: [received, villages, budget, pct] };

  it('refuses 1e308 dossiers as a blocking error naming the limit, in exponent form, whatever the explanation', () => {
    const r = checkFigures({ dossiers_received: 1e308 }, limited);
    expect(r.errors).toEqual([
      {
        element: 'dossiers_received',
        code: 'above_limit',
        message: 'Số hồ sơ TTHC tiếp nhận 1e308 vượt giới hạn hợp lý 1.000.000; kiểm tra lại (có thể thừa chữ số 0)',
      },
    ]);
    // an error, not a warning: an explanation cannot unblock it, and no 3× warning is added on top
    expect(r.warnings).toEqual([]);
    expect(unexplained(r.warnings, { dossiers_received: 'đúng như vậy' })).toEqual([]);
  });

  it("per head when the population is known: the cap for the commune's size, with the population", () => {
    const r = checkFigures({ dossiers_received: 5_000_000 }, { ...limited, population: 6518 });
    expect(r.errors).toEqual([
      {
        element: 'dossiers_received',
        code: 'above_limit_per_head',
        message: 'Số hồ sơ TTHC tiếp nhận 5.000.000 vượt giới hạn hợp lý 20 mỗi người dân (tối đa 130.360 với dân số 6.518); kiểm tra lại (có thể thừa chữ số 0)',
      },
    ]);
    expect(checkFigures({ dossiers_received: 130_360 }, { ...limited, population: 6518 }).errors).toEqual([]);
    expect(codes(checkFigures({ dossiers_received: 130_361 }, { ...limited, population: 6518 }).errors)).toEqual(['above_limit_per_head']);
  });

  it('names the absolute limit when it is the smaller one (a large ward), or when the population is unknown', () => {
    expect(figureLimit(received, 55_919)).toEqual({ limit: 1_000_000, kind: 'absolute' });
    expect(figureLimit(received, null)).toEqual({ limit: 1_000_000, kind: 'absolute' });
    expect(figureLimit(received, 29_000)).toEqual({ limit: 580_000, kind: 'per_head' });
    expect(figureLimit(pct, 55_919)).toBeNull();
  });

  it('money: the per-head limit in đồng', () => {
    const r = checkFigures({ budget_requested_vnd: 500_000_000_000 }, { ...limited, population: 6518 });
    expect(r.errors[0].message).toBe(
      'Kinh phí đề xuất 500.000.000.000 đ vượt giới hạn hợp lý 50.000.000 đ mỗi người dân (tối đa 325.900.000.000 đ với dân số 6.518); kiểm tra lại (có thể thừa chữ số 0)',
    );
    // Khánh Cường's real request is far inside
    expect(checkFigures({ budget_requested_vnd: 7_630_404_000 }, { ...limited, population: 29_000 }).errors).toEqual([]);
  });

  it('a fractional per-head limit is shown with a decimal comma and rounded down for counts', () => {
    const members: CheckElement = { code: 'cdt_members', name: 'Số thành viên', unit: 'count', maxPerHead: 0.5 };
    expect(figureLimit(members, 6519)).toEqual({ limit: 3259, kind: 'per_head' });
    expect(checkFigures({ cdt_members: 3260 }, { elements: [members], population: 6519 }).errors[0].message).toContain('0,5 mỗi người dân (tối đa 3.259 với dân số 6.519)');
  });

  it('property: any value above the binding limit is an error; any value within never gives a limit error', () => {
    const unit = fc.constantFrom<'count' | 'vnd'>('count', 'vnd');
    const element = fc.record({
      unit,
      max: fc.option(fc.integer({ min: 1, max: 1e12 }), { nil: null }),
      maxPerHead: fc.option(fc.double({ min: 0.001, max: 1e7, noNaN: true }), { nil: null }),
    });
    const population = fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: null });
    fc.assert(
      fc.property(element, population, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e300, noNaN: true }), (e, pop, f, beyond) => {
        const el: CheckElement = { code: 'x', name: 'X', ...e };
        const bound = figureLimit(el, pop);
        const limitErrors = (v: number) =>
          checkFigures({ x: v }, { elements: [el], population: pop }).errors.filter((i) => i.code.startsWith('above_limit'));
        if (!bound) {
          expect(limitErrors(beyond)).toEqual([]);
          return;
        }
        const within = Math.floor(bound.limit * f);
        expect(limitErrors(within)).toEqual([]);
        const above = Math.max(Math.floor(bound.limit) + 1, Math.floor(beyond));
        const found = limitErrors(above);
        expect(found).toHaveLength(1);
        expect(found[0].code).toBe(bound.kind === 'absolute' ? 'above_limit' : 'above_limit_per_head');
      }),
    );
  });

  it('property: with no limit set, checkFigures answers as before (no limit error for any figure)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), (v) => {
        expect(checkFigures({ dossiers_received: v }, ctx).errors.filter((i) => i.code.startsWith('above_limit'))).toEqual([]);
      }),
    );
  });
});

describe('fitsRule (the round code and username rules the schema and the web forms share)', () => {
  it('a round code: lower-case ASCII, digits and dashes, 1 to 32', () => {
    for (const ok of ['q4-2026', 'm10-2026', '9m-2025', 'a', 'x'.repeat(32)]) expect(fitsRule(ok, ROUND_CODE_RULE)).toBe(true);
    for (const bad of ['', 'Quý 1', 'Q4-2026', 'q4_2026', 'q4.2026', 'quý-1', 'x'.repeat(33)]) expect(fitsRule(bad, ROUND_CODE_RULE)).toBe(false);
  });

  it('a username: lower-case ASCII, digits, dot, dash, underscore, 3 to 40', () => {
    for (const ok of ['admin', 'can.bo_xa-01', 'abc', 'u'.repeat(40)]) expect(fitsRule(ok, USERNAME_RULE)).toBe(true);
    for (const bad of ['ab', 'Admin', 'cán.bộ', 'a b', 'a@b', 'u'.repeat(41)]) expect(fitsRule(bad, USERNAME_RULE)).toBe(false);
  });
});
