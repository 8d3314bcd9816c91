// /xep-hang: all communes for one indicator or the composite index. State in the URL
// (?chi-tieu=&loai=&huyen=&q=&sap-xep=&chieu=&trong-so=&ky=, and ?ban= / ?hien-tai= for which
// figures: one release exactly, or live; the round's newest release by default).
import { useEffect, useId, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { districtNames, formatNumber, formatValue, parseWeights } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import { catalogueQueries, communeQueries, rankingQueries } from '../api/queries';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { useQueryString, usePeriod } from '../hooks/useUrlState';
import { pageTitle, t } from '../i18n/dashboard';
import { rankingBarsPanel } from '../panels/ranking-bars/definition';
import { RankingBars } from '../panels/ranking-bars/RankingBars';
import { buildBars } from '../panels/ranking-bars/transform';
import { rankingTablePanel } from '../panels/ranking-table/definition';
import { RankingTable } from '../panels/ranking-table/RankingTable';
import { buildRankingTable, fromCompositeRows, fromIndicatorRows } from '../panels/ranking-table/transform';
import type { RankView } from '../panels/ranking-table/transform';
import { weightsPanel } from '../panels/weights/definition';
import { WeightsPanel } from '../panels/weights/WeightsPanel';
import { WeightsAside } from '../panels/weights/WeightsAside';
import { compositeIndicators, countRankChanges, notCollectedCodes, officialWeights, rerankComposite, sameWeights, weightItems } from '../panels/weights/transform';
import { COMPOSITE, TYPE_BY_SLUG, TYPE_SLUGS, parseRankingState, rankingSearch, serializeWeights, setParam, toggleSort } from '../url';
import type { RankingUrlState, TypeSlug } from '../url';
import { ts as tw } from '../i18n/session';
import { useSession } from '../workflow/useSession';
import { ExportLinks } from '../files/ExportLinks';
import { ReleaseNote } from '../releases/ReleaseNote';
import { usePublication } from '../releases/usePublication';

const INCLUDE_SUBMITTED = 'da-nop';

export default function RankingPage() {
  const id = useId();
  const [search, setSearch] = useQueryString();
  const period = usePeriod();
  const state = useMemo(() => parseRankingState(search), [search]);
  const update = (patch: Partial<RankingUrlState>) => setSearch(rankingSearch({ ...state, ...patch }, search));

  const isComposite = state.indicator === COMPOSITE;
  // ?da-nop=1: also count figures submitted but not yet approved (the API's includeSubmitted=true)
  // (only for a signed-in user: the API answers 401 otherwise)
  const sessionUser = useSession().user;
  const signedIn = !!sessionUser;
  // which figures (issue 12): the newest release, one release exactly (?ban=), or live (?hien-tai=1)
  const publication = usePublication();
  const includeSubmitted = signedIn && !publication.pinned && new URLSearchParams(search).get(INCLUDE_SUBMITTED) === '1';
  const filter = { type: state.type ? TYPE_BY_SLUG[state.type] : undefined, district: state.district ?? undefined, includeSubmitted, ...publication.pub };

  const catalogue = useQuery(catalogueQueries.indicators());
  const communes = useQuery(communeQueries.list());
  const indicatorQ = useQuery({ ...rankingQueries.indicator(period, state.indicator, filter), enabled: !isComposite });
  const compositeQ = useQuery({ ...rankingQueries.composite(period, filter), enabled: isComposite });

  // each real former district once: Xã Đông Sơn is offered under Bình Sơn and under TP Quảng Ngãi
  const districts = useMemo(() => districtNames(communes.data?.communes ?? []), [communes.data]);

  // --- composite: weights from the URL, re-ranked in the browser when they are not official
  const compInds = useMemo(
    () => (compositeQ.data && catalogue.data ? compositeIndicators(compositeQ.data, catalogue.data.indicators) : []),
    [compositeQ.data, catalogue.data],
  );
  const official = useMemo(() => officialWeights(compInds), [compInds]);
  const parsed = useMemo(() => (compInds.length ? parseWeights(state.weights ?? undefined, compInds) : official), [state.weights, compInds, official]);
  const weightsError = 'error' in parsed ? t.ranking.weightsError : null;
  const weights = 'error' in parsed ? official : (parsed as Record<string, number>);
  const custom = compInds.length > 0 && !sameWeights(weights, official);
  const compositeRows = useMemo(() => {
    if (!compositeQ.data) return null;
    return custom ? rerankComposite(compositeQ.data, compInds, weights) : compositeQ.data.rows;
  }, [compositeQ.data, compInds, weights, custom]);
  const changed = custom && compositeQ.data && compositeRows ? countRankChanges(compositeQ.data.rows, compositeRows) : 0;

  // --- the rows of whichever view is shown
  const activeQ = isComposite ? compositeQ : indicatorQ;
  const rows: RankView[] | null = isComposite
    ? compositeRows
      ? fromCompositeRows(compositeRows)
      : null
    : indicatorQ.data
      ? fromIndicatorRows(indicatorQ.data.rows)
      : null;
  const indicator = indicatorQ.data?.indicator;
  const unit: Unit = isComposite ? 'count' : (indicator?.unit ?? 'count');
  const fmt = isComposite ? (v: number | null) => formatNumber(v, 1) : (v: number | null) => formatValue(v, unit);
  const indicatorName = isComposite ? t.ranking.composite : (indicator?.name ?? catalogue.data?.indicators.find((i) => i.code === state.indicator)?.name ?? state.indicator);

  const table = useMemo(() => (rows ? buildRankingTable(rows, { q: state.q, sort: state.sort, dir: state.dir }) : null), [rows, state.q, state.sort, state.dir]);
  const highlight = useMemo(() => (table && state.q.trim() ? new Set([...table.ranked, ...table.unranked].map((r) => r.communeCode)) : undefined), [table, state.q]);
  const bars = useMemo(
    () =>
      rows
        ? buildBars(rows, {
            unit: isComposite ? 'score' : unit,
            province: isComposite ? null : (indicatorQ.data?.province.value ?? null),
            target: isComposite ? null : (indicator?.target ?? null),
            highlight,
          })
        : null,
    [rows, isComposite, unit, indicatorQ.data, indicator, highlight],
  );

  useEffect(() => {
    document.title = pageTitle(`${t.ranking.title}: ${indicatorName}`);
  }, [indicatorName]);

  const comparedWith = isComposite ? compositeQ.data?.comparedWith : indicatorQ.data?.comparedWith;
  // a figure the round does not ask for: say so, never "0 xã được xếp hạng" (decision 009)
  const notCollected = !isComposite && indicatorQ.data?.indicator.collected === false;
  const notCollectedInComposite = useMemo(() => (compositeQ.data ? notCollectedCodes(compositeQ.data) : new Set<string>()), [compositeQ.data]);
  const shownState = notCollected
    ? ({ status: 'empty', message: t.ranking.notCollected(indicatorQ.data!.period.name) } as const)
    : panelState(activeQ, !!rows && rows.length === 0);
  const filtersActive = state.type !== null || state.district !== null || state.q !== '';

  return (
    <div className="page page-ranking">
      <div className="page-head">
        <h1>
          {t.ranking.title}
          <span className="h1-sub">{indicatorName}</span>
        </h1>
        <p className="page-intro">
          {t.ranking.intro}{' '}
          {comparedWith ? t.rank.comparedWith(comparedWith.name) + '.' : activeQ.data ? t.ranking.noComparison : null}
          {isComposite ? <> {t.ranking.compositeRule}</> : null}
        </p>
      </div>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t.ranking.filters}>
        <div className="field field-indicator">
          <label htmlFor={`${id}-ind`}>{t.ranking.indicator}</label>
          <select id={`${id}-ind`} value={state.indicator} onChange={(e) => update({ indicator: e.target.value, sort: 'hang', dir: 'tang' })}>
            <option value={COMPOSITE}>{t.ranking.composite}</option>
            {(catalogue.data?.indicators ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}
              </option>
            ))}
            {!catalogue.data && !isComposite ? <option value={state.indicator}>{state.indicator}</option> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t.ranking.type}</label>
          <select id={`${id}-type`} value={state.type ?? ''} onChange={(e) => update({ type: (e.target.value || null) as TypeSlug | null })}>
            <option value="">{t.types.all}</option>
            {TYPE_SLUGS.map((s) => (
              <option key={s} value={s}>
                {t.types[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-district`}>{t.ranking.district}</label>
          <select id={`${id}-district`} value={state.district ?? ''} onChange={(e) => update({ district: e.target.value || null })}>
            <option value="">{t.ranking.allDistricts}</option>
            {state.district && !districts.includes(state.district) ? <option value={state.district}>{state.district}</option> : null}
            {districts.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-search">
          <label htmlFor={`${id}-q`}>{t.ranking.search}</label>
          <input id={`${id}-q`} type="search" value={state.q} placeholder={t.ranking.searchPlaceholder} autoComplete="off" spellCheck={false} onChange={(e) => update({ q: e.target.value })} />
        </div>
        <div className="field field-clear">
          <button type="button" className="btn btn-quiet" disabled={!filtersActive} onClick={() => update({ type: null, district: null, q: '' })}>
            {t.ranking.clearFilters}
          </button>
        </div>
      </form>
      {signedIn && !publication.pinned ? (
        <p className="ranking-submitted">
          <label className="inline-field">
            <input
              type="checkbox"
              role="switch"
              checked={includeSubmitted}
              onChange={(e) => setSearch(setParam(search, INCLUDE_SUBMITTED, e.target.checked ? '1' : null))}
            />
            {tw.ranking.includeSubmitted}
          </label>
          {includeSubmitted ? <span className="muted"> {tw.ranking.includeSubmittedNote}</span> : null}
        </p>
      ) : null}

      <ReleaseNote data={activeQ.data} pinned={publication.pinned} live={publication.live} canSeeLive={publication.canSeeLive} setSearch={setSearch} />
      <ExportLinks period={activeQ.data?.period.code ?? period} admin={sessionUser?.role === 'admin'} release={publication.pub.release} />

      <div className={isComposite ? 'ranking-grid with-weights' : 'ranking-grid'}>
        <div className="ranking-main">
          <PanelFrame id={rankingBarsPanel.id} title={rankingBarsPanel.title} state={shownState} minHeight={rankingBarsPanel.minHeight}>
            {bars ? <RankingBars model={bars} label={t.ranking.chartLabel(indicatorName, bars.bars.length)} period={period} /> : null}
          </PanelFrame>
          <PanelFrame id={rankingTablePanel.id} title={rankingTablePanel.title} state={shownState} minHeight={rankingTablePanel.minHeight}>
            {table ? (
              <RankingTable
                model={table}
                sort={state.sort}
                dir={state.dir}
                onSort={(col) => update(toggleSort(state, col))}
                formatValue={fmt}
                valueLabel={isComposite ? t.ranking.cols.score : t.ranking.cols.value}
                showFraction={!isComposite && indicator?.kind === 'rate' && unit !== 'per_1000'}
                showCoverage={isComposite}
                period={period}
              />
            ) : null}
          </PanelFrame>
        </div>
        {isComposite ? (
          <WeightsAside custom={custom}>
            <PanelFrame
              id={weightsPanel.id}
              title={weightsPanel.title}
              description={t.ranking.weightsIntro}
              state={panelState({ ...compositeQ, isPending: compositeQ.isPending || catalogue.isPending, isError: compositeQ.isError || catalogue.isError, error: compositeQ.error ?? catalogue.error })}
              minHeight={weightsPanel.minHeight}
              className="panel-weights"
            >
              <WeightsPanel
                items={weightItems(compInds, weights, notCollectedInComposite)}
                custom={custom}
                message={custom ? t.ranking.orderChanged(changed) : null}
                error={weightsError}
                onChange={(code, w) => {
                  const next = { ...weights, [code]: w };
                  // the index needs at least one weight above zero; ignore the move that would zero the last one
                  if (!Object.values(next).some((x) => x > 0)) return;
                  update({ weights: serializeWeights(next, official) });
                }}
                onReset={() => update({ weights: null })}
              />
            </PanelFrame>
          </WeightsAside>
        ) : null}
      </div>
    </div>
  );
}
