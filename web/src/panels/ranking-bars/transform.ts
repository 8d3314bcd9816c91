// Ranked rows → the geometry of the ranking bar chart (one column per ranked commune, best
// first), in a fixed viewBox so the SVG scales to any width without re-layout. Pure.
import { formatRound, formatScore, formatValue } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import type { RankView } from '../ranking-table/transform';

// Plot coordinates only: the axis labels are HTML laid over the SVG (see RankingBars.tsx), so the
// SVG can stretch to any width without stretching text.
export const VIEW = { width: 960, height: 200, left: 0, right: 0, top: 8, bottom: 4 } as const;

export interface Bar {
  code: string;
  name: string;
  rank: number;
  value: number;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  highlighted: boolean;
}

export interface Rule {
  y: number;
  value: number;
  label: string;
}

export interface BarsModel {
  bars: Bar[];
  max: number;
  ticks: Rule[];
  province: Rule | null;
  target: Rule | null;
  empty: boolean;
}

/** 1, 2, 2.5, 5 × 10ⁿ: the smallest "round" number ≥ x, so the axis reads 0 – 50 – 100. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-9 * p) return m * p;
  return 10 * p;
}

/** An indicator's unit, or 'score' for the composite index (points out of 100, one decimal). */
export type BarsUnit = Unit | 'score';

/** A bar's value exactly as the table beside the chart prints it ("98,4%", "98,4"). */
const valueLabel = (v: number, unit: BarsUnit) => (unit === 'score' ? formatScore(v) : formatValue(v, unit));

export function buildBars(
  rows: RankView[],
  opts: { unit: BarsUnit; province: number | null; target: number | null; highlight?: Set<string> },
): BarsModel {
  const ranked = rows
    .filter((r) => r.status === 'ranked' && r.rank !== null && r.value !== null)
    .sort((a, b) => (a.rank as number) - (b.rank as number));
  const values = ranked.map((r) => r.value as number);
  const top = Math.max(0, ...values, opts.province ?? 0, opts.target ?? 0);
  const max = (opts.unit === 'percent' || opts.unit === 'score') && top <= 100 ? (top > 50 ? 100 : niceCeil(top)) : niceCeil(top);

  const plotW = VIEW.width - VIEW.left - VIEW.right;
  const plotH = VIEW.height - VIEW.top - VIEW.bottom;
  const y = (v: number) => VIEW.top + plotH - (Math.max(0, v) / max) * plotH;
  const slot = ranked.length > 0 ? plotW / ranked.length : plotW;
  const gap = slot > 6 ? Math.min(2, slot * 0.2) : 0.5;

  const bars: Bar[] = ranked.map((r, i) => {
    const v = r.value as number;
    const top = y(v);
    return {
      code: r.communeCode,
      name: r.communeName,
      rank: r.rank as number,
      value: v,
      label: valueLabel(v, opts.unit),
      x: VIEW.left + i * slot + gap / 2,
      y: top,
      width: Math.max(0.5, slot - gap),
      // a zero still gets a hairline, so "0" is visibly a bar and not a gap in the data
      height: Math.max(1, VIEW.top + plotH - top),
      highlighted: opts.highlight?.has(r.communeCode) ?? false,
    };
  });

  const rule = (v: number | null): Rule | null => (v === null || !Number.isFinite(v) ? null : { y: y(v), value: v, label: valueLabel(v, opts.unit) });
  return {
    bars,
    max,
    // the axis is round numbers ("0%", "50%", "100%"); the bars and rules carry exact values
    ticks: [0, max / 2, max].map((v) => ({ y: y(v), value: v, label: formatRound(v, opts.unit) })),
    province: rule(opts.province),
    target: rule(opts.target),
    empty: bars.length === 0,
  };
}
