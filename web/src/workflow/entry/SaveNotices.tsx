// What the autosave has to tell: the figures put back from this browser's copy (and the ones
// someone else changed meanwhile, listed rather than overwritten), and a 409 that stops saving.
import { formatDateTime, formatValue } from '@nq57/shared';
import { tw } from '../../i18n/workflow';
import type { RoundForm } from './model';
import type { RestoreNotice, SaveStatus } from './useEntryForm';

export function RestoredNotice({ notice, round, onDismiss }: { notice: RestoreNotice; round: RoundForm; onDismiss: () => void }) {
  const nameOf = (code: string) => round.fields.find((f) => f.code === code)?.name ?? code;
  return (
    <section className="wf-alert wf-alert-info" role="status" data-restored>
      {notice.restored.length ? <p>{tw.entry.restored(notice.restored.length, formatDateTime(notice.at))}</p> : null}
      {notice.conflicts.length ? (
        <>
          <p>{tw.entry.restoreConflicts}</p>
          <ul>
            {notice.conflicts.map((c) => (
              <li key={c.element}>{tw.entry.conflictLine(nameOf(c.element), c.mine, formatValue(c.theirs, round.units[c.element] ?? 'count'))}</li>
            ))}
          </ul>
        </>
      ) : null}
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
