// A commune's history for one indicator (from /api/communes/:code/standing) → the series of the
// trend chart: the commune and the province, round by round, oldest first. Pure.
import { formatValue } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import type { StandingIndicator } from '@nq57/shared/schemas';

export interface TrendPoint {
  period: string;
  periodName: string;
  value: number | null;
  province: number | null;
  rank: number | null;
  valueLabel: string;
  provinceLabel: string;
}

export interface TrendModel {
  points: TrendPoint[];
  /** at least one round has a figure for the commune */
  hasData: boolean;
  /** y-axis domain: from 0 so changes are not exaggerated, to 100 for percentages */
  domain: [number, number];
}

export function buildTrend(history: StandingIndicator['history'], unit: Unit): TrendModel {
  const points = history.map((h) => ({
    period: h.period,
    periodName: h.periodName,
    value: h.value,
    province: h.province,
    rank: h.rank,
    valueLabel: formatValue(h.value, unit),
    provinceLabel: formatValue(h.province, unit),
  }));
  const all = points.flatMap((p) => [p.value, p.province]).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = all.length ? Math.max(...all) : 1;
  const domain: [number, number] = [0, unit === 'percent' && top <= 100 ? 100 : top > 0 ? top * 1.1 : 1];
  return { points, hasData: points.some((p) => p.value !== null), domain };
}

/** A sparkline's path in a w×h box (for the indicator table); null values break the line. */
export function sparklinePath(values: (number | null)[], w: number, h: number): { d: string; last: { x: number; y: number } | null } {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (nums.length === 0) return { d: '', last: null };
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  let last: { x: number; y: number } | null = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = values.length > 1 ? i * step : w / 2;
    const y = max === min ? h / 2 : h - 1 - ((v - min) / span) * (h - 2);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
    last = { x, y };
  });
  return { d, last };
}
