import type { TimelinessKind } from '@nq57/shared';
import type { SubmissionStatus } from '@nq57/shared/schemas';
import { tw } from '../i18n/workflow';

/**
 * A submission's state in words and colour (the colour is never the only signal), with "Nộp muộn"
 * or "Quá hạn" when the shared timeliness rule says so.
 */
export function SubmissionBadge({ status, timeliness }: { status: SubmissionStatus; timeliness?: TimelinessKind }) {
  const late = timeliness === 'late' ? tw.lateSubmitted : timeliness === 'overdue' ? tw.late : null;
  return (
    <span className="wf-status">
      <span className={`badge wf-badge wf-badge-${status}`}>{tw.status[status]}</span>
      {late ? <span className="badge wf-badge wf-badge-late">{late}</span> : null}
    </span>
  );
}
