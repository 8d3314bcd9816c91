// A list of audit entries: who, when, old → new, how, comment. Used beside a field ("Lịch sử")
// and for a whole commune (/nhat-ky).
import { formatDateTime, formatValue } from '@nq57/shared';
import type { AuditEntry, DataElement } from '@nq57/shared/schemas';
import { EMPTY } from '@nq57/shared';
import { tw } from '../i18n-workflow';

export function howLabel(how: string): string {
  return tw.audit.how[how] ?? how;
}

function fmt(v: number | null, unit: DataElement['unit'] | undefined): string {
  return v === null ? EMPTY : formatValue(v, unit ?? 'count');
}

/** Compact: one line per change, for the disclosure beside a field. */
export function FieldHistoryList({ entries, unit }: { entries: AuditEntry[]; unit: DataElement['unit'] }) {
  if (entries.length === 0) return <p className="muted">{tw.entry.historyEmpty}</p>;
  return (
    <ol className="wf-history">
      {entries.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <strong>{e.actor}</strong> · {howLabel(e.how)}
          {e.element ? (
            <>
              {' '}
              · <span className="num">{fmt(e.oldValue, unit)}</span> → <span className="num">{fmt(e.newValue, unit)}</span>
            </>
          ) : null}
          {e.comment ? <q className="wf-history-comment">{e.comment}</q> : null}
        </li>
      ))}
    </ol>
  );
}

/** The full table, for a commune's log. */
export function AuditTable({ entries, units, showCommune }: { entries: AuditEntry[]; units: Record<string, DataElement['unit']>; showCommune?: boolean }) {
  return (
    <div className="wf-table-wrap">
      <table className="wf-table wf-audit">
        <thead>
          <tr>
            <th scope="col">{tw.audit.cols.at}</th>
            {showCommune ? <th scope="col">{tw.audit.commune}</th> : null}
            <th scope="col">{tw.audit.cols.actor}</th>
            <th scope="col">{tw.audit.cols.element}</th>
            <th scope="col">{tw.audit.cols.change}</th>
            <th scope="col">{tw.audit.cols.how}</th>
            <th scope="col">{tw.audit.cols.comment}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-audit={e.how}>
              <td data-label={tw.audit.cols.at}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </td>
              {showCommune ? <td data-label={tw.audit.commune}>{e.communeName ?? e.commune ?? EMPTY}</td> : null}
              <td data-label={tw.audit.cols.actor}>{e.actor}</td>
              <td data-label={tw.audit.cols.element}>{e.elementName ?? e.element ?? tw.audit.wholeForm}</td>
              <td data-label={tw.audit.cols.change} className="num">
                {e.element ? `${fmt(e.oldValue, e.element ? units[e.element] : undefined)} → ${fmt(e.newValue, e.element ? units[e.element] : undefined)}` : EMPTY}
              </td>
              <td data-label={tw.audit.cols.how}>{howLabel(e.how)}</td>
              <td data-label={tw.audit.cols.comment}>{e.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
