import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import {
  belowTarget,
  bottomMessage,
  briefingRounds,
  BUDGET_LOOKBACK,
  budgetMessage,
  budgetRounds,
  checkPlaylist,
  DEFAULT_PLAYLIST,
  fitList,
  indicatorMessage,
  indicatorSubject,
  jump,
  keyAction,
  MAX_SLIDES,
  movers,
  moversMessage,
  notReportedMessage,
  overviewMessage,
  parseSeconds,
  playableSlides,
  progress,
  remaining,
  SECONDS_MAX,
  SECONDS_MIN,
  SLIDE_TYPES,
  slideDurations,
  startRotation,
  step,
  tick,
  togglePause,
  topMessage,
  withDurations,
  type IndicatorBrief,
  type MoverInput,
  type RankedBrief,
} from '../src/index';
import { PlaylistBody, SlideType } from '../src/schemas/index';

const online: IndicatorBrief = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: 'percent', direction: 'higher', target: 80 };
const late: IndicatorBrief = { name: 'Tỷ lệ hồ sơ trễ hạn', unit: 'percent', direction: 'lower', target: 2 };
const procedures: IndicatorBrief = { name: 'Số TTHC trực tuyến toàn trình', unit: 'count', direction: 'higher', target: null };
const row = (communeName: string, value: number | null, rank: number | null, status: RankedBrief['status'] = 'ranked'): RankedBrief => ({ communeName, value, rank, status });

describe('slide messages: one line a committee member remembers', () => {
  it('counts communes below the target the way the issue words it', () => {
    const rows = [row('Xã A', 95, 1), row('Xã B', 86.6, 2), row('Xã C', 79.9, 3), row('Xã D', 40, 4), row('Xã E', null, null, 'not_reported')];
    expect(indicatorMessage(online, rows)).toBe('2 xã chưa đạt 80% hồ sơ trực tuyến');
  });

  it('never counts a commune that did not report as below the target (missing is not zero)', () => {
    const rows = [row('Xã A', 95, 1), row('Xã E', null, null, 'not_reported'), row('Xã F', 10, null, 'insufficient')];
    expect(belowTarget(rows, online)).toEqual([]);
    expect(indicatorMessage(online, rows)).toBe('Cả 1 xã đạt mục tiêu 80% hồ sơ trực tuyến');
  });

  it('says "trên mức" for an indicator where lower is better', () => {
    expect(indicatorMessage(late, [row('Xã A', 0.5, 1), row('Xã B', 2, 2), row('Xã C', 3.5, 3)])).toBe('1 xã có hồ sơ trễ hạn trên mức 2%');
  });

  it('names the leader when the indicator has no target, ties included', () => {
    expect(indicatorMessage(procedures, [row('Xã Xốp', 143, 1), row('Xã Mỏ Cày', 120, 2)])).toBe('Xã Xốp dẫn đầu số TTHC trực tuyến toàn trình: 143');
    expect(indicatorMessage(procedures, [row('Xã Xốp', 143, 1), row('Xã Mỏ Cày', 143, 1)])).toBe('Xã Xốp và 1 xã khác dẫn đầu số TTHC trực tuyến toàn trình: 143');
  });

  it('says so when no commune has figures', () => {
    expect(indicatorMessage(online, [row('Xã E', null, null, 'not_reported')])).toBe('Chưa có xã nào đủ số liệu về hồ sơ trực tuyến');
  });

  it('formats numbers the Vietnamese way in every message', () => {
    const many = Array.from({ length: 1234 }, (_, i) => row(`Xã ${i}`, 10, i + 1));
    expect(indicatorMessage(online, many)).toBe('1.234 xã chưa đạt 80% hồ sơ trực tuyến');
    const per1000: IndicatorBrief = { name: 'Người học Bình dân học vụ số trên 1.000 dân', unit: 'per_1000', direction: 'higher', target: 300 };
    expect(indicatorMessage(per1000, [row('Xã A', 250.5, 1)])).toBe('1 xã chưa đạt 300 người học Bình dân học vụ số trên 1.000 dân');
  });

  it('turns an indicator name into the subject of a sentence', () => {
    expect(indicatorSubject('Tỷ lệ giải quyết đúng hạn')).toBe('giải quyết đúng hạn');
    expect(indicatorSubject('Độ phủ Tổ công nghệ số cộng đồng')).toBe('độ phủ Tổ công nghệ số cộng đồng');
  });

  it('overview: the province rate against its target, else the reporting count', () => {
    expect(overviewMessage({ communesReported: 94, communesTotal: 96, headline: { indicator: online, value: 86.63 } })).toBe(
      'Toàn tỉnh đạt 86,6% hồ sơ trực tuyến, vượt mục tiêu 80%',
    );
    expect(overviewMessage({ communesReported: 94, communesTotal: 96, headline: { indicator: online, value: 71.2 } })).toBe(
      'Toàn tỉnh đạt 71,2% hồ sơ trực tuyến, chưa đạt mục tiêu 80%',
    );
    expect(overviewMessage({ communesReported: 94, communesTotal: 96, headline: { indicator: online, value: null } })).toBe('94/96 xã đã báo cáo');
  });

  it('composite top and bottom', () => {
    expect(topMessage([{ communeName: 'Xã Tịnh Khê', score: 92.34, rank: 1 }])).toBe('Xã Tịnh Khê dẫn đầu chỉ số tổng hợp với 92,3 điểm');
    expect(topMessage([{ communeName: 'Xã A', score: 90, rank: 1 }, { communeName: 'Xã B', score: 90, rank: 1 }])).toBe(
      'Xã A và 1 xã đồng hạng dẫn đầu chỉ số tổng hợp với 90,0 điểm',
    );
    expect(bottomMessage([{ communeName: 'Xã Mô Rai', score: 41.25, rank: 90 }])).toBe('Xã Mô Rai thấp nhất chỉ số tổng hợp: 41,3 điểm');
    expect(topMessage([])).toContain('Chưa có xã nào');
  });

  it('not reported and budget', () => {
    expect(notReportedMessage({ notReported: 5, communesTotal: 96, periodName: 'Quý III/2026' })).toBe('5 xã chưa báo cáo Quý III/2026');
    expect(notReportedMessage({ notReported: 0, communesTotal: 96, periodName: 'Quý III/2026' })).toBe('Cả 96 xã đã báo cáo Quý III/2026');
    expect(budgetMessage({ total: 123_456_000_000, communes: 80, periodName: 'Năm 2025' })).toBe('80 xã đề xuất 123 tỷ đ cho chuyển đổi số (Năm 2025)');
    expect(budgetMessage({ total: null, communes: 0, periodName: null })).toBe('Chưa có xã nào đề xuất kinh phí');
  });
});

describe('movers', () => {
  const m = (communeName: string, rank: number | null, previousRank: number | null): MoverInput => ({
    communeCode: communeName,
    communeName,
    rank,
    previousRank,
    rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
  });

  it('biggest climb first, biggest fall first; ties by current rank', () => {
    const rows = [m('A', 1, 5), m('B', 2, 30), m('C', 3, 3), m('D', 40, 10), m('E', 50, 49), m('F', 4, 30), m('G', 60, null)];
    const r = movers(rows, 5);
    expect(r.up.map((x) => x.communeName)).toEqual(['B', 'F', 'A']);
    expect(r.down.map((x) => x.communeName)).toEqual(['D', 'E']);
    expect(moversMessage(r, 'Quý II/2026')).toBe('B tăng 28 bậc, nhiều nhất so với Quý II/2026');
  });

  it('no comparison round, or nobody moved', () => {
    expect(moversMessage({ up: [], down: [] }, null)).toBe('Chưa có kỳ trước để so sánh thứ hạng');
    expect(moversMessage({ up: [], down: [] }, 'Quý II/2026')).toBe('Không xã nào đổi hạng so với Quý II/2026');
    expect(moversMessage({ up: [], down: [m('D', 40, 10)] }, 'Quý II/2026')).toBe('D giảm 30 bậc, nhiều nhất so với Quý II/2026');
  });

  it('never lists a commune in both columns, never one without both ranks, and orders by size of move (property)', () => {
    const rank = fc.option(fc.integer({ min: 1, max: 96 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(rank, rank), { maxLength: 96 }), fc.integer({ min: 1, max: 10 }), (pairs, n) => {
        const rows = pairs.map(([a, b], i) => m(`X${i}`, a, b));
        const r = movers(rows, n);
        expect(r.up.length).toBeLessThanOrEqual(n);
        expect(r.down.length).toBeLessThanOrEqual(n);
        const ups = new Set(r.up.map((x) => x.communeCode));
        expect(r.down.some((x) => ups.has(x.communeCode))).toBe(false);
        for (const x of [...r.up, ...r.down]) expect(x.rank !== null && x.previousRank !== null).toBe(true);
        for (let i = 1; i < r.up.length; i++) expect(r.up[i - 1].rankChange!).toBeGreaterThanOrEqual(r.up[i].rankChange!);
        for (let i = 1; i < r.down.length; i++) expect(r.down[i - 1].rankChange!).toBeLessThanOrEqual(r.down[i].rankChange!);
        // nobody left out who moved more than the last one shown
        const lastUp = r.up.at(-1)?.rankChange ?? Infinity;
        if (r.up.length === n) expect(rows.filter((x) => (x.rankChange ?? 0) > lastUp).length).toBeLessThan(n);
      }),
    );
  });
});

describe('fitList', () => {
  it('keeps everything that fits; otherwise one place says how many more', () => {
    expect(fitList([1, 2, 3], 3)).toEqual({ shown: [1, 2, 3], more: 0 });
    expect(fitList([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2], more: 3 });
  });
});

describe('playlists', () => {
  const ctx = { indicators: ['online_filing_rate', 'on_time_rate'] };

  it('accepts the built-in default playlist, which has every slide type', () => {
    expect(checkPlaylist(DEFAULT_PLAYLIST, ctx)).toEqual([]);
    expect(new Set(DEFAULT_PLAYLIST.slides.map((s) => s.type))).toEqual(new Set(SLIDE_TYPES));
  });

  it('refuses, in Vietnamese and per slide, what the schema cannot see', () => {
    const issues = checkPlaylist(
      {
        name: '   ',
        defaultSeconds: 1,
        slides: [{ type: 'indicator' }, { type: 'indicator', indicator: 'khong_co' }, { type: 'overview', indicator: 'on_time_rate' }, { type: 'top', seconds: 601 }],
      },
      ctx,
    );
    expect(issues).toEqual([
      { slide: null, message: 'Tên danh sách trình chiếu không được để trống' },
      { slide: null, message: 'Thời gian mặc định mỗi trang phải từ 2 đến 600 giây (số nguyên)' },
      { slide: 0, message: 'Trang 1: hãy chọn chỉ tiêu để xếp hạng' },
      { slide: 1, message: 'Trang 2: không có chỉ tiêu "khong_co"' },
      { slide: 2, message: 'Trang 3 (Tổng quan toàn tỉnh) không chọn chỉ tiêu' },
      { slide: 3, message: 'Trang 4: thời gian phải từ 2 đến 600 giây (số nguyên)' },
    ]);
    expect(checkPlaylist({ name: 'x', defaultSeconds: 20, slides: [] }, ctx)[0].message).toBe('Danh sách trình chiếu phải có ít nhất một trang');
  });

  it('the schema and the pure rules agree on the slide types and the limits', () => {
    expect(SlideType.anyOf.map((l: { const: string }) => l.const)).toEqual([...SLIDE_TYPES]);
    const body = (slides: unknown[], defaultSeconds: number) => ({ name: 'x', slides, defaultSeconds, period: null });
    expect(Value.Check(PlaylistBody, body([{ type: 'overview' }], SECONDS_MIN))).toBe(true);
    expect(Value.Check(PlaylistBody, body([{ type: 'overview' }], SECONDS_MIN - 1))).toBe(false);
    expect(Value.Check(PlaylistBody, body([{ type: 'overview' }], SECONDS_MAX + 1))).toBe(false);
    expect(Value.Check(PlaylistBody, body(Array(MAX_SLIDES).fill({ type: 'top' }), 20))).toBe(true);
    expect(Value.Check(PlaylistBody, body(Array(MAX_SLIDES + 1).fill({ type: 'top' }), 20))).toBe(false);
  });

  it('?giay=N: whole seconds within the limits, anything else ignored', () => {
    expect(parseSeconds('2')).toBe(2);
    expect(parseSeconds(' 30 ')).toBe(30);
    for (const bad of [null, '', '1', '601', '2.5', '-3', 'abc', '1e2']) expect(parseSeconds(bad)).toBeNull();
  });

  it('a slide\'s own seconds win over ?giay=, which wins over the playlist default', () => {
    const slides = [{ type: 'overview' as const }, { type: 'top' as const, seconds: 45 }];
    expect(slideDurations(slides, 20, null)).toEqual([20, 45]);
    expect(slideDurations(slides, 20, 5)).toEqual([5, 45]);
  });

  it('skips an indicator slide whose indicator left the catalogue', () => {
    const slides = [{ type: 'overview' as const }, { type: 'indicator' as const, indicator: 'gone' }, { type: 'indicator' as const, indicator: 'on_time_rate' }];
    expect(playableSlides(slides, ctx.indicators).map((s) => s.indicator ?? s.type)).toEqual(['overview', 'on_time_rate']);
  });
});

describe('the rounds a briefing shows (what its live stream is told of)', () => {
  // newest first, as GET /api/periods gives them (the demo's rounds and a few older ones)
  const newestFirst = ['m10-2026', 'q3-2026', 'q2-2026', 'q1-2026', 'q4-2025', 'year-2025', 'q3-2025', '9m-2025', 'q2-2025', 'q1-2025', 'year-2024'];

  it('the round shown and the round it is compared with; nothing newer, nothing else', () => {
    const shown = briefingRounds([{ type: 'overview' }, { type: 'top' }, { type: 'not_reported' }], { round: 'q3-2026', comparedWith: 'q2-2026', newestFirst });
    expect([...shown].sort()).toEqual(['q2-2026', 'q3-2026']);
    // a round with nothing to compare with (the first of its kind)
    expect([...briefingRounds([{ type: 'movers' }], { round: 'm10-2026', comparedWith: null, newestFirst })]).toEqual(['m10-2026']);
  });

  it('with a budget slide, also the rounds it looks through for requests: from the round shown back', () => {
    expect(budgetRounds(newestFirst, 'q3-2026')).toEqual(newestFirst.slice(1, 1 + BUDGET_LOOKBACK));
    expect(budgetRounds(newestFirst, 'q1-2025')).toEqual(['q1-2025', 'year-2024']);
    expect(budgetRounds(newestFirst, 'khong-co')).toEqual([]);
    const shown = briefingRounds([{ type: 'budget' }], { round: 'q3-2026', comparedWith: 'q2-2026', newestFirst });
    expect(shown).toEqual(new Set(newestFirst.slice(1, 1 + BUDGET_LOOKBACK)));
    expect(shown.has('m10-2026')).toBe(false);
  });
});

describe('rotation: the slides turn by themselves (fake clock)', () => {
  const T0 = 1_000_000;

  it('advances when the slide\'s time is up and loops back to the first', () => {
    let r = startRotation([3000, 5000, 2000], T0);
    expect(tick(r, T0 + 2999)).toBe(r);
    r = tick(r, T0 + 3000);
    expect(r.index).toBe(1);
    expect(progress(r, T0 + 5500)).toBeCloseTo(0.5);
    r = tick(r, T0 + 8000);
    expect(r.index).toBe(2);
    r = tick(r, T0 + 10_000);
    expect(r.index).toBe(0);
    expect(remaining(r, T0 + 10_000)).toBe(3000);
  });

  it('after a long gap (the computer slept) lands where the loop would be', () => {
    const r = startRotation([3000, 5000, 2000], T0);
    // 10 s per loop; 1 000 004 s later = 100 000 loops + 4 s → slide 2 (3 s … 8 s), 1 s in
    const later = tick(r, T0 + 1_000_004_000);
    expect(later.index).toBe(1);
    expect(progress(later, T0 + 1_000_004_000)).toBeCloseTo(1 / 5);
  });

  it('pause stops the clock; resume carries on from the same point', () => {
    let r = startRotation([10_000, 10_000], T0);
    r = togglePause(r, T0 + 4000);
    expect(r.paused).toBe(true);
    expect(tick(r, T0 + 60_000)).toBe(r);
    expect(progress(r, T0 + 60_000)).toBeCloseTo(0.4);
    r = togglePause(r, T0 + 60_000);
    expect(progress(r, T0 + 60_000)).toBeCloseTo(0.4);
    expect(tick(r, T0 + 65_999).index).toBe(0);
    expect(tick(r, T0 + 66_000).index).toBe(1);
  });

  it('next, previous (looping) and jump start the new slide from zero, keeping pause', () => {
    let r = startRotation([1000, 1000, 1000], T0);
    r = step(r, -1, T0 + 500);
    expect(r.index).toBe(2);
    expect(progress(r, T0 + 500)).toBe(0);
    r = step(r, 1, T0 + 600);
    expect(r.index).toBe(0);
    r = togglePause(r, T0 + 700);
    r = jump(r, 1, T0 + 800);
    expect(r).toMatchObject({ index: 1, paused: true });
    expect(progress(r, T0 + 5000)).toBe(0);
    expect(jump(r, 3, T0)).toBe(r);
    expect(jump(r, -1, T0)).toBe(r);
  });

  it('new durations keep the slide on screen, or restart when it no longer exists', () => {
    const r = tick(startRotation([1000, 1000, 1000], T0), T0 + 2100);
    expect(r.index).toBe(2);
    expect(withDurations(r, [1000, 1000, 1000], T0 + 2200)).toBe(r);
    expect(withDurations(r, [1000, 1000, 5000], T0 + 2200)).toMatchObject({ index: 2, startedAt: r.startedAt });
    expect(withDurations(r, [1000, 1000], T0 + 2200)).toMatchObject({ index: 0, startedAt: T0 + 2200 });
  });

  it('the shown slide always matches the time spent modulo the loop (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }), (secs, steps) => {
        const d = secs.map((s) => s * 1000);
        let r = startRotation(d, 0);
        let now = 0;
        for (const s of steps) {
          now += s * 1000;
          r = tick(r, now);
        }
        const cycle = d.reduce((a, b) => a + b, 0);
        let t = now % cycle;
        let expected = 0;
        while (t >= d[expected]) t -= d[expected++];
        expect(r.index).toBe(expected);
        expect(now - r.startedAt).toBe(t);
      }),
    );
  });
});

describe('keys: keyboard and presentation clickers', () => {
  it('maps the clicker and keyboard keys', () => {
    expect(keyAction('PageDown')).toEqual({ type: 'next' });
    expect(keyAction('ArrowRight')).toEqual({ type: 'next' });
    expect(keyAction('PageUp')).toEqual({ type: 'prev' });
    expect(keyAction('ArrowLeft')).toEqual({ type: 'prev' });
    expect(keyAction(' ')).toEqual({ type: 'pause' });
    expect(keyAction('3')).toEqual({ type: 'jump', index: 2 });
    expect(keyAction('0')).toEqual({ type: 'jump', index: 9 });
    expect(keyAction('f')).toEqual({ type: 'fullscreen' });
    expect(keyAction('F')).toEqual({ type: 'fullscreen' });
    expect(keyAction('Escape')).toBeNull();
    expect(keyAction('a')).toBeNull();
  });
});
