// /cong-bo/:id: one release of a round (issue 12) and what it changed against the release before:
// commune, indicator, before → after, rank before → after, and the Sở's reason. Where "đã điều
// chỉnh" on the rankings, the overview, a commune's page and the big screen leads.
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { COMPOSITE_TABLE, formatDateTime, formatNumber, formatRank, formatValue, releaseLabel, type Unit } from '@nq57/shared';
import type { ReleaseChange } from '@nq57/shared/schemas';
import { catalogueQueries, periodQueries, releaseQueries } from '../api/queries';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { pageTitle } from '../i18n/dashboard';
import { tr } from '../i18n/releases';
import { withPeriod } from '../url';
import '../workflow.css';

export default function ReleasePage({ params }: { params: { id: string } }) {
  const id = Number(params.id);
  const changes = useQuery({ ...releaseQueries.changes(id), enabled: Number.isInteger(id) && id > 0 });
  const catalogue = useQuery(catalogueQueries.indicators());
  const periods = useQuery(periodQueries.list());
  const r = changes.data?.release;
  const roundName = periods.data?.periods.find((x) => x.code === r?.period)?.name ?? r?.period;
  const label = r ? releaseLabel(r) : tr.pageTitle;
  useEffect(() => {
    document.title = pageTitle(`${tr.pageTitle}: ${label}`);
  }, [label]);

  const unitOf = useMemo(() => new Map((catalogue.data?.indicators ?? []).map((i) => [i.code, i.unit as Unit])), [catalogue.data]);
  const show = (c: ReleaseChange, v: number | null) =>
    c.indicator === COMPOSITE_TABLE ? formatNumber(v, 1) : formatValue(v, unitOf.get(c.indicator) ?? 'count');
  const list = changes.data?.changes ?? [];
  const empty = changes.data ? (changes.data.previous ? tr.none : tr.first) : undefined;

  return (
    <div className="page wf-page page-release">
      <div className="page-head">
        <h1>
          {tr.pageTitle}
          <span className="h1-sub">
            {label}
            {r ? ` · ${roundName}` : ''}
          </span>
        </h1>
        {r ? (
          <div className="release-meta">
            <p>{tr.publishedBy(r.publishedBy, formatDateTime(r.publishedAt))}</p>
            {r.note ? (
              <p>
                {tr.note}: {r.note}
              </p>
            ) : null}
            {changes.data?.previous ? <p>{tr.previous(releaseLabel(changes.data.previous))}</p> : null}
            <p className="muted release-hash">
              {tr.hash}: <code>{r.hash}</code>
            </p>
            <p>
              <Link href={`${withPeriod('/xep-hang', r.period)}&ban=${r.id}`} className="btn btn-quiet">
                {tr.openRankings}
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      <PanelFrame id="release-changes" title={list.length ? tr.count(list.length) : tr.pageTitle} state={panelState(changes, list.length === 0, empty)} minHeight={160}>
        <div className="wf-table-wrap">
          <table className="wf-table release-changes">
            <thead>
              <tr>
                <th scope="col">{tr.cols.commune}</th>
                <th scope="col">{tr.cols.indicator}</th>
                <th scope="col" className="num">
                  {tr.cols.value}
                </th>
                <th scope="col" className="num">
                  {tr.cols.rank}
                </th>
                <th scope="col">{tr.cols.reason}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={`${c.commune}-${c.indicator}`} data-commune={c.commune} data-indicator={c.indicator}>
                  <th scope="row">
                    <Link href={withPeriod(`/xa/${c.commune}`, r?.period)}>{c.communeName}</Link>
                  </th>
                  <td data-label={tr.cols.indicator}>{c.indicator === COMPOSITE_TABLE ? tr.composite : c.indicatorName}</td>
                  <td className="num" data-label={tr.cols.value}>
                    {show(c, c.before)} → {show(c, c.after)}
                  </td>
                  <td className="num" data-label={tr.cols.rank}>
                    {formatRank(c.rankBefore)} → {formatRank(c.rankAfter)}
                  </td>
                  <td data-label={tr.cols.reason}>{c.reason ?? <span className="muted">{tr.noReason}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </PanelFrame>
    </div>
  );
}
