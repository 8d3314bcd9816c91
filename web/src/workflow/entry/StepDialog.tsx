// The confirmation of each step, with its own words; return and reopen ask for the comment or the
// reason the server requires. Busy and the API's refusal come from the step's write.
import type { SubmissionStep } from '../../api/paths';
import { tw } from '../../i18n/workflow';
import { ConfirmDialog, type DialogInput } from '../ConfirmDialog';
import type { Readiness } from './model';

const WORDS: Record<SubmissionStep, { title: string; confirm: string; input?: DialogInput }> = {
  submit: { title: tw.entry.submitTitle, confirm: tw.entry.submit },
  approve: { title: tw.entry.approveTitle, confirm: tw.entry.approve },
  return: { title: tw.entry.returnTitle, confirm: tw.entry.return, input: { label: tw.entry.returnInput, kind: 'textarea' } },
  reopen: { title: tw.entry.reopenTitle, confirm: tw.entry.reopen, input: { label: tw.entry.reopenInput, kind: 'textarea' } },
};

interface Props {
  step: SubmissionStep | null;
  ready: Readiness | null;
  busy: boolean;
  error: string | null;
  onConfirm: (text: string) => void;
  onCancel: () => void;
}

export function StepDialog({ step, ready, busy, error, onConfirm, onCancel }: Props) {
  // closed, the dialog keeps the last words it had (the reopen's, as before a step was chosen)
  const w = WORDS[step ?? 'reopen'];
  return (
    <ConfirmDialog
      open={step !== null}
      title={w.title}
      body={
        step === 'submit' ? (
          <>
            <p>{tw.entry.submitBody}</p>
            {ready && ready.empty > 0 ? <p>{tw.entry.submitEmpty(ready.empty)}</p> : null}
          </>
        ) : step === 'approve' ? (
          tw.entry.approveBody
        ) : step === 'return' ? (
          tw.entry.returnBody
        ) : (
          tw.entry.reopenBody
        )
      }
      confirmLabel={w.confirm}
      input={step ? w.input : undefined}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
