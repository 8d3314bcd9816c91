// What the autosave has to tell: the figures put back from this browser's copy, and a 409 that
// stops saving. (Fields someone else changed meanwhile are chosen in ./OutboxNotices.tsx.)
import { formatDateTime } from '@nq57/shared';
import { tw } from '../../i18n/workflow';
import type { RestoreNotice, SaveStatus } from './useEntryForm';

export function RestoredNotice({ notice, onDismiss }: { notice: RestoreNotice; onDismiss: () => void }) {
  return (
    <section className="wf-alert wf-alert-info" role="status" data-restored>
      {notice.restored.length ? <p>{tw.entry.restored(notice.restored.length, formatDateTime(notice.at))}</p> : null}
      {notice.arrived.length ? <p>{tw.entry.arrived(notice.arrived.length, formatDateTime(notice.at))}</p> : null}
      <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss}>
        {tw.entry.dismiss}
      </button>
    </section>
  );
}

export function ConflictAlert({ save, onReload }: { save: Extract<SaveStatus, { kind: 'conflict' }>; onReload: () => void }) {
  return (
    <section className="wf-alert wf-alert-error" role="alert" data-conflict>
      <h2>{tw.entry.conflictTitle}</h2>
      <p>{save.message}</p>
      <p>{tw.entry.conflictBody}</p>
      <button type="button" className="btn btn-primary" onClick={onReload}>
        {tw.entry.reload}
      </button>
    </section>
  );
}
