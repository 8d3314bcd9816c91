// /api/overview → the headline cards of Tổng quan: the province figure of each key indicator
// (from summed counts, as the API computes it), its numerator/denominator, and the move since
// the previous round in words and arrows (colour is never the only signal). Pure.
import { formatNumber, formatValue } from '@nq57/shared';
import type { OverviewResponse } from '@nq57/shared/schemas';
import { t } from '../../i18n/dashboard';

/** The five figures the province asked for, in the order leadership reads them. */
export const KEY_INDICATORS = ['online_filing_rate', 'on_time_rate', 'cdt_coverage', 'bdhvs_learners_per_1000', 'budget_requested_vnd'] as const;

export type Trend = 'better' | 'worse' | 'same' | 'none';

export interface KpiCard {
  code: string;
  name: string;
  value: string;
  /** "3.276/3.781" when the figure is a rate of counts */
  fraction: string | null;
  previous: string | null;
  /** "▲ tăng 1,2 điểm %"; null when there is no previous round */
  delta: string | null;
  trend: Trend;
  target: string | null;
  communes: number;
  /** no commune has this figure in the round */
  missing: boolean;
  /** the round does not ask for this figure: "Không thu kỳ này", never "chưa có số liệu" */
  notCollected: boolean;
}

export function buildKpis(overview: Pick<OverviewResponse, 'indicators'>, codes: readonly string[] = KEY_INDICATORS): KpiCard[] {
  const cards: KpiCard[] = [];
  for (const code of codes) {
    const item = overview.indicators.find((i) => i.indicator.code === code);
    if (!item) continue;
    const { indicator, province } = item;
    // a previous round without a figure for this indicator is no comparison at all
    const previous = item.previous && item.previous.value !== null ? item.previous : null;
    const unit = indicator.unit;
    const fraction =
      indicator.kind === 'rate' && province.numerator !== null && province.denominator !== null
        ? `${formatNumber(province.numerator)}/${formatNumber(province.denominator)}`
        : null;
    let delta: string | null = null;
    let trend: Trend = 'none';
    if (previous && previous.value !== null && province.value !== null) {
      const diff = province.value - previous.value;
      const magnitude =
        unit === 'percent' ? `${formatNumber(Math.abs(diff), 1)} ${t.overview.pointsUnit}` : formatValue(Math.abs(diff), unit);
      // a change that rounds to nothing on screen is "no change"
      const shown = unit === 'percent' || unit === 'per_1000' ? formatNumber(Math.abs(diff), 1) : formatNumber(Math.abs(diff), 0);
      if (/^[0,.]+$/.test(shown)) {
        delta = `= ${t.overview.delta.same}`;
        trend = 'same';
      } else {
        const up = diff > 0;
        delta = `${up ? '▲' : '▼'} ${up ? t.overview.delta.up : t.overview.delta.down} ${magnitude}`;
        const good = indicator.direction === 'higher' ? up : !up;
        // a budget request is neither better nor worse when it grows
        trend = indicator.unit === 'vnd' ? 'same' : good ? 'better' : 'worse';
      }
    }
    cards.push({
      code,
      name: indicator.name,
      value: formatValue(province.value, unit),
      missing: province.value === null,
      notCollected: !indicator.collected,
      fraction,
      previous: previous ? formatValue(previous.value, unit) : null,
      delta,
      trend,
      target: indicator.target !== null ? formatValue(indicator.target, unit) : null,
      communes: province.communes,
    });
  }
  return cards;
}
