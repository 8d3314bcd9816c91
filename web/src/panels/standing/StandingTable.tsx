// Pure component: a commune's line per indicator. Words and signs (+/−, "đạt"/"chưa đạt") carry
// the meaning; colour only repeats it.
import { Link } from 'wouter';
import { t } from '../../i18n/dashboard';
import { RankChange } from '../../components/RankChange';
import { StatusBadge } from '../../components/StatusBadge';
import { withPeriod } from '../../url';
import type { StandingLine } from './transform';
import { SPARK } from './transform';

function Sparkline({ line }: { line: StandingLine }) {
  if (!line.spark.d) return <span aria-hidden="true">—</span>;
  return (
    <svg className="spark" width={SPARK.width} height={SPARK.height} viewBox={`-3 -3 ${SPARK.width + 6} ${SPARK.height + 6}`} role="img" aria-label={t.commune.sparkline(line.name)}>
      <path d={line.spark.d} />
      {line.spark.last ? <circle cx={line.spark.last.x} cy={line.spark.last.y} r={2.5} /> : null}
    </svg>
  );
}

export function StandingTable({ lines, period, onPick, picked }: { lines: StandingLine[]; period: string | undefined; onPick?: (code: string) => void; picked?: string }) {
  if (lines.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table className="standing-table">
        <caption className="sr-only">{t.commune.indicators}</caption>
        <thead>
          <tr>
            <th scope="col">{t.commune.cols.indicator}</th>
            <th scope="col" className="num">
              {t.commune.cols.value}
            </th>
            <th scope="col">{t.commune.cols.rank}</th>
            <th scope="col" className="num">
              {t.commune.cols.province}
            </th>
            <th scope="col" className="num">
              {t.commune.cols.target}
            </th>
            <th scope="col">{t.commune.cols.neighbours}</th>
            <th scope="col">{t.commune.cols.trend}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.code} data-indicator={l.code} className={picked === l.code ? 'picked' : undefined}>
              <th scope="row" data-label={t.commune.cols.indicator}>
                {onPick ? (
                  <button type="button" className="link-btn" onClick={() => onPick(l.code)} aria-pressed={picked === l.code}>
                    {l.name}
                  </button>
                ) : (
                  l.name
                )}
              </th>
              <td className="num" data-label={t.commune.cols.value}>
                <strong>{l.value}</strong>
                {l.fraction ? <span className="c-sub num">{l.fraction}</span> : null}
              </td>
              <td data-label={t.commune.cols.rank}>
                {l.status === 'ranked' ? (
                  <>
                    <span className="num">{l.rank}</span> <RankChange change={l.rankChange} />
                  </>
                ) : (
                  <StatusBadge status={l.status} />
                )}
              </td>
              <td className="num" data-label={t.commune.cols.province}>
                {l.province}
                {l.gapToProvince ? (
                  <span className={`c-sub gap ${l.aheadOfProvince ? 'gap-good' : 'gap-bad'}`}>
                    {l.gapToProvince}
                  </span>
                ) : null}
              </td>
              <td className="num" data-label={t.commune.cols.target}>
                {l.target ?? '—'}
                {l.gapToTarget ? (
                  <span className={`c-sub gap ${l.targetMet ? 'gap-good' : 'gap-bad'}`}>
                    {l.targetMet ? '✓ ' : ''}
                    {l.gapToTarget}
                  </span>
                ) : null}
              </td>
              <td className="neighbours" data-label={t.commune.cols.neighbours}>
                {l.above ? (
                  <span className="nb">
                    <span aria-hidden="true">↑</span>
                    <span className="sr-only">{t.commune.above}: </span>
                    <Link href={withPeriod(`/xa/${l.above.code}`, period)}>{l.above.name}</Link> <span className="num">({l.above.rank}, {l.above.gap})</span>
                  </span>
                ) : null}
                {l.below ? (
                  <span className="nb">
                    <span aria-hidden="true">↓</span>
                    <span className="sr-only">{t.commune.below}: </span>
                    <Link href={withPeriod(`/xa/${l.below.code}`, period)}>{l.below.name}</Link> <span className="num">({l.below.rank}, {l.below.gap})</span>
                  </span>
                ) : null}
                {!l.above && !l.below ? <span aria-hidden="true">—</span> : null}
              </td>
              <td data-label={t.commune.cols.trend}>
                <Sparkline line={l} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
