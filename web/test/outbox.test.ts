// The outbox's rules (issue 15): a save waits in the browser with a client id, goes out once and is
// resent unchanged until answered; an answer leaves exactly what the officer still wants; a refusal
// keeps the figures with the reason; the page counts what waits and says when it is too old.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  discardHeld,
  failed,
  heldKind,
  hold,
  holdForOfficer,
  isSettled,
  keepConflicts,
  newClientId,
  nextRequest,
  outboxKey,
  queueChanges,
  releaseLocked,
  requestBody,
  resolveConflict,
  retryDelay,
  STALE_AFTER_MS,
  summarize,
  type FormChange,
  type OutboxRecord,
} from '../src/offline/outbox';

const T0 = new Date('2026-11-03T07:05:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
let n = 0;
const ids = () => `id-${String(++n).padStart(16, '0')}`;

function change(version: number, values: FormChange['values'], explanations: FormChange['explanations'] = {}): FormChange {
  return { owner: 'xa.morai', period: 'm10-2026', commune: '23536', version, values, explanations };
}

/** queue, take the request, write it down: what sync.ts does before a PUT */
function send(rec: OutboxRecord, now = T0) {
  const next = nextRequest(rec, ids, now);
  expect(next).not.toBeNull();
  return next!;
}

describe('queueChanges', () => {
  it('makes one record per form, keyed by account, round and commune', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    expect(r.key).toBe(outboxKey('xa.morai', 'm10-2026', '23536'));
    expect(r).toMatchObject({ version: 3, sending: null, held: null, attempts: 0, conflicts: [] });
    expect(r.values.it_staff).toEqual({ value: 2, base: null, at: T0.toISOString() });
  });

  it('nothing to send and nothing on its way: no record', () => {
    expect(queueChanges(null, change(3, {}), T0)).toBeNull();
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    // the officer put the old value back before anything went
    expect(queueChanges(r, change(3, {}), later(1000))).toBeNull();
  });

  it('a field keeps the time it was first left unsent, even when typed again', () => {
    const r1 = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const r2 = queueChanges(r1, change(3, { it_staff: { value: 4, base: null }, dossiers_received: { value: 10, base: 8 } }), later(60_000))!;
    expect(r2.values.it_staff).toEqual({ value: 4, base: null, at: T0.toISOString() });
    expect(r2.values.dossiers_received.at).toBe(later(60_000).toISOString());
  });

  it('keeps the request on its way: only its answer can say whether it was done', () => {
    const r1 = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record } = send(r1);
    const r2 = queueChanges(record, change(3, { it_staff: { value: 5, base: null } }), later(1000))!;
    expect(r2.sending).toEqual(record.sending);
    expect(r2.values.it_staff.value).toBe(5);
  });

  it('ignores a form that has not yet heard of an answer (older version), obeys a newer one', () => {
    const r1 = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record, request } = send(r1);
    const typed = queueChanges(record, change(3, { it_staff: { value: 2, base: null }, dossiers_received: { value: 9, base: 8 } }), later(1))!;
    const after = acknowledge(typed, request.clientId, { version: 4 })!;
    expect(after).toMatchObject({ version: 4, values: { dossiers_received: { value: 9, base: 8 } } });
    // the form, still on version 3, saves again before it hears of the answer: ignored
    expect(queueChanges(after, change(3, { it_staff: { value: 2, base: null }, dossiers_received: { value: 9, base: 8 } }), later(10))).toBe(after);
    // the form reloaded a newer server copy (someone else saved): the record follows it
    const rebased = queueChanges(after, change(6, { dossiers_received: { value: 9, base: 7 } }), later(20))!;
    expect(rebased.version).toBe(6);
    expect(rebased.values.dossiers_received).toMatchObject({ value: 9, base: 7, at: later(1).toISOString() });
  });

  it('a held record is rebased on the version the officer has just been shown', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record, request } = send(r);
    const held = hold(record, request.clientId, { kind: 'conflict', code: 'STALE_VERSION', message: 'x', at: T0.toISOString() });
    expect(nextRequest(held, ids, T0)).toBeNull();
    const again = queueChanges(held, change(3, { it_staff: { value: 2, base: null } }), later(1))!;
    expect(again.held).toBeNull();
  });
});

describe('sending and answers', () => {
  it('writes the request down before it leaves, and resends it unchanged (same client id)', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }, { it_staff: { text: ' Tổ mới ', base: '' } }), T0)!;
    const first = send(r);
    expect(first.record.sending).toBe(first.request);
    expect(requestBody(first.request)).toEqual({ version: 3, values: { it_staff: 2 }, explanations: { it_staff: 'Tổ mới' }, clientId: first.request.clientId });
    const afterFailure = failed(first.record, first.request.clientId, later(5000));
    expect(afterFailure).toMatchObject({ attempts: 1, lastTry: later(5000).toISOString() });
    const second = send(afterFailure, later(9000));
    expect(second.request).toBe(first.request);
  });

  it('no explanations: the body carries none', () => {
    const r = queueChanges(null, change(0, { it_staff: { value: null, base: 3 } }), T0)!;
    const body = requestBody(send(r).request);
    expect(body).not.toHaveProperty('explanations');
    expect(body.values).toEqual({ it_staff: null }); // null clears the box: it is sent, not dropped
  });

  it('an answer to everything that waited settles the record, which remembers the version until the form saves again', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record, request } = send(r);
    const settled = acknowledge(record, request.clientId, { version: 4 });
    expect(isSettled(settled)).toBe(true);
    expect(settled.version).toBe(4);
    expect(nextRequest(settled, ids, T0)).toBeNull();
    expect(summarize([settled], T0)).toMatchObject({ changes: 0, kept: 0, forms: 0 });
    // the form saved before it heard of the answer: not a new request at the old version (a 409 against ourselves)
    expect(queueChanges(settled, change(3, { it_staff: { value: 2, base: null } }), later(1))).toBe(settled);
    // the form, moved on, has nothing more: the record goes
    expect(queueChanges(settled, change(4, {}), later(2))).toBeNull();
  });

  it('an answer to another request changes nothing', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record } = send(r);
    expect(acknowledge(record, 'id-someone-else-000', { version: 9 })).toBe(record);
    expect(failed(record, 'id-someone-else-000', T0)).toBe(record);
  });

  it('typed again while on its way: the new value goes next, over what was sent', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record, request } = send(r);
    const typed = queueChanges(record, change(3, { it_staff: { value: 5, base: null }, dossiers_received: { value: 10, base: 8 } }), later(1000))!;
    const left = acknowledge(typed, request.clientId, { version: 4 })!;
    expect(left.version).toBe(4);
    expect(left.sending).toBeNull();
    expect(left.values).toEqual({
      it_staff: { value: 5, base: 2, at: T0.toISOString() },
      dossiers_received: { value: 10, base: 8, at: later(1000).toISOString() },
    });
    expect(requestBody(send(left).request)).toMatchObject({ version: 4, values: { it_staff: 5, dossiers_received: 10 } });
  });

  it('put back to the old value while on its way: the old value goes out again', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: 7 } }), T0)!;
    const { record, request } = send(r);
    const reverted = queueChanges(record, change(3, {}), later(1000))!;
    expect(reverted).not.toBeNull(); // the request on its way keeps it
    const left = acknowledge(reverted, request.clientId, { version: 4 })!;
    expect(left.values).toEqual({ it_staff: { value: 7, base: 2, at: T0.toISOString() } });
  });

  it('explanations follow the same rule (compared without surrounding spaces)', () => {
    const r = queueChanges(null, change(3, {}, { cdt_members: { text: 'Thêm tổ', base: '' } }), T0)!;
    const { record, request } = send(r);
    const same = queueChanges(record, change(3, {}, { cdt_members: { text: 'Thêm tổ ', base: '' } }), later(1))!;
    expect(isSettled(acknowledge(same, request.clientId, { version: 4 }))).toBe(true);
    const other = queueChanges(record, change(3, {}, { cdt_members: { text: 'Thêm 3 tổ', base: '' } }), later(1))!;
    expect(acknowledge(other, request.clientId, { version: 4 })!.explanations.cdt_members).toMatchObject({ text: 'Thêm 3 tổ', base: 'Thêm tổ' });
  });

  it('property: after any edits while a request is on its way, the answer leaves exactly what differs from the server', () => {
    const field = fc.constantFrom('a', 'b', 'c', 'd');
    const val = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
    fc.assert(
      fc.property(fc.dictionary(field, val), fc.dictionary(field, val), fc.dictionary(field, val), (server, first, second) => {
        // the server's copy at version 1, the screen when the request left, the screen when the answer came
        // a field missing from a copy is an empty box (null)
        const diff = (screen: Record<string, number | null>, against: Record<string, number | null>) =>
          Object.fromEntries(
            [...new Set([...Object.keys(screen), ...Object.keys(against)])]
              .filter((k) => (screen[k] ?? null) !== (against[k] ?? null))
              .map((k) => [k, { value: screen[k] ?? null, base: against[k] ?? null }]),
          );
        const r = queueChanges(null, change(1, diff(first, server)), T0);
        if (!r) return;
        const { record, request } = send(r);
        // the officer typed on (or put values back) after the request left
        const screenNow = { ...server, ...first, ...second };
        const typed = queueChanges(record, change(1, diff(screenNow, server)), later(1))!;
        const left = acknowledge(typed, request.clientId, { version: 2 });
        const serverAfter = { ...server, ...Object.fromEntries(Object.entries(request.values).map(([k, c]) => [k, c.value])) };
        const expected = diff(screenNow, serverAfter);
        expect(Object.fromEntries(Object.entries(left.values).map(([k, c]) => [k, { value: c.value, base: c.base }]))).toEqual(expected);
        expect(isSettled(left)).toBe(Object.keys(expected).length === 0);
      }),
    );
  });
});

describe('refusals', () => {
  it('tells a conflict, a locked form and a refused request apart', () => {
    expect(heldKind(409, 'STALE_VERSION')).toBe('conflict');
    expect(heldKind(409, 'ROUND_CLOSED')).toBe('locked');
    expect(heldKind(409, 'LOCKED')).toBe('locked');
    expect(heldKind(409, 'AWAITING_REVIEW')).toBe('locked');
    expect(heldKind(400, 'ELEMENT_NOT_ASKED')).toBe('rejected');
    expect(heldKind(0, 'NETWORK')).toBeNull();
    expect(heldKind(503, 'HTTP_503')).toBeNull();
    expect(heldKind(401, 'UNAUTHENTICATED')).toBeNull();
    expect(heldKind(403, 'FORBIDDEN')).toBe('rejected');
    expect(heldKind(403, 'CSRF')).toBeNull();
  });

  it('a refusal keeps the figures and the reason; the client id is released (nothing was done)', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    const { record, request } = send(r);
    const held = hold(record, request.clientId, { kind: 'locked', code: 'ROUND_CLOSED', message: 'Kỳ đã đóng', at: T0.toISOString() });
    expect(held.sending).toBeNull();
    expect(held.values.it_staff.value).toBe(2);
    expect(held.held?.message).toBe('Kỳ đã đóng');
    expect(hold(record, 'id-other-0000000000', held.held!)).toBe(record);
    // only the officer clears it
    expect(discardHeld(held)).toBeNull();
  });

  it('approved meanwhile: the form, reading the approved copy, keeps each typed figure beside the server\'s under the reason; nothing is sent, nothing dropped', () => {
    const r = queueChanges(null, change(3, { it_staff: { value: 2, base: null }, dossiers_received: { value: 10, base: 8 } }), T0)!;
    const { record, request } = send(r);
    const approved = { kind: 'locked' as const, code: 'LOCKED', message: 'Số liệu của xã trong kỳ này đã được duyệt; cần quản trị mở lại (kèm lý do) trước khi nhập lại', at: T0.toISOString() };
    const held = hold(record, request.clientId, approved);
    // the approved copy is version 5; what was typed differs from it in both fields
    const at = { owner: 'xa.morai', period: 'm10-2026', commune: '23536', version: 5 };
    const kept = holdForOfficer(held, at, [{ element: 'it_staff', mine: '2', theirs: 1 }, { element: 'dossiers_received', mine: '10', theirs: 9 }], approved, later(1000))!;
    expect(kept).toMatchObject({ version: 5, values: {}, sending: null, held: approved });
    expect(kept.conflicts.map((c) => [c.element, c.mine, c.theirs])).toEqual([['it_staff', '2', 1], ['dossiers_received', '10', 9]]);
    expect(nextRequest(kept, ids, later(2000))).toBeNull();
    expect(summarize([kept], later(STALE_AFTER_MS * 2))).toMatchObject({ changes: 0, kept: 2, held: 1, stale: false });
    // reopened by the Sở: the reason goes, the figures stay for the officer to choose
    expect(releaseLocked(kept)).toMatchObject({ held: null, conflicts: kept.conflicts });
  });

  it('conflicts are kept per field until the officer chooses', () => {
    const at = { owner: 'xa.morai', period: 'm10-2026', commune: '23536', version: 7 };
    const r = keepConflicts(null, at, [{ element: 'it_staff', mine: '3', theirs: 5 }, { element: 'dossiers_received', mine: '10', theirs: 12 }], T0)!;
    expect(r.version).toBe(7);
    expect(r.conflicts.map((c) => c.element)).toEqual(['it_staff', 'dossiers_received']);
    // the same field again keeps its first time
    const again = keepConflicts(r, at, [{ element: 'it_staff', mine: '4', theirs: 5 }], later(1000))!;
    expect(again.conflicts.find((c) => c.element === 'it_staff')).toEqual({ element: 'it_staff', mine: '4', theirs: 5, at: T0.toISOString() });
    // a save of the form keeps them
    const saved = queueChanges(again, change(7, { it_staff: { value: 3, base: 5 } }), later(2000))!;
    expect(saved.conflicts).toHaveLength(2);
    const one = resolveConflict(r, 'it_staff')!;
    expect(one.conflicts.map((c) => c.element)).toEqual(['dossiers_received']);
    expect(resolveConflict(one, 'dossiers_received')).toBeNull();
  });
});

describe('what the page says', () => {
  it('counts the fields waiting (the one on its way included) and the oldest', () => {
    const a = queueChanges(null, change(3, { it_staff: { value: 2, base: null }, dossiers_received: { value: 9, base: 8 } }), T0)!;
    const { record } = send(a);
    const a2 = queueChanges(record, change(3, { it_staff: { value: 2, base: null } }, { it_staff: { text: 'x', base: '' } }), later(5000))!;
    const b = queueChanges(null, { ...change(1, { it_staff: { value: 1, base: null } }), period: 'q4-2026' }, later(60_000))!;
    const s = summarize([a2, b], later(120_000));
    // it_staff, dossiers_received (still on its way), the explanation of it_staff; and b's it_staff
    expect(s).toMatchObject({ changes: 4, kept: 0, forms: 2, since: T0.toISOString(), stale: false, held: 0, conflicts: 0 });
  });

  it('what is held or to choose is kept for the officer, not counted as waiting to be sent', () => {
    const a = queueChanges(null, change(3, { it_staff: { value: 2, base: null }, dossiers_received: { value: 9, base: 8 } }), T0)!;
    const { record, request } = send(a);
    const held = hold(record, request.clientId, { kind: 'locked', code: 'ROUND_CLOSED', message: 'x', at: T0.toISOString() });
    const b = keepConflicts(null, { owner: 'xa.morai', period: 'q4-2026', commune: '23536', version: 2 }, [{ element: 'it_staff', mine: '3', theirs: 5 }], T0)!;
    expect(summarize([held, b], later(STALE_AFTER_MS * 2))).toEqual({ changes: 0, kept: 3, forms: 0, since: null, stale: false, held: 1, conflicts: 1 });
  });

  it('says so after three days unsent', () => {
    const a = queueChanges(null, change(3, { it_staff: { value: 2, base: null } }), T0)!;
    expect(summarize([a], later(STALE_AFTER_MS)).stale).toBe(false);
    expect(summarize([a], later(STALE_AFTER_MS + 1)).stale).toBe(true);
    expect(summarize([], later(STALE_AFTER_MS + 1))).toEqual({ changes: 0, kept: 0, forms: 0, since: null, stale: false, held: 0, conflicts: 0 });
  });
});

describe('retryDelay', () => {
  it('retries quickly at first, then every 30 seconds', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelay)).toEqual([2000, 5000, 10000, 20000, 30000, 30000]);
  });
});

describe('newClientId', () => {
  it('is accepted by the API (16–64 letters, digits, dashes) and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newClientId();
      expect(id).toMatch(/^[A-Za-z0-9-]{16,64}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(200);
  });
});
