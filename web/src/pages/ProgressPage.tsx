// /tien-do: who has reported in a round (the open one, or ?ky=): counts by state at the top, then
// every commune with its state, on time or how late, how much is filled in, and whom to call.
// Filter by state (?trang-thai=), search without diacritics (?q=), download the list (the API's CSV).
import { useEffect, useId, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate, formatDateTime } from '@nq57/shared';
import type { CompletenessOut, UserOut } from '@nq57/shared/schemas';
import { apiPaths } from '../api/paths';
import { completenessQueries, contactQueries, periodQueries } from '../api/queries';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { stillAt, useQueryString } from '../hooks/useUrlState';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { filterRows, parseFilter, STATUS_ORDER, timingLabel, type ProgressFilter } from '../workflow/progress';
import { RequireRole } from '../workflow/RequireRole';
import { SubmissionBadge } from '../workflow/SubmissionBadge';
import { ContactLines } from '../workflow/reminders/ContactLines';
import { RemindersPanel } from '../workflow/reminders/RemindersPanel';
import { setParam, withPeriod } from '../url';
import '../workflow.css';

export default function ProgressPage() {
  useEffect(() => {
    document.title = pageTitle(tw.progress.title);
  }, []);
  return (
    <div className="page wf-page">
      <RequireRole roles={['admin', 'leader']}>{(user) => <Progress user={user} />}</RequireRole>
    </div>
  );
}

function Progress({ user }: { user: UserOut }) {
  const id = useId();
  const [search, setSearch] = useQueryString();
  const [location, navigate] = useLocation();
  const rawSearch = useSearch();
  const params = new URLSearchParams(search);
  const periods = useQuery(periodQueries.list());
  const asked = params.get('ky');
  const list = periods.data?.periods ?? [];
  const period = asked ? list.find((p) => p.code === asked) : (list.find((p) => p.status === 'open') ?? list[0]);
  useEffect(() => {
    if (!asked && period && stillAt(location, rawSearch)) navigate(`${location}${setParam(rawSearch, 'ky', period.code)}`, { replace: true });
  }, [asked, period, location, rawSearch, navigate]);

  const filter: ProgressFilter = parseFilter(params.get('trang-thai'));
  const q = params.get('q') ?? '';
  const data = useQuery({ ...completenessQueries.byPeriod(period?.code ?? ''), enabled: !!period });
  const rows = useMemo(() => (data.data ? filterRows(data.data.rows, filter, q) : []), [data.data, filter, q]);
  // whom to call and write to (issue 14): the commune's contacts, beside its accounts
  const contacts = useQuery(contactQueries.list());
  const contactOf = useMemo(() => new Map((contacts.data?.contacts ?? []).map((c) => [c.commune, c])), [contacts.data]);
  const setFilter = (f: ProgressFilter) => setSearch(setParam(search, 'trang-thai', f === 'all' ? null : f));

  return (
    <>
      <div className="page-head">
        <h1>
          {tw.progress.title}
          {period ? <span className="h1-sub">{period.name}</span> : null}
        </h1>
        <p className="wf-intro">
          {tw.progress.intro}{' '}
          {period?.deadline ? tw.progress.deadline(formatDate(period.deadline)) + '.' : null} {period && period.status === 'closed' ? tw.progress.roundClosed + '.' : null}
        </p>
      </div>
      {periods.isSuccess && !period ? <p className="wf-alert wf-alert-info">{asked ? tw.progress.unknownRound(asked) : tw.progress.noRound}</p> : null}
      {data.data ? <p className="wf-reported">{tw.progress.reported(data.data.counts.reported, data.data.counts.total)}</p> : null}
      {data.data ? <Counts data={data.data} filter={filter} onFilter={setFilter} /> : null}
      {data.data && period ? <RemindersPanel period={data.data.period} user={user} overdue={data.data.rows.filter((r) => r.timeliness === 'overdue').length} /> : null}
      <PanelFrame
        id="progress-table"
        title={tw.progress.table}
        actions={
          data.data ? (
            // the API's CSV (UTF-8 with BOM, Vietnamese headers): one export, the same as through the API
            <a className="btn btn-quiet" href={apiPaths.completenessCsv(period!.code)} download={tw.progress.fileName(period!.code)}>
              {tw.progress.export}
            </a>
          ) : null
        }
        state={panelState({ ...data, isPending: periods.isPending || (!!period && data.isPending), isError: periods.isError || data.isError, error: periods.error ?? data.error })}
        minHeight={300}
      >
        <form className="wf-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="wf-field">
            <label htmlFor={`${id}-f`}>{tw.progress.filter}</label>
            <select id={`${id}-f`} value={filter} onChange={(e) => setFilter(parseFilter(e.target.value))}>
              <option value="all">{tw.progress.all}</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  {tw.status[s]}
                </option>
              ))}
              <option value="late">{tw.lateOrOverdue}</option>
            </select>
          </div>
          <div className="wf-field">
            <label htmlFor={`${id}-q`}>{tw.progress.search}</label>
            <input id={`${id}-q`} type="search" value={q} placeholder={tw.progress.searchPh} autoComplete="off" spellCheck={false} onChange={(e) => setSearch(setParam(search, 'q', e.target.value))} />
          </div>
          <p className="muted wf-shown" aria-live="polite">
            {data.data ? tw.progress.shown(rows.length, data.data.rows.length) : null}
          </p>
        </form>
        {rows.length === 0 ? (
          <p className="muted">{tw.progress.noMatch}</p>
        ) : (
          <div className="wf-table-wrap">
            <table className="wf-table wf-progress">
              <thead>
                <tr>
                  <th scope="col">{tw.progress.cols.name}</th>
                  <th scope="col">{tw.progress.cols.status}</th>
                  <th scope="col">{tw.progress.cols.timing}</th>
                  <th scope="col" className="num">
                    {tw.progress.cols.filled}
                  </th>
                  <th scope="col">{tw.progress.cols.contacts}</th>
                  <th scope="col">{tw.progress.cols.actions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const timing = timingLabel(r);
                  return (
                    <tr key={r.communeCode} data-row={r.communeCode} data-status={r.status}>
                      <th scope="row">
                        <Link href={withPeriod(`/xa/${r.communeCode}`, period?.code)}>{r.communeName}</Link>
                        <span className="c-sub">{r.formerDistrict}</span>
                      </th>
                      <td data-label={tw.progress.cols.status}>
                        <SubmissionBadge status={r.status} />
                        {r.source ? <span className="c-sub">{tw.progress.imported(r.source.fileName)}</span> : null}
                      </td>
                      <td data-label={tw.progress.cols.timing} className={timing.tone === 'bad' ? 'wf-bad' : timing.tone === 'good' ? 'wf-good' : 'muted'}>
                        {timing.text}
                        {r.submittedAt ? <span className="c-sub">{formatDateTime(r.submittedAt)}</span> : null}
                        {!r.submittedAt && r.importedAt ? <span className="c-sub">{tw.progress.importedAt(formatDateTime(r.importedAt))}</span> : null}
                      </td>
                      <td data-label={tw.progress.cols.filled} className="num">
                        {r.filled}/{r.required}
                        <span className="wf-meter" aria-hidden="true">
                          <span style={{ width: `${r.required ? Math.round((100 * r.filled) / r.required) : 0}%` }} />
                        </span>
                      </td>
                      <td data-label={tw.progress.cols.contacts}>
                        <ContactLines contact={contactOf.get(r.communeCode)} accounts={r.contacts.map((c) => (c.displayName ? `${c.displayName} (${c.username})` : c.username))} />
                      </td>
                      <td className="wf-row-actions">
                        {user.role === 'admin' ? (
                          <Link href={`/nhap-lieu?ky=${period?.code}&xa=${r.communeCode}`} className="btn btn-quiet btn-small" aria-label={`${tw.progress.openForm}: ${r.communeName}`}>
                            {tw.progress.openForm}
                          </Link>
                        ) : null}
                        <Link href={`/nhat-ky?ky=${period?.code}&xa=${r.communeCode}`} className="btn btn-quiet btn-small" aria-label={`${tw.progress.audit}: ${r.communeName}`}>
                          {tw.progress.audit}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </PanelFrame>
    </>
  );
}

function Counts({ data, filter, onFilter }: { data: CompletenessOut; filter: ProgressFilter; onFilter: (f: ProgressFilter) => void }) {
  const items: { key: ProgressFilter; label: string; n: number }[] = [
    ...STATUS_ORDER.map((s) => ({ key: s as ProgressFilter, label: tw.status[s], n: data.counts[s] })),
    { key: 'late', label: tw.lateOrOverdue, n: data.counts.late },
  ];
  return (
    <section className="wf-counts" aria-label={tw.progress.counts}>
      {items.map((i) => (
        <button
          key={i.key}
          type="button"
          className={`wf-count wf-count-${i.key}`}
          aria-pressed={filter === i.key}
          onClick={() => onFilter(filter === i.key ? 'all' : i.key)}
          data-count={i.key}
        >
          <span className="wf-count-n">{i.n}</span>
          <span className="wf-count-label">{i.label}</span>
          <span className="sr-only">{tw.progress.total(data.counts.total)}</span>
        </button>
      ))}
    </section>
  );
}
