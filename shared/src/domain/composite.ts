// The composite index ("chỉ số tổng hợp"): one 0–100 score per commune from the weighted
// indicators, in the style of the digital-transformation index of Decision 766/QĐ-TTg: each
// indicator is turned into an achievement 0..1 against its target, and the score is the
// weighted mean of achievements × 100.
//
// The same code runs on the server and in the browser, where leadership moves weights on the
// big screen and sees the ranking change at once.

import { formatNumber, formatPercent } from './numbers';
import { competitionRanks, placeOf } from './rank';
import type { CompositeComponent, CompositeRow, IndicatorDef, IndicatorValue } from './types';

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * How far a commune is towards the target, 0..1.
 *
 * - higher is better: value ÷ target, capped at 1 (beating the target earns nothing extra, so
 *   one outstanding indicator cannot hide a weak one).
 * - lower is better: 1 at or under the target, else target ÷ value.
 * - no target in the catalogue: the best commune's value in the round is the target, so the
 *   best commune scores 1 and the others their share of it. (For lower-is-better with a best of
 *   0 this gives everyone else 0; such an indicator needs an explicit target.)
 * - no target and no best (nobody ranked): there is nothing to measure against → 0.
 * - negative or non-numeric values are bad data and score 0 rather than crash or inflate.
 */
export function achievement(ind: IndicatorDef, value: number | null, bestValue: number | null): number {
  if (value === null || !Number.isFinite(value) || value < 0) return 0;
  const target = ind.target ?? bestValue;
  if (target === null || target === undefined || !Number.isFinite(target)) return 0;
  if (ind.direction === 'higher') {
    if (target <= 0) return 1;
    return clamp01(value / target);
  }
  if (value <= target || value === 0) return 1;
  return clamp01(target / value);
}

/** Weight of an indicator: the given weight, or the catalogue default when none is given. */
function weightOf(ind: IndicatorDef, weights: Record<string, number>): number {
  const w = Object.prototype.hasOwnProperty.call(weights, ind.code) ? weights[ind.code] : ind.weight;
  return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
}

const MISSING: IndicatorValue = { value: null, numerator: null, denominator: null, status: 'not_reported' };

function isAvailable(v: IndicatorValue): boolean {
  return v.status === 'ranked' && v.value !== null && Number.isFinite(v.value);
}

/** Under this share of the applicable weight a commune is not ranked ("chưa đủ số liệu"). */
export const COMPOSITE_MIN_COVERAGE = 0.5;

/**
 * Scores for every commune in `valuesByCommune` (rank fields null; see rankComposite).
 *
 * Only indicators with weight > 0 take part; `weights` overrides the catalogue defaults, an
 * indicator absent from it keeps its default weight.
 *
 * Withholding never pays (decision 009, superseding 004): every indicator that applies to the
 * round keeps its weight for every commune. A commune's missing figure (not reported, or a
 * denominator too small to rank) scores 0 on that component and shows as points lost, so leaving
 * out a weak figure can never raise a score or a rank. An indicator the round does not collect
 * (every commune's value has status 'not_collected') is out of the weights for everyone: it is
 * nobody's fault that the round did not ask.
 *
 * Status, from `coverage` (the share of the applicable weight a commune has figures for):
 * - nothing measurable → 'not_reported', score null ("chưa báo cáo");
 * - coverage < 50% → 'insufficient': the score (with its zeros) is shown, not ranked ("chưa đủ số liệu");
 * - otherwise 'ranked'.
 * A round that collects none of the weighted indicators gives every row 'not_collected'.
 *
 * contribution = the points an indicator adds (they sum to the score); shortfall = the points it
 * costs against a perfect 100 (score + Σ shortfall = 100, for a missing figure its whole weight),
 * which is what a commune officer needs to see first: where the points are lost.
 *
 * Targets that fall back to the best commune (target null) depend on which communes are passed:
 * pass the whole round, not a filtered subset, if the scores should match the full table.
 */
export function compositeScores(
  indicators: IndicatorDef[],
  weights: Record<string, number>,
  valuesByCommune: Map<string, Record<string, IndicatorValue>>,
): CompositeRow[] {
  return scoreRows(indicators, weights, valuesByCommune, true);
}

/**
 * One commune's row of rankComposite (its components, rank and rank change) and how many are
 * ranked, without sorting every commune: a standing shows one commune, and at national scale the
 * two sorts of 3 321 scores were a large part of its time. `previousRanks`: compositeRanks of the
 * round compared with, with the same weights (null: no such round).
 */
export function compositeRowOf(
  indicators: IndicatorDef[],
  weights: Record<string, number>,
  current: Map<string, Record<string, IndicatorValue>>,
  communeCode: string,
  previousRanks: Map<string, number> | null,
): { row: CompositeRow; rankedCount: number } {
  const rows = scoreRows(indicators, weights, current, communeCode);
  const at = rows.findIndex((r) => r.communeCode === communeCode);
  if (at < 0) throw new Error(`compositeRowOf: no commune ${communeCode}`);
  const place = placeOf(rows, at, rankedScore, 'higher', () => 0);
  const row = { ...rows[at], rank: place.rank };
  if (previousRanks) {
    row.previousRank = previousRanks.get(communeCode) ?? null;
    row.rankChange = row.rank !== null && row.previousRank !== null ? row.previousRank - row.rank : null;
  }
  return { row, rankedCount: place.rankedCount };
}

/** Every ranked commune's composite rank in a round (rankComposite's ranks), code → rank. */
export function compositeRanks(
  indicators: IndicatorDef[],
  weights: Record<string, number>,
  valuesByCommune: Map<string, Record<string, IndicatorValue>>,
): Map<string, number> {
  const rows = scoreRows(indicators, weights, valuesByCommune, false);
  rankRows(rows);
  return new Map(rows.filter((r) => r.rank !== null).map((r) => [r.communeCode, r.rank!]));
}

const rankedScore = (r: CompositeRow) => (r.status === 'ranked' && r.score !== null ? r.score : null);

/**
 * compositeScores, with each commune's components only when `withComponents` (the previous
 * round's rows give their ranks only, and at national scale 3 321 communes × the weighted
 * indicators of components were most of the time). Plain loops, no per-component copies: the
 * sums are taken in the same order as before, so the scores are the same to the last bit.
 */
function scoreRows(
  indicators: IndicatorDef[],
  weights: Record<string, number>,
  valuesByCommune: Map<string, Record<string, IndicatorValue>>,
  /** every commune's components, none, or only this commune's */
  withComponents: boolean | string,
): CompositeRow[] {
  const weighted = indicators.map((ind) => ({ ind, w: weightOf(ind, weights) })).filter((p) => p.w > 0);
  // an indicator is collected in the round unless the values say otherwise (the same for every commune)
  const parts = weighted.filter(({ ind }) => !notCollected(ind.code, valuesByCommune));
  const totalWeight = parts.reduce((s, p) => s + p.w, 0);

  const best = new Map<string, number | null>();
  for (const { ind } of parts) {
    if (ind.target !== null) continue;
    let b: number | null = null;
    for (const values of valuesByCommune.values()) {
      const v = values[ind.code];
      if (!v || !isAvailable(v)) continue;
      const x = v.value as number;
      if (b === null || (ind.direction === 'higher' ? x > b : x < b)) b = x;
    }
    best.set(ind.code, b);
  }
  const bests = parts.map(({ ind }) => best.get(ind.code) ?? null);

  const rows: CompositeRow[] = [];
  for (const [communeCode, values] of valuesByCommune) {
    const components: CompositeComponent[] = [];
    const detailed = withComponents === true || withComponents === communeCode;
    let availableWeight = 0;
    let reported = 0;
    let sum = 0;
    for (let k = 0; k < parts.length; k++) {
      const { ind, w } = parts[k];
      const v = values[ind.code] ?? MISSING;
      const available = isAvailable(v);
      const a = available ? achievement(ind, v.value, bests[k]) : 0;
      const contribution = totalWeight > 0 ? (100 * a * w) / totalWeight : 0;
      if (available) {
        availableWeight += w;
        reported++;
      }
      // the score *is* the sum of contributions, so the breakdown always adds up on screen
      sum += contribution;
      if (detailed) {
        components.push({
          indicator: ind.code,
          value: v.value,
          status: v.status,
          weight: w,
          achievement: available ? a : null,
          contribution,
          shortfall: totalWeight > 0 ? (100 * (1 - a) * w) / totalWeight : 0,
        });
      }
    }
    const coverage = totalWeight > 0 ? availableWeight / totalWeight : 0;
    let score: number | null = null;
    let status: CompositeRow['status'] = totalWeight > 0 ? 'not_reported' : 'not_collected';
    if (availableWeight > 0) {
      score = Math.min(100, Math.max(0, sum));
      status = coverage < COMPOSITE_MIN_COVERAGE ? 'insufficient' : 'ranked';
    }
    rows.push({
      communeCode,
      score,
      status,
      rank: null,
      previousRank: null,
      rankChange: null,
      coverage,
      indicatorsReported: reported,
      indicatorsApplicable: parts.length,
      components,
    });
  }
  return rows;
}

/** True when the round does not collect this indicator: some commune carries it as 'not_collected'. */
function notCollected(code: string, valuesByCommune: Map<string, Record<string, IndicatorValue>>): boolean {
  for (const values of valuesByCommune.values()) {
    if (values[code]?.status === 'not_collected') return true;
  }
  return false;
}

function rankRows(rows: CompositeRow[]): void {
  const ranked = rows.filter((r) => rankedScore(r) !== null);
  const ranks = competitionRanks(ranked, (r) => r.score as number, 'higher');
  ranked.forEach((r, k) => (r.rank = ranks[k]));
}

/**
 * Scores and competition ranks (higher score first) among 'ranked' communes; the previous rank
 * is computed from the previous round with the same weights, so a moved weight does not show
 * up as communes "moving".
 */
export function rankComposite(
  indicators: IndicatorDef[],
  weights: Record<string, number>,
  current: Map<string, Record<string, IndicatorValue>>,
  /** the previous round's values, or its ranks already made by compositeRanks with the same weights */
  previous: Map<string, Record<string, IndicatorValue>> | { ranks: Map<string, number> } | null,
): CompositeRow[] {
  const rows = compositeScores(indicators, weights, current);
  rankRows(rows);
  if (previous) {
    const prevRank = previous instanceof Map ? compositeRanks(indicators, weights, previous) : previous.ranks;
    for (const r of rows) {
      r.previousRank = prevRank.get(r.communeCode) ?? null;
      r.rankChange = r.rank !== null && r.previousRank !== null ? r.previousRank - r.rank : null;
    }
  }
  return rows;
}

// ── The words beside a score: the same on the web, the big screen, the exports and the report ──

/** "6/7 chỉ tiêu · 85% trọng số": how much of the composite a commune has figures for. */
export function coverageLabel(r: Pick<CompositeRow, 'indicatorsReported' | 'indicatorsApplicable' | 'coverage'>): string {
  return `${r.indicatorsReported}/${r.indicatorsApplicable} chỉ tiêu · ${formatPercent(r.coverage * 100, 0)} trọng số`;
}

/** The same, short, for the big screen: "7/7 chỉ tiêu", and "5/7 chỉ tiêu (71%)" when some weight is missing. */
export function coverageShort(r: Pick<CompositeRow, 'indicatorsReported' | 'indicatorsApplicable' | 'coverage'>): string {
  const k = `${r.indicatorsReported}/${r.indicatorsApplicable} chỉ tiêu`;
  return r.indicatorsReported === r.indicatorsApplicable ? k : `${k} (${formatPercent(r.coverage * 100, 0)})`;
}

/** Why a component costs points: "mất 8,0 điểm", and for a missing figure "mất 8,0 điểm · chưa báo cáo". */
export function pointsLostLabel(c: Pick<CompositeComponent, 'shortfall' | 'status'>): string {
  const lost = `mất ${formatNumber(c.shortfall, 1)} điểm`;
  if (c.status === 'not_reported') return `${lost} · chưa báo cáo`;
  if (c.status === 'insufficient') return `${lost} · chưa đủ số liệu`;
  return lost;
}

/** The catalogue's default weights, code → weight. */
export function defaultWeights(indicators: IndicatorDef[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ind of indicators) out[ind.code] = ind.weight;
  return out;
}

/**
 * Reads weights from a URL or form: "online_filing_rate:20,on_time_rate:30". Indicators not
 * mentioned keep their default weight. Errors are in Vietnamese because they are shown to Sở
 * staff as they are.
 */
export function parseWeights(
  s: string | undefined,
  indicators: IndicatorDef[],
): Record<string, number> | { error: string } {
  const weights = defaultWeights(indicators);
  if (s === undefined || s.trim() === '') return weights;
  const known = new Set(indicators.map((i) => i.code));
  const seen = new Set<string>();
  for (const raw of s.split(/[,;]/)) {
    const entry = raw.trim();
    if (entry === '') continue; // a trailing comma is harmless
    const m = /^([^:=]+)[:=](.*)$/.exec(entry);
    if (!m) return { error: `Không hiểu trọng số "${entry}": cần dạng mã_chỉ_tiêu:số, ví dụ online_filing_rate:20` };
    const code = m[1].trim();
    const text = m[2].trim();
    if (!known.has(code)) return { error: `Chỉ tiêu "${code}" không có trong danh mục` };
    if (seen.has(code)) return { error: `Chỉ tiêu "${code}" được nhập trọng số hai lần` };
    seen.add(code);
    const w = text === '' ? NaN : Number(text);
    if (!Number.isFinite(w)) return { error: `Trọng số của chỉ tiêu "${code}" không phải là số: "${text}"` };
    if (w < 0) return { error: `Trọng số của chỉ tiêu "${code}" không được âm: ${text}` };
    weights[code] = w;
  }
  if (!Object.values(weights).some((w) => w > 0)) {
    return { error: 'Cần ít nhất một chỉ tiêu có trọng số lớn hơn 0' };
  }
  return weights;
}
