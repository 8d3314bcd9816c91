// /nhap-lieu: a commune's form for the open round (?ky= another round; ?xa=CODE for the admin
// and the leader). This route picks the round and the commune and writes the chosen round into the
// address; the form itself (fields grouped like the reports, Vietnamese number input, live checks,
// autosave with a copy in the browser, and the submit → return / approve → reopen steps) is
// ../workflow/entry/, its state in useEntry.ts and its rules in model.ts.
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import type { UserOut } from '@nq57/shared/schemas';
import { communeQueries, periodQueries, submissionQueries } from '../api/queries';
import { LoadState, queriesState } from '../components/LoadState';
import { stillAt } from '../hooks/useUrlState';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { ChooseCommune } from '../workflow/entry/ChooseCommune';
import { EntryForm } from '../workflow/entry/EntryForm';
import { entryRound } from '../workflow/entry/model';
import { OtherRounds } from '../workflow/entry/OtherRounds';
import { RequireRole } from '../workflow/RequireRole';
import { setParam } from '../url';
import '../workflow.css';

export default function EntryPage() {
  useEffect(() => {
    document.title = pageTitle(tw.entry.title);
  }, []);
  return (
    <div className="page wf-page wf-entry">
      <RequireRole roles={['admin', 'leader', 'commune']}>{(user) => <EntryRoute user={user} />}</RequireRole>
    </div>
  );
}

/** Picks the round (?ky=, or where action is needed, or the open one) and the commune (the officer's own, or ?xa=). */
function EntryRoute({ user }: { user: UserOut }) {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const periods = useQuery(periodQueries.list());
  const communes = useQuery(communeQueries.list());
  const askedPeriod = params.get('ky');
  const askedCommune = params.get('xa');
  const communeCode = user.role === 'commune' ? user.communeCode : askedCommune;
  const commune = communes.data?.communes.find((c) => c.code === communeCode);
  // where action is needed: the oldest open round with a returned or overdue report (shared landingRound)
  const reports = useQuery({ ...submissionQueries.ofCommune(communeCode ?? ''), enabled: !!communeCode });
  const waitingForLanding = !askedPeriod && !!communeCode && reports.isPending;
  const period = entryRound(periods.data?.periods ?? [], askedPeriod, reports.isError ? null : reports.data?.landing, waitingForLanding);

  // the header's round picker reads ?ky=: write the chosen round there so both agree
  useEffect(() => {
    if (!askedPeriod && period && stillAt(location, search)) navigate(`${location}${setParam(search, 'ky', period.code)}`, { replace: true });
  }, [askedPeriod, period, location, search, navigate]);

  const head = (
    <div className="page-head">
      <h1>
        {tw.entry.title}
        {commune || period ? (
          <span className="h1-sub">
            {[commune?.name, period?.name].filter(Boolean).join(' · ')}
          </span>
        ) : null}
      </h1>
    </div>
  );

  const load = queriesState([periods, communes], waitingForLanding);
  if (load.status !== 'ready' || !communes.data) {
    return (
      <>
        {head}
        <LoadState state={load} />
      </>
    );
  }
  if (!period) {
    return (
      <>
        {head}
        <LoadState state={{ status: 'empty', message: askedPeriod ? tw.progress.unknownRound(askedPeriod) : tw.entry.noOpenRound }}>
          {user.role === 'admin' ? (
            <p>
              <Link href="/quan-tri/ky-bao-cao">{tw.rounds.open}</Link>
            </p>
          ) : null}
        </LoadState>
      </>
    );
  }
  if (user.role === 'commune' && !user.communeCode) {
    return (
      <>
        {head}
        <div className="wf-alert wf-alert-error" role="alert">
          <p>{tw.entry.noCommune}</p>
        </div>
      </>
    );
  }
  if (!communeCode || !commune) {
    return (
      <>
        {head}
        <ChooseCommune communes={communes.data.communes} onChoose={(code) => navigate(`${location}${setParam(search, 'xa', code)}`)} />
      </>
    );
  }
  return (
    <>
      {head}
      {user.role === 'commune' && askedCommune && askedCommune !== user.communeCode ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.notYourCommune}
        </p>
      ) : null}
      {reports.data ? <OtherRounds rounds={reports.data.rounds} current={period.code} /> : null}
      {user.role !== 'leader' ? (
        <p className="wf-entry-read">
          <Link href={`/doc-bao-cao?ky=${encodeURIComponent(period.code)}${user.role === 'admin' ? `&xa=${encodeURIComponent(commune.code)}` : ''}`}>{tw.entry.readReport}</Link>
        </p>
      ) : null}
      <EntryForm key={`${period.code}:${commune.code}`} user={user} period={period} commune={commune} />
    </>
  );
}
