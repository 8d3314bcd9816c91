// Re-ranking the composite index in the browser when leadership moves a weight: the same pure
// functions the API uses (rankComposite from '@nq57/shared'), fed with the per-indicator values
// the composite response carries in `inputs`. Pure; see web/test/weights.test.ts.
import { defaultWeights, rankComposite } from '@nq57/shared';
import type { IndicatorDef, IndicatorValue } from '@nq57/shared';
import type { CompositeResponse, CompositeRowOut, Indicator } from '@nq57/shared/schemas';

type Inputs = NonNullable<CompositeResponse['inputs']>['current'];

function toMap(inputs: Inputs): Map<string, Record<string, IndicatorValue>> {
  const m = new Map<string, Record<string, IndicatorValue>>();
  for (const row of inputs) {
    const values: Record<string, IndicatorValue> = {};
    for (const [code, v] of Object.entries(row.values)) {
      values[code] = { value: v.value, numerator: null, denominator: null, status: v.status };
    }
    m.set(row.communeCode, values);
  }
  return m;
}

/** The catalogue indicators that take part in the composite (those the response lists). */
export function compositeIndicators(resp: Pick<CompositeResponse, 'indicators'>, catalogue: Indicator[]): IndicatorDef[] {
  const codes = new Set(resp.indicators.map((i) => i.code));
  return catalogue.filter((i) => codes.has(i.code));
}

/** The official weights: the catalogue's defaults for the composite's indicators. */
export function officialWeights(indicators: IndicatorDef[]): Record<string, number> {
  return defaultWeights(indicators);
}

export function sameWeights(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

/**
 * Rows ranked with `weights`, carrying the names and places from the server's rows; the score,
 * rank, status and coverage (k/n chỉ tiêu, % trọng số) are all the recomputation's, so a weight
 * set to 0 leaves the indicators that apply. Order: the server's row order (the table sorts them
 * itself).
 */
export function rerankComposite(
  resp: Pick<CompositeResponse, 'rows' | 'inputs'>,
  indicators: IndicatorDef[],
  weights: Record<string, number>,
): CompositeRowOut[] {
  const current = toMap(resp.inputs?.current ?? []);
  const previous = resp.inputs?.previous ? toMap(resp.inputs.previous) : null;
  const ranked = rankComposite(indicators, weights, current, previous);
  const byCode = new Map(ranked.map((r) => [r.communeCode, r]));
  return resp.rows.map((row) => {
    const r = byCode.get(row.communeCode);
    if (!r) return row;
    return {
      ...row,
      score: r.score,
      rank: r.rank,
      previousRank: r.previousRank,
      rankChange: r.rankChange,
      status: r.status,
      coverage: r.coverage,
      indicatorsReported: r.indicatorsReported,
      indicatorsApplicable: r.indicatorsApplicable,
      components: r.components,
    };
  });
}

/** How many communes hold a different rank in `after` than in `before` (for the live message). */
export function countRankChanges(before: Pick<CompositeRowOut, 'communeCode' | 'rank'>[], after: Pick<CompositeRowOut, 'communeCode' | 'rank'>[]): number {
  const was = new Map(before.map((r) => [r.communeCode, r.rank]));
  return after.filter((r) => was.has(r.communeCode) && was.get(r.communeCode) !== r.rank).length;
}

/** Codes of the composite's indicators the round does not collect ("không thu kỳ này"). */
export function notCollectedCodes(resp: Pick<CompositeResponse, 'indicators'>): Set<string> {
  return new Set(resp.indicators.filter((i) => !i.collected).map((i) => i.code));
}

/**
 * Slider rows for the panel: name, current weight, official weight, share of the total. An
 * indicator the round does not collect counts for no one (decision 009): its share is 0 and the
 * others' shares are of the weight that applies.
 */
export function weightItems(indicators: IndicatorDef[], weights: Record<string, number>, notCollected: Set<string> = new Set()) {
  const applies = (code: string) => !notCollected.has(code);
  const total = indicators.reduce((s, i) => s + (applies(i.code) ? (weights[i.code] ?? 0) : 0), 0);
  return indicators.map((i) => ({
    code: i.code,
    name: i.name,
    weight: weights[i.code] ?? 0,
    official: i.weight,
    share: total > 0 && applies(i.code) ? (weights[i.code] ?? 0) / total : 0,
    collected: applies(i.code),
  }));
}
