// Ranking communes on one indicator, with ties ("đồng hạng") and the move since the last round.

import { indicatorValue } from './rates';
import type { Direction, IndicatorDef, IndicatorInput, RankedRow } from './types';

/**
 * The value a rank compares. Rates come out of a division, so the same ratio can differ in the
 * last bits (1/3×100 = 33.333333333333336 but 2/6×100 may not round the same way), and a rank
 * must not separate two communes whose figures are the same ratio. Nine significant digits are
 * far more than any display shows, and still tell apart any two distinct count ratios with
 * denominators up to about 30 000 (they differ by at least factor ÷ (d₁·d₂)).
 */
export function tieKey(v: number, direction: Direction): number {
  // a value that is not a number ranks last rather than poisoning the comparison
  if (Number.isNaN(v)) return direction === 'higher' ? -Infinity : Infinity;
  if (!Number.isFinite(v) || v === 0) return v;
  return nineDigits(v);
}

/**
 * `Number(v.toPrecision(9))` without the string: a standing ranks some 50 indicators × 3 321
 * communes at national scale, and the string was a tenth of its time. Exactly the same answer:
 * the exponent is corrected where log10 is off by one at a power of ten, and a product that
 * lands within rounding error of a half (where the decimal rounding of toPrecision and
 * Math.round could part) takes the string path.
 */
function nineDigits(v: number): number {
  const a = Math.abs(v);
  let e = Math.floor(Math.log10(a));
  if (10 ** e > a) e--;
  else if (10 ** (e + 1) <= a) e++;
  const s = 8 - e;
  // powers of ten up to 10²² are exact doubles; beyond, the string
  if (s < -22 || s > 22) return Number(v.toPrecision(9));
  const f = 10 ** Math.abs(s);
  const scaled = s >= 0 ? v * f : v / f;
  const frac = Math.abs(scaled - Math.trunc(scaled));
  if (Math.abs(frac - 0.5) < 1e-6) return Number(v.toPrecision(9));
  return s >= 0 ? Math.round(scaled) / f : Math.round(scaled) * f;
}

/**
 * Standard competition ranking ("1224"): rank = 1 + how many items are strictly better, so tied
 * communes share a rank and the next one skips ("đồng hạng 2, then 4th"). Best first per
 * direction. Returns ranks in the order of `items`.
 */
export function competitionRanks<T>(items: T[], value: (t: T) => number, direction: Direction): number[] {
  const keys = items.map((t) => tieKey(value(t), direction));
  // better first; compared with < rather than subtraction, which gives NaN for ∞ − ∞
  const better = (a: number, b: number) => (direction === 'higher' ? a > b : a < b);
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => (better(keys[a], keys[b]) ? -1 : better(keys[b], keys[a]) ? 1 : 0));
  const ranks = new Array<number>(items.length);
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos];
    const prev = pos > 0 ? order[pos - 1] : -1;
    ranks[i] = prev >= 0 && keys[prev] === keys[i] ? ranks[prev] : pos + 1;
  }
  return ranks;
}

/** commune code → rank among the 'ranked' rows of `inputs` */
function rankMap(ind: IndicatorDef, inputs: IndicatorInput[]): Map<string, number> {
  const ranked = inputs
    .map((i) => ({ code: i.communeCode, v: indicatorValue(ind, i.numerator, i.denominator) }))
    .filter((r) => r.v.status === 'ranked' && r.v.value !== null);
  const ranks = competitionRanks(ranked, (r) => r.v.value as number, ind.direction);
  return new Map(ranked.map((r, k) => [r.code, ranks[k]]));
}

/**
 * One row per current input, in input order. Only 'ranked' rows get a rank; a commune that has
 * not reported or whose denominator is too small is shown with its status, never ranked last.
 *
 * `previous` is the comparison round's inputs, ranked the same way among themselves. The caller
 * filters both rounds the same way (by type, former district…): a filtered table ranks its rows
 * among themselves, and the previous rank must be the rank in the same filtered set to compare.
 * previousRank is kept even when the commune is not ranked now, so "was 5th, has not reported"
 * can be shown.
 */
export function rankIndicator(
  ind: IndicatorDef,
  current: IndicatorInput[],
  previous: IndicatorInput[] | null,
): RankedRow[] {
  const now = rankMap(ind, current);
  const before = previous ? rankMap(ind, previous) : null;
  return current.map((input) => {
    const v = indicatorValue(ind, input.numerator, input.denominator);
    const rank = now.get(input.communeCode) ?? null;
    const previousRank = before?.get(input.communeCode) ?? null;
    return {
      communeCode: input.communeCode,
      ...v,
      rank,
      previousRank,
      rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
    };
  });
}

/** A neighbour in a ranking table: which item and its rank. */
export interface Neighbour {
  index: number;
  rank: number;
}

/**
 * Item `at`'s place among `items` by the rule of competitionRanks, without sorting them all: its
 * rank, how many are ranked, and its neighbours as the ranking table shows them (rank, then
 * `compareNames`): `above` is the last row of the nearest better rank, `below` the first row of
 * the nearest worse one. A commune's standing needs this for every indicator, and at national
 * scale sorting 3 321 communes per indicator was most of its time; this is one pass.
 * `value` gives null for an item that is not ranked.
 */
export function placeOf<T>(
  items: T[],
  at: number,
  value: (t: T) => number | null,
  direction: Direction,
  /** the table's order of two items of the same rank, by their indexes (names, in Vietnamese order) */
  compareNames: (a: number, b: number) => number,
): { rank: number | null; rankedCount: number; above: Neighbour | null; below: Neighbour | null } {
  const better = (a: number, b: number) => (direction === 'higher' ? a > b : a < b);
  const mine = value(items[at]);
  const myKey = mine === null ? null : tieKey(mine, direction);
  let rankedCount = 0;
  let betterCount = 0;
  let sameCount = 0;
  // the nearest better key and how many share it; the nearest worse key
  let aboveKey: number | null = null;
  let aboveCount = 0;
  let above = -1;
  let belowKey: number | null = null;
  let below = -1;
  for (let i = 0; i < items.length; i++) {
    const v = value(items[i]);
    if (v === null) continue;
    rankedCount++;
    if (myKey === null) continue;
    const k = tieKey(v, direction);
    if (better(k, myKey)) {
      betterCount++;
      if (aboveKey === null || better(aboveKey, k)) {
        aboveKey = k;
        aboveCount = 1;
        above = i;
      } else if (k === aboveKey) {
        // the same key (tieKey makes equal ratios equal numbers): the last by name is just above
        aboveCount++;
        if (compareNames(i, above) > 0) above = i;
      }
    } else if (better(myKey, k)) {
      if (belowKey === null || better(k, belowKey)) {
        belowKey = k;
        below = i;
      } else if (k === belowKey && compareNames(i, below) < 0) below = i;
    } else sameCount++;
  }
  if (myKey === null) return { rank: null, rankedCount, above: null, below: null };
  return {
    rank: betterCount + 1,
    rankedCount,
    // every better key is the nearest one or better than it
    above: above >= 0 ? { index: above, rank: betterCount - aboveCount + 1 } : null,
    // nothing lies between this item's key and the nearest worse one
    below: below >= 0 ? { index: below, rank: betterCount + sameCount + 1 } : null,
  };
}
