// The bar at the foot of the form, where the officer is typing: whether everything is saved (or
// why not, with "Lưu ngay" and, after a 409, "Tải lại"), how many errors and warnings remain, and
// "Nộp báo cáo".
import { savedTime, type PendingChanges, type Readiness } from './model';
import type { SaveStatus } from './useEntryForm';
import { tw } from '../../i18n/workflow';
import { to } from '../../i18n/offline';

interface Props {
  save: SaveStatus;
  pending: PendingChanges | null;
  /** when the server last saved this form (before this visit) */
  lastSaved: string | null;
  ready: Readiness | null;
  /** the officer (or the admin) may submit from here: the form is editable */
  canSubmit: boolean;
  /** "Nộp báo cáo" was pressed while something blocks it */
  blocked: boolean;
  onSaveNow: () => void;
  onReload: () => void;
  onSubmit: () => void;
}

export function SaveBar({ save, pending, lastSaved, ready, canSubmit, blocked, onSaveNow, onReload, onSubmit }: Props) {
  return (
    <div className="wf-bar" role="region" aria-label={tw.entry.submit}>
      <SaveIndicator save={save} pendingCount={pending?.count ?? 0} invalid={pending?.invalid.length ?? 0} lastSaved={lastSaved} onSaveNow={onSaveNow} onReload={onReload} />
      {canSubmit && ready ? (
        <div className="wf-bar-right">
          <span className="wf-bar-summary" aria-live="polite">
            {ready.errors.length || ready.invalid.length ? <span className="wf-bad">{tw.entry.errorsCount(ready.errors.length + ready.invalid.length)}</span> : null}
            {ready.unexplained.length ? <span className="wf-warn">{tw.entry.warningsCount(ready.unexplained.length)}</span> : null}
            {ready.ok ? <span className="wf-good">{tw.entry.ready}</span> : null}
          </span>
          <button type="button" className="btn btn-primary" onClick={onSubmit}>
            {tw.entry.submit}
          </button>
        </div>
      ) : null}
      {blocked && ready && !ready.ok ? (
        <p className="wf-bar-blocked" role="alert">
          {tw.entry.submitBlocked}
        </p>
      ) : null}
    </div>
  );
}

function SaveIndicator({
  save,
  pendingCount,
  invalid,
  lastSaved,
  onSaveNow,
  onReload,
}: {
  save: SaveStatus;
  pendingCount: number;
  invalid: number;
  lastSaved: string | null;
  onSaveNow: () => void;
  onReload: () => void;
}) {
  let text: string;
  let tone = '';
  let retry = false;
  switch (save.kind) {
    case 'saving':
      text = tw.entry.saving;
      break;
    case 'retry':
      text = save.offline ? tw.entry.offline : tw.entry.retrying;
      tone = 'wf-warn';
      retry = true;
      break;
    case 'conflict':
      text = tw.entry.conflictTitle;
      tone = 'wf-bad';
      break;
    case 'locked':
      text = to.lockedSave;
      tone = 'wf-bad';
      break;
    case 'rejected':
      text = `${tw.entry.rejected} ${save.message}`;
      tone = 'wf-bad';
      retry = true;
      break;
    case 'signedOut':
      text = tw.entry.signedOut;
      tone = 'wf-bad';
      retry = true;
      break;
    case 'saved':
      text = pendingCount > 0 ? tw.entry.unsaved : tw.entry.savedAt(savedTime(save.at, new Date()));
      break;
    default:
      text = pendingCount > 0 ? tw.entry.unsaved : lastSaved ? tw.entry.savedAt(savedTime(lastSaved, new Date())) : '';
  }
  return (
    <div className="wf-save">
      <span className={`wf-save-text ${tone}`} role="status" aria-live="polite" data-save={save.kind}>
        {text}
        {invalid > 0 ? <span className="wf-bad"> {tw.entry.invalidNotSaved(invalid)}</span> : null}
      </span>
      {retry ? (
        <button type="button" className="btn btn-quiet btn-small" onClick={onSaveNow}>
          {tw.entry.saveNow}
        </button>
      ) : null}
      {/* the officer may be far down the form when the conflict happens: the way out is here too */}
      {save.kind === 'conflict' ? (
        <button type="button" className="btn btn-primary btn-small" onClick={onReload}>
          {tw.entry.reload}
        </button>
      ) : null}
    </div>
  );
}
