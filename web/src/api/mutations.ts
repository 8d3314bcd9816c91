// Every write the web makes, as mutationOptions factories beside the queryOptions factories of
// ./queries.ts, and read the same way: `useMutation(roundMutations.close())` as
// `useQuery(periodQueries.list())`. Each factory
//  - sends its write: the address from ./paths.ts, the session's x-csrf-token added by
//    ./client.ts (sendJson) or ./upload.ts (the spreadsheet, with progress);
//  - invalidates, in onSuccess, exactly the queries the write touches, through the query
//    factories' keys, so no page has to remember what a write changes;
//  - fails with an ApiError (an UploadError for the spreadsheet) whose message is the API's
//    Vietnamese text: a page shows `mutation.error.message`, nothing else.
// What a page shows after a write (a message, a closed dialog, a new address) goes in
// `mutate(variables, { onSuccess })`, as TanStack Query's mutations guide advises: the cache is
// kept right even when the page has gone by the time the answer comes.
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  BriefingTokenBody,
  CommuneContactBody,
  CommuneContactOut,
  RemindersSent,
  BriefingTokenCreated,
  CommentBody,
  LoginBody,
  MappingBody,
  MappingOut,
  MeOut,
  PasswordChangeBody,
  PeriodCreateBody,
  PlaylistBody,
  PlaylistOut,
  ReasonBody,
  ReportAcceptBody,
  ReportAccepted,
  RoundOut,
  SessionOut,
  SubmissionOut,
  SubmissionPutBody,
  SubmissionSaved,
  SubmitBody,
  UserCreateBody,
  UserOut,
  UserPatchBody,
  ReleaseOut,
} from '@nq57/shared/schemas';
// the offline code (issue 15) is loaded when a signed-in account needs it, never on an anonymous visit
import type { OutboxEvent } from '../offline/events';
import type { FormChange } from '../offline/outbox';
import type { OutboxTransport } from '../offline/sync';
import { ApiError, csrfHeaders, sendJson, setCsrfToken, setPendingSignOut } from './client';
import { apiPaths, type SubmissionStep } from './paths';
import {
  askMe,
  auditQueries,
  authQueries,
  catalogueQueries,
  communeQueries,
  completenessQueries,
  contactQueries,
  importQueries,
  overviewQueries,
  periodQueries,
  playlistQueries,
  rankingQueries,
  releaseQueries,
  reportQueries,
  reminderQueries,
  roundQueries,
  submissionQueries,
  userQueries,
} from './queries';
import { uploadContacts, uploadImport, uploadReport, type ReportUploadOptions, type UploadMessages, type UploadOptions } from './upload';

// ── What a write changes in the cache ─────────────────────────────────────────────────────

/** After figures are published (approve, reopen, an import) or a round opens or closes, the read side refreshes. */
export function invalidateFigures(client: QueryClient) {
  for (const key of [periodQueries.all(), rankingQueries.all(), overviewQueries.all(), communeQueries.all()]) {
    void client.invalidateQueries({ queryKey: key });
  }
}

/** Data that belongs to one account: dropped on sign-in and sign-out so nothing leaks between users. */
export function forgetPrivateData(client: QueryClient) {
  for (const key of [userQueries.all(), submissionQueries.all(), completenessQueries.all(), auditQueries.all(), roundQueries.all(), contactQueries.all(), reminderQueries.all()]) {
    client.removeQueries({ queryKey: key });
  }
}

/**
 * What this browser keeps of `owner`'s for the form with no network (issue 15: its outbox records
 * in IndexedDB, its form's copies in localStorage) and what is kept for whoever is signed in (the
 * reads, the session). Another account's unsent figures stay for its own next sign-in: its
 * session may have expired here while someone else used the device. The service worker caches
 * only the app's own code, never an answer of the API, so no cache holds anyone's data.
 */
export async function forgetOfflineData(owner: string | null) {
  const [{ forgetAccount }, { localDraftPrefix }] = await Promise.all([import('../offline/store'), import('../offline/outbox')]);
  await forgetAccount(owner).catch(() => undefined);
  if (!owner) return;
  try {
    const s = window.localStorage;
    const keys = Array.from({ length: s.length }, (_, i) => s.key(i)).filter((k): k is string => !!k?.startsWith(localDraftPrefix(owner)));
    for (const k of keys) s.removeItem(k);
  } catch {
    // storage blocked: there is nothing in it
  }
}

function signedIn(client: QueryClient, session: SessionOut) {
  setCsrfToken(session.csrfToken);
  // a sign-out made here with no network is over: this new session is not the one to end
  setPendingSignOut(false);
  forgetPrivateData(client);
  // whether reading needs a sign-in is the installation's setting: the sign-in does not change it
  const readRequiresLogin = client.getQueryData(authQueries.me().queryKey)?.readRequiresLogin ?? false;
  client.setQueryData(authQueries.me().queryKey, { user: session.user, csrfToken: session.csrfToken, readRequiresLogin });
  // what another account kept here for its form goes (its unsent figures stay, for its own next sign-in)
  // and the reads the form needs offline that were answered before the sign-in (the sign-in page
  // itself reads the rounds and the catalogue, and they stay fresh for minutes): kept now, or a
  // form opened with no network could not find its round
  const before = [periodQueries.list(), catalogueQueries.indicators(), communeQueries.list()].flatMap((q) => {
    const data = client.getQueryData(q.queryKey);
    return data === undefined ? [] : [{ key: q.queryKey as readonly unknown[], data }];
  });
  void import('../offline/store').then(async (s) => {
    await s.rememberSession({ user: session.user, csrfToken: null, readRequiresLogin });
    for (const r of before) await s.keepRead(s.keptKey(r.key), r.data);
  });
  // reading may need a sign-in (a setting): anything that failed for lack of one is fetched again
  invalidateFigures(client);
}

// ── The session and accounts ──────────────────────────────────────────────────────────────

export const authMutations = {
  login: () =>
    mutationOptions({
      mutationKey: [...authQueries.all(), 'login'] as const,
      mutationFn: (body: Static<typeof LoginBody>) => sendJson<SessionOut>('POST', apiPaths.login, body),
      onSuccess: (session, _body, _r, { client }) => signedIn(client, session),
    }),
  logout: () =>
    mutationOptions({
      mutationKey: [...authQueries.all(), 'logout'] as const,
      mutationFn: async () => {
        try {
          await sendJson<void>('POST', apiPaths.logout);
        } catch (e) {
          // the server did not end the session (no network, no write token yet, an error): its
          // httpOnly cookie stays, so the next answer of /api/auth/me naming the account ends it
          setPendingSignOut(true);
          throw e;
        }
      },
      onSettled: async (_d, _e, _v, _r, { client }) => {
        // signed out locally even if the server call failed (ended on the server when it next answers)
        // who is signing out: the page's session, else the one the offline store remembers
        const owner = client.getQueryData(authQueries.me().queryKey)?.user?.username ?? (await (await import('../offline/store')).storedSession().catch(() => null))?.username ?? null;
        setCsrfToken(null);
        forgetPrivateData(client);
        // and nothing of the account stays on this device (the page asked first if figures were unsent)
        await forgetOfflineData(owner);
        client.setQueryData(authQueries.me().queryKey, (old: MeOut | undefined) => ({
          user: null,
          csrfToken: null,
          readRequiresLogin: old?.readRequiresLogin ?? false,
        }));
      },
    }),
  /** the other sessions of the account end on the server; nothing cached changes */
  changePassword: () =>
    mutationOptions({
      mutationKey: [...authQueries.all(), 'password'] as const,
      mutationFn: (body: Static<typeof PasswordChangeBody>) => sendJson<void>('POST', apiPaths.password, body),
    }),
};

export const userMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...userQueries.all(), 'create'] as const,
      mutationFn: (body: UserCreateBody) => sendJson<UserOut>('POST', apiPaths.users, body),
      onSuccess: (_u, _b, _r, { client }) => void client.invalidateQueries({ queryKey: userQueries.all() }),
    }),
  /** lock, unlock, or a new password */
  update: () =>
    mutationOptions({
      mutationKey: [...userQueries.all(), 'update'] as const,
      mutationFn: ({ username, body }: { username: string; body: UserPatchBody }) => sendJson<UserOut>('PATCH', apiPaths.user(username), body),
      onSuccess: (_u, _v, _r, { client }) => void client.invalidateQueries({ queryKey: userQueries.all() }),
    }),
};

// ── Rounds ────────────────────────────────────────────────────────────────────────────────

export const roundMutations = {
  open: () =>
    mutationOptions({
      mutationKey: [...roundQueries.all(), 'open'] as const,
      mutationFn: (body: PeriodCreateBody) => sendJson<RoundOut>('POST', apiPaths.periods, body),
      onSuccess: (_r, _b, _m, { client }) => {
        invalidateFigures(client);
        void client.invalidateQueries({ queryKey: roundQueries.all() });
      },
    }),
  /** `period`: the round's code */
  close: () => setStatus('close', 'closed'),
  /** reopened for a correction: the published release stays what the public reads until the next one */
  reopen: () => setStatus('reopen', 'open'),
};

function setStatus(name: string, status: 'open' | 'closed') {
  return mutationOptions({
    mutationKey: [...roundQueries.all(), name] as const,
    mutationFn: (period: string) => sendJson<RoundOut>('PATCH', apiPaths.period(period), { status }),
    onSuccess: (_r, _p, _m, { client }) => {
      invalidateFigures(client);
      void client.invalidateQueries({ queryKey: roundQueries.all() });
      void client.invalidateQueries({ queryKey: completenessQueries.all() });
    },
  });
}

// ── Published rankings (issue 12) ─────────────────────────────────────────────────────────

export const releaseMutations = {
  /** publishes a closed round as its next release: every public read moves to it */
  publish: () =>
    mutationOptions({
      mutationKey: [...releaseQueries.all(), 'publish'] as const,
      mutationFn: ({ period, note }: { period: string; note?: string }) => sendJson<ReleaseOut>('POST', apiPaths.releases(period), note ? { note } : {}),
      onSuccess: (_r, _v, _m, { client }) => {
        invalidateFigures(client);
        void client.invalidateQueries({ queryKey: releaseQueries.all() });
      },
    }),
};

// ── A commune's report in a round ─────────────────────────────────────────────────────────

/** The body of each step: the version looked at (submit, approve), the Sở's comment, the reason. */
export type StepVariables =
  | { step: 'submit' | 'approve'; body: SubmitBody }
  | { step: 'return'; body: Static<typeof CommentBody> }
  | { step: 'reopen'; body: Static<typeof ReasonBody> };

/** the steps after which the figures the public sees change */
const PUBLISHES: ReadonlySet<SubmissionStep> = new Set(['approve', 'reopen']);

export const submissionMutations = {
  /**
   * submit, approve, return, reopen: the report's state changes, and with approve and reopen the
   * figures. `beforeSubmit`: what the form does first and the body it then sends (the entry form
   * saves what is on screen and answers the version that save made); it fails to stop the submit.
   */
  step: (period: string, commune: string, { beforeSubmit }: { beforeSubmit?: () => Promise<SubmitBody> } = {}) =>
    mutationOptions({
      mutationKey: [...submissionQueries.byPeriod(period), commune, 'step'] as const,
      mutationFn: async ({ step, body }: StepVariables) =>
        sendJson<SubmissionOut>('POST', apiPaths.submissionStep(period, commune, step), step === 'submit' && beforeSubmit ? await beforeSubmit() : body),
      onSuccess: (_s, { step }, _r, { client }) => {
        void client.invalidateQueries({ queryKey: submissionQueries.byPeriod(period) });
        void client.invalidateQueries({ queryKey: submissionQueries.ofCommune(commune).queryKey });
        void client.invalidateQueries({ queryKey: completenessQueries.byPeriod(period).queryKey });
        void client.invalidateQueries({ queryKey: auditQueries.all() });
        // a return queues the e-mail with the Sở's comment (issue 14)
        if (step === 'return') void client.invalidateQueries({ queryKey: reminderQueries.byPeriod(period).queryKey });
        if (PUBLISHES.has(step)) invalidateFigures(client);
      },
    }),
};

// ── The outbox (issue 15): every save of the form waits in IndexedDB until the server has it ──

/**
 * The outbox's way to the API: the page's sends and the service worker's (Background Sync) alike.
 * The worker has no page to hand it the write token, so it asks /api/auth/me (`fresh`); a record
 * is only ever sent with its own owner's session.
 */
export const outboxTransport: OutboxTransport = {
  async signedIn(fresh) {
    const store = await import('../offline/store');
    if (!fresh && csrfHeaders()['x-csrf-token']) {
      const s = await store.storedSession();
      if (s) return s.username;
    }
    const me = await askMe();
    setCsrfToken(me.csrfToken);
    if (me.user) await store.rememberSession(me);
    return me.user?.username ?? null;
  },
  async put(request, owner) {
    const { requestBody } = await import('../offline/outbox');
    const put = () => sendJson<SubmissionSaved>('PUT', apiPaths.submission(request.period, request.commune), requestBody(request));
    try {
      return await put();
    } catch (e) {
      // a write token from before a sign-in in another tab: the current one, once, if it is still this account
      if (!(e instanceof ApiError) || e.status !== 403 || e.code !== 'CSRF') throw e;
      const who = await outboxTransport.signedIn(true);
      if (who !== owner) throw new ApiError(401, 'UNAUTHENTICATED', e.message);
      return put();
    }
  },
  async saved(request, body, result) {
    // the copy the form opens with offline follows, as the query cache does (applyOutboxEvent)
    const store = await import('../offline/store');
    await store.updateKept<SubmissionOut>(store.keptKey(submissionQueries.detail(request.period, request.commune).queryKey), (old) => withSaved(old, body, result));
  },
};

/** What an answer of the outbox changes in the cache, whoever sent it (this page, another tab, the worker). */
export function applyOutboxEvent(client: QueryClient, e: OutboxEvent) {
  // the session is gone: `me` is asked again, and with nobody signed in the pages send the officer
  // to /dang-nhap and back (RequireRole); the outbox keeps the records for the same account
  if (e.type === 'signedOut') return void client.invalidateQueries({ queryKey: authQueries.me().queryKey });
  if (e.type !== 'acked') return;
  const { period, commune } = e.request;
  client.setQueryData(submissionQueries.detail(period, commune).queryKey, (old) => (old ? withSaved(old, e.body, e.result) : old));
  void client.invalidateQueries({ queryKey: completenessQueries.byPeriod(period).queryKey });
}

export const outboxMutations = {
  /**
   * The form's save: into the outbox (it survives a closed tab and a dead battery), then sent at
   * once if the network allows. Resolves when that attempt is over, whatever came of it: the
   * outcome reaches the form as outbox events (../offline/events.ts), the same whether this page,
   * another tab or the service worker sent it. networkMode 'always': queueing needs no network.
   */
  queueSave: () =>
    mutationOptions({
      mutationKey: [...submissionQueries.all(), 'outbox', 'queue'] as const,
      mutationFn: async (change: FormChange) => (await import('../offline/runner')).queueSave(outboxTransport, change),
      networkMode: 'always',
    }),
  /** "Lưu ngay": try what waits now, without waiting for the next chance */
  flush: () =>
    mutationOptions({
      mutationKey: [...submissionQueries.all(), 'outbox', 'flush'] as const,
      mutationFn: async () => (await import('../offline/runner')).requestFlush(outboxTransport),
      networkMode: 'always',
    }),
};

/** The cached report after a save: the server's new version and checks, and the values just sent. */
export function withSaved(old: SubmissionOut, sent: SubmissionPutBody, res: SubmissionSaved): SubmissionOut {
  const explanations = sent.explanations ?? {};
  return {
    ...old,
    version: res.version,
    status: res.status,
    errors: res.errors,
    warnings: res.warnings,
    values: old.values.map((v) => ({
      ...v,
      value: v.element in sent.values ? sent.values[v.element] : v.value,
      explanation: v.element in explanations ? explanations[v.element] || null : v.explanation,
    })),
  };
}

// ── Files (issue 6) ───────────────────────────────────────────────────────────────────────

export const importMutations = {
  /**
   * A dry run (nothing written) or the import itself. networkMode 'always', as the autosave: the
   * page says the file could not be sent rather than wait for the browser to come back online.
   */
  upload: (messages: UploadMessages) =>
    mutationOptions({
      mutationKey: [...importQueries.all(), 'upload'] as const,
      mutationFn: (o: UploadOptions) => uploadImport(o, messages),
      networkMode: 'always',
      onSuccess: (_r, o, _m, { client }) => {
        if (o.dryRun) return;
        invalidateFigures(client);
        void client.invalidateQueries({ queryKey: importQueries.all() });
      },
    }),
  /** the saved mapping is listed (awaited: the page picks it by name straight after) */
  saveMapping: () =>
    mutationOptions({
      mutationKey: [...importQueries.all(), 'mappings', 'save'] as const,
      mutationFn: (body: MappingBody) => sendJson<MappingOut>('POST', apiPaths.importMappings, body),
      onSuccess: (_m, _b, _r, { client }) => client.invalidateQueries({ queryKey: importQueries.mappings().queryKey }),
    }),
};

// ── A commune's narrative report (issue 11) ───────────────────────────────────────────────

export const reportMutations = {
  /** upload and read: the read is stored and cached under its id; no figure changes */
  read: (messages: UploadMessages) =>
    mutationOptions({
      mutationKey: [...reportQueries.all(), 'read'] as const,
      mutationFn: (o: ReportUploadOptions) => uploadReport(o, messages),
      networkMode: 'always',
      onSuccess: (r, o, _m, { client }) => client.setQueryData(reportQueries.detail(o.period, r.id).queryKey, r),
    }),
  /**
   * The accepted figures into the commune's form, as a save of the form: the form, the round's
   * progress, the audit and this read (what was written from it) are fetched again.
   */
  accept: (period: string, id: number) =>
    mutationOptions({
      mutationKey: [...reportQueries.all(), period, id, 'accept'] as const,
      mutationFn: (body: ReportAcceptBody) => sendJson<ReportAccepted>('POST', apiPaths.reportAccept(period, id), body),
      onSuccess: (res, _b, _r, { client }) => {
        void client.invalidateQueries({ queryKey: submissionQueries.byPeriod(period) });
        void client.invalidateQueries({ queryKey: submissionQueries.ofCommune(res.commune).queryKey });
        void client.invalidateQueries({ queryKey: completenessQueries.byPeriod(period).queryKey });
        void client.invalidateQueries({ queryKey: auditQueries.all() });
        void client.invalidateQueries({ queryKey: reportQueries.detail(period, id).queryKey });
      },
    }),
};

// ── The big screen's playlists and links (issue 5) ────────────────────────────────────────

export const playlistMutations = {
  /** a new playlist (id null) or the changes to one */
  save: () =>
    mutationOptions({
      mutationKey: [...playlistQueries.all(), 'save'] as const,
      mutationFn: ({ id, body }: { id: number | null; body: PlaylistBody }) =>
        id === null ? sendJson<PlaylistOut>('POST', apiPaths.playlists, body) : sendJson<PlaylistOut>('PUT', apiPaths.playlist(id), body),
      onSuccess: (_p, _v, _r, { client }) => void client.invalidateQueries({ queryKey: playlistQueries.all() }),
    }),
  /** its links go with it, hence the whole 'playlists' key */
  remove: () =>
    mutationOptions({
      mutationKey: [...playlistQueries.all(), 'remove'] as const,
      mutationFn: (id: number) => sendJson<void>('DELETE', apiPaths.playlist(id)),
      onSuccess: (_d, _id, _r, { client }) => void client.invalidateQueries({ queryKey: playlistQueries.all() }),
    }),
  createLink: () =>
    mutationOptions({
      mutationKey: [...playlistQueries.all(), 'tokens', 'create'] as const,
      mutationFn: (body: BriefingTokenBody) => sendJson<BriefingTokenCreated>('POST', apiPaths.briefingTokens, body),
      onSuccess: (_t, _b, _r, { client }) => void client.invalidateQueries({ queryKey: playlistQueries.tokens().queryKey }),
    }),
  revokeLink: () =>
    mutationOptions({
      mutationKey: [...playlistQueries.all(), 'tokens', 'revoke'] as const,
      mutationFn: (id: number) => sendJson<void>('DELETE', apiPaths.briefingToken(id)),
      onSuccess: (_d, _id, _r, { client }) => void client.invalidateQueries({ queryKey: playlistQueries.tokens().queryKey }),
    }),
};

// ── Contacts and reminders (issue 14) ─────────────────────────────────────────────────────

export const contactMutations = {
  /** one commune's contacts, from the admin page */
  save: () =>
    mutationOptions({
      mutationKey: [...contactQueries.all(), 'save'] as const,
      mutationFn: ({ commune, body }: { commune: string; body: CommuneContactBody }) => sendJson<CommuneContactOut>('PUT', apiPaths.contact(commune), body),
      onSuccess: (_c, _v, _r, { client }) => void client.invalidateQueries({ queryKey: contactQueries.all() }),
    }),
  /** the spreadsheet: a dry run writes nothing, so changes nothing cached */
  upload: (messages: UploadMessages) =>
    mutationOptions({
      mutationKey: [...contactQueries.all(), 'upload'] as const,
      mutationFn: (o: { file: File; dryRun: boolean }) => uploadContacts(o, messages),
      networkMode: 'always',
      onSuccess: (_r, o, _m, { client }) => {
        if (!o.dryRun) void client.invalidateQueries({ queryKey: contactQueries.all() });
      },
    }),
};

export const reminderMutations = {
  /** "Nhắc ngay": the dry run (who would get one) first, then the press itself */
  remind: (period: string) =>
    mutationOptions({
      mutationKey: [...reminderQueries.all(), period, 'remind'] as const,
      mutationFn: ({ dryRun }: { dryRun: boolean }) => sendJson<RemindersSent>('POST', apiPaths.reminders(period, dryRun)),
      onSuccess: (_r, { dryRun }, _m, { client }) => {
        if (!dryRun) void client.invalidateQueries({ queryKey: reminderQueries.byPeriod(period).queryKey });
      },
    }),
};
