// "/" Tổng quan: the round's province figures against the previous round, who has reported,
// the spread across communes, and the top and bottom five on the composite index.
import { lazy, Suspense, useEffect, useId, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { STATE_LABELS, coverageLabel, formatNumber, formatShare } from '@nq57/shared';
import type { CompositeRowOut } from '@nq57/shared/schemas';
import { overviewQueries } from '../api/queries';
import { ReleaseNote } from '../releases/ReleaseNote';
import { usePublication } from '../releases/usePublication';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { RankChange } from '../components/RankChange';
import { useQueryString, usePeriod } from '../hooks/useUrlState';
import { pageTitle, t } from '../i18n/dashboard';
import { distributionPanel } from '../panels/distribution/definition';
import { buildDistribution } from '../panels/distribution/transform';
import { kpiPanel } from '../panels/kpi/definition';
import { KpiCards } from '../panels/kpi/KpiCards';
import { buildKpis } from '../panels/kpi/transform';
import { PARAM, setParam, withPeriod } from '../url';

const DEFAULT_DISTRIBUTION = 'online_filing_rate';

// Recharts (≈110 KB gzip) loads after the headline figures, in its own chunk.
const Distribution = lazy(() => import('../panels/distribution/Distribution').then((m) => ({ default: m.Distribution })));

function TopList({ rows, period, id }: { rows: CompositeRowOut[]; period: string | undefined; id: string }) {
  if (rows.length === 0) return <p className="panel-state panel-empty">{t.state.empty}</p>;
  return (
    <ol className="toplist" aria-labelledby={id}>
      {rows.map((r) => (
        <li key={r.communeCode}>
          <span className="toplist-rank num">{r.rank ?? '—'}</span>
          <span className="toplist-name">
            <Link href={withPeriod(`/xa/${r.communeCode}`, period)}>{r.communeName}</Link>
            <span className="c-sub">{coverageLabel(r)}</span>
          </span>
          <span className="toplist-score num">
            {formatNumber(r.score, 1)} <span className="unit">{t.overview.score.toLowerCase()}</span>
          </span>
          <RankChange change={r.rankChange} />
        </li>
      ))}
    </ol>
  );
}

export default function OverviewPage() {
  const id = useId();
  const period = usePeriod();
  const [search, setSearch] = useQueryString();
  const publication = usePublication();
  const overview = useQuery(overviewQueries.byPeriod(period, publication.pub));
  const data = overview.data;
  const chosen = new URLSearchParams(search).get(PARAM.indicator) ?? DEFAULT_DISTRIBUTION;

  useEffect(() => {
    document.title = pageTitle(t.overview.title);
  }, []);

  const kpis = useMemo(() => (data ? buildKpis(data) : []), [data]);
  // a figure the round does not collect has no distribution to show (its KPI tile says why)
  const collected = useMemo(() => data?.indicators.filter((i) => i.indicator.collected) ?? [], [data]);
  const distItem = collected.find((i) => i.indicator.code === chosen) ?? collected[0];
  const dist = useMemo(
    () =>
      distItem
        ? buildDistribution(distItem.distribution.values, { unit: distItem.indicator.unit, province: distItem.province.value, median: distItem.distribution.median })
        : null,
    [distItem],
  );
  const state = panelState(overview);

  return (
    <div className="page page-overview">
      <div className="page-head">
        <h1>
          {t.overview.title}
          {data ? <span className="h1-sub">{data.period.name}</span> : <span className="h1-sub">&nbsp;</span>}
        </h1>
        <p className="page-intro">
          {t.overview.intro} {data?.comparedWith ? t.rank.comparedWith(data.comparedWith.name) + '.' : null}
        </p>
      </div>
      <ReleaseNote data={data} pinned={publication.pinned} live={publication.live} canSeeLive={publication.canSeeLive} setSearch={setSearch} />

      <PanelFrame id={kpiPanel.id} title={kpiPanel.title} state={panelState(overview, !!data && kpis.length === 0)} minHeight={kpiPanel.minHeight}>
        <KpiCards cards={kpis} comparedWith={data?.comparedWith?.name ?? null} />
      </PanelFrame>

      <div className="grid-2">
        <PanelFrame id="reporting" title={t.overview.reporting} state={state} minHeight={200}>
          {data ? (
            <div className="reporting">
              <p className="reporting-figure">
                <span className="num big">{formatNumber(data.communesReported)}</span>
                <span className="num">/{formatNumber(data.communesTotal)}</span> {t.overview.reported}
                <span className="reporting-pct num"> ({formatShare(data.communesReported, data.communesTotal)})</span>
              </p>
              <div className="meter" aria-hidden="true">
                <span style={{ width: `${(data.communesReported / Math.max(1, data.communesTotal)) * 100}%` }} />
              </div>
              {/* the same words and counts as /tien-do: "đã báo cáo" = đã nộp or đã duyệt (shared/src/domain/states.ts) */}
              <p className="reporting-split">
                {t.overview.approvedOf(formatNumber(data.communesApproved))}
                {data.reporting.byState.submitted > 0 ? <> · {t.overview.submittedOf(formatNumber(data.reporting.byState.submitted))}</> : null}
                {data.reporting.late > 0 ? <> · {t.overview.lateCount(formatNumber(data.reporting.late))}</> : null}
              </p>
              {data.notReported.length === 0 ? (
                <p>{t.overview.allReported}</p>
              ) : (
                <>
                  <h3 className="small-title">
                    {t.overview.notReportedList} ({data.notReported.length})
                  </h3>
                  <ul className="chips">
                    {data.notReported.map((c) => (
                      <li key={c.communeCode}>
                        <Link href={withPeriod(`/xa/${c.communeCode}`, period)} title={STATE_LABELS[c.state]}>
                          {c.communeName}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : null}
        </PanelFrame>

        <PanelFrame
          id={distributionPanel.id}
          title={distributionPanel.title}
          state={state}
          minHeight={distributionPanel.minHeight}
          actions={
            data ? (
              <span className="inline-field">
                <label htmlFor={`${id}-dist`}>{t.overview.distributionIndicator}</label>
                <select id={`${id}-dist`} value={distItem?.indicator.code ?? ''} onChange={(e) => setSearch(setParam(search, PARAM.indicator, e.target.value === DEFAULT_DISTRIBUTION ? null : e.target.value))}>
                  {collected.map((i) => (
                    <option key={i.indicator.code} value={i.indicator.code}>
                      {i.indicator.name}
                    </option>
                  ))}
                </select>
              </span>
            ) : null
          }
        >
          {dist && distItem ? (
            <>
              <Suspense fallback={<div style={{ height: distributionPanel.chartHeight + 24 }} />}>
                <Distribution model={dist} caption={t.overview.distributionCaption(dist.total)} height={distributionPanel.chartHeight} />
              </Suspense>
              {distItem.indicator.target !== null ? <p className="panel-note">{t.overview.belowTarget(distItem.belowTarget)}</p> : null}
            </>
          ) : null}
        </PanelFrame>
      </div>

      <div className="grid-2">
        <PanelFrame id="top" title={<span id={`${id}-top`}>{t.overview.top}</span>} state={state} minHeight={230}>
          {data ? <TopList rows={data.top} period={period} id={`${id}-top`} /> : null}
        </PanelFrame>
        <PanelFrame id="bottom" title={<span id={`${id}-bottom`}>{t.overview.bottom}</span>} state={state} minHeight={230}>
          {data ? <TopList rows={data.bottom} period={period} id={`${id}-bottom`} /> : null}
        </PanelFrame>
      </div>
      <p>
        <Link href={withPeriod('/xep-hang', period)} className="btn btn-primary">
          {t.overview.seeAll} →
        </Link>
      </p>
    </div>
  );
}
