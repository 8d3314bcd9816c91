// /api/communes/:code/standing → the lines of a commune's indicator table: "hạng k/N", the value
// against the province and the target, the neighbours just above and below and how far they are,
// and a sparkline of the rounds. Pure; see web/test/standing.test.ts.
import { formatNumber, formatRank, formatValue } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import type { StandingIndicator, StandingResponse } from '@nq57/shared/schemas';
import { t } from '../../i18n/dashboard';
import { sparklinePath } from '../trend/transform';

/** A difference in the indicator's unit, with its sign: "+1,2 điểm %", "−350", "+12,5". */
export function formatGap(diff: number | null, unit: Unit): string {
  if (diff === null || !Number.isFinite(diff)) return formatValue(null, unit);
  const body =
    unit === 'percent'
      ? `${formatNumber(Math.abs(diff), 1)} ${t.overview.pointsUnit}`
      : formatValue(Math.abs(diff), unit === 'boolean' ? 'count' : unit);
  if (/^[0,.]+( |$)/.test(body)) return `±${body}`;
  return `${diff > 0 ? '+' : '−'}${body}`;
}

export interface NeighbourView {
  code: string;
  name: string;
  rank: string;
  /** how far the neighbour is from this commune, signed: "+0,8 điểm %" */
  gap: string;
}

export interface StandingLine {
  code: string;
  name: string;
  unit: Unit;
  value: string;
  fraction: string | null;
  status: StandingIndicator['status'];
  /** "7/96", or the reason it is not ranked */
  rank: string;
  rankChange: number | null;
  province: string;
  gapToProvince: string | null;
  /** the gap counts as good news (above the province for higher-is-better, below for lower) */
  aheadOfProvince: boolean | null;
  target: string | null;
  gapToTarget: string | null;
  targetMet: boolean | null;
  above: NeighbourView | null;
  below: NeighbourView | null;
  spark: { d: string; last: { x: number; y: number } | null };
  history: StandingIndicator['history'];
}

export const SPARK = { width: 72, height: 20 } as const;

function neighbour(n: StandingIndicator['above'], unit: Unit): NeighbourView | null {
  if (!n) return null;
  return { code: n.communeCode, name: n.communeName, rank: String(n.rank), gap: formatGap(n.gap, unit) };
}

function good(diff: number | null, direction: 'higher' | 'lower'): boolean | null {
  if (diff === null || !Number.isFinite(diff)) return null;
  return direction === 'higher' ? diff >= 0 : diff <= 0;
}

export function buildStandingLines(standing: Pick<StandingResponse, 'indicators'>): StandingLine[] {
  return standing.indicators.map((s) => {
    const unit = s.indicator.unit;
    const totalled = s.indicator.kind === 'element' && (unit === 'count' || unit === 'vnd');
    const fraction =
      s.indicator.kind === 'rate' && s.numerator !== null && s.denominator !== null && s.indicator.unit !== 'per_1000'
        ? `${formatNumber(s.numerator)}/${formatNumber(s.denominator)}`
        : null;
    return {
      code: s.indicator.code,
      name: s.indicator.name,
      unit,
      value: formatValue(s.value, unit),
      fraction,
      status: s.status,
      rank: s.status === 'ranked' ? formatRank(s.rank, s.rankedCount) : t.status[s.status],
      rankChange: s.rankChange,
      province: formatValue(s.province, unit),
      // for counts and money the province figure is a total of all communes: a gap to it means nothing
      gapToProvince: s.gapToProvince === null || totalled ? null : formatGap(s.gapToProvince, unit),
      aheadOfProvince: totalled ? null : good(s.gapToProvince, s.indicator.direction),
      target: s.target === null ? null : formatValue(s.target, unit),
      gapToTarget: s.gapToTarget === null ? null : formatGap(s.gapToTarget, unit),
      targetMet: good(s.gapToTarget, s.indicator.direction),
      above: neighbour(s.above, unit),
      below: neighbour(s.below, unit),
      spark: sparklinePath(
        s.history.map((h) => h.value),
        SPARK.width,
        SPARK.height,
      ),
      history: s.history,
    };
  });
}
