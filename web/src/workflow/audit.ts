// The audit log as people read it (pure; tested in web/test/audit.test.ts). The server keeps every
// save: the form autosaves as the officer types, so "38 → 400 → 4000 → 40" within a minute is
// four rows of the log. Kept, they prove what happened; shown one by one, they bury the changes
// that matter. The view groups a save session into one row that opens onto its steps.
import type { AuditEntry } from '@nq57/shared/schemas';

/** Saves further apart than this are two sessions (a pause to look something up is still one). */
export const SESSION_GAP_MS = 5 * 60 * 1000;

export type AuditRow =
  | { kind: 'one'; entry: AuditEntry }
  | {
      kind: 'session';
      /** the session's saves, newest first, as the log lists them */
      entries: AuditEntry[];
      /** the value before the session (its oldest save's old value) */
      oldValue: number | null;
      /** the value it left (its newest save's new value) */
      newValue: number | null;
      /** when it began and ended */
      from: string;
      to: string;
    };

/**
 * `entries` newest first (as GET /api/audit answers). A session is a run of form saves by the same
 * person, on the same commune, round and figure, each within SESSION_GAP_MS of the next, with
 * nothing else happening to that commune's form of that round in between (a submit, a return,
 * another figure, another person: each ends the run). Entries of other communes may interleave:
 * the log of all communes still groups each commune's typing. Order is kept: a session stands
 * where its newest save stood.
 */
export function groupSaves(entries: AuditEntry[], gapMs = SESSION_GAP_MS): AuditRow[] {
  const rows: AuditRow[] = [];
  // the row that holds the last entry seen for each commune's form of each round
  const open = new Map<string, Extract<AuditRow, { kind: 'session' }>>();
  for (const e of entries) {
    const form = `${e.commune ?? ''}|${e.period ?? ''}`;
    const current = open.get(form);
    const last = current?.entries[current.entries.length - 1];
    const joins =
      !!current &&
      !!last &&
      e.how === 'form' &&
      e.element !== null &&
      last.element === e.element &&
      last.actor === e.actor &&
      Date.parse(last.at) - Date.parse(e.at) <= gapMs;
    if (joins && current) {
      current.entries.push(e);
      current.oldValue = e.oldValue;
      current.from = e.at;
      continue;
    }
    const row: AuditRow = { kind: 'session', entries: [e], oldValue: e.oldValue, newValue: e.newValue, from: e.at, to: e.at };
    rows.push(row);
    if (e.how === 'form' && e.element !== null) open.set(form, row);
    else open.delete(form);
  }
  // a "session" of one save is just that save
  return rows.map((r) => (r.kind === 'session' && r.entries.length === 1 ? { kind: 'one', entry: r.entries[0] } : r));
}
