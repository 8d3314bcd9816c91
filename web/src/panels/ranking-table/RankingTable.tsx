// Pure component: the ranking model in, two tables out (ranked, then the unranked with their
// reason). On a phone the same markup becomes a list (styles.css, .rank-table @media).
import { Link } from 'wouter';
import { formatNumber } from '@nq57/shared';
import { RankChange } from '../../components/RankChange';
import { StatusBadge } from '../../components/StatusBadge';
import { SortHeader } from '../../components/SortHeader';
import { t } from '../../i18n/dashboard';
import type { RankingSort, SortDir } from '../../url';
import { withPeriod } from '../../url';
import type { RankingTableModel, RankView } from './transform';

interface Props {
  model: RankingTableModel;
  sort: RankingSort;
  dir: SortDir;
  onSort: (key: RankingSort) => void;
  formatValue: (v: number | null) => string;
  valueLabel: string;
  showFraction: boolean;
  /** composite: the coverage column ("6/7 chỉ tiêu · 85% trọng số") */
  showCoverage?: boolean;
  period: string | undefined;
}

function fraction(r: RankView): string {
  return r.numerator !== null && r.denominator !== null ? `${formatNumber(r.numerator)}/${formatNumber(r.denominator)}` : '—';
}

function Rows({ rows, model, props, ranked }: { rows: RankView[]; model: RankingTableModel; props: Props; ranked: boolean }) {
  return (
    <tbody>
      {rows.map((r) => {
        const tied = r.rank !== null && model.tiedRanks.has(r.rank);
        return (
          <tr key={r.communeCode} data-row={r.communeCode}>
            <td className="c-rank" data-label={ranked ? t.ranking.cols.rank : t.ranking.cols.reason}>
              {ranked ? (
                <>
                  <span className="rank-num">{r.rank}</span>
                  {tied ? <span className="tied">{t.rank.tied}</span> : null}
                </>
              ) : (
                <StatusBadge status={r.status} />
              )}
            </td>
            <th scope="row" className="c-name">
              <Link href={withPeriod(`/xa/${r.communeCode}`, props.period)}>{r.communeName}</Link>
              <span className="c-sub">{r.formerDistrict}</span>
            </th>
            <td className="c-district" data-label={t.ranking.cols.district}>
              {r.formerDistrict}
            </td>
            <td className="c-value num" data-label={props.valueLabel}>
              {props.formatValue(r.value)}
              {r.approximate ? (
                <abbr className="approx" title={t.rank.approximateTitle}>
                  {' '}
                  ({t.rank.approximate})
                </abbr>
              ) : null}
            </td>
            {props.showFraction ? (
              <td className="c-fraction num" data-label={t.ranking.cols.fraction}>
                {fraction(r)}
              </td>
            ) : null}
            {r.coverage !== undefined ? (
              <td className="c-coverage num" data-label={t.ranking.cols.coverage}>
                {r.coverage}
              </td>
            ) : null}
            <td className="c-change" data-label={t.ranking.cols.change}>
              <RankChange change={r.rankChange} />
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

function Head({ props, ranked }: { props: Props; ranked: boolean }) {
  const h = (label: string, col: RankingSort, className?: string) => (
    <SortHeader label={label} col={col} sort={props.sort} dir={props.dir} onSort={props.onSort} className={className} />
  );
  return (
    <thead>
      <tr>
        {ranked ? h(t.ranking.cols.rank, 'hang', 'c-rank') : <th scope="col" className="c-rank">{t.ranking.cols.reason}</th>}
        {h(t.ranking.cols.name, 'ten', 'c-name')}
        {h(t.ranking.cols.district, 'huyen', 'c-district')}
        {h(props.valueLabel, 'gia-tri', 'c-value num')}
        {props.showFraction ? <th scope="col" className="c-fraction num">{t.ranking.cols.fraction}</th> : null}
        {props.showCoverage ? <th scope="col" className="c-coverage num">{t.ranking.cols.coverage}</th> : null}
        {h(t.ranking.cols.change, 'thay-doi', 'c-change')}
      </tr>
    </thead>
  );
}

export function RankingTable(props: Props) {
  const { model } = props;
  if (model.ranked.length === 0 && model.unranked.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.ranking.noMatch}</p>
      </div>
    );
  }
  return (
    <div className="rank-tables">
      <p className="table-count" aria-live="polite">
        {t.ranking.rankedCount(model.ranked.length, model.rankedTotal)}
      </p>
      {model.ranked.length > 0 ? (
        <div className="table-wrap">
          <table className="rank-table">
            <caption className="sr-only">{t.ranking.table}</caption>
            <Head props={props} ranked />
            <Rows rows={model.ranked} model={model} props={props} ranked />
          </table>
        </div>
      ) : null}
      {model.unranked.length > 0 ? (
        <div className="unranked">
          <h3 id="unranked-title">
            {t.ranking.unranked} ({model.unranked.length})
          </h3>
          <p className="panel-desc">{t.ranking.unrankedIntro}</p>
          <div className="table-wrap">
            <table className="rank-table" aria-labelledby="unranked-title">
              <Head props={props} ranked={false} />
              <Rows rows={model.unranked} model={model} props={props} ranked={false} />
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
