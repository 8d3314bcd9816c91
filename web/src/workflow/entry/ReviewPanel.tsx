// The Sở's review of a submitted report (approve, return) and of an approved one (reopen). Each
// button opens its confirmation (./StepDialog.tsx); the server decides whether the step is allowed.
import type { SubmissionStatus } from '@nq57/shared/schemas';
import type { SubmissionStep } from '../../api/paths';
import { tw } from '../../i18n/workflow';

export function ReviewPanel({ status, onAsk }: { status: SubmissionStatus; onAsk: (step: SubmissionStep) => void }) {
  return (
    <section className="panel wf-review" aria-labelledby="review-title">
      <h2 id="review-title" className="panel-title">
        {tw.entry.review}
      </h2>
      <div className="wf-actions">
        {status === 'submitted' ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => onAsk('approve')}>
              {tw.entry.approve}
            </button>
            <button type="button" className="btn" onClick={() => onAsk('return')}>
              {tw.entry.return}
            </button>
          </>
        ) : (
          <button type="button" className="btn" onClick={() => onAsk('reopen')}>
            {tw.entry.reopen}
          </button>
        )}
      </div>
    </section>
  );
}
