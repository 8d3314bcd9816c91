// Vietnamese numbers: reading what communes type into their reports, and writing numbers back
// the way Vietnamese readers expect ("3.781", "86,6%", "7.630.404.000 đ").
//
// Formatting is done by hand rather than through Intl.NumberFormat('vi-VN'): a Node built with
// small-icu (or an old browser) silently falls back to en-US grouping, and a leadership briefing
// that shows "3,781" would read as three point seven.

import type { Unit } from './types';
import { VN_OFFSET_MS } from './timeliness';

/** What every formatter prints for a missing value ("—" reads as "no figure", never as zero). */
export const EMPTY = '—';

export interface ParsedNumber {
  value: number;
  /** the report hedged the figure ("trên 90%", "gần 20.000", ">90%") */
  approximate: boolean;
}

// Words and signs that hedge a figure. Kept as a number plus a flag (data_values.approximate),
// so "trên 90%" still ranks as 90 but can be marked in the UI. The report reader (reader.ts)
// looks for the same words before a figure in running text.
export const APPROX_PREFIXES: readonly string[] = [
  'xấp xỉ',
  'khoảng',
  'chừng',
  'ước tính',
  'ước đạt',
  'ước',
  'gần',
  'trên',
  'hơn',
  'dưới',
  'chưa đến',
  'chưa tới',
  'tối thiểu',
  'tối đa',
  'ít nhất',
  '>=',
  '<=',
  '≥',
  '≤',
  '>',
  '<',
  '~',
  '≈',
];

// Suffixes we understand, longest first so "triệu đồng" wins over "đồng". `scale` is a power of
// ten (applied to the digit string, not by float multiplication); `money` forces an integer.
const SUFFIXES: { text: string; scale: number; money: boolean; percent: boolean }[] = [];
{
  const currencies = ['đồng', 'vnđ', 'vnd', 'đ'];
  const scales: [string, number][] = [
    ['nghìn tỷ', 12],
    ['ngàn tỷ', 12],
    ['nghìn tỉ', 12],
    ['ngàn tỉ', 12],
    ['tỷ', 9],
    ['tỉ', 9],
    ['triệu', 6],
    ['nghìn', 3],
    ['ngàn', 3],
  ];
  for (const [word, scale] of scales) {
    for (const cur of currencies) SUFFIXES.push({ text: `${word} ${cur}`, scale, money: true, percent: false });
    SUFFIXES.push({ text: word, scale, money: true, percent: false });
  }
  for (const cur of currencies) SUFFIXES.push({ text: cur, scale: 0, money: true, percent: false });
  SUFFIXES.push({ text: '%', scale: 0, money: false, percent: true });
  SUFFIXES.sort((a, b) => b.text.length - a.text.length);
}

const ZERO_WORDS = new Set(['không', 'không có', 'chưa có']);

// "2 tỷ 350 triệu (đồng)", "1 tỷ 200 triệu 500 nghìn đồng", "350 triệu 500 nghìn đồng": at least two parts
const NUM = '\\d[\\d.,]*';
const COMPOUND = new RegExp(
  `^(?:(${NUM}\\s?(?:tỷ|tỉ))\\s+)?(?:(${NUM}\\s?triệu)\\s*)?(?:(${NUM}\\s?(?:nghìn|ngàn))\\s*)?(?:đồng|vnđ|vnd|đ)?$`,
);

/**
 * Reads a number as Vietnamese reports write it. Returns null when the text is not a number we
 * can read with confidence — the caller then asks a person, which beats a silently wrong figure.
 *
 * Separator rules (Vietnamese uses "." for thousands and "," for decimals, but reports also
 * contain "86.6%" typed the English way):
 * - "," appears once and is the decimal separator ("97,4", "5.687,4"). Several commas
 *   ("1,234,567") are an English habit we refuse rather than guess.
 * - With a comma present, every "." is a thousands separator and must separate groups of 3.
 * - Several dots and no comma: thousands separators, groups of 3 ("7.630.404.000").
 * - A single dot and no comma is the ambiguous case. Exactly 3 digits after it means thousands
 *   ("3.781" = 3781), because that is how counts are written in every report we have seen;
 *   any other number of digits cannot be a thousands group, so it is a decimal point
 *   ("86.6%", "0.5", "3.7815"). A leading "0." is always decimal ("0.500" = 0.5), since no
 *   thousands grouping starts with a lone zero.
 * - Spaces (including non-breaking ones) may separate thousands ("3 781"), groups of 3 only.
 * - "triệu", "tỷ", "nghìn" scale the number by shifting the decimal point in the digit string,
 *   so "5.687,4 triệu đồng" is exactly 5 687 400 000, with no float error; money is rounded to
 *   whole đồng (money is never a float).
 * - "không", "không có" (none) are a real zero, not a missing figure.
 */
export function parseViNumber(text: string): ParsedNumber | null {
  if (typeof text !== 'string') return null;
  let s = text
    .normalize('NFC')
    .replace(/[\u00a0\u202f\u2007\u2009\u200a]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (s === '') return null;
  if (ZERO_WORDS.has(s)) return { value: 0, approximate: false };

  let approximate = false;
  // Hedges may stack ("khoảng trên 90%"), hence the loop.
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of APPROX_PREFIXES) {
      if (s.startsWith(p)) {
        const rest = s.slice(p.length);
        // a word prefix must end at a word boundary ("trên90" is fine, "hơnx" is not a hedge)
        if (/^[a-zà-ỹđ]/.test(p) && /^[a-zà-ỹđ]/.test(rest)) continue;
        s = rest.trim();
        approximate = true;
        changed = true;
        break;
      }
    }
  }

  // "từ 90% trở lên" (90% or more) hedges from the other end of the phrase
  const tail = /^(?:từ\s*)?(.*?)\s*(?:trở lên|trở xuống)$/.exec(s);
  if (tail) {
    s = tail[1];
    approximate = true;
  }

  // "2 tỷ 350 triệu đồng": an amount said in parts, each below the next unit up
  const compound = COMPOUND.exec(s);
  const amounts = compound ? [compound[1], compound[2], compound[3]].filter(Boolean) : [];
  if (amounts.length >= 2) {
    let total = 0;
    for (const part of amounts) {
      const p = parseViNumber(part);
      if (!p || p.approximate) return null;
      total += p.value;
    }
    // each part below the next unit up: "2 tỷ 1.350 triệu" is a typo, not 3,35 tỷ
    const limits = [compound![2] && parseViNumber(compound![2])!.value >= 1e9, compound![3] && parseViNumber(compound![3])!.value >= 1e6];
    if (limits.some(Boolean)) return null;
    return { value: total, approximate };
  }

  let scale = 0;
  let money = false;
  for (const suf of SUFFIXES) {
    if (s.endsWith(suf.text)) {
      const before = s.slice(0, s.length - suf.text.length);
      // "đ" must not eat the end of a word; the number must end in a digit
      if (!/\d\s?$/.test(before)) continue;
      s = before.trim();
      scale = suf.scale;
      money = suf.money;
      break;
    }
  }

  let negative = false;
  const sign = /^([-+−–])\s?/.exec(s);
  if (sign) {
    negative = sign[1] !== '+';
    s = s.slice(sign[0].length);
  }

  const parts = splitDigits(s);
  if (!parts) return null;
  let [intDigits, fracDigits] = parts;

  // Shift the decimal point in the string: exact for any scale, unlike 5687.4 * 1e6.
  if (scale > 0) {
    const moved = fracDigits.slice(0, scale).padEnd(scale, '0');
    intDigits = intDigits + moved;
    fracDigits = fracDigits.slice(scale);
  }
  let value = Number(fracDigits ? `${intDigits}.${fracDigits}` : intDigits);
  if (!Number.isFinite(value)) return null;
  if (money) value = Math.round(value);
  if (negative && value !== 0) value = -value;
  return { value, approximate };
}

/** Splits "7.630.404.000" / "5.687,4" / "3 781" into [integer digits, fraction digits], or null. */
function splitDigits(s: string): [string, string] | null {
  if (!/^[\d., ]+$/.test(s) || !/^\d/.test(s) || !/\d$/.test(s)) return null;
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  const spaced = s.includes(' ');

  let intPart: string;
  let fracPart = '';
  if (commas > 1) return null;
  if (commas === 1) {
    [intPart, fracPart] = s.split(',');
    if (!/^\d+$/.test(fracPart)) return null;
    if (dots > 0 && spaced) return null;
    if (!validGroups(intPart, dots > 0 ? '.' : ' ')) return null;
  } else if (dots > 1) {
    if (spaced) return null;
    intPart = s;
    if (!validGroups(intPart, '.')) return null;
  } else if (dots === 1) {
    if (spaced) return null;
    const [a, b] = s.split('.');
    const thousands = b.length === 3 && a !== '0' && /^\d{1,3}$/.test(a);
    if (thousands) {
      intPart = s;
    } else {
      if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return null;
      intPart = a;
      fracPart = b;
    }
  } else {
    intPart = s;
    if (!validGroups(intPart, ' ')) return null;
  }
  const digits = intPart.replace(/[. ]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  return [digits, fracPart];
}

/** "7.630.404.000": a first group of 1–3 digits, then groups of exactly 3. */
function validGroups(s: string, sep: '.' | ' '): boolean {
  if (!s.includes(sep)) return /^\d+$/.test(s);
  const groups = s.split(sep);
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

// ---------------------------------------------------------------------------------------------
// Formatting

function isNum(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * Rounds half away from zero at `decimals` places, via the decimal exponent so that 1.005 → 1.01
 * and 99.945 → 99.95 (a plain toFixed works on the binary value and gets these wrong).
 */
function roundTo(n: number, decimals: number): number {
  const abs = Math.abs(n);
  const text = String(abs);
  if (text.includes('e')) return Number(n.toFixed(Math.min(decimals, 100)));
  const r = Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return n < 0 ? -r : r;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "3.781", "1.234.567", formatNumber(86.63, 1) = "86,6". Fixed decimals, so columns line up. */
export function formatNumber(n: number | null | undefined, decimals = 0): string {
  if (!isNum(n)) return EMPTY;
  const d = Math.max(0, Math.min(20, Math.floor(decimals)));
  const r = roundTo(n, d);
  if (!isNum(r)) return EMPTY;
  let intDigits: string;
  let frac = '';
  if (Math.abs(r) >= 1e21) {
    // toFixed switches to exponent notation here; BigInt keeps every digit.
    intDigits = BigInt(Math.round(Math.abs(r))).toString();
    if (d > 0) frac = '0'.repeat(d);
  } else {
    [intDigits, frac = ''] = Math.abs(r).toFixed(d).split('.');
  }
  // "-0" and "-0,0" would suggest a negative figure that is not there
  const negative = r < 0 && /[1-9]/.test(intDigits + frac);
  return (negative ? '-' : '') + groupThousands(intDigits) + (d > 0 ? ',' + frac : '');
}

// One precision rule per unit (issue 17). A reader compares figures that stand side by side; "79%"
// beside "97,2%" or "4,8 tỷ đ" beside "4,66 tỷ đ" makes one look rounder, or more exact, than the
// other. So every value of a unit is printed with the same precision, trailing zeros included:
//   percent   one decimal              79,0% · 97,2% · 100,0%
//   per_1000  one decimal              125,8
//   count     whole                    3.781
//   vnd       whole đồng               7.630.404.000 đ
//   vnd, short  three significant digits  4,80 tỷ đ · 4,66 tỷ đ · 12,3 tỷ đ · 479 triệu đ
//   composite score  one decimal       98,4 (formatScore)
// Round numbers that are said rather than compared (an axis tick, a target in a sentence) drop
// their trailing zeros: formatRound.

/** Trailing zeros after the comma carry nothing for a reader: "100,0%" → "100%", "99,90%" → "99,9%". */
function trimFraction(s: string): string {
  return s.includes(',') ? s.replace(/,?0+$/, '') : s;
}

/** `v` is already in percent units: 86.63 → "86,6%", 79 → "79,0%", 100 → "100,0%" (fixed decimals). */
export function formatPercent(v: number | null | undefined, decimals = 1): string {
  if (!isNum(v)) return EMPTY;
  return formatNumber(v, decimals) + '%';
}

/**
 * A share of a count as a percent, by the percent rule (one decimal): 95 of 96 communes reported →
 * "99,0%", as the Word report prints it beside "95/96"; nothing to share out of → "—".
 */
export function formatShare(part: number | null | undefined, whole: number | null | undefined): string {
  if (!isNum(part) || !isNum(whole) || whole <= 0) return EMPTY;
  return formatPercent((part / whole) * 100);
}

/** A composite score on the 0–100 scale: one decimal, "98,4", "90,0". */
export function formatScore(v: number | null | undefined): string {
  return formatNumber(v, 1);
}

/** Whole đồng: "7.630.404.000 đ". */
export function formatVnd(n: number | null | undefined): string {
  if (!isNum(n)) return EMPTY;
  return formatNumber(Math.round(n), 0) + ' đ';
}

/**
 * Money for tables and the big screen, three significant digits, trailing zeros kept so that a
 * column reads alike: "7,63 tỷ đ", "4,80 tỷ đ", "12,3 tỷ đ", "479 triệu đ", "1,00 tỷ đ"; below a
 * million the exact "950.000 đ".
 */
export function formatVndShort(n: number | null | undefined): string {
  return vndShort(n, false);
}

function vndShort(n: number | null | undefined, round: boolean): string {
  if (!isNum(n)) return EMPTY;
  const abs = Math.abs(n);
  if (abs < 1e6) return formatVnd(n);
  const sign = n < 0 ? '-' : '';
  const units: [number, string][] = [
    [1e9, 'tỷ'],
    [1e6, 'triệu'],
  ];
  for (let i = 0; i < units.length; i++) {
    const [size, word] = units[i];
    if (abs < size) continue;
    const x = abs / size;
    const decimals = x >= 100 ? 0 : x >= 10 ? 1 : 2;
    const r = roundTo(x, decimals);
    // 999 999 999 rounds to "1.000 triệu": say "1,00 tỷ" instead
    if (r >= 1000 && i > 0) return vndShort(n < 0 ? -units[i - 1][0] : units[i - 1][0], round);
    const text = formatNumber(r, decimals);
    return `${sign}${round ? trimFraction(text) : text} ${word} đ`;
  }
  return formatVnd(n);
}

// Dates-with-time are shown in Vietnam time whatever the machine's zone is (VN_OFFSET_MS).

const pad2 = (n: number) => String(n).padStart(2, '0');

function vnParts(d: Date) {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mm: t.getUTCMinutes(),
  };
}

/**
 * "18/11/2025". A plain 'yyyy-mm-dd' is a calendar date and is printed as written (turning it
 * into a Date would shift it a day west of UTC); a Date or a timestamp is shown in Vietnam time.
 */
export function formatDate(value: string | Date | null | undefined): string {
  if (value == null) return EMPTY;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return EMPTY;
  const p = vnParts(d);
  return `${pad2(p.d)}/${pad2(p.m)}/${p.y}`;
}

/**
 * Reads a date the Vietnamese way, day first, whatever the browser's language: "05/12/2026",
 * "5/12/2026", "05-12-2026", "05.12.2026", or the eight digits a phone's number pad types
 * ("05122026") → "2026-12-05", the calendar date the API takes. A pasted "2026-12-05" is read
 * too (it cannot be mistaken). Null when it is not a real day ("31/02/2026") or not
 * day/month/year: the caller says so rather than guess. A two-digit year is refused ("05/12/26"
 * could be 1926 or 2026), and so are years before 1900 or after 2200 (a typo, not a round).
 */
export function parseViDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const s = text.trim();
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  // the last day of the month, leap years included: day 0 of the next month
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** "18/11/2025 14:05", in Vietnam time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value == null) return EMPTY;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return EMPTY;
  const p = vnParts(d);
  return `${pad2(p.d)}/${pad2(p.m)}/${p.y} ${pad2(p.hh)}:${pad2(p.mm)}`;
}

/** "7/96" — the way the reports themselves state a rank. */
export function formatRank(rank: number | null | undefined, total?: number | null): string {
  if (!isNum(rank)) return EMPTY;
  return isNum(total) ? `${rank}/${total}` : String(rank);
}

/** "▲ 3" moved up, "▼ 2" moved down, "=" unchanged, "" when there is nothing to compare. */
export function formatRankChange(change: number | null | undefined): string {
  if (!isNum(change)) return '';
  if (change > 0) return `▲ ${change}`;
  if (change < 0) return `▼ ${-change}`;
  return '=';
}

/**
 * A round number as it is said, not compared: an axis tick ("0%", "50%", "100%") or a target in a
 * sentence ("vượt mục tiêu 80%", "5 tỷ đ"). Same units as formatValue, without trailing zeros.
 */
export function formatRound(value: number | null | undefined, unit: Unit | 'score'): string {
  if (!isNum(value)) return EMPTY;
  switch (unit) {
    case 'percent':
      return trimFraction(formatNumber(value, 1)) + '%';
    case 'vnd':
      return vndShort(value, true);
    case 'count':
      return formatNumber(value, 0);
    case 'boolean':
      return formatValue(value, unit);
    default:
      return trimFraction(formatNumber(value, 1));
  }
}

/** One entry point for every cell that shows an indicator value. */
export function formatValue(value: number | boolean | null | undefined, unit: Unit): string {
  if (value == null) return EMPTY;
  if (unit === 'boolean') {
    if (typeof value === 'boolean') return value ? 'Có' : 'Không';
    return isNum(value) ? (value !== 0 ? 'Có' : 'Không') : EMPTY;
  }
  const n = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  switch (unit) {
    case 'percent':
      return formatPercent(n);
    case 'vnd':
      return formatVnd(n);
    case 'per_1000':
      return formatNumber(n, 1);
    case 'count':
    default:
      return formatNumber(n, 0);
  }
}
