import { describe, expect, it } from 'vitest';
import type { CompositeResponse, CompositeRowOut, OverviewResponse, RankingsResponse } from '@nq57/shared/schemas';
import { budgetSlide, clockTime, compositeSlide, indicatorSlide, moversSlide, notReportedSlide, overviewSlide, pickBudgetRound, slideModel } from '../src/briefing/model';
import { connectionOf } from '../src/briefing/useBriefingData';
import { ApiError } from '../src/api/client';
import { ranked, row } from './fixtures';

const Q3 = { code: 'q3-2026', name: 'Quý III/2026', dataAsOf: '2026-10-10' };
const Q2 = { code: 'q2-2026', name: 'Quý II/2026', dataAsOf: '2026-07-10' };
const YEAR = { code: 'year-2025', name: 'Năm 2025', dataAsOf: '2025-12-15' };

function ranking(rows: RankingsResponse['rows'], over: Partial<RankingsResponse['indicator']> = {}, province: number | null = 79.05, period = Q3): RankingsResponse {
  return {
    period,
    indicator: { code: 'online_filing_rate', name: 'Tỷ lệ hồ sơ trực tuyến', unit: 'percent', direction: 'higher', target: 80, minDenominator: 30, kind: 'rate', collected: true, ...over },
    province: { value: province, numerator: null, denominator: null, communes: rows.filter((r) => r.value !== null).length },
    comparedWith: null,
    rankedCount: rows.filter((r) => r.status === 'ranked').length,
    rows,
    release: null,
    comparisonWarning: null,
  };
}

function crow(code: string, rank: number | null, score: number | null, previousRank: number | null): CompositeRowOut {
  return {
    communeCode: code,
    communeName: `Xã ${code}`,
    communeType: 'xã',
    formerDistrict: 'Huyện Ba Tơ',
    score,
    rank,
    previousRank,
    rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
    status: rank === null ? 'not_reported' : 'ranked',
    coverage: rank === null ? 0 : 1,
    indicatorsReported: rank === null ? 0 : 7,
    indicatorsApplicable: 7,
    components: [],
  };
}

const composite = (rows: CompositeRowOut[], comparedWith: typeof Q2 | null = Q2) => ({ rows, comparedWith }) as Pick<CompositeResponse, 'rows' | 'comparedWith'>;

describe('indicator slide', () => {
  const rows = [
    ranked('1', 'Xã Một', 95, 1),
    ranked('2', 'Xã Hai', 86.6, 2),
    ranked('3', 'Xã Ba', 79.9, 3),
    ranked('4', 'Xã Bốn', 40, 4),
    row('5', 'Xã Năm'),
  ];

  it('says how many miss the target and lists them, worst first, with vi-VN values', () => {
    const m = indicatorSlide(ranking(rows));
    expect(m.title).toBe('2 xã chưa đạt 80% hồ sơ trực tuyến');
    expect(m.listTitle).toBe('Chưa đạt mục tiêu');
    expect(m.list.map((r) => [r.rank, r.name, r.value])).toEqual([
      ['4', 'Xã Bốn', '40,0%'],
      ['3', 'Xã Ba', '79,9%'],
    ]);
  });

  it('draws one column per ranked commune, best first, coloured by the target, with rules labelled in place', () => {
    const m = indicatorSlide(ranking(rows));
    expect(m.columns.map((c) => c.code)).toEqual(['1', '2', '3', '4']);
    expect(m.columns.map((c) => c.meets)).toEqual([true, true, false, false]);
    expect(m.columns[0].h).toBeCloseTo(95);
    // columns sit side by side inside the plot, never past its right edge
    const last = m.columns.at(-1)!;
    expect(last.x + last.w).toBeLessThanOrEqual(100);
    expect(m.target).toEqual({ y: 80, label: 'Mục tiêu 80,0%' });
    expect(m.province).toEqual({ y: 79.05, label: 'Toàn tỉnh 79,1%' });
    expect([m.min, m.max]).toEqual(['0%', '100%']);
    expect(m.rankedCount).toBe('4 xã được xếp hạng');
  });

  it('an indicator the round does not collect says so, and ranks nobody', () => {
    const none = rows.map((r) => ({ ...r, value: null, rank: null, status: 'not_collected' as const }));
    const m = indicatorSlide(ranking(none, { collected: false }, null));
    expect(m.title).toBe('Kỳ Quý III/2026 không thu số liệu về hồ sơ trực tuyến');
    expect(m.columns).toEqual([]);
    expect(m.rankedCount).toBe('Không thu kỳ này');
  });

  it('without a target, lists the leaders', () => {
    const m = indicatorSlide(ranking([ranked('1', 'Xã Xốp', 143, 1), ranked('2', 'Xã Mỏ Cày', 120, 2)], { name: 'Số TTHC trực tuyến toàn trình', unit: 'count', target: null }, 263));
    expect(m.title).toBe('Xã Xốp dẫn đầu số TTHC trực tuyến toàn trình: 143');
    expect(m.listTitle).toBe('Dẫn đầu');
    expect(m.list[0].name).toBe('Xã Xốp');
    expect(m.target).toBeNull();
    // the axis is a round number above every value and the province figure
    expect(m.max).toBe('500');
  });
});

describe('composite slides', () => {
  const rows = Array.from({ length: 14 }, (_, i) => crow(String(i + 1), i + 1, 95 - i * 2.5, i + 3)).concat([crow('x', null, null, null)]);

  it('every score carries its coverage', () => {
    const partial = { ...crow('p', 1, 80, null), indicatorsReported: 5, coverage: 0.75 };
    expect(compositeSlide(composite([partial]), 'top').rows[0].coverage).toBe('5/7 chỉ tiêu (75%)');
  });

  it('top 10 best first, bottom 10 worst first, unranked left out', () => {
    const top = compositeSlide(composite(rows), 'top');
    expect(top.rows.map((r) => r.rank)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(top.title).toBe('Xã 1 dẫn đầu chỉ số tổng hợp với 95,0 điểm');
    const bottom = compositeSlide(composite(rows), 'bottom');
    expect(bottom.rows.map((r) => r.rank)).toEqual(['14', '13', '12', '11', '10', '9', '8', '7', '6', '5']);
    expect(bottom.title).toBe('Xã 14 thấp nhất chỉ số tổng hợp: 62,5 điểm');
  });

  it('shows the move in words and arrows, never colour alone', () => {
    const m = compositeSlide(composite([crow('a', 1, 90, 4), crow('b', 2, 80, 1), crow('c', 3, 70, 3), crow('d', 4, 60, null)]), 'top');
    expect(m.rows.map((r) => [r.change, r.trend])).toEqual([
      ['▲ 3 bậc', 'up'],
      ['▼ 1 bậc', 'down'],
      ['= giữ hạng', 'same'],
      ['—', 'none'],
    ]);
    expect(m.rows[0].width).toBe(90);
  });
});

describe('movers slide', () => {
  it('the biggest climbs and falls, with where they came from', () => {
    const m = moversSlide(composite([crow('a', 1, 90, 30), crow('b', 40, 50, 10), crow('c', 5, 80, 5)]));
    expect(m.title).toBe('Xã a tăng 29 bậc, nhiều nhất so với Quý II/2026');
    expect(m.up).toEqual([{ code: 'a', name: 'Xã a', move: '▲ 29 bậc', ranks: 'hạng 30 → 1' }]);
    expect(m.down).toEqual([{ code: 'b', name: 'Xã b', move: '▼ 30 bậc', ranks: 'hạng 10 → 40' }]);
    expect(m.warning).toBeNull();
  });

  it('says so when the round compared with was published under other weights (issue 12)', () => {
    const warning = 'Quý II/2026 được công bố với trọng số khác kỳ này: thay đổi hạng không so sánh cùng cơ sở, chỉ để tham khảo.';
    expect(moversSlide({ ...composite([crow('a', 1, 90, 30)]), comparisonWarning: warning }).warning).toBe(warning);
  });

  it('the first round has nothing to compare with', () => {
    expect(moversSlide(composite([crow('a', 1, 90, null)], null)).title).toBe('Chưa có kỳ trước để so sánh thứ hạng');
  });
});

function overview(over: Partial<OverviewResponse> = {}): OverviewResponse {
  const ind = (code: string, name: string, unit: 'percent' | 'vnd' | 'per_1000', target: number | null, value: number | null, previous: number | null) => ({
    indicator: { code, name, unit, direction: 'higher' as const, target, minDenominator: 30, kind: 'rate' as const, collected: true },
    province: { value, numerator: null, denominator: null, communes: 95 },
    previous: previous === null ? null : { value: previous, numerator: null, denominator: null, communes: 96 },
    distribution: { min: null, q1: null, median: null, q3: null, max: null, values: [] },
    belowTarget: 0,
  });
  return {
    period: Q3,
    comparedWith: Q2,
    demo: true,
    communesTotal: 96,
    communesReported: 95,
    communesApproved: 95,
    reporting: { byState: { not_started: 1, draft: 0, submitted: 0, returned: 0, approved: 95 }, late: 1 },
    notReported: [{ communeCode: '23536', communeName: 'Xã Mô Rai', state: 'not_started' }],
    indicators: [
      ind('online_filing_rate', 'Tỷ lệ hồ sơ trực tuyến', 'percent', 80, 86.63, 83.4),
      ind('bdhvs_learners_per_1000', 'Người học Bình dân học vụ số trên 1.000 dân', 'per_1000', 300, 125.8, 105),
      ind('budget_requested_vnd', 'Kinh phí đề xuất', 'vnd', null, 7_630_404_000, 5_687_400_000),
    ],
    top: [],
    bottom: [],
    release: null,
    comparisonWarning: null,
    ...over,
  };
}

describe('overview and reporting slides', () => {
  it('the headline against the target, tiles with the move since the round compared with', () => {
    const m = overviewSlide(overview());
    expect(m.title).toBe('Toàn tỉnh đạt 86,6% hồ sơ trực tuyến, vượt mục tiêu 80%');
    expect(m.tiles.map((t) => [t.code, t.value])).toEqual([
      ['reported', '95/96'],
      ['online_filing_rate', '86,6%'],
      ['bdhvs_learners_per_1000', '125,8'],
      ['budget_requested_vnd', '7,63 tỷ đ'],
    ]);
    // targets as they are said aloud, money short
    expect(m.tiles[2].target).toBe('300');
    expect(m.tiles[3].delta).toBe('▲ tăng 1,94 tỷ đ');
    expect(m.tiles[1].delta).toContain('▲');
  });

  it('a figure the round lacks is said to be missing, not zero', () => {
    const o = overview();
    o.indicators[2].province.value = null;
    const tile = overviewSlide(o).tiles.find((t) => t.code === 'budget_requested_vnd')!;
    expect([tile.value, tile.delta]).toEqual(['—', 'kỳ này chưa có số liệu']);
  });

  it('a figure the round does not collect has no tile at all (never "—" on the wall)', () => {
    const o = overview();
    o.indicators[2].indicator.collected = false;
    o.indicators[2].province = { value: null, numerator: null, denominator: null, communes: 0 };
    expect(overviewSlide(o).tiles.map((t) => t.code)).toEqual(['reported', 'online_filing_rate', 'bdhvs_learners_per_1000']);
  });

  it('who has not reported, and a list that never runs off the screen', () => {
    const m = notReportedSlide(overview());
    expect([m.title, m.reported, m.names]).toEqual(['1 xã chưa báo cáo Quý III/2026', '95/96', ['Xã Mô Rai']]);
    const many = overview({ communesReported: 46, notReported: Array.from({ length: 50 }, (_, i) => ({ communeCode: String(i), communeName: `Xã ${i}`, state: 'not_started' as const })) });
    const big = notReportedSlide(many, 30);
    expect(big.names).toHaveLength(29);
    // each name keeps its commune's code, so the name on the screen opens the right page
    expect(big.codes).toHaveLength(29);
    expect(big.codes[28]).toBe('28');
    expect(big.names[28]).toBe('Xã 28');
    expect(big.more).toBe('+ 21 xã khác');
    expect(notReportedSlide(overview({ communesReported: 96, notReported: [] })).title).toBe('Cả 96 xã đã báo cáo Quý III/2026');
  });
});

describe('budget slide', () => {
  const budget = (period: typeof Q3, values: (number | null)[]) =>
    ranking(
      values.map((v, i) => (v === null ? row(String(i), `Xã ${i}`) : ranked(String(i), `Xã ${i}`, v, i + 1))),
      { code: 'budget_requested_vnd', name: 'Kinh phí đề xuất', unit: 'vnd', target: null, kind: 'element' },
      values.some((v) => v !== null) ? values.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
      period,
    );

  it('falls back to the newest earlier round that has requests, and says so', () => {
    const rounds = [budget(Q3, [null, null]), budget(Q2, [null, null]), budget(YEAR, [7_630_404_000, 5_687_400_000, null])];
    const found = pickBudgetRound(rounds);
    expect(found?.period.code).toBe('year-2025');
    const m = budgetSlide(found, 'q3-2026');
    expect(m.title).toBe('2 xã đề xuất 13,3 tỷ đ cho chuyển đổi số (Năm 2025)');
    expect(m.rows.map((r) => [r.name, r.value, Math.round(r.width)])).toEqual([
      ['Xã 0', '7,63 tỷ đ', 100],
      ['Xã 1', '5,69 tỷ đ', 75],
    ]);
    expect(m.note).toBe('Kỳ đang xem chưa có số liệu kinh phí; hiện kỳ Năm 2025');
    expect(budgetSlide(found, 'year-2025').note).toBeNull();
  });

  it('no round with requests', () => {
    expect(pickBudgetRound([budget(Q3, [null])])).toBeNull();
    expect(budgetSlide(null, 'q3-2026').title).toBe('Chưa có xã nào đề xuất kinh phí');
  });
});

describe('slideModel: nothing drawn before its figures arrive', () => {
  it('null while loading, a model once there', () => {
    const empty = { overview: undefined, composite: undefined, rankings: new Map(), budgetRounds: [], budgetLoading: true };
    for (const type of ['overview', 'top', 'bottom', 'movers', 'not_reported', 'budget']) expect(slideModel({ type }, empty)).toBeNull();
    expect(slideModel({ type: 'indicator', indicator: 'online_filing_rate' }, empty)).toBeNull();
    expect(slideModel({ type: 'overview' }, { ...empty, overview: overview() })?.kind).toBe('overview');
    expect(slideModel({ type: 'budget' }, { ...empty, budgetLoading: false })?.title).toBe('Chưa có xã nào đề xuất kinh phí');
  });
});

describe('connection and clock', () => {
  it('a dropped network or a server error is "lost" (it recovers); a refused link is "refused"', () => {
    expect(connectionOf([null, undefined])).toBe('ok');
    expect(connectionOf([new ApiError(0, 'NETWORK', 'x')])).toBe('lost');
    expect(connectionOf([new ApiError(502, 'HTTP_502', 'x')])).toBe('lost');
    expect(connectionOf([new ApiError(502, 'HTTP_502', 'x'), new ApiError(401, 'UNAUTHENTICATED', 'x')])).toBe('refused');
    expect(connectionOf([new ApiError(404, 'PERIOD_NOT_FOUND', 'x')])).toBe('ok');
  });

  it('the live stream lost is "lost" though every read succeeded; a stream refused is "refused"; polling instead is fine', () => {
    expect(connectionOf([null], 'lost')).toBe('lost');
    expect(connectionOf([null], 'refused')).toBe('refused');
    expect(connectionOf([new ApiError(0, 'NETWORK', 'x')], 'refused')).toBe('refused');
    expect(connectionOf([null], 'unavailable')).toBe('ok');
    expect(connectionOf([null], 'connecting')).toBe('ok');
  });

  it('the time of day of the last refresh, in Vietnam time, to the second', () => {
    expect(clockTime(Date.UTC(2026, 9, 10, 7, 5, 9))).toBe('14:05:09');
    expect(clockTime(Date.UTC(2026, 9, 10, 17, 0, 0))).toBe('00:00:00');
  });
});
