// The values of the ranked communes (ascending, from /api/overview) → a histogram: how many
// communes fall in each band of the indicator. Pure; see web/test/distribution.test.ts.
import { formatNumber, formatValue } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import { niceCeil } from '../ranking-bars/transform';

export interface Bin {
  /** "80–90" */
  label: string;
  from: number;
  to: number;
  count: number;
  /** the bin holds the province value (drawn in another shade, with a text mark) */
  hasProvince: boolean;
}

export interface DistributionModel {
  bins: Bin[];
  total: number;
  medianLabel: string;
  empty: boolean;
}

function niceStep(range: number, maxBins: number): number {
  return niceCeil(range / maxBins);
}

export function buildDistribution(values: number[], opts: { unit: Unit; province: number | null; median: number | null; maxBins?: number }): DistributionModel {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { bins: [], total: 0, medianLabel: formatValue(null, opts.unit), empty: true };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const maxBins = opts.maxBins ?? 10;
  let step = niceStep(max - min || Math.abs(max) || 1, maxBins);
  // percentages read best in bands of whole tens (or fives) aligned on 0
  let start = Math.floor(min / step) * step;
  let count = Math.max(1, Math.ceil((max - start) / step + 1e-9));
  if (count > maxBins + 2) {
    step = niceStep(max - start, maxBins);
    start = Math.floor(min / step) * step;
    count = Math.max(1, Math.ceil((max - start) / step + 1e-9));
  }
  const decimals = step < 1 ? 1 : 0;
  const bins: Bin[] = [];
  for (let i = 0; i < count; i++) {
    const from = start + i * step;
    const to = from + step;
    bins.push({ label: `${formatNumber(from, decimals)}–${formatNumber(to, decimals)}`, from, to, count: 0, hasProvince: false });
  }
  for (const v of finite) {
    let i = Math.floor((v - start) / step + 1e-9);
    if (i >= count) i = count - 1;
    if (i < 0) i = 0;
    bins[i].count++;
  }
  if (opts.province !== null && Number.isFinite(opts.province)) {
    const i = Math.min(count - 1, Math.max(0, Math.floor((opts.province - start) / step + 1e-9)));
    bins[i].hasProvince = true;
  }
  return { bins, total: finite.length, medianLabel: formatValue(opts.median, opts.unit), empty: false };
}
