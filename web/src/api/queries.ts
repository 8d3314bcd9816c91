// All data the web shows comes through these queryOptions factories. Keys are hierarchical
// (['rankings', period, ...]) so a change of the figures of one round can invalidate exactly that
// round: queryClient.invalidateQueries({ queryKey: rankingQueries.byPeriod(p) }). The writes are
// their mirror in ./mutations.ts, which invalidates through these keys; addresses come from
// ./paths.ts. (The big screen's token-bearing reads are ../briefing/queries.ts.)
import { queryOptions } from '@tanstack/react-query';
import type {
  Catalogue,
  CompositeResponse,
  OverviewResponse,
  PeriodList,
  RankingsResponse,
  StandingResponse,
} from '@nq57/shared/schemas';
import type { AuditOut, CommuneList, CommuneReports, CompletenessOut, MeOut, RoundOut, SubmissionOut, UserList } from '@nq57/shared/schemas';
import type { ImportList, MappingList, ReportReadOut } from '@nq57/shared/schemas';
import type { BriefingTokenList, PlaylistList } from '@nq57/shared/schemas';
import type { ContactList, ReleaseChanges, ReleaseList, ReleaseOut, RemindersLog } from '@nq57/shared/schemas';
import { ApiError, getJson, hasSession, pendingSignOut, sendJson, setCsrfToken, setPendingSignOut } from './client';
import { apiPaths } from './paths';

/**
 * The reads the commune's form needs to open with no network (issue 15): each answer is kept in
 * IndexedDB for the signed-in account (../offline/store.ts) and given back, to that account only,
 * when the network fails. networkMode 'always': the query runs (and falls back) even while the
 * browser says it is offline, where TanStack Query would otherwise wait without a word.
 * Only these reads: published figures and other pages' data are never kept. The store is loaded
 * only when there is something to keep or to recall: an anonymous visit never downloads it.
 */
const offlineStore = () => import('../offline/store');

function keptOffline<T, K extends readonly unknown[]>(queryKey: K, fetch: (signal: AbortSignal) => Promise<T>) {
  return {
    queryKey,
    networkMode: 'always' as const,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<T> => {
      try {
        const data = await fetch(signal);
        if (hasSession()) void offlineStore().then((s) => s.keepRead(s.keptKey(queryKey), data));
        return data;
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 0) throw e;
        const s = await offlineStore();
        const kept = await s.recallRead<T>(s.keptKey(queryKey));
        if (kept === null) throw e;
        return kept;
      }
    },
  };
}

/**
 * The key of "no round chosen": the API then picks the latest round with figures, and the cache
 * keeps that answer apart from any named round's. The big screen's keys use it too.
 */
export const DEFAULT_PERIOD_KEY = 'mac-dinh';
export const periodKey = (period: string | undefined) => period ?? DEFAULT_PERIOD_KEY;
const p = periodKey;

// Catalogue-like data changes rarely; figures of a round change when a commune reports.
const CATALOGUE_STALE = 10 * 60_000;
const FIGURES_STALE = 60_000;

export const periodQueries = {
  all: () => ['periods'] as const,
  list: () =>
    queryOptions({
      ...keptOffline(periodQueries.all(), (signal) => getJson<PeriodList>(apiPaths.periods, {}, signal)),
      staleTime: FIGURES_STALE,
    }),
};

export const catalogueQueries = {
  all: () => ['catalogue'] as const,
  indicators: () =>
    queryOptions({
      ...keptOffline([...catalogueQueries.all(), 'indicators'] as const, (signal) => getJson<Catalogue>(apiPaths.indicators, {}, signal)),
      staleTime: CATALOGUE_STALE,
    }),
};

export const communeQueries = {
  all: () => ['communes'] as const,
  list: () =>
    queryOptions({
      ...keptOffline([...communeQueries.all(), 'list'] as const, (signal) => getJson<CommuneList>(apiPaths.communes, {}, signal)),
      staleTime: CATALOGUE_STALE,
    }),
  /** `includeSubmitted`: the provisional standing with figures awaiting approval (signed in) */
  standing: (code: string, period: string | undefined, includeSubmitted = false, pub: Publication = {}) =>
    queryOptions({
      queryKey: [...communeQueries.all(), code, 'standing', p(period), includeSubmitted ? 'da-nop' : '', publishedKey(pub)] as const,
      queryFn: ({ signal }) =>
        getJson<StandingResponse>(
          apiPaths.standing(code),
          { period: periodParam(period, pub), includeSubmitted: includeSubmitted ? 'true' : undefined, ...published(pub) },
          signal,
        ),
      staleTime: FIGURES_STALE,
    }),
};

/**
 * Which figures a read shows (issue 12): the round's newest release by default, one release
 * exactly (`release`, the pages' ?ban=), or the live figures (`live`, admin and leader).
 */
export interface Publication {
  release?: number;
  live?: boolean;
}

/**
 * The round a read sends: none with a release, which names its own round (on a ?ban= link without
 * ?ky=, `period` is the round remembered in the tab, and a release of another round got 400).
 */
export const periodParam = (period: string | undefined, f: Publication) => (f.release ? undefined : period);
/** the query parameters of a Publication: nothing for the default, so its request stays the same */
const published = (f: Publication) => ({ release: f.release, live: f.live ? 'true' : undefined });
const publishedKey = (f: Publication) => (f.release ? `ban-${f.release}` : f.live ? 'hien-tai' : '');

export interface RankingFilter extends Publication {
  type?: string;
  district?: string;
  /** also count submitted, not yet approved figures (the ranking page's switch) */
  includeSubmitted?: boolean;
}

/** includeSubmitted=true only when on, so the default request (and its cache key) stays the same */
const withSubmitted = (f: RankingFilter) => (f.includeSubmitted ? 'true' : undefined);

export const rankingQueries = {
  all: () => ['rankings'] as const,
  byPeriod: (period: string | undefined) => [...rankingQueries.all(), p(period)] as const,
  indicator: (period: string | undefined, indicator: string, f: RankingFilter = {}) =>
    queryOptions({
      queryKey: [...rankingQueries.byPeriod(period), 'indicator', indicator, f.type ?? '', f.district ?? '', f.includeSubmitted ? 'da-nop' : '', publishedKey(f)] as const,
      queryFn: ({ signal }) =>
        getJson<RankingsResponse>(
          apiPaths.rankings,
          { period: periodParam(period, f), indicator, type: f.type, district: f.district, includeSubmitted: withSubmitted(f), ...published(f) },
          signal,
        ),
      staleTime: FIGURES_STALE,
    }),
  // Always fetched with the official weights and `inputs` (asked for: the big screen goes without):
  // other weights are applied in the browser from them, so moving a slider never waits.
  composite: (period: string | undefined, f: RankingFilter = {}) =>
    queryOptions({
      queryKey: [...rankingQueries.byPeriod(period), 'composite', f.type ?? '', f.district ?? '', f.includeSubmitted ? 'da-nop' : '', publishedKey(f)] as const,
      queryFn: ({ signal }) =>
        getJson<CompositeResponse>(
          apiPaths.composite,
          { period: periodParam(period, f), type: f.type, district: f.district, includeSubmitted: withSubmitted(f), ...published(f), inputs: 'true' },
          signal,
        ),
      staleTime: FIGURES_STALE,
    }),
};

export const overviewQueries = {
  all: () => ['overview'] as const,
  byPeriod: (period: string | undefined, pub: Publication = {}) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), p(period), publishedKey(pub)] as const,
      queryFn: ({ signal }) => getJson<OverviewResponse>(apiPaths.overview, { period: periodParam(period, pub), ...published(pub) }, signal),
      staleTime: FIGURES_STALE,
    }),
};

// ── Published rankings (issue 12): a round's releases and what each changed ───────────────

export const releaseQueries = {
  all: () => ['releases'] as const,
  byPeriod: (period: string) =>
    queryOptions({
      queryKey: [...releaseQueries.all(), 'ky', period] as const,
      queryFn: ({ signal }) => getJson<ReleaseList>(apiPaths.releases(period), {}, signal),
    }),
  // a release never changes: its round, and what it changed, are read once
  one: (id: number) =>
    queryOptions({
      queryKey: [...releaseQueries.all(), id] as const,
      queryFn: ({ signal }) => getJson<ReleaseOut>(apiPaths.release(id), {}, signal),
      staleTime: Infinity,
    }),
  changes: (id: number) =>
    queryOptions({
      queryKey: [...releaseQueries.all(), id, 'changes'] as const,
      queryFn: ({ signal }) => getJson<ReleaseChanges>(apiPaths.releaseChanges(id), {}, signal),
      staleTime: Infinity,
    }),
};

// ── The write side (issue 4): session, accounts, rounds, submissions, completeness, audit ──
// Figures being entered change by the second: no staleTime, and no caching across sessions.

/**
 * GET /api/auth/me, after a sign-out the server did not hear (./client.ts pendingSignOut): an answer
 * naming an account ends that session first (POST /api/auth/logout with the answer's write token)
 * and says nobody is signed in. The flag goes once the server has said so (a failure to reach it
 * keeps it for the next answer; the device shows nobody signed in either way). The `me` query and
 * the outbox's transport both ask through here.
 */
export async function askMe(signal?: AbortSignal): Promise<MeOut> {
  const me = await getJson<MeOut>(apiPaths.me, {}, signal);
  if (!pendingSignOut()) return me;
  if (!me.user) {
    setPendingSignOut(false);
    return me;
  }
  const signedOut: MeOut = { user: null, csrfToken: null, readRequiresLogin: me.readRequiresLogin };
  setCsrfToken(me.csrfToken);
  try {
    await sendJson<void>('POST', apiPaths.logout);
    setPendingSignOut(false);
  } catch (e) {
    // 401: already ended; no network or a server error: the next answer tries again
    if (e instanceof ApiError && e.status > 0 && e.status < 500) setPendingSignOut(false);
  } finally {
    setCsrfToken(null);
  }
  // a Background Sync of the worker (which cannot see the flag) may have written the account back
  await (await offlineStore()).forgetAccount(null).catch(() => undefined);
  return signedOut;
}

export const authQueries = {
  all: () => ['auth'] as const,
  me: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'me'] as const,
      queryFn: async ({ signal }) => {
        let me: MeOut;
        try {
          me = await askMe(signal);
        } catch (e) {
          // no network: the account signed in here last, so its form opens (issue 15); no write
          // token is kept at rest, the outbox asks for one when the network is back. Not after a
          // sign-out made here that the server has not heard yet.
          const kept = e instanceof ApiError && e.status === 0 && !pendingSignOut() ? await (await offlineStore()).storedSession() : null;
          if (!kept) throw e;
          setCsrfToken(null);
          return kept.me;
        }
        // every later write sends this token (x-csrf-token)
        setCsrfToken(me.csrfToken);
        if (me.user) void offlineStore().then((s) => s.rememberSession(me));
        return me;
      },
      networkMode: 'always',
      staleTime: 5 * 60_000,
    }),
};

export const userQueries = {
  all: () => ['users'] as const,
  list: () =>
    queryOptions({
      queryKey: [...userQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson<UserList>(apiPaths.users, {}, signal),
    }),
};

export const roundQueries = {
  all: () => ['rounds'] as const,
  detail: (period: string) =>
    queryOptions({
      queryKey: [...roundQueries.all(), period] as const,
      queryFn: ({ signal }) => getJson<RoundOut>(apiPaths.round(period), {}, signal),
    }),
};

export const submissionQueries = {
  all: () => ['submissions'] as const,
  /** the commune's report in every open round, and where its officer lands (GET /api/communes/:code/reports) */
  ofCommune: (commune: string) =>
    queryOptions({
      ...keptOffline([...submissionQueries.all(), 'xa', commune] as const, (signal) => getJson<CommuneReports>(apiPaths.communeReports(commune), {}, signal)),
    }),
  byPeriod: (period: string) => [...submissionQueries.all(), period] as const,
  detail: (period: string, commune: string) =>
    queryOptions({
      ...keptOffline([...submissionQueries.byPeriod(period), commune] as const, (signal) => getJson<SubmissionOut>(apiPaths.submission(period, commune), {}, signal)),
    }),
};

export const completenessQueries = {
  all: () => ['completeness'] as const,
  byPeriod: (period: string) =>
    queryOptions({
      queryKey: [...completenessQueries.all(), period] as const,
      queryFn: ({ signal }) => getJson<CompletenessOut>(apiPaths.completeness(period), {}, signal),
    }),
};

export interface AuditFilter {
  commune?: string;
  period?: string;
  element?: string;
  limit?: number;
}

export const auditQueries = {
  all: () => ['audit'] as const,
  list: (f: AuditFilter) =>
    queryOptions({
      queryKey: [...auditQueries.all(), f.commune ?? '', f.period ?? '', f.element ?? '', f.limit ?? 0] as const,
      queryFn: ({ signal }) =>
        getJson<AuditOut>(apiPaths.audit, { commune: f.commune, period: f.period, element: f.element, limit: f.limit }, signal),
    }),
};

// ── A commune's narrative report read into proposals (issue 11) ──────────────────────────

export const reportQueries = {
  all: () => ['reports'] as const,
  /** a read, reopened (the text, its proposals, what was written from it) */
  detail: (period: string, id: number) =>
    queryOptions({
      queryKey: [...reportQueries.all(), period, id] as const,
      queryFn: ({ signal }) => getJson<ReportReadOut>(apiPaths.report(period, id), {}, signal),
    }),
};

// ── Files (issue 6): saved column mappings and the record of imports (admin) ─────────────

export const importQueries = {
  all: () => ['imports'] as const,
  mappings: () =>
    queryOptions({
      queryKey: [...importQueries.all(), 'mappings'] as const,
      queryFn: ({ signal }) => getJson<MappingList>(apiPaths.importMappings, {}, signal),
    }),
  list: (period: string) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'list', period] as const,
      queryFn: ({ signal }) => getJson<ImportList>(apiPaths.imports(period), {}, signal),
    }),
};

// ── The big screen's playlists and links (issue 5), for the admin page: signed in, no token ──
// (the screen itself reads with its link's token and refreshes by itself: ../briefing/queries.ts)

export const playlistQueries = {
  all: () => ['playlists'] as const,
  list: () =>
    queryOptions({
      queryKey: [...playlistQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson<PlaylistList>(apiPaths.playlists, {}, signal),
    }),
  tokens: () =>
    queryOptions({
      queryKey: [...playlistQueries.all(), 'tokens'] as const,
      queryFn: ({ signal }) => getJson<BriefingTokenList>(apiPaths.briefingTokens, {}, signal),
    }),
};

// ── Contacts and reminders (issue 14): admin and leader ───────────────────────────────────

export const contactQueries = {
  all: () => ['contacts'] as const,
  list: () =>
    queryOptions({
      queryKey: [...contactQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson<ContactList>(apiPaths.contacts, {}, signal),
    }),
};

/** a message still waiting or being sent: the log is read again until it has an answer */
const inFlight = (log: RemindersLog | undefined) => !!log?.mail.configured && !!log.reminders.some((r) => r.status === 'pending' || r.status === 'sending');

export const reminderQueries = {
  all: () => ['reminders'] as const,
  byPeriod: (period: string) =>
    queryOptions({
      queryKey: [...reminderQueries.all(), period] as const,
      queryFn: ({ signal }) => getJson<RemindersLog>(apiPaths.reminders(period), {}, signal),
      // the Sở watches "đang gửi" turn into "đã gửi" without reloading the page
      refetchInterval: (q) => (inFlight(q.state.data) ? 3000 : false),
    }),
};
