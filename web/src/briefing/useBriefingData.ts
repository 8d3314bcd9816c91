// Everything the playlist's slides need, fetched up front (so turning to a slide never waits),
// refreshed in the background, and the state of the connection: when the figures were last
// refreshed, and whether the server stopped answering or refused the link.
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { budgetRounds, DEFAULT_PLAYLIST, playableSlides, type SlideSpec } from '@nq57/shared';
import type { PlaylistOut } from '@nq57/shared/schemas';
import { ApiError } from '../api/client';
import { useLiveStream } from '../live/useLiveStream';
import type { LiveState } from '../live/stream';
import { briefingQueries, type BriefingAccess } from './queries';
import { chosenPeriod, type BriefingParams } from './params';

const BUDGET = 'budget_requested_vnd';

export type Connection = 'ok' | 'lost' | 'refused';

/**
 * What the live stream's state and a failed request mean for the screen: the network or server
 * is away (will recover), or the link no longer opens anything.
 */
export function connectionOf(errors: unknown[], stream: LiveState = 'live'): Connection {
  if (stream === 'refused') return 'refused';
  let lost = stream === 'lost';
  for (const e of errors) {
    if (!e) continue;
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return 'refused';
    if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) lost = true;
  }
  return lost ? 'lost' : 'ok';
}

const firstFailure = (qs: UseQueryResult[]) => qs.find((q) => q.isError && q.data === undefined)?.error ?? null;

export function useBriefingData(params: BriefingParams) {
  const stream = useLiveStream({ token: params.token, playlist: params.playlistId, period: params.period });
  const access: BriefingAccess = { token: params.token, refreshMs: params.refreshSeconds * 1000, pushed: stream.state !== 'unavailable' };
  const playlistQ = useQuery({ ...briefingQueries.playlist(access, params.playlistId ?? 0), enabled: params.playlistId !== null });
  const playlist: Pick<PlaylistOut, 'name' | 'slides' | 'defaultSeconds' | 'period'> | undefined =
    params.playlistId === null ? { ...DEFAULT_PLAYLIST, period: null } : playlistQ.data;
  const period = chosenPeriod(params.period, playlist?.period);

  const indicatorsQ = useQuery(briefingQueries.indicators(access));
  const codes = indicatorsQ.data?.indicators.map((i) => i.code) ?? [];
  const slides: SlideSpec[] = playlist && indicatorsQ.data ? playableSlides(playlist.slides as SlideSpec[], codes) : [];
  const has = (type: SlideSpec['type']) => slides.some((s) => s.type === type);

  const overviewQ = useQuery({ ...briefingQueries.overview(access, period), enabled: !!playlist });
  const needComposite = has('top') || has('bottom') || has('movers');
  const compositeQ = useQuery({ ...briefingQueries.composite(access, period), enabled: needComposite });
  const indicatorCodes = [...new Set(slides.filter((s) => s.type === 'indicator').map((s) => s.indicator as string))];
  const rankingQs = useQueries({ queries: indicatorCodes.map((code) => briefingQueries.ranking(access, period, code)) });

  // Budget requests come with the 9-month and annual reports: the slide shows the newest round,
  // at or before the briefing's, that has any.
  const periodsQ = useQuery({ ...briefingQueries.periods(access), enabled: has('budget') });
  const current = overviewQ.data?.period.code;
  const list = periodsQ.data?.periods ?? [];
  // the same rounds the server counts as shown by a budget slide (briefingRounds)
  const candidates = current ? budgetRounds(list.map((p) => p.code), current) : [];
  const budgetQs = useQueries({ queries: candidates.map((code) => briefingQueries.ranking(access, code, BUDGET)) });

  const all: UseQueryResult[] = [
    ...(params.playlistId !== null ? [playlistQ] : []),
    indicatorsQ,
    overviewQ,
    ...(needComposite ? [compositeQ] : []),
    ...rankingQs,
    ...(has('budget') ? [periodsQ, ...budgetQs] : []),
  ];
  // the error of the last attempt, also while a retry is pending
  const connection = connectionOf(
    all.map((q) => q.error ?? q.failureReason),
    stream.state,
  );
  const refreshedAt = Math.max(0, ...all.map((q) => q.dataUpdatedAt));

  return {
    playlist,
    playlistQ,
    slides,
    period,
    overview: overviewQ.data,
    composite: compositeQ.data,
    rankings: new Map(indicatorCodes.map((code, i) => [code, rankingQs[i].data])),
    budgetRounds: budgetQs.map((q) => q.data),
    budgetLoading: has('budget') && (periodsQ.isPending || budgetQs.some((q) => q.isPending)),
    demo: periodsQ.data?.demo ?? overviewQ.data?.demo ?? false,
    connection,
    /** how the screen hears of changes: 'live' pushed, 'unavailable' polling (for the e2e and the footer) */
    stream: stream.state,
    refreshedAt: refreshedAt > 0 ? refreshedAt : null,
    /** the first load failed and there is nothing to show */
    fatal: firstFailure([...(params.playlistId !== null ? [playlistQ] : []), indicatorsQ, overviewQ]),
  };
}
export type BriefingData = ReturnType<typeof useBriefingData>;
