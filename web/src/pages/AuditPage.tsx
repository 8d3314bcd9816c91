// /nhat-ky?xa=CODE&ky=PERIOD: every change to a commune's figures (append-only): who, when, old
// and new value, how (form, import, approval, reopen) and the comment. A cán bộ xã sees their own
// commune; the admin and the leader choose any.
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import type { UserOut } from '@nq57/shared/schemas';
import { auditQueries, catalogueQueries, communeQueries, periodQueries } from '../api/queries';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { AuditTable } from '../workflow/AuditList';
import { CommuneSelect } from '../workflow/CommuneSelect';
import { RequireRole } from '../workflow/RequireRole';
import { setParam } from '../url';
import '../workflow.css';

export default function AuditPage() {
  useEffect(() => {
    document.title = pageTitle(tw.audit.title);
  }, []);
  return (
    <div className="page wf-page">
      <RequireRole roles={['admin', 'leader', 'commune']}>{(user) => <Audit user={user} />}</RequireRole>
    </div>
  );
}

function Audit({ user }: { user: UserOut }) {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const commune = user.role === 'commune' ? (user.communeCode ?? undefined) : (params.get('xa') ?? undefined);
  const period = params.get('ky') ?? undefined;
  const communes = useQuery(communeQueries.list());
  const periods = useQuery(periodQueries.list());
  const catalogue = useQuery(catalogueQueries.indicators());
  const audit = useQuery(auditQueries.list({ commune, period, limit: 500 }));
  const units = useMemo(() => Object.fromEntries((catalogue.data?.elements ?? []).map((e) => [e.code, e.unit])), [catalogue.data]);
  const communeName = communes.data?.communes.find((c) => c.code === commune)?.name;
  const periodName = periods.data?.periods.find((p) => p.code === period)?.name;
  const entries = audit.data?.entries ?? [];
  // the log of every round says which round each change belongs to
  const periodNames = useMemo(() => new Map((periods.data?.periods ?? []).map((p) => [p.code, p.name])), [periods.data]);

  return (
    <>
      <div className="page-head">
        <h1>
          {communeName ? tw.audit.forCommune(communeName) : tw.audit.title}
          {periodName ? <span className="h1-sub">{periodName}</span> : null}
        </h1>
        <p className="wf-intro">{tw.audit.intro}</p>
        {commune && period && user.role !== 'leader' ? (
          <p>
            <Link href={`/nhap-lieu?ky=${period}&xa=${commune}`}>{tw.audit.backToForm}</Link>
          </p>
        ) : null}
      </div>
      {user.role !== 'commune' ? (
        <div className="panel wf-narrow">
          <CommuneSelect
            label={tw.audit.commune}
            communes={communes.data?.communes ?? []}
            value={commune ?? ''}
            emptyLabel={tw.audit.allCommunes}
            onChange={(code) => navigate(`${location}${setParam(search, 'xa', code || null)}`, { replace: true })}
          />
        </div>
      ) : null}
      <PanelFrame
        id="audit"
        title={tw.audit.title}
        actions={audit.data ? <span className="muted">{tw.audit.count(entries.length)}</span> : null}
        state={panelState(audit, entries.length === 0, tw.audit.empty)}
        minHeight={200}
      >
        <AuditTable entries={entries} units={units} showCommune={!commune} periodName={period ? undefined : (code) => periodNames.get(code) ?? code} />
      </PanelFrame>
    </>
  );
}
