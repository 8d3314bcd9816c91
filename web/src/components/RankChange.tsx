// "▲ 3" / "▼ 2" / "=" with the words for screen readers and a tooltip: the arrow and the number
// carry the meaning, the colour only repeats it.
import { formatNumber, formatRankChange } from '@nq57/shared';
import { t } from '../i18n/dashboard';

export function rankChangeText(change: number | null): string {
  if (change === null) return t.rank.noCompare;
  if (change > 0) return t.rank.up(formatNumber(change));
  if (change < 0) return t.rank.down(formatNumber(-change));
  return t.rank.same;
}

export function RankChange({ change }: { change: number | null }) {
  const text = rankChangeText(change);
  if (change === null) {
    return (
      <span className="change change-none" title={text}>
        <span aria-hidden="true">–</span>
        <span className="sr-only">{text}</span>
      </span>
    );
  }
  const cls = change > 0 ? 'change-up' : change < 0 ? 'change-down' : 'change-same';
  return (
    <span className={`change ${cls}`} title={text}>
      <span aria-hidden="true">{formatRankChange(change)}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
