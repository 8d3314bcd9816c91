// A list of audit entries: who, when, old → new, how, comment. Used beside a field ("Lịch sử")
// and for a whole commune (/nhat-ky).
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { formatDateTime, formatValue } from '@nq57/shared';
import type { AuditEntry, DataElement } from '@nq57/shared/schemas';
import { EMPTY } from '@nq57/shared';
import { tw } from '../i18n/workflow';
import { groupSaves } from './audit';

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

/** The full table, for a commune's log: a save session is one row that opens onto its saves (./audit.ts). */
export function AuditTable({
  entries,
  units,
  showCommune,
  periodName,
}: {
  entries: AuditEntry[];
  units: Record<string, DataElement['unit']>;
  showCommune?: boolean;
  /** the round's name for its code; given, the table has a "Kỳ" column */
  periodName?: (code: string) => string;
}) {
  const rows = useMemo(() => groupSaves(entries), [entries]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const unitOf = (e: AuditEntry) => (e.element ? units[e.element] : undefined);
  const cells = (e: AuditEntry, change: string, how: ReactNode, time: ReactNode) => (
    <>
      <td data-label={tw.audit.cols.at}>{time}</td>
      {showCommune ? <td data-label={tw.audit.commune}>{e.communeName ?? e.commune ?? EMPTY}</td> : null}
      {periodName ? <td data-label={tw.audit.period}>{e.period ? periodName(e.period) : EMPTY}</td> : null}
      <td data-label={tw.audit.cols.actor}>{e.actor}</td>
      <td data-label={tw.audit.cols.element}>{e.elementName ?? e.element ?? tw.audit.wholeForm}</td>
      <td data-label={tw.audit.cols.change} className="num">
        {change}
      </td>
      <td data-label={tw.audit.cols.how}>{how}</td>
      <td data-label={tw.audit.cols.comment}>{e.comment ?? ''}</td>
    </>
  );
  const changeOf = (e: AuditEntry, oldValue: number | null, newValue: number | null) =>
    e.element ? `${fmt(oldValue, unitOf(e))} → ${fmt(newValue, unitOf(e))}` : EMPTY;
  const when = (e: AuditEntry) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>;
  return (
    <div className="wf-table-wrap">
      <table className="wf-table wf-audit">
        <thead>
          <tr>
            <th scope="col">{tw.audit.cols.at}</th>
            {showCommune ? <th scope="col">{tw.audit.commune}</th> : null}
            {periodName ? <th scope="col">{tw.audit.period}</th> : null}
            <th scope="col">{tw.audit.cols.actor}</th>
            <th scope="col">{tw.audit.cols.element}</th>
            <th scope="col">{tw.audit.cols.change}</th>
            <th scope="col">{tw.audit.cols.how}</th>
            <th scope="col">{tw.audit.cols.comment}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            if (r.kind === 'one') {
              const e = r.entry;
              return (
                <tr key={e.id} data-audit={e.how}>
                  {cells(e, changeOf(e, e.oldValue, e.newValue), howLabel(e.how), when(e))}
                </tr>
              );
            }
            const last = r.entries[0];
            const first = r.entries[r.entries.length - 1];
            const expanded = open.has(last.id);
            const stepsId = `audit-steps-${last.id}`;
            return (
              <Fragment key={last.id}>
                <tr data-audit={last.how} data-saves={r.entries.length} className="wf-audit-session">
                  {cells(
                    last,
                    changeOf(last, r.oldValue, r.newValue),
                    <>
                      {howLabel(last.how)}
                      <span className="c-sub">{tw.audit.saves(r.entries.length)}</span>
                      <button type="button" className="btn btn-quiet btn-small wf-audit-toggle" aria-expanded={expanded} aria-controls={expanded ? stepsId : undefined} onClick={() => toggle(last.id)}>
                        {expanded ? tw.audit.hideSaves : tw.audit.showSaves(r.entries.length)}
                      </button>
                    </>,
                    <>
                      {when(last)}
                      <span className="c-sub">{tw.audit.since(formatDateTime(first.at))}</span>
                    </>,
                  )}
                </tr>
                {expanded
                  ? r.entries.map((e, i) => (
                      <tr key={e.id} id={i === 0 ? stepsId : undefined} data-audit-step={e.how} className="wf-audit-step">
                        {cells(e, changeOf(e, e.oldValue, e.newValue), howLabel(e.how), when(e))}
                      </tr>
                    ))
                  : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
