// The web's one write layer (src/api/mutations.ts): each write goes to the address paths.ts builds,
// with the session's x-csrf-token, and invalidates exactly the queries it touches. Run against a
// real QueryClient with fetch (and, for the spreadsheet, XMLHttpRequest) replaced.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MutationObserver, QueryClient, type QueryKey } from '@tanstack/react-query';
import type { SubmissionOut, SubmissionSaved } from '@nq57/shared/schemas';
import { ApiError, setCsrfToken } from '../src/api/client';
import {
  applyOutboxEvent,
  authMutations,
  contactMutations,
  importMutations,
  outboxMutations,
  playlistMutations,
  reminderMutations,
  reportMutations,
  roundMutations,
  submissionMutations,
  userMutations,
  withSaved,
} from '../src/api/mutations';
import { UploadError } from '../src/api/upload';
import { onOutbox, type OutboxEvent } from '../src/offline/events';
import { isSettled, summarize, type FormChange } from '../src/offline/outbox';
import { forgetEverything, outboxOf, rememberSession, storedSession } from '../src/offline/store';
import { apiPaths } from '../src/api/paths';
import { authQueries, submissionQueries, userQueries } from '../src/api/queries';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

let sent: Sent[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeEach(async () => {
  // the officer of Tịnh Khê was signed in here (the outbox sends only its owner's records)
  await rememberSession({ user: { username: 'xa.tinhkhe' } as never, csrfToken: null, readRequiresLogin: false });
  sent = [];
  answer = { status: 200, body: {} };
  setCsrfToken('token-1');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ method: init.method ?? 'GET', url, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(init.body as string) : undefined });
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  await forgetEverything();
});

/** the form's save of Tịnh Khê's Q4 report (the outbox runs on memory here: no IndexedDB in Node) */
function change(values: FormChange['values'], explanations: FormChange['explanations'] = {}): FormChange {
  return { owner: 'xa.tinhkhe', period: 'q4-2026', commune: '21211', version: 3, values, explanations };
}

/** The API answering by method and address (a missing one: no network). */
function serve(routes: Record<string, { status: number; body: unknown }>) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    sent.push({ method, url, headers: (init.headers ?? {}) as Record<string, string>, body: init.body ? JSON.parse(init.body as string) : undefined });
    const r = routes[`${method} ${url}`];
    if (!r) throw new TypeError('Failed to fetch');
    return new Response(r.status === 204 ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  });
}

/** A browser's localStorage (Node has none), as a Map to look into. */
function fakeLocalStorage(kept: Map<string, string>) {
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, String(v)),
      removeItem: (k: string) => void kept.delete(k),
      key: (i: number) => [...kept.keys()][i] ?? null,
      get length() {
        return kept.size;
      },
    },
  });
}

/** Runs a factory's write as useMutation would, and lists the keys it invalidated. */
async function run<TData, TVars>(client: QueryClient, options: object, variables: TVars) {
  const invalidated: QueryKey[] = [];
  const spy = vi.spyOn(client, 'invalidateQueries').mockImplementation(async (filters) => {
    invalidated.push(filters!.queryKey!);
  });
  // the factories differ in their types; what is checked here is what they send and invalidate
  const observer = new MutationObserver(client, options as never) as unknown as { mutate: (v: TVars) => Promise<TData> };
  const data = await observer.mutate(variables);
  spy.mockRestore();
  return { data, invalidated };
}

const FIGURES = [['periods'], ['rankings'], ['overview'], ['communes']];

describe('every write: its address, the session token, what it invalidates', () => {
  const cases: { name: string; options: () => object; variables: unknown; method: string; url: string; invalidates: QueryKey[] }[] = [
    { name: 'change password', options: authMutations.changePassword, variables: { currentPassword: 'a', newPassword: 'b'.repeat(10) }, method: 'POST', url: '/api/auth/password', invalidates: [] },
    { name: 'create account', options: userMutations.create, variables: { username: 'xa.moi', password: 'x'.repeat(10), role: 'leader' }, method: 'POST', url: '/api/users', invalidates: [['users']] },
    { name: 'lock account', options: userMutations.update, variables: { username: 'xa.tinh khe', body: { disabled: true } }, method: 'PATCH', url: '/api/users/xa.tinh%20khe', invalidates: [['users']] },
    { name: 'open a round', options: roundMutations.open, variables: { code: 'q4-2026' }, method: 'POST', url: '/api/periods', invalidates: [...FIGURES, ['rounds']] },
    { name: 'close a round', options: roundMutations.close, variables: 'q4-2026', method: 'PATCH', url: '/api/periods/q4-2026', invalidates: [...FIGURES, ['rounds'], ['completeness']] },
    { name: 'save a mapping', options: importMutations.saveMapping, variables: { name: 'BDHVS', columns: {} }, method: 'POST', url: '/api/import-mappings', invalidates: [['imports', 'mappings']] },
    { name: 'new playlist', options: playlistMutations.save, variables: { id: null, body: {} }, method: 'POST', url: '/api/playlists', invalidates: [['playlists']] },
    { name: 'change a playlist', options: playlistMutations.save, variables: { id: 7, body: {} }, method: 'PUT', url: '/api/playlists/7', invalidates: [['playlists']] },
    { name: 'delete a playlist', options: playlistMutations.remove, variables: 7, method: 'DELETE', url: '/api/playlists/7', invalidates: [['playlists']] },
    { name: 'briefing link', options: playlistMutations.createLink, variables: { playlistId: 7, label: '' }, method: 'POST', url: '/api/briefing-tokens', invalidates: [['playlists', 'tokens']] },
    { name: 'revoke a link', options: playlistMutations.revokeLink, variables: 3, method: 'DELETE', url: '/api/briefing-tokens/3', invalidates: [['playlists', 'tokens']] },
    { name: 'save a commune\'s contacts', options: contactMutations.save, variables: { commune: '21211', body: { ubndEmail: 'a@b.example' } }, method: 'PUT', url: '/api/contacts/21211', invalidates: [['contacts']] },
    { name: '"Nhắc ngay", its dry run', options: () => reminderMutations.remind('m10 2026'), variables: { dryRun: true }, method: 'POST', url: '/api/periods/m10%202026/reminders?dryRun=true', invalidates: [] },
    { name: '"Nhắc ngay"', options: () => reminderMutations.remind('m10-2026'), variables: { dryRun: false }, method: 'POST', url: '/api/periods/m10-2026/reminders', invalidates: [['reminders', 'm10-2026']] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { invalidated } = await run(new QueryClient(), c.options(), c.variables);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ method: c.method, url: c.url });
      expect(sent[0].headers['x-csrf-token']).toBe('token-1');
      expect(invalidated).toEqual(c.invalidates);
    });
  }

  it('figures accepted from a report: written as a save of that commune\'s form, which is fetched again with its read', async () => {
    answer = { status: 200, body: { commune: '21211', version: 4, status: 'draft', errors: [], warnings: [], written: [] } };
    const { invalidated } = await run(new QueryClient(), reportMutations.accept('q4-2026', 12), { version: 3, figures: [{ element: 'dossiers_received', value: 3781 }] });
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/periods/q4-2026/reports/12/accept', body: { version: 3, figures: [{ element: 'dossiers_received', value: 3781 }] } });
    expect(sent[0].headers['x-csrf-token']).toBe('token-1');
    expect(invalidated).toEqual([['submissions', 'q4-2026'], ['submissions', 'xa', '21211'], ['completeness', 'q4-2026'], ['audit'], ['reports', 'q4-2026', 12]]);
  });

  it('a refusal is an ApiError with the API\'s Vietnamese message, and invalidates nothing', async () => {
    answer = { status: 409, body: { statusCode: 409, code: 'CONFLICT', message: 'Kỳ đã đóng.' } };
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    const err = await new MutationObserver(client, roundMutations.close()).mutate('q4-2026').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, message: 'Kỳ đã đóng.' });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('a commune\'s report', () => {
  const submission = (over: Partial<SubmissionOut> = {}): SubmissionOut =>
    ({
      version: 3,
      status: 'draft',
      errors: [],
      warnings: [],
      values: [
        { element: 'a', value: 1, previousValue: null, explanation: null },
        { element: 'b', value: 2, previousValue: null, explanation: 'cũ' },
      ],
      ...over,
    }) as SubmissionOut;
  const saved: SubmissionSaved = { version: 4, status: 'draft', errors: [], warnings: [{ element: 'b', code: 'jump_3x', message: 'Gấp 3 lần' }] } as unknown as SubmissionSaved;

  it('each step posts to the report\'s own address; approve and reopen also refresh the public figures, a return the reminders', async () => {
    const mine = [['submissions', 'q4-2026'], ['submissions', 'xa', '21211'], ['completeness', 'q4-2026'], ['audit']];
    for (const [step, body, figures] of [
      ['submit', { version: 3 }, false],
      ['approve', { version: 3 }, true],
      ['return', { comment: 'Sửa ô 2' }, false],
      ['reopen', { reason: 'Sai số' }, true],
    ] as const) {
      sent = [];
      const { invalidated } = await run(new QueryClient(), submissionMutations.step('q4-2026', '21211'), { step, body });
      expect(sent[0]).toMatchObject({ method: 'POST', url: `/api/periods/q4-2026/submissions/21211/${step}`, body });
      expect(sent[0].headers['x-csrf-token']).toBe('token-1');
      expect(invalidated).toEqual(figures ? [...mine, ...FIGURES] : step === 'return' ? [...mine, ['reminders', 'q4-2026']] : mine);
    }
  });

  it('submit sends what the form answers first, and is not sent when the form refuses', async () => {
    const order: string[] = [];
    const options = submissionMutations.step('q4-2026', '21211', {
      beforeSubmit: async () => {
        order.push('saved first');
        return { version: 5 };
      },
    });
    await run(new QueryClient(), options, { step: 'submit', body: {} });
    expect(order).toEqual(['saved first']);
    expect(sent[0].body).toEqual({ version: 5 });

    sent = [];
    const refused = submissionMutations.step('q4-2026', '21211', { beforeSubmit: () => Promise.reject(new Error('Chưa nộp được')) });
    await expect(run(new QueryClient(), refused, { step: 'submit', body: {} })).rejects.toThrow('Chưa nộp được');
    expect(sent).toEqual([]);
  });

  it('the autosave goes through the outbox: a PUT with the version, the changes and a client id; the cached report follows the answer', async () => {
    answer = { status: 200, body: saved };
    const client = new QueryClient();
    client.setQueryData(submissionQueries.detail('q4-2026', '21211').queryKey, submission());
    const off = onOutbox((e) => applyOutboxEvent(client, e));
    // the answer reaches the cache as an outbox event, as it would from the service worker
    const { invalidated } = await run(client, outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }, { b: { text: 'mới', base: '' } }));
    off();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/periods/q4-2026/submissions/21211', headers: { 'x-csrf-token': 'token-1' } });
    expect(sent[0].body).toEqual({ version: 3, values: { a: 10 }, explanations: { b: 'mới' }, clientId: expect.stringMatching(/^[A-Za-z0-9-]{16,64}$/) });
    expect(invalidated).toEqual([['completeness', 'q4-2026']]);
    const cached = client.getQueryData(submissionQueries.detail('q4-2026', '21211').queryKey)!;
    expect(cached.version).toBe(4);
    expect(cached.values.map((v) => [v.element, v.value, v.explanation])).toEqual([
      ['a', 10, null],
      ['b', 2, 'mới'],
    ]);
    expect((await outboxOf('xa.tinhkhe')).every(isSettled)).toBe(true);
  });

  it('with no network the save waits in the outbox and goes again with the same client id', async () => {
    const client = new QueryClient();
    const fetchOk = globalThis.fetch;
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await run(client, outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }));
    const [waiting] = await outboxOf('xa.tinhkhe');
    expect(waiting.sending?.clientId).toMatch(/^[A-Za-z0-9-]{16,64}$/);
    expect(waiting.attempts).toBe(1);
    // the network is back: "Gửi ngay" (or the online event) sends the very same request
    vi.stubGlobal('fetch', fetchOk);
    answer = { status: 200, body: saved };
    await run(client, outboxMutations.flush(), undefined);
    expect(sent.map((x) => (x.body as { clientId: string }).clientId)).toEqual([waiting.sending!.clientId]);
    expect((await outboxOf('xa.tinhkhe')).every(isSettled)).toBe(true);
  });

  it('a refusal keeps the figures, held with the server\'s reason', async () => {
    answer = { status: 409, body: { statusCode: 409, code: 'ROUND_CLOSED', message: 'Kỳ "Quý IV/2026" đã đóng' } };
    await run(new QueryClient(), outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }));
    const [held] = await outboxOf('xa.tinhkhe');
    expect(held).toMatchObject({ sending: null, held: { kind: 'locked', code: 'ROUND_CLOSED', message: 'Kỳ "Quý IV/2026" đã đóng' } });
    expect(held.values.a.value).toBe(10);
    // nothing more is sent until the officer acts
    sent = [];
    await run(new QueryClient(), outboxMutations.flush(), undefined);
    expect(sent).toEqual([]);
  });

  it('approved meanwhile (409 LOCKED): the figures are kept, held with the server\'s reason for the form to explain, never resent nor dropped', async () => {
    const approved = 'Số liệu của xã trong kỳ này đã được duyệt; cần quản trị mở lại (kèm lý do) trước khi nhập lại';
    answer = { status: 409, body: { statusCode: 409, code: 'LOCKED', message: approved } };
    const events: OutboxEvent[] = [];
    const off = onOutbox((e) => events.push(e));
    await run(new QueryClient(), outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }, { b: { text: 'Thêm tổ', base: '' } }));
    off();
    const [held] = await outboxOf('xa.tinhkhe');
    expect(held).toMatchObject({ sending: null, held: { kind: 'locked', code: 'LOCKED', message: approved } });
    expect(held.values.a).toMatchObject({ value: 10, base: 1 });
    expect(held.explanations.b.text).toBe('Thêm tổ');
    // the form hears it with the reason (its HeldPanel shows the message and the figures)
    expect(events).toContainEqual(expect.objectContaining({ type: 'held', key: held.key, held: expect.objectContaining({ kind: 'locked', message: approved }) }));
    // counted as kept for the officer, not as waiting to be sent
    expect(summarize([held], new Date())).toMatchObject({ changes: 0, kept: 2, held: 1 });
    // nothing goes again until the officer acts, and nothing is lost by trying
    sent = [];
    await run(new QueryClient(), outboxMutations.flush(), undefined);
    expect(sent).toEqual([]);
    expect(await outboxOf('xa.tinhkhe')).toEqual([held]);
  });

  it('withSaved: an emptied box is null, an emptied explanation is none, untouched fields stay', () => {
    const next = withSaved(submission(), { version: 3, values: { a: null }, explanations: { b: '' } }, saved);
    expect(next.values).toEqual([
      { element: 'a', value: null, previousValue: null, explanation: null },
      { element: 'b', value: 2, previousValue: null, explanation: null },
    ]);
    expect(next).toMatchObject({ version: 4, warnings: saved.warnings });
    expect(withSaved(submission(), { version: 3, values: {} }, saved).values).toEqual(submission().values);
  });

  it('the autosave is queued and tried even when the browser says it is offline (the form reports the failure itself)', () => {
    expect(outboxMutations.queueSave().networkMode).toBe('always');
    expect(outboxMutations.flush().networkMode).toBe('always');
    expect(importMutations.upload({ network: '', server: () => '' }).networkMode).toBe('always');
  });
});

describe('the session', () => {
  it('signing in keeps the new token for every later write and forgets the previous account\'s data', async () => {
    answer = { status: 200, body: { user: { username: 'xa.xop', role: 'commune' }, csrfToken: 'token-2' } };
    const client = new QueryClient();
    client.setQueryData(authQueries.me().queryKey, { user: null, csrfToken: null, readRequiresLogin: true });
    client.setQueryData(userQueries.list().queryKey, { users: [] });
    const { invalidated } = await run(client, authMutations.login(), { username: 'xa.xop', password: 'x' });
    expect(client.getQueryData(authQueries.me().queryKey)).toEqual({ user: { username: 'xa.xop', role: 'commune' }, csrfToken: 'token-2', readRequiresLogin: true });
    expect(client.getQueryData(userQueries.list().queryKey)).toBeUndefined();
    expect(invalidated).toEqual(FIGURES);
    await run(client, authMutations.changePassword(), { currentPassword: 'x', newPassword: 'y' });
    expect(sent.at(-1)!.headers['x-csrf-token']).toBe('token-2');
  });

  it('signing out forgets what this browser kept for the account: the outbox, the kept answers, the form\'s copies', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await run(new QueryClient(), outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }));
    expect(await outboxOf('xa.tinhkhe')).toHaveLength(1);
    const kept = new Map<string, string>([['nq57:nhap-lieu:v1:xa.tinhkhe:q4-2026:21211', '{}'], ['nq57:ky', 'q4-2026']]);
    vi.stubGlobal('window', {
      localStorage: {
        getItem: (k: string) => kept.get(k) ?? null,
        removeItem: (k: string) => kept.delete(k),
        key: (i: number) => [...kept.keys()][i] ?? null,
        get length() {
          return kept.size;
        },
      },
    });
    await expect(new MutationObserver(new QueryClient(), authMutations.logout()).mutate()).rejects.toBeInstanceOf(ApiError);
    expect(await outboxOf('xa.tinhkhe')).toEqual([]);
    expect(await storedSession()).toBeNull();
    // the form's copy goes; the round picked in the header is not the account's
    expect([...kept.keys()]).toEqual(['nq57:ky']);
  });

  it('signing out signs out here even when the server call fails', async () => {
    answer = { status: 500, body: null };
    const client = new QueryClient();
    client.setQueryData(authQueries.me().queryKey, { user: { username: 'admin' }, csrfToken: 'token-1', readRequiresLogin: false } as never);
    await expect(new MutationObserver(client, authMutations.logout()).mutate()).rejects.toBeInstanceOf(ApiError);
    expect(client.getQueryData(authQueries.me().queryKey)).toEqual({ user: null, csrfToken: null, readRequiresLogin: false });
    answer = { status: 204, body: null };
    await run(client, authMutations.changePassword(), { currentPassword: 'x', newPassword: 'y' });
    expect(sent.at(-1)!.headers['x-csrf-token']).toBeUndefined();
  });
});

describe('a session that ends, a sign-out with no network, two accounts on one device', () => {
  const me = authQueries.me().queryKey;
  const officer = { username: 'xa.tinhkhe', role: 'commune' };
  const saved = { version: 4, status: 'draft', errors: [], warnings: [] };

  it('the session expired while offline: the outbox says so, the session is asked again (the sign-in page), the figures wait and go once the same account signs in', async () => {
    serve({});
    await run(new QueryClient(), outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }));
    const [waiting] = await outboxOf('xa.tinhkhe');
    // the page was opened with no network (no write token); the network is back, the 12 h session is not
    setCsrfToken(null);
    serve({ 'GET /api/auth/me': { status: 200, body: { user: null, csrfToken: null, readRequiresLogin: false } } });
    const client = new QueryClient();
    client.setQueryData(me, { user: officer, csrfToken: null, readRequiresLogin: false } as never);
    const events: OutboxEvent[] = [];
    const offEvents = onOutbox((e) => events.push(e));
    // what OutboxRunner does with every event
    const offCache = onOutbox((e) => applyOutboxEvent(client, e));
    const invalidated: QueryKey[] = [];
    const spy = vi.spyOn(client, 'invalidateQueries').mockImplementation(async (f) => void invalidated.push(f!.queryKey!));
    sent = [];
    const outcome = await new MutationObserver(client, outboxMutations.flush()).mutate();
    spy.mockRestore();
    offEvents();
    offCache();
    expect(outcome).toBe('signedOut');
    expect(events).toContainEqual(expect.objectContaining({ type: 'signedOut' }));
    // `me` is asked again: it answers nobody, and the form's page sends the officer to sign in and back
    expect(invalidated).toContainEqual(me);
    expect(sent.filter((x) => x.method === 'PUT')).toEqual([]);
    expect(await outboxOf('xa.tinhkhe')).toEqual([waiting]);

    // the same officer signs in again: what waited goes, with its client id
    serve({
      'POST /api/auth/login': { status: 200, body: { user: officer, csrfToken: 'token-3' } },
      'PUT /api/periods/q4-2026/submissions/21211': { status: 200, body: saved },
    });
    await run(client, authMutations.login(), { username: 'xa.tinhkhe', password: 'x' });
    sent = [];
    await run(client, outboxMutations.flush(), undefined);
    expect(sent.map((x) => [x.method, x.headers['x-csrf-token'], (x.body as { clientId: string }).clientId])).toEqual([['PUT', 'token-3', waiting.sending!.clientId]]);
    expect((await outboxOf('xa.tinhkhe')).every(isSettled)).toBe(true);
  });

  it('signing out with no network ends the server session the next time /api/auth/me answers with the account', async () => {
    const local = new Map<string, string>();
    fakeLocalStorage(local);
    serve({});
    const client = new QueryClient();
    client.setQueryData(me, { user: officer, csrfToken: 'token-1', readRequiresLogin: false } as never);
    await expect(new MutationObserver(client, authMutations.logout()).mutate()).rejects.toBeInstanceOf(ApiError);
    expect(client.getQueryData(me)?.user).toBeNull();

    // online again: the httpOnly cookie was never cleared, the server still knows the account
    serve({
      'GET /api/auth/me': { status: 200, body: { user: officer, csrfToken: 'token-9', readRequiresLogin: false } },
      'POST /api/auth/logout': { status: 204, body: null },
    });
    sent = [];
    expect(await client.fetchQuery({ ...authQueries.me(), staleTime: 0 })).toEqual({ user: null, csrfToken: null, readRequiresLogin: false });
    expect(sent.map((x) => `${x.method} ${x.url}`)).toEqual(['GET /api/auth/me', 'POST /api/auth/logout']);
    expect(sent[1].headers['x-csrf-token']).toBe('token-9');
    expect(await storedSession()).toBeNull();
    // once only: after that, the server's answer is the answer
    serve({ 'GET /api/auth/me': { status: 200, body: { user: null, csrfToken: null, readRequiresLogin: false } } });
    sent = [];
    await client.fetchQuery({ ...authQueries.me(), staleTime: 0 });
    expect(sent.map((x) => `${x.method} ${x.url}`)).toEqual(['GET /api/auth/me']);
  });

  it('a sign-in after a sign-out with no network is not undone by it', async () => {
    fakeLocalStorage(new Map());
    serve({});
    const client = new QueryClient();
    client.setQueryData(me, { user: officer, csrfToken: 'token-1', readRequiresLogin: false } as never);
    await expect(new MutationObserver(client, authMutations.logout()).mutate()).rejects.toBeInstanceOf(ApiError);
    serve({
      'POST /api/auth/login': { status: 200, body: { user: officer, csrfToken: 'token-4' } },
      'GET /api/auth/me': { status: 200, body: { user: officer, csrfToken: 'token-4', readRequiresLogin: false } },
      'POST /api/auth/logout': { status: 204, body: null },
    });
    await run(client, authMutations.login(), { username: 'xa.tinhkhe', password: 'x' });
    sent = [];
    expect((await client.fetchQuery({ ...authQueries.me(), staleTime: 0 })).user).toEqual(officer);
    expect(sent.map((x) => `${x.method} ${x.url}`)).toEqual(['GET /api/auth/me']);
  });

  it('another account signing out deletes only its own: the unsent figures of an account whose session ended wait for it', async () => {
    const local = new Map<string, string>([
      ['nq57:nhap-lieu:v1:xa.tinhkhe:q4-2026:21211', '{}'],
      ['nq57:nhap-lieu:v1:xa.xop:q4-2026:23356', '{}'],
      ['nq57:ky', 'q4-2026'],
    ]);
    fakeLocalStorage(local);
    serve({});
    // A (Tịnh Khê) typed with no network; A's session expired
    await run(new QueryClient(), outboxMutations.queueSave(), change({ a: { value: 10, base: 1 } }));
    // B (Xốp) signs in on the same phone, types, and signs out
    await rememberSession({ user: { username: 'xa.xop' } as never, csrfToken: null, readRequiresLogin: false });
    await run(new QueryClient(), outboxMutations.queueSave(), { ...change({ b: { value: 5, base: null } }), owner: 'xa.xop', commune: '23356' });
    expect(await outboxOf('xa.xop')).toHaveLength(1);
    const client = new QueryClient();
    client.setQueryData(me, { user: { username: 'xa.xop', role: 'commune' }, csrfToken: 'token-1', readRequiresLogin: false } as never);
    serve({ 'POST /api/auth/logout': { status: 204, body: null } });
    await new MutationObserver(client, authMutations.logout()).mutate();
    expect(await outboxOf('xa.xop')).toEqual([]);
    expect((await outboxOf('xa.tinhkhe')).map((r) => r.values.a?.value)).toEqual([10]);
    expect([...local.keys()].sort()).toEqual(['nq57:ky', 'nq57:nhap-lieu:v1:xa.tinhkhe:q4-2026:21211']);
    // what is shared (the session, the kept answers) goes
    expect(await storedSession()).toBeNull();
  });
});

describe('the spreadsheet upload (XMLHttpRequest, for its progress)', () => {
  class FakeXhr {
    static last: FakeXhr;
    method = '';
    url = '';
    headers: Record<string, string> = {};
    status = 0;
    responseText = '';
    upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void; onload?: () => void } = {};
    onload?: () => void;
    onerror?: () => void;
    constructor() {
      FakeXhr.last = this;
    }
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send() {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.upload.onload?.();
      this.status = 200;
      this.responseText = JSON.stringify({ importId: 9, summary: {}, problems: [], unknownColumns: [] });
      this.onload?.();
    }
  }

  it('takes its address and the session token from the write layer; only a real import refreshes the figures', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const progress: number[] = [];
    const file = new File(['Mã xã;Tên xã\n'], 'so-lieu.csv');
    const options = importMutations.upload({ network: 'Không gửi được tệp', server: (s) => `Lỗi ${s}` });
    const check = await run(new QueryClient(), options, { period: 'q4 2026', file, dryRun: true, mode: 'submitted', mapping: '', onProgress: (f: number) => progress.push(f) });
    expect(FakeXhr.last).toMatchObject({ method: 'POST', url: '/api/periods/q4%202026/imports?dryRun=true', headers: { 'x-csrf-token': 'token-1' } });
    expect(progress).toEqual([0.5, 1]);
    expect(check.invalidated).toEqual([]);
    const write = await run(new QueryClient(), options, { period: 'q4-2026', file, dryRun: false, mode: 'submitted', mapping: '' });
    expect(FakeXhr.last.url).toBe('/api/periods/q4-2026/imports');
    expect(write.invalidated).toEqual([...FIGURES, ['imports']]);
  });

  it('the contacts\' spreadsheet goes the same way; a refusal carries its problems by row and column', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const file = new File(['Mã xã,E-mail UBND\n'], 'lien-he.csv');
    const options = contactMutations.upload({ network: 'Không gửi được tệp', server: (s) => `Lỗi ${s}` });
    const check = await run(new QueryClient(), options, { file, dryRun: true });
    expect(FakeXhr.last).toMatchObject({ method: 'POST', url: '/api/contacts/import?dryRun=true', headers: { 'x-csrf-token': 'token-1' } });
    expect(check.invalidated).toEqual([]);
    const write = await run(new QueryClient(), options, { file, dryRun: false });
    expect(FakeXhr.last.url).toBe('/api/contacts/import');
    expect(write.invalidated).toEqual([['contacts']]);

    const problem = { row: 3, column: 'E-mail UBND', message: 'E-mail UBND "x" không phải địa chỉ e-mail' };
    class RefusingXhr extends FakeXhr {
      send() {
        this.status = 400;
        this.responseText = JSON.stringify({ statusCode: 400, code: 'CONTACTS_HAVE_ERRORS', message: 'Tệp có 1 lỗi: chưa ghi gì.', problems: [problem] });
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', RefusingXhr);
    const err = await new MutationObserver(new QueryClient(), options).mutate({ file, dryRun: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ status: 400, message: 'Tệp có 1 lỗi: chưa ghi gì.', problems: [problem] });
  });
});

describe('addresses', () => {
  it('every code is encoded the same way, reads and writes alike', () => {
    expect(apiPaths.submission('q4 2026', '21/211')).toBe('/api/periods/q4%202026/submissions/21%2F211');
    expect(apiPaths.submissionStep('q4-2026', '21211', 'approve')).toBe('/api/periods/q4-2026/submissions/21211/approve');
    expect(apiPaths.roundFile('q4-2026', 'template.xlsx')).toBe('/api/periods/q4-2026/template.xlsx');
    expect(apiPaths.completenessCsv('q4-2026')).toBe('/api/periods/q4-2026/completeness?format=csv');
    expect(apiPaths.imports('q4-2026', true)).toBe('/api/periods/q4-2026/imports?dryRun=true');
    expect(apiPaths.reminderLetter('q4 2026')).toBe('/api/periods/q4%202026/reminder-letter.docx');
    expect(apiPaths.contact('21/211')).toBe('/api/contacts/21%2F211');
  });
});
