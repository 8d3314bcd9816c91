// /ngan-sach: the communes' budget requests for the round: totals, per inhabitant, the largest
// requests and a sortable table. State in the URL (?sap-xep=&chieu=&ky=).
import { useEffect, useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { formatNumber, formatVnd, formatVndShort } from '@nq57/shared';
import { communeQueries, periodQueries, rankingQueries } from '../api/queries';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { useQueryString, usePeriod } from '../hooks/useUrlState';
import { pageTitle, t } from '../i18n/dashboard';
import { BudgetTable, LargestRequests } from '../panels/budget/BudgetTable';
import { budgetTablePanel, largestPanel } from '../panels/budget/definition';
import { BUDGET_SORTS, buildBudget } from '../panels/budget/transform';
import type { BudgetSort } from '../panels/budget/transform';
import { budgetRounds, latestBudgetRound } from '../panels/budget/rounds';
import { PARAM, defaultDir, parseDir, parseSort, setParam, toggleSort, withPeriod } from '../url';

const INDICATOR = 'budget_requested_vnd';

export default function BudgetPage() {
  const period = usePeriod();
  const [search, setSearch] = useQueryString();
  const params = new URLSearchParams(search);
  const sort = parseSort<BudgetSort>(params.get(PARAM.sort), BUDGET_SORTS, 'so-tien');
  const dir = parseDir(params.get(PARAM.dir), sort);

  // Budget requests come with some rounds only (9-month, annual): total each round, and open
  // on the newest round that has requests when the URL names none.
  const periods = useQuery(periodQueries.list());
  const perRound = useQueries({ queries: (periods.data?.periods ?? []).map((p) => rankingQueries.indicator(p.code, INDICATOR)) });
  const roundsLoaded = !!periods.data && perRound.every((q) => !q.isPending);
  // a handful of rounds: cheap enough to recompute on each render
  const rounds = budgetRounds(periods.data?.periods ?? [], new Map((periods.data?.periods ?? []).map((p, i) => [p.code, perRound[i]?.data])));
  const fallback = roundsLoaded ? latestBudgetRound(rounds) : null;
  const chosen = period ?? fallback ?? undefined;
  useEffect(() => {
    // write the round into the URL so the header's round picker and a shared link agree
    if (!period && fallback) setSearch(setParam(search, PARAM.period, fallback));
  }, [period, fallback, search, setSearch]);

  const ranking = useQuery({ ...rankingQueries.indicator(chosen, INDICATOR), enabled: !!chosen || (roundsLoaded && !fallback) });
  const communes = useQuery(communeQueries.list());

  useEffect(() => {
    document.title = pageTitle(t.budget.title);
  }, []);

  const model = useMemo(
    () => (ranking.data && communes.data ? buildBudget(ranking.data.rows, communes.data.communes, { sort, dir }) : null),
    [ranking.data, communes.data, sort, dir],
  );
  const noBudget = !!ranking.data && ranking.data.province.communes === 0;
  const both = {
    isPending: ranking.isPending || communes.isPending,
    isError: ranking.isError || communes.isError,
    error: ranking.error ?? communes.error,
    refetch: () => Promise.all([ranking.refetch(), communes.refetch()]),
  };
  // the chosen round is kept, and the page says why it has nothing, rather than switching round
  const state = panelState(
    both,
    noBudget,
    ranking.data && !ranking.data.indicator.collected ? t.budget.notCollected(ranking.data.period.name) : t.budget.noBudget(ranking.data?.period.name ?? ''),
  );

  const onSort = (col: BudgetSort) => {
    const next = toggleSort({ sort, dir }, col);
    const p = new URLSearchParams(search);
    if (next.sort === 'so-tien') p.delete(PARAM.sort);
    else p.set(PARAM.sort, next.sort);
    if (next.dir === defaultDir(next.sort)) p.delete(PARAM.dir);
    else p.set(PARAM.dir, next.dir);
    const s = p.toString();
    setSearch(s ? `?${s}` : '');
  };

  return (
    <div className="page page-budget">
      <div className="page-head">
        <h1>
          {t.budget.title}
          <span className="h1-sub">{ranking.data?.period.name ?? '\u00a0'}</span>
        </h1>
        <p className="page-intro">{t.budget.intro}</p>
      </div>

      <div className="grid-2">
      <PanelFrame id="budget-totals" title={t.budget.summary} state={state} minHeight={150}>
        {model ? (
          <dl className="totals">
            <div>
              <dt>{t.budget.total}</dt>
              <dd className="num big" title={formatVnd(model.total)}>
                {formatVndShort(model.total)}
              </dd>
              <dd className="c-sub num">{formatVnd(model.total)}</dd>
            </div>
            <div>
              <dt>{t.budget.communes}</dt>
              <dd className="num big">
                {formatNumber(model.communesWithRequest)}
                <span className="unit">/{formatNumber(model.rows.length)}</span>
              </dd>
            </div>
            <div>
              <dt>{t.budget.perCapita}</dt>
              <dd className="num big">{formatVnd(model.perCapita)}</dd>
            </div>
          </dl>
        ) : null}
      </PanelFrame>

      <PanelFrame id="budget-rounds" title={t.budget.rounds} state={panelState({ ...periods, isPending: !roundsLoaded })} minHeight={150}>
        <div className="table-wrap">
          <table className="rounds-table">
            <caption className="sr-only">{t.budget.rounds}</caption>
            <thead>
              <tr>
                <th scope="col">{t.header.period}</th>
                <th scope="col" className="num">
                  {t.budget.total}
                </th>
                <th scope="col" className="num">
                  {t.budget.communes}
                </th>
              </tr>
            </thead>
            <tbody>
              {rounds
                .filter((r) => r.communes > 0)
                .map((r) => (
                  <tr key={r.code} className={r.code === ranking.data?.period.code ? 'picked' : undefined}>
                    <th scope="row">
                      <Link href={withPeriod('/ngan-sach', r.code)} aria-current={r.code === ranking.data?.period.code ? 'true' : undefined}>
                        {r.name}
                      </Link>
                    </th>
                    <td className="num" title={formatVnd(r.total)}>
                      {formatVndShort(r.total)}
                    </td>
                    <td className="num">{formatNumber(r.communes)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </PanelFrame>
      </div>

      <div className="grid-budget">
        <PanelFrame id={largestPanel.id} title={largestPanel.title} state={state} minHeight={largestPanel.minHeight}>
          {model ? <LargestRequests rows={model.largest} period={period} /> : null}
        </PanelFrame>
        <PanelFrame id={budgetTablePanel.id} title={budgetTablePanel.title} state={state} minHeight={budgetTablePanel.minHeight}>
          {model ? <BudgetTable rows={model.rows} sort={sort} dir={dir} onSort={onSort} period={period} /> : null}
        </PanelFrame>
      </div>
    </div>
  );
}
