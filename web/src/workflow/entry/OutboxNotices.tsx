// What the outbox has to tell above the form (issue 15): how many changes wait in this browser and
// since when (plainly, as an alert, after three days), whether the browser keeps them for good;
// the fields changed here and on the server meanwhile, each with both values and a choice; and
// the figures a closed, approved or submitted form could not take, kept until the officer clears them.
import { formatValue } from '@nq57/shared';
import { to } from '../../i18n/offline';
import type { OutboxRecord } from '../../offline/outbox';
import type { OutboxState, Persistence } from '../../offline/useOutbox';
import { savedTime, type RoundForm } from './model';

export function OutboxLine({
  outbox,
  online,
  persistence,
  editable,
  onSendNow,
  thisForm,
}: {
  outbox: OutboxState;
  online: boolean;
  persistence: Persistence;
  editable: boolean;
  onSendNow: () => void;
  thisForm: string;
}) {
  const { summary } = outbox;
  const now = new Date();
  const since = summary.since ? savedTime(summary.since, now) : null;
  const others = outbox.records.filter((r) => r.key !== thisForm && !r.held && (Object.keys(r.values).length || r.sending)).length;
  return (
    <div className="wf-outbox" data-outbox>
      {summary.changes > 0 && summary.stale && since ? (
        <section className="wf-alert wf-alert-error" role="alert" data-outbox-stale>
          <h2>{to.staleTitle}</h2>
          <p>{to.stale(summary.changes, since)}</p>
        </section>
      ) : null}
      {summary.changes > 0 ? (
        <p className="wf-outbox-line" role="status" data-outbox-waiting={summary.changes}>
          <span>
            <strong>{to.waiting(summary.changes)}</strong>
            {since ? `, ${to.since(since)}.` : '.'}
            {others > 0 ? <span className="muted"> {to.otherForms(others)}</span> : null}
          </span>
          {/* offline, the save bar already says so; online, a way to try now rather than at the next chance */}
          {online ? (
            <button type="button" className="btn btn-quiet btn-small" onClick={onSendNow}>
              {to.sendNow}
            </button>
          ) : null}
        </p>
      ) : null}
      {/* where it matters: the form takes figures, or some are kept here */}
      {persistence !== 'unknown' && (editable || summary.changes + summary.kept > 0) ? (
        <p className="muted wf-outbox-persist" data-persist={persistence}>
          {persistence === 'persisted' ? to.persisted : to.notPersisted}
        </p>
      ) : null}
    </div>
  );
}

/** Fields changed here and on the server meanwhile: both values, and the officer's choice. */
export function ConflictChooser({ record, round, onChoose }: { record: OutboxRecord; round: RoundForm; onChoose: (element: string, keep: 'mine' | 'theirs') => void }) {
  const nameOf = (code: string) => round.fields.find((f) => f.code === code)?.name ?? code;
  return (
    <section className="wf-alert wf-alert-info" aria-labelledby="choose-title" data-choose>
      <h2 id="choose-title">{to.chooseTitle}</h2>
      <p>{to.chooseIntro}</p>
      <ul className="wf-choices">
        {record.conflicts.map((c) => {
          const name = nameOf(c.element);
          return (
            <li key={c.element} data-choice={c.element}>
              <strong>{name}</strong>
              <span className="wf-choice-values">
                <span>
                  {to.mine}: <b data-mine>{c.mine.trim() || '—'}</b>
                </span>
                <span>
                  {to.theirs}: <b data-theirs>{formatValue(c.theirs, round.units[c.element] ?? 'count')}</b>
                </span>
              </span>
              <span className="wf-choice-buttons">
                <button type="button" className="btn btn-primary btn-small" aria-label={to.keepMineFor(name)} onClick={() => onChoose(c.element, 'mine')}>
                  {to.keepMine}
                </button>
                <button type="button" className="btn btn-quiet btn-small" aria-label={to.keepTheirsFor(name)} onClick={() => onChoose(c.element, 'theirs')}>
                  {to.keepTheirs}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Figures the server could not take (closed, approved, awaiting review, refused): kept and explained. */
export function HeldPanel({ record, round, serverValues, onDiscard }: { record: OutboxRecord; round: RoundForm; serverValues: Record<string, number | null>; onDiscard: () => void }) {
  const held = record.held!;
  const nameOf = (code: string) => round.fields.find((f) => f.code === code)?.name ?? code;
  const unit = (code: string) => round.units[code] ?? 'count';
  const lines = [
    ...record.conflicts.map((c) => ({ element: c.element, mine: c.mine.trim() || '—', theirs: c.theirs })),
    // a refusal just answered: the figures are still the ones queued (the form turns them into the above when it reloads)
    ...Object.entries(record.values)
      .filter(([code]) => !record.conflicts.some((c) => c.element === code))
      .map(([code, c]) => ({ element: code, mine: formatValue(c.value, unit(code)), theirs: serverValues[code] ?? c.base })),
  ];
  return (
    <section className="wf-alert wf-alert-error" role="alert" aria-labelledby="held-title" data-held={held.kind}>
      <h2 id="held-title">{to.heldTitle}</h2>
      <p>{held.message}</p>
      {lines.length ? (
        <ul>
          {lines.map((l) => (
            <li key={l.element} data-held-field={l.element}>
              {to.heldLine(nameOf(l.element), l.mine, formatValue(l.theirs, unit(l.element)))}
            </li>
          ))}
        </ul>
      ) : null}
      <p>{held.kind === 'rejected' ? to.heldRejected : to.heldKept}</p>
      <button type="button" className="btn btn-quiet btn-small" onClick={onDiscard}>
        {to.discard}
      </button>
    </section>
  );
}
