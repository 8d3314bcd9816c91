// A commune's report awaiting the Sở's approval: the standing page shows the official standing
// (the last round with approved figures) and, clearly labelled, the provisional one computed with
// the submitted figures. Without this, an officer who has just submitted sees "—/100 điểm" and
// "Chưa báo cáo" everywhere (issue 10). Only signed-in users who may read the submission see it.
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDateTime } from '@nq57/shared';
import type { StandingResponse } from '@nq57/shared/schemas';
import { submissionQueries } from '../api/queries';
import { t } from '../i18n/dashboard';
import { setParam } from '../url';
import { useSession } from './useSession';

/** ?xem=tam-tinh: the provisional standing */
const VIEW = 'xem';
const PROVISIONAL = 'tam-tinh';

export interface StandingView {
  /** the chosen round's standing and (for who may see it) its report state are known */
  ready: boolean;
  /** the round whose standing to show; undefined = the page's own round */
  period: string | undefined;
  /** show the standing with the submitted figures, labelled "tạm tính" */
  provisional: boolean;
  awaiting: null | {
    round: { code: string; name: string };
    submittedAt: string | null;
    lastApproved: StandingResponse['lastApproved'];
  };
}

export function useStandingView(code: string, chosen: StandingResponse | undefined): StandingView {
  const search = useSearch();
  const user = useSession().user;
  const round = chosen?.period.code ?? '';
  const maySee = !!user && (user.role !== 'commune' || user.communeCode === code);
  const sub = useQuery({ ...submissionQueries.detail(round, code), enabled: maySee && !!chosen });
  if (!chosen) return { ready: false, period: undefined, provisional: false, awaiting: null };
  if (maySee && sub.isPending) return { ready: false, period: undefined, provisional: false, awaiting: null };
  if (!maySee || sub.data?.status !== 'submitted') return { ready: true, period: undefined, provisional: false, awaiting: null };
  const awaiting = { round: chosen.period, submittedAt: sub.data.submittedAt, lastApproved: chosen.lastApproved };
  if (new URLSearchParams(search).get(VIEW) === PROVISIONAL) return { ready: true, period: round, provisional: true, awaiting };
  // the official standing: the last round with this commune's approved figures (this one after a reopen)
  const official = chosen.lastApproved && chosen.lastApproved.code !== round ? chosen.lastApproved.code : undefined;
  return { ready: true, period: official, provisional: false, awaiting };
}

export function ProvisionalNotice({ view, code }: { view: StandingView; code: string }) {
  const search = useSearch();
  const [location] = useLocation();
  const a = view.awaiting;
  if (!a) return null;
  const href = (v: string | null) => `${location}${setParam(search, VIEW, v)}`;
  return (
    <section className="notice notice-provisional" aria-labelledby={`provisional-${code}`}>
      <p id={`provisional-${code}`}>
        <strong>{t.commune.awaiting(a.round.name, a.submittedAt ? formatDateTime(a.submittedAt) : null)}</strong> {t.commune.awaitingWhy}
      </p>
      <nav className="view-switch" aria-label={t.commune.viewSwitch}>
        <Link href={href(null)} aria-current={view.provisional ? undefined : 'page'}>
          {a.lastApproved ? t.commune.official(a.lastApproved.name) : t.commune.officialNone}
        </Link>
        <Link href={href(PROVISIONAL)} aria-current={view.provisional ? 'page' : undefined}>
          {t.commune.provisional(a.round.name)}
        </Link>
      </nav>
      {view.provisional ? <p className="notice-strong">{t.commune.provisionalWarning}</p> : null}
      {!view.provisional && !a.lastApproved ? <p>{t.commune.noApprovedYet}</p> : null}
    </section>
  );
}
