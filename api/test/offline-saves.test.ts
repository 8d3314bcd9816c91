// A save the phone's outbox sends again (issue 15): the browser gives each save a client id and
// resends it, unchanged, until it has the answer. The server must treat a resend as done: the same
// answer, no second write, no second audit row, and no 409 against the officer's own first save.
import { beforeAll, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { SubmissionSaved, type SubmissionOut } from '@nq57/shared/schemas';
import { describeEachEngine, login, type Session } from './helpers';
import { caller, fingerprint, sessions, vietnamese, type Who } from './workflow-helpers';

const ROUND = 'm10-2026'; // the demo's open round
const MO_RAI = '23536'; // has not started it
const URL = `/api/periods/${ROUND}/submissions/${MO_RAI}`;
const id = (n: number) => `0d6c1f0e-5b7a-4c1e-9a55-${String(n).padStart(12, '0')}`;

describeEachEngine('a save resent by the outbox (client id)', (ctx) => {
  const call = caller(() => ctx().app);
  let who: Who;
  let moRai: Session;
  const firstAnswer: Record<string, unknown> = {};

  beforeAll(async () => {
    who = await sessions(ctx().app);
    moRai = await login(ctx().app, 'xa.morai');
  });

  /** audit rows of Mô Rai in the round (each changed figure writes one) */
  const auditRows = async () =>
    (
      await ctx().database.query<{ n: number }>(
        `select count(*)::int as n from audit_log a join periods p on p.id = a.period_id join communes c on c.id = a.commune_id
         where p.code = '${ROUND}' and c.code = '${MO_RAI}'`,
      )
    )[0].n;
  const put = (s: Session, body: object) => ctx().app.inject({ method: 'PUT', url: URL, headers: s.headers, payload: body });

  it('the first save of a form, sent twice: one write, one audit row per figure, the same answer', async () => {
    const body = { version: 0, values: { dossiers_received: 120, dossiers_resolved: 110 }, clientId: id(1) };
    const first = await call(moRai, 'PUT', URL, body, 200);
    expect(Value.Check(SubmissionSaved, first)).toBe(true);
    expect(first.version).toBe(1);
    expect(await auditRows()).toBe(2);
    firstAnswer.a = first;

    const before = await fingerprint(ctx().database);
    const again = await call(moRai, 'PUT', URL, body, 200);
    expect(again).toEqual(first);
    expect(await fingerprint(ctx().database)).toEqual(before);
  });

  it('a resend after later saves still gets its first answer, not a 409 against itself', async () => {
    const second = await call(moRai, 'PUT', URL, { version: 1, values: { it_staff: 2 }, clientId: id(2) }, 200);
    expect(second.version).toBe(2);
    const before = await fingerprint(ctx().database);
    const resent = await call(moRai, 'PUT', URL, { version: 0, values: { dossiers_received: 120, dossiers_resolved: 110 }, clientId: id(1) }, 200);
    expect(resent).toEqual(firstAnswer.a);
    expect(await fingerprint(ctx().database)).toEqual(before);
    const form = (await call(moRai, 'GET', URL, undefined, 200)) as SubmissionOut;
    expect(form.version).toBe(2);
    expect(form.values.find((v) => v.element === 'it_staff')?.value).toBe(2);
  });

  it('a new client id on an old version is a real conflict: 409, nothing written', async () => {
    const before = await fingerprint(ctx().database);
    const refused = await call(moRai, 'PUT', URL, { version: 1, values: { it_staff: 3 }, clientId: id(3) }, 409);
    expect(refused.code).toBe('STALE_VERSION');
    expect(await fingerprint(ctx().database)).toEqual(before);
    // … and it was not remembered as done: the same id on the right version is a save
    const ok = await call(moRai, 'PUT', URL, { version: 2, values: { it_staff: 3 }, clientId: id(3) }, 200);
    expect(ok.version).toBe(3);
  });

  it('two copies arriving together (the page and the service worker) are one save', async () => {
    const rows = await auditRows();
    const body = { version: 3, values: { digital_certificates: 40 }, clientId: id(4) };
    const [a, b] = await Promise.all([put(moRai, body), put(moRai, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(a.json().version).toBe(4);
    expect(await auditRows()).toBe(rows + 1);
  });

  it('the same id from another account is not the same save', async () => {
    const rows = await auditRows();
    // the admin correcting the form happens to send an id the officer used: it is a save of its own
    const admin = await call(who.admin, 'PUT', URL, { version: 4, values: { digital_certificates: 41 }, clientId: id(4) }, 200);
    expect(admin.version).toBe(5);
    expect(await auditRows()).toBe(rows + 1);
    // and the officer's resend still gets the officer's answer
    expect((await call(moRai, 'PUT', URL, { version: 3, values: { digital_certificates: 40 }, clientId: id(4) }, 200)).version).toBe(4);
  });

  it('an id that is not one is refused in Vietnamese (400)', async () => {
    const refused = await call(moRai, 'PUT', URL, { version: 5, values: { it_staff: 4 }, clientId: 'x' }, 400);
    expect(refused.message).toMatch(vietnamese);
    expect(refused.message).toContain('clientId');
  });

  it('answers are kept for a while, then forgotten on a later save', async () => {
    await ctx().database.query(`update submission_saves set saved_at = now() - interval '100 days' where client_id = '${id(1)}'`);
    await call(moRai, 'PUT', URL, { version: 5, values: { it_staff: 4 }, clientId: id(5) }, 200);
    const left = await ctx().database.query<{ client_id: string }>(`select client_id from submission_saves order by client_id`);
    expect(left.map((r) => r.client_id)).toEqual([id(2), id(3), id(4), id(5)]);
  });

  it('after the round closes, a resend is still done; a new save is refused', async () => {
    await call(who.admin, 'PATCH', `/api/periods/${ROUND}`, { status: 'closed' }, 200);
    const before = await fingerprint(ctx().database);
    const resent = await call(moRai, 'PUT', URL, { version: 5, values: { it_staff: 4 }, clientId: id(5) }, 200);
    expect(resent.version).toBe(6);
    expect(await fingerprint(ctx().database)).toEqual(before);
    const refused = await call(moRai, 'PUT', URL, { version: 6, values: { it_staff: 5 }, clientId: id(6) }, 409);
    expect(refused.code).toBe('ROUND_CLOSED');
  });
});
