import type { SubmissionStatus } from '@nq57/shared/schemas';
import { tw } from '../i18n-workflow';

/** A submission's state in words and colour (the colour is never the only signal). */
export function SubmissionBadge({ status, late }: { status: SubmissionStatus; late?: boolean }) {
  return (
    <span className="wf-status">
      <span className={`badge wf-badge wf-badge-${status}`}>{tw.status[status]}</span>
      {late ? <span className="badge wf-badge wf-badge-late">{tw.late}</span> : null}
    </span>
  );
}
