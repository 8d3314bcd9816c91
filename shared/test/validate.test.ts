import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFigures, unexplained, type CheckElement } from '../src/domain/validate';

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
