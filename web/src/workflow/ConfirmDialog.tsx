// Confirmation before anything that cannot be undone in one click (submit, approve, return,
// reopen, close a round, lock an account, reset a password). A native <dialog> opened with
// showModal(): focus moves into it and stays there, Escape cancels, the page behind is inert.
// An optional input (a comment, a reason, a new password) can be required before confirming.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { tw } from '../i18n/workflow';

export interface DialogInput {
  label: string;
  kind: 'textarea' | 'password';
  minLength?: number;
  /** message shown when the input is too short */
  tooShort?: string;
  /** may be left empty (a publish's note) */
  optional?: boolean;
}

interface Props {
  open: boolean;
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  input?: DialogInput;
  busy?: boolean;
  /** the API's message when the action failed */
  error?: string | null;
  onConfirm: (text: string) => void;
  onCancel: () => void;
}

export function ConfirmDialog({ open, title, body, confirmLabel, danger, input, busy, error, onConfirm, onCancel }: Props) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setText('');
      setLocal(null);
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  const submit = () => {
    if (input) {
      const v = input.kind === 'password' ? text : text.trim();
      if (v === '' && !input.optional) return setLocal(tw.common.required);
      if (input.minLength && v.length < input.minLength) return setLocal(input.tooShort ?? tw.common.required);
    }
    setLocal(null);
    onConfirm(input?.kind === 'password' ? text : text.trim());
  };

  const message = local ?? error ?? null;
  return (
    <dialog
      ref={ref}
      className="wf-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={body ? `${id}-body` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) submit();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {body ? (
          <div id={`${id}-body`} className="wf-dialog-body">
            {body}
          </div>
        ) : null}
        {input ? (
          <div className="wf-field">
            <label htmlFor={`${id}-input`}>{input.label}</label>
            {input.kind === 'textarea' ? (
              <textarea id={`${id}-input`} rows={3} value={text} onChange={(e) => setText(e.target.value)} required={!input.optional} maxLength={2000} aria-invalid={!!local} />
            ) : (
              <input id={`${id}-input`} type="password" autoComplete="new-password" value={text} onChange={(e) => setText(e.target.value)} required aria-invalid={!!local} />
            )}
          </div>
        ) : null}
        {message ? (
          <p className="wf-error-text" role="alert">
            {message}
          </p>
        ) : null}
        <div className="wf-dialog-actions">
          <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={busy}>
            {tw.common.cancel}
          </button>
          <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
            {busy ? tw.common.working : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
