// A commune's composite components → "what pulls the score down": indicators by points lost
// against a perfect 100, largest first, with the bar length relative to the largest. A figure the
// commune did not report loses its whole weight and says so ("mất 8,0 điểm · chưa báo cáo"). Pure.
import { formatValue, pointsLostLabel } from '@nq57/shared';
import type { StandingResponse } from '@nq57/shared/schemas';
import type { Unit } from '@nq57/shared';

export interface PullItem {
  code: string;
  name: string;
  value: string;
  shortfall: number;
  /** "mất 8,0 điểm", "mất 8,0 điểm · chưa báo cáo" */
  shortfallLabel: string;
  /** 0..1 of the largest shortfall, for the bar */
  share: number;
  missing: boolean;
}

export function buildPulls(
  components: StandingResponse['composite']['components'],
  indicators: { code: string; name: string; unit: Unit }[],
  limit = 5,
): PullItem[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const items = components
    .filter((c) => c.shortfall > 0.005)
    .sort((a, b) => b.shortfall - a.shortfall)
    .slice(0, limit);
  const max = items.length ? items[0].shortfall : 1;
  return items.map((c) => {
    const ind = byCode.get(c.indicator);
    return {
      code: c.indicator,
      name: ind?.name ?? c.indicator,
      value: formatValue(c.value, ind?.unit ?? 'count'),
      shortfall: c.shortfall,
      shortfallLabel: pointsLostLabel(c),
      share: max > 0 ? c.shortfall / max : 0,
      missing: c.status !== 'ranked',
    };
  });
}
