// Where the report stands, above the form: its state and deadline, the links to its log and to the
// commune's standing, then one line per fact the person must know before typing (done, imported
// by the Sở, returned with a comment, submitted, approved, round closed, read only).
import { Link } from 'wouter';
import { formatDate, formatDateTime } from '@nq57/shared';
import type { Commune, Period, SubmissionOut, UserOut } from '@nq57/shared/schemas';
import { tw } from '../../i18n/workflow';
import { withPeriod } from '../../url';
import { SubmissionBadge } from '../SubmissionBadge';
import { timelinessNote, type Readiness } from './model';

interface Props {
  s: SubmissionOut;
  user: UserOut;
  period: Period;
  commune: Commune;
  ready: Readiness | null;
  fieldCount: number;
  roundOpen: boolean;
  editable: boolean;
  /** the line after a step was done ("Đã nộp báo cáo…") */
  flash: string | null;
}

export function ReportStatus({ s, user, period, commune, ready, fieldCount, roundOpen, editable, flash }: Props) {
  const lastReturn = [...s.comments].reverse().find((c) => c.kind === 'return');
  const timing = timelinessNote(s.timeliness, s.deadline, new Date());
  return (
    <>
      <div className="wf-entry-status panel">
        <div className="wf-entry-status-main">
          <SubmissionBadge status={s.status} timeliness={s.timeliness.kind} />
          {s.deadline ? (
            <span>
              {tw.entry.deadline(formatDate(s.deadline))}
              {timing ? <span className={timing.bad ? 'wf-bad' : undefined}> ({timing.text})</span> : null}
            </span>
          ) : null}
          {ready ? <span className="muted">{tw.entry.filled(ready.filled, fieldCount)}</span> : null}
        </div>
        <div className="wf-entry-links">
          <Link href={`/nhat-ky?xa=${commune.code}&ky=${period.code}`}>{tw.entry.auditLink}</Link>
          <Link href={withPeriod(`/xa/${commune.code}`, period.code)}>{tw.entry.standingLink}</Link>
        </div>
      </div>

      {flash ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {flash}
        </p>
      ) : null}

      {s.source ? (
        <p className="wf-alert wf-alert-info" role="status" data-imported>
          {tw.entry.importedBy(s.source.fileName, formatDateTime(s.source.at))}
        </p>
      ) : null}
      {s.status === 'returned' && lastReturn ? (
        <section className="wf-alert wf-alert-returned" aria-labelledby="returned-title" data-returned>
          <h2 id="returned-title">{tw.entry.returnedBanner}</h2>
          <blockquote>
            <p>{lastReturn.body}</p>
            <footer>{tw.entry.commentBy(lastReturn.author, formatDateTime(lastReturn.at))}</footer>
          </blockquote>
          {editable ? <p>{tw.entry.returnedHint}</p> : null}
        </section>
      ) : null}
      {s.status === 'submitted' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.submittedBanner(formatDateTime(s.submittedAt))}
        </p>
      ) : null}
      {s.status === 'approved' ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {tw.entry.approvedBanner(formatDateTime(s.approvedAt))}
        </p>
      ) : null}
      {!roundOpen ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.closedRound}
        </p>
      ) : s.locked && s.status !== 'approved' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.lockedBanner}
        </p>
      ) : null}
      {user.role === 'leader' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.readOnlyLeader}
        </p>
      ) : null}
    </>
  );
}
