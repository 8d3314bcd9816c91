// /xa/:code: one commune's standing. The page a commune officer bookmarks; prints on one A4
// page (styles.css @media print).
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { coverageLabel, districtDetail, formatDate, formatNumber, formatRank } from '@nq57/shared';
import { ApiError } from '../api/client';
import { communeQueries } from '../api/queries';
import { ProvisionalNotice, useStandingView } from '../workflow/ProvisionalNotice';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { RankChange } from '../components/RankChange';
import { StatusBadge } from '../components/StatusBadge';
import { useQueryString, usePeriod } from '../hooks/useUrlState';
import { ReleaseNote } from '../releases/ReleaseNote';
import { usePublication } from '../releases/usePublication';
import { pageTitle, t } from '../i18n/dashboard';
import { pullsPanel } from '../panels/contributions/definition';
import { Pulls } from '../panels/contributions/Pulls';
import { buildPulls } from '../panels/contributions/transform';
import { standingPanel } from '../panels/standing/definition';
import { StandingTable } from '../panels/standing/StandingTable';
import { buildStandingLines } from '../panels/standing/transform';
import { trendPanel } from '../panels/trend/definition';
import { buildTrend } from '../panels/trend/transform';
import { PARAM, setParam } from '../url';
import { NotFound } from './NotFoundPage';

// Recharts is only needed for the trend chart; load it after the figures, in its own chunk.
const TrendChart = lazy(() => import('../panels/trend/TrendChart').then((m) => ({ default: m.TrendChart })));

export default function CommunePage() {
  const { code = '' } = useParams<{ code: string }>();
  const period = usePeriod();
  const [search, setSearch] = useQueryString();
  const publication = usePublication();
  const chosen = useQuery(communeQueries.standing(code, period, false, publication.pub));
  // a report awaiting approval: the official standing (last approved) or, labelled, the provisional one
  const view = useStandingView(code, chosen.data);
  // the provisional standing is live by nature (figures awaiting approval): never pinned to a release
  const standing = useQuery({ ...communeQueries.standing(code, view.period ?? period, view.provisional, view.provisional ? {} : publication.pub), enabled: view.ready });
  const data = view.ready ? standing.data : undefined;

  const lines = useMemo(() => (data ? buildStandingLines(data) : []), [data]);
  const pulls = useMemo(() => (data ? buildPulls(data.composite.components, data.indicators.map((i) => i.indicator)) : []), [data]);
  const picked = new URLSearchParams(search).get(PARAM.indicator) ?? data?.indicators[0]?.indicator.code ?? '';
  const pickedInd = data?.indicators.find((i) => i.indicator.code === picked) ?? data?.indicators[0];
  const trend = useMemo(() => (pickedInd ? buildTrend(pickedInd.history, pickedInd.indicator.unit) : null), [pickedInd]);

  useEffect(() => {
    document.title = pageTitle(data?.commune.name ?? t.commune.titleFallback);
  }, [data?.commune.name]);

  const state = view.ready ? panelState(standing) : panelState(chosen);
  const c = data?.commune;
  const comp = data?.composite;
  // an unknown code is one "không tìm thấy" page, not the same error in every panel
  const missing = [chosen.error, standing.error].find((e): e is ApiError => e instanceof ApiError && e.status === 404);
  if (missing) return <NotFound title={t.commune.notFoundTitle}>{missing.message}</NotFound>;

  return (
    <div className="page page-commune">
      <div className="page-head commune-head">
        <div>
          <h1>
            {c?.name ?? (chosen.isError || standing.isError ? t.commune.titleFallback : '\u00a0')}
            <span className="h1-sub">
              {data
                ? `${view.provisional ? t.commune.provisionalPrefix : ''}${data.period.name}${data.comparedWith ? ` · ${t.rank.comparedWith(data.comparedWith.name)}` : ''}`
                : '\u00a0'}
            </span>
          </h1>
          {data ? (
            <p className="print-only">{data.period.dataAsOf ? t.header.dataAsOf(formatDate(data.period.dataAsOf)) : t.header.dataAsOfUnknown}</p>
          ) : null}
          {c ? (
            <dl className="facts">
              <div>
                <dt>{t.commune.district}</dt>
                {/* with the wards each gave: "Huyện Bình Sơn (xã Bình Hiệp, …) và Thành phố Quảng Ngãi (xã Tịnh Hòa)" */}
                <dd>{districtDetail(c.formerDistricts)}</dd>
              </div>
              <div>
                <dt>{t.commune.population}</dt>
                <dd className="num">{formatNumber(c.population)}</dd>
              </div>
              <div>
                <dt>{t.commune.area}</dt>
                <dd className="num">{c.areaKm2 !== null ? `${formatNumber(c.areaKm2, 2)} km²` : '—'}</dd>
              </div>
              <div>
                <dt>{t.commune.villages}</dt>
                <dd className="num">{formatNumber(c.villages)}</dd>
              </div>
            </dl>
          ) : null}
        </div>
        <button type="button" className="btn no-print" onClick={() => window.print()} disabled={!data}>
          {t.commune.print}
        </button>
      </div>

      <ReleaseNote data={data} pinned={publication.pinned} live={publication.live} canSeeLive={publication.canSeeLive} setSearch={setSearch} />
      <ProvisionalNotice view={view} code={code} />

      <div className="grid-2 commune-top">
        <PanelFrame id="composite" title={t.commune.composite} state={state} minHeight={200}>
          {comp ? (
            <div className="composite-card">
              <p className="composite-score">
                <span className="num big">{formatNumber(comp.score, 1)}</span>
                <span className="unit">/100 {t.overview.score.toLowerCase()}</span>
              </p>
              <p className="composite-rank">
                {comp.status === 'ranked' ? (
                  <>
                    {t.commune.compositeRank(formatRank(comp.rank, comp.rankedCount))} <RankChange change={comp.rankChange} />
                  </>
                ) : (
                  <StatusBadge status={comp.status} />
                )}
              </p>
              {comp.status !== 'not_collected' ? <p className="composite-coverage">{t.commune.coverage(coverageLabel(comp))}</p> : null}
              <p className="panel-note">{t.ranking.compositeRule}</p>
            </div>
          ) : null}
        </PanelFrame>
        <PanelFrame id={pullsPanel.id} title={pullsPanel.title} description={t.commune.pullsIntro} state={state} minHeight={pullsPanel.minHeight}>
          <Pulls items={pulls} />
        </PanelFrame>
      </div>

      <PanelFrame id={standingPanel.id} title={standingPanel.title} state={view.ready ? panelState(standing, !!data && lines.length === 0) : state} minHeight={standingPanel.minHeight} className="panel-standing">
        <StandingTable lines={lines} period={period} picked={pickedInd?.indicator.code} onPick={(code) => setSearch(setParam(search, PARAM.indicator, code))} />
      </PanelFrame>

      <PanelFrame
        id={trendPanel.id}
        title={pickedInd ? `${trendPanel.title}: ${pickedInd.indicator.name}` : trendPanel.title}
        state={state}
        minHeight={trendPanel.minHeight}
        className="panel-trend"
      >
        {trend && pickedInd && c ? (
          <Suspense fallback={<div style={{ height: trendPanel.chartHeight }} />}>
            <TrendChart model={trend} unit={pickedInd.indicator.unit} label={`${trendPanel.title}: ${pickedInd.indicator.name}`} height={trendPanel.chartHeight} communeName={c.name} />
          </Suspense>
        ) : null}
      </PanelFrame>
    </div>
  );
}
