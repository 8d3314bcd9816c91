import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRank,
  formatRankChange,
  formatRound,
  formatScore,
  formatShare,
  formatValue,
  formatVnd,
  formatVndShort,
  parseViDate,
  parseViNumber,
} from '../src/index';

const exact = (value: number) => ({ value, approximate: false });
const approx = (value: number) => ({ value, approximate: true });

describe('parseViNumber: figures as the reports write them', () => {
  it.each([
    ['3.781', 3781],
    ['3.276', 3276],
    ['4.365', 4365],
    ['16.275', 16275],
    ['97,4', 97.4],
    ['97,4%', 97.4],
    ['86,6%', 86.6],
    ['86.6%', 86.6],
    ['99,95%', 99.95],
    ['100%', 100],
    ['7.630.404.000 đồng', 7630404000],
    ['7.630.404.000đ', 7630404000],
    ['7.630.404.000 đ', 7630404000],
    ['7.630.404.000 VNĐ', 7630404000],
    ['100.000.000đ', 100000000],
    ['5.687,4 triệu đồng', 5687400000],
    ['479 triệu đồng', 479000000],
    ['479 triệu', 479000000],
    ['1,2 tỷ', 1200000000],
    ['1,2 tỷ đồng', 1200000000],
    ['7,63 tỷ đ', 7630000000],
    // an amount said in parts, each below the next unit up
    ['2 tỷ 350 triệu đồng', 2350000000],
    ['2 tỷ 350 triệu', 2350000000],
    ['1 tỷ 200 triệu 500 nghìn đồng', 1200500000],
    ['350 triệu 500 nghìn đồng', 350500000],
    ['3 781', 3781],
    ['3\u00a0781', 3781],
    ['1 234 567', 1234567],
    ['3 781,5', 3781.5],
    ['-5', -5],
    ['- 5', -5],
    ['0', 0],
    ['143', 143],
    ['  29 ', 29],
  ])('%s → %d', (text, value) => {
    expect(parseViNumber(text)).toEqual(exact(value));
  });

  it('"không có" and "không" are a real zero, not missing', () => {
    expect(parseViNumber('không có')).toEqual(exact(0));
    expect(parseViNumber('Không có')).toEqual(exact(0));
    expect(parseViNumber('không')).toEqual(exact(0));
    expect(parseViNumber('KHÔNG')).toEqual(exact(0));
  });

  it.each([
    ['trên 90%', 90],
    ['Trên 90%', 90],
    ['>90%', 90],
    ['> 30%', 30],
    ['≥ 95%', 95],
    ['gần 20.000', 20000],
    ['khoảng 1.000', 1000],
    ['hơn 98%', 98],
    ['xấp xỉ 5,5 tỷ đồng', 5500000000],
    ['từ 90% trở lên', 90],
    ['80% trở lên', 80],
  ])('hedged figure %s keeps the number and flags it', (text, value) => {
    expect(parseViNumber(text)).toEqual(approx(value));
  });

  it.each(['abc', '', '   ', '1.2.3,4,5', '1,234,567', '12,3,4', '1.23.456', ',5', '5,', '3.781.', '9 8765', '1.000 hồ sơ', 'hơnx 5', '--5', '5 - 3', '2 tỷ 1.350 triệu', 'tỷ triệu'])(
    'refuses %j rather than guess',
    (text) => {
      expect(parseViNumber(text)).toBeNull();
    },
  );

  it('ambiguity rule: one dot and exactly three digits after it is a thousands separator', () => {
    expect(parseViNumber('3.781')?.value).toBe(3781);
    expect(parseViNumber('1.000')?.value).toBe(1000);
    // any other number of digits cannot be a thousands group, so it is a decimal point
    expect(parseViNumber('3.78')?.value).toBe(3.78);
    expect(parseViNumber('3.7')?.value).toBe(3.7);
    expect(parseViNumber('3.7815')?.value).toBe(3.7815);
    // no thousands group starts with a lone zero
    expect(parseViNumber('0.500')?.value).toBe(0.5);
  });

  it('money with a scale word is an exact integer, no float residue', () => {
    for (const [text, value] of [
      ['5.687,4 triệu đồng', 5687400000],
      ['0,1 tỷ', 100000000],
      ['1,23456789 tỷ', 1234567890],
      ['2,3 triệu', 2300000],
      ['4,35 triệu đồng', 4350000],
    ] as const) {
      const got = parseViNumber(text)!.value;
      expect(got).toBe(value);
      expect(Number.isInteger(got)).toBe(true);
    }
    // a fraction of a đồng is rounded away: money is never a float
    expect(parseViNumber('1.000,5 đồng')?.value).toBe(1001);
  });
});

describe('formatting', () => {
  it('formatNumber groups thousands with "." and uses "," for decimals', () => {
    expect(formatNumber(3781)).toBe('3.781');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(86.63, 1)).toBe('86,6');
    expect(formatNumber(86.65, 1)).toBe('86,7');
    expect(formatNumber(1.005, 2)).toBe('1,01');
    expect(formatNumber(5, 1)).toBe('5,0');
    expect(formatNumber(-3781)).toBe('-3.781');
    expect(formatNumber(-1234.56, 1)).toBe('-1.234,6');
  });

  it('never prints "-0", "NaN" or "Infinity"', () => {
    expect(formatNumber(-0.01, 1)).toBe('0,0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe(EMPTY);
    expect(formatNumber(Infinity)).toBe(EMPTY);
    expect(formatPercent(NaN)).toBe(EMPTY);
    expect(formatVnd(NaN)).toBe(EMPTY);
    expect(formatVndShort(-Infinity)).toBe(EMPTY);
    expect(formatValue(NaN, 'per_1000')).toBe(EMPTY);
  });

  it('null and undefined are "—" everywhere', () => {
    for (const f of [formatNumber, formatPercent, formatVnd, formatVndShort, formatDate, formatDateTime, formatRank]) {
      expect(f(null)).toBe(EMPTY);
      expect(f(undefined)).toBe(EMPTY);
    }
    for (const unit of ['count', 'percent', 'vnd', 'per_1000', 'boolean'] as const) {
      expect(formatValue(null, unit)).toBe(EMPTY);
      expect(formatValue(undefined, unit)).toBe(EMPTY);
    }
  });

  it('formatPercent: Mỏ Cày figures', () => {
    expect(formatPercent((3276 / 3781) * 100)).toBe('86,6%');
    expect(formatPercent((3679 / 3681) * 100, 2)).toBe('99,95%');
    expect(formatPercent(86.63)).toBe('86,6%');
    // one precision per unit: "79,0%" beside "97,2%", never "79%" (issue 17)
    expect(formatPercent(79)).toBe('79,0%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(0)).toBe('0,0%');
    expect(formatPercent(12.5, 2)).toBe('12,50%');
    expect(formatPercent(20, 0)).toBe('20%');
  });

  it('formatShare: a share of a count is a percent like any other, one decimal (/ and the Word report alike)', () => {
    // "95/96 đã báo cáo (99,0%)" on / and "đạt 99,0%" in the Word report, never "(99%)" beside it
    expect(formatShare(95, 96)).toBe('99,0%');
    expect(formatShare(95, 96)).toBe(formatPercent((95 / 96) * 100));
    expect(formatShare(48, 100)).toBe('48,0%');
    expect(formatShare(96, 96)).toBe('100,0%');
    expect(formatShare(0, 96)).toBe('0,0%');
    // nothing to share out of: no figure, not "0,0%"
    expect(formatShare(0, 0)).toBe(EMPTY);
    expect(formatShare(null, 96)).toBe(EMPTY);
  });

  it('formatScore: composite points with one decimal', () => {
    expect(formatScore(98.44)).toBe('98,4');
    expect(formatScore(90)).toBe('90,0');
    expect(formatScore(null)).toBe(EMPTY);
  });

  it('formatRound: round numbers that are said (axis ticks, targets in a sentence) drop trailing zeros', () => {
    expect(formatRound(80, 'percent')).toBe('80%');
    expect(formatRound(97.5, 'percent')).toBe('97,5%');
    expect(formatRound(5e9, 'vnd')).toBe('5 tỷ đ');
    expect(formatRound(2.5e9, 'vnd')).toBe('2,5 tỷ đ');
    expect(formatRound(300, 'per_1000')).toBe('300');
    expect(formatRound(2500, 'count')).toBe('2.500');
    expect(formatRound(50, 'score')).toBe('50');
    expect(formatRound(NaN, 'percent')).toBe(EMPTY);
  });

  it('formatVnd and formatVndShort', () => {
    expect(formatVnd(7630404000)).toBe('7.630.404.000 đ');
    expect(formatVnd(5687400000)).toBe('5.687.400.000 đ');
    expect(formatVndShort(7630404000)).toBe('7,63 tỷ đ');
    expect(formatVndShort(5687400000)).toBe('5,69 tỷ đ');
    expect(formatVndShort(479000000)).toBe('479 triệu đ');
    expect(formatVndShort(12345678)).toBe('12,3 triệu đ');
    // three significant digits with their zeros: "4,80 tỷ đ" beside "4,66 tỷ đ", never "4,8"
    expect(formatVndShort(4.8e9)).toBe('4,80 tỷ đ');
    expect(formatVndShort(4.66e9)).toBe('4,66 tỷ đ');
    expect(formatVndShort(1000000000)).toBe('1,00 tỷ đ');
    expect(formatVndShort(999999999)).toBe('1,00 tỷ đ');
    expect(formatVndShort(20e6)).toBe('20,0 triệu đ');
    expect(formatVndShort(950000)).toBe('950.000 đ');
    expect(formatVndShort(-479000000)).toBe('-479 triệu đ');
  });

  it('dates: calendar dates as written, timestamps in Vietnam time (UTC+7)', () => {
    expect(formatDate('2025-11-18')).toBe('18/11/2025');
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(formatDate(new Date('2025-11-18T20:00:00Z'))).toBe('19/11/2025');
    expect(formatDateTime('2025-11-18T07:05:00Z')).toBe('18/11/2025 14:05');
    expect(formatDateTime('2025-11-18T14:05:00+07:00')).toBe('18/11/2025 14:05');
    expect(formatDate('not a date')).toBe(EMPTY);
    expect(formatDateTime('not a date')).toBe(EMPTY);
  });

  it('parseViDate: day first, whatever the browser language', () => {
    expect(parseViDate('05/12/2026')).toBe('2026-12-05');
    expect(parseViDate(' 5/12/2026 ')).toBe('2026-12-05');
    expect(parseViDate('05-12-2026')).toBe('2026-12-05');
    expect(parseViDate('05.12.2026')).toBe('2026-12-05');
    expect(parseViDate('05122026')).toBe('2026-12-05'); // a phone's number pad has no "/"
    expect(parseViDate('2026-12-05')).toBe('2026-12-05');
    expect(parseViDate('29/02/2028')).toBe('2028-02-29');
    expect(parseViDate('31/12/2026')).toBe('2026-12-31');
  });

  it.each(['', '12/05', '05/12/26', '31/02/2026', '29/02/2027', '31/04/2026', '00/12/2026', '05/13/2026', '05/12/1899', 'mai', '12/5/2026 10:00', '1/2/3/2026'])(
    'parseViDate refuses %j rather than guess',
    (text) => {
      expect(parseViDate(text)).toBeNull();
    },
  );

  it('ranks and rank changes', () => {
    expect(formatRank(7, 96)).toBe('7/96');
    expect(formatRank(11, 96)).toBe('11/96');
    expect(formatRank(3)).toBe('3');
    expect(formatRankChange(3)).toBe('▲ 3');
    expect(formatRankChange(-2)).toBe('▼ 2');
    expect(formatRankChange(0)).toBe('=');
    expect(formatRankChange(null)).toBe('');
  });

  it('formatValue dispatches on the unit', () => {
    expect(formatValue(3781, 'count')).toBe('3.781');
    expect(formatValue((3276 / 3781) * 100, 'percent')).toBe('86,6%');
    expect(formatValue(7630404000, 'vnd')).toBe('7.630.404.000 đ');
    expect(formatValue(150.04, 'per_1000')).toBe('150,0');
    expect(formatValue(true, 'boolean')).toBe('Có');
    expect(formatValue(false, 'boolean')).toBe('Không');
    expect(formatValue(1, 'boolean')).toBe('Có');
    expect(formatValue(0, 'boolean')).toBe('Không');
  });
});

describe('properties', () => {
  const money = fc.integer({ min: -1e15, max: 1e15 });

  it('parse(formatNumber(n)) = n for integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(parseViNumber(formatNumber(n))).toEqual(exact(n === 0 ? 0 : n));
      }),
    );
  });

  it('parse(formatNumber(x, 1)) = x for numbers with one decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (tenths) => {
        const x = tenths / 10;
        expect(parseViNumber(formatNumber(x, 1))?.value).toBe(x);
      }),
    );
  });

  it('parse(formatPercent(x)) = x for percentages with one decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (tenths) => {
        const x = tenths / 10;
        expect(parseViNumber(formatPercent(x))?.value).toBe(x);
      }),
    );
  });

  it('one precision per unit: every percentage has one decimal, every short amount three significant digits', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        expect(formatValue(x, 'percent')).toMatch(/^\d{1,3},\d%$/);
        expect(formatValue(x, 'per_1000')).toMatch(/^\d{1,3},\d$/);
      }),
    );
    fc.assert(
      // up to 999 tỷ: the scale has no word above tỷ, so a thousand tỷ is "1.000 tỷ đ"
      fc.property(fc.integer({ min: 1e6, max: 999e9 }), (n) => {
        const digits = formatVndShort(n).replace(/[^\d]/g, '');
        expect(digits).toHaveLength(3);
      }),
    );
  });

  it('parseViDate(formatDate(d)) = d for every calendar day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }), (dt) => {
        const iso = dt.toISOString().slice(0, 10);
        expect(parseViDate(formatDate(iso))).toBe(iso);
      }),
    );
  });

  it('parse(formatVnd(n)) = n for whole đồng', () => {
    fc.assert(
      fc.property(money, (n) => {
        expect(parseViNumber(formatVnd(n))?.value).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('formatters never print NaN or Infinity, whatever the input', () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 4 }), (x, d) => {
        for (const s of [formatNumber(x, d), formatPercent(x, d), formatVnd(x), formatVndShort(x)]) {
          expect(s).not.toMatch(/NaN|Infinity|e[+-]/);
        }
      }),
    );
  });

  it('parser never throws and returns finite numbers only', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseViNumber(s);
        if (r) expect(Number.isFinite(r.value)).toBe(true);
      }),
    );
  });
});
