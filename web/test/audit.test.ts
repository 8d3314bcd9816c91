import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@nq57/shared/schemas';
import { groupSaves, SESSION_GAP_MS } from '../src/workflow/audit';

let id = 0;
const at = (min: number) => new Date(Date.UTC(2026, 10, 17, 8, 0, 0) + min * 60_000).toISOString();
function entry(min: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: ++id,
    at: at(min),
    actor: 'xa.tinhkhe',
    period: 'm10-2026',
    commune: '21211',
    communeName: 'Xã Tịnh Khê',
    element: 'dossiers_received',
    elementName: 'Số hồ sơ TTHC tiếp nhận',
    oldValue: null,
    newValue: null,
    how: 'form',
    comment: null,
    ...over,
  };
}
/** newest first, as the API answers */
const log = (...entries: AuditEntry[]) => [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);

describe('the audit log groups a save session', () => {
  it('38 → 400 → 4000 → 40 within a minute is one change, — → 40, of four saves', () => {
    const rows = groupSaves(
      log(
        entry(0.1, { oldValue: 38, newValue: 400 }),
        entry(0.2, { oldValue: 400, newValue: 4000 }),
        entry(0.5, { oldValue: 4000, newValue: 40 }),
        entry(0, { oldValue: null, newValue: 38 }),
      ),
    );
    expect(rows).toHaveLength(1);
    const s = rows[0];
    expect(s.kind).toBe('session');
    if (s.kind !== 'session') return;
    expect([s.oldValue, s.newValue]).toEqual([null, 40]);
    expect(s.entries.map((e) => e.newValue)).toEqual([40, 4000, 400, 38]);
    expect([s.from, s.to]).toEqual([at(0), at(0.5)]);
  });

  it('keeps every save: the entries of the rows are the entries of the log', () => {
    const entries = log(entry(0, { newValue: 1 }), entry(1, { newValue: 2 }), entry(2, { how: 'submit', element: null }), entry(3, { newValue: 3 }));
    const rows = groupSaves(entries);
    const back = rows.flatMap((r) => (r.kind === 'one' ? [r.entry] : r.entries));
    expect(back).toEqual(entries);
  });

  it('a pause longer than the gap, another figure, another person or a submit ends the session', () => {
    const gap = SESSION_GAP_MS / 60_000;
    expect(groupSaves(log(entry(0), entry(gap + 1))).map((r) => r.kind)).toEqual(['one', 'one']);
    expect(groupSaves(log(entry(0), entry(gap - 1))).map((r) => r.kind)).toEqual(['session']);
    expect(groupSaves(log(entry(0), entry(1, { element: 'dossiers_online' }), entry(2))).map((r) => r.kind)).toEqual(['one', 'one', 'one']);
    expect(groupSaves(log(entry(0), entry(1, { actor: 'admin' }))).map((r) => r.kind)).toEqual(['one', 'one']);
    expect(groupSaves(log(entry(0), entry(1, { how: 'submit', element: null }), entry(2))).map((r) => r.kind)).toEqual(['one', 'one', 'one']);
    // an import is not typing, even on the same figure
    expect(groupSaves(log(entry(0, { how: 'import' }), entry(1, { how: 'import' }))).map((r) => r.kind)).toEqual(['one', 'one']);
  });

  it('groups each commune and round on its own when the log of all communes interleaves them', () => {
    const other = (min: number) => entry(min, { commune: '21034', communeName: 'Xã An Phú', actor: 'xa.anphu' });
    const rows = groupSaves(log(entry(0), other(0.1), entry(0.2), other(0.3), entry(0.4), entry(0.5, { period: 'q3-2026' })));
    expect(rows.map((r) => (r.kind === 'one' ? `${r.entry.commune}:1` : `${r.entries[0].commune}:${r.entries.length}`))).toEqual(['21211:1', '21211:3', '21034:2']);
  });
});
