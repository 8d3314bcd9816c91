// Pure components: the budget table (sortable) and the largest requests as HTML bars.
import { Link } from 'wouter';
import { formatNumber, formatPercent, formatVnd, formatVndShort } from '@nq57/shared';
import { SortHeader } from '../../components/SortHeader';
import { t } from '../../i18n/dashboard';
import type { SortDir } from '../../url';
import { withPeriod } from '../../url';
import type { BudgetRow, BudgetSort } from './transform';

export function BudgetTable({ rows, sort, dir, onSort, period }: { rows: BudgetRow[]; sort: BudgetSort; dir: SortDir; onSort: (c: BudgetSort) => void; period: string | undefined }) {
  if (rows.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  const h = (label: string, col: BudgetSort, num?: boolean) => <SortHeader label={label} col={col} sort={sort} dir={dir} onSort={onSort} className={num ? 'num' : undefined} />;
  return (
    <div className="table-wrap">
      <table className="rank-table budget-table">
        <caption className="sr-only">{t.budget.table}</caption>
        <thead>
          <tr>
            {h(t.budget.cols.name, 'ten')}
            {h(t.budget.cols.district, 'huyen')}
            {h(t.budget.cols.requested, 'so-tien', true)}
            {h(t.budget.cols.population, 'dan-so', true)}
            {h(t.budget.cols.perCapita, 'binh-quan', true)}
            <th scope="col" className="num">
              {t.budget.cols.share}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-row={r.code}>
              <th scope="row" className="c-name">
                <Link href={withPeriod(`/xa/${r.code}`, period)}>{r.name}</Link>
                <span className="c-sub">{r.district}</span>
              </th>
              <td className="c-district" data-label={t.budget.cols.district}>
                {r.district}
              </td>
              <td className="num" data-label={t.budget.cols.requested} title={r.requested !== null ? formatVnd(r.requested) : t.budget.noRequest}>
                {r.requested !== null ? formatVndShort(r.requested) : <span className="muted">{t.budget.noRequest}</span>}
              </td>
              <td className="num" data-label={t.budget.cols.population}>
                {formatNumber(r.population)}
              </td>
              <td className="num" data-label={t.budget.cols.perCapita}>
                {r.perCapita !== null ? formatVnd(r.perCapita) : '—'}
              </td>
              <td className="num" data-label={t.budget.cols.share}>
                {r.share !== null ? formatPercent(r.share * 100, 1) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LargestRequests({ rows, period }: { rows: BudgetRow[]; period: string | undefined }) {
  if (rows.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  const max = rows[0].requested ?? 1;
  return (
    <ol className="hbars">
      {rows.map((r) => (
        <li key={r.code}>
          <Link href={withPeriod(`/xa/${r.code}`, period)} className="hbars-name">
            {r.name}
          </Link>
          <span className="hbars-bar" aria-hidden="true">
            <span style={{ width: `${((r.requested ?? 0) / max) * 100}%` }} />
          </span>
          <span className="hbars-value num" title={formatVnd(r.requested)}>
            {formatVndShort(r.requested)}
          </span>
        </li>
      ))}
    </ol>
  );
}
