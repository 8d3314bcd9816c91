// The report's exchange with the Sở (submitted, returned with a comment, approved, reopened with a reason).
import { formatDateTime } from '@nq57/shared';
import type { SubmissionOut } from '@nq57/shared/schemas';
import { tw } from '../../i18n/workflow';

export function Comments({ comments }: { comments: SubmissionOut['comments'] }) {
  if (!comments.length) return null;
  return (
    <section className="panel" aria-labelledby="comments-title">
      <h2 id="comments-title" className="panel-title">
        {tw.entry.comments}
      </h2>
      <ol className="wf-comments">
        {comments.map((c, i) => (
          <li key={i} data-kind={c.kind}>
            <span className={`badge wf-comment-kind wf-comment-${c.kind}`}>{tw.entry.commentKinds[c.kind] ?? c.kind}</span>{' '}
            <span className="muted">{tw.entry.commentBy(c.author, formatDateTime(c.at))}</span>
            {c.body ? <p>{c.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
