// Every request of the big screen, as queryOptions factories. A briefing link's token travels as
// the x-briefing-token header on each of them (never as a cookie: the meeting-room computer has
// no session). The live stream says when figures change (../live/, issue 13); where it cannot be
// opened the screen polls: refetchInterval, in the background too. Either way the figures stay on
// screen while a refresh is under way or has failed. (The admin page that composes
// the playlists reads through ../api/queries.ts like every signed-in page: playlistQueries.)
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Catalogue, CompositeResponse, OverviewResponse, PeriodList, PlaylistOut, RankingsResponse } from '@nq57/shared/schemas';
import { ApiError, getJson } from '../api/client';
import { apiPaths } from '../api/paths';
import { periodKey as p } from '../api/queries';

export interface BriefingAccess {
  token: string | null;
  /** milliseconds between background refreshes, when they are needed */
  refreshMs: number;
  /**
   * The live stream tells the screen what changed (issue 13): no polling then. false only where
   * the stream cannot be opened (a proxy that buffers): the screen then refreshes every refreshMs.
   */
  pushed: boolean;
}

const headers = (a: BriefingAccess) => (a.token ? { 'x-briefing-token': a.token } : undefined);

// A refused token (401/403) or an unknown round will not fix itself by retrying; a dropped
// network will, and the next refresh tries again anyway: one quick retry is enough.
const retry = (count: number, error: Error) => count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

function live(a: BriefingAccess) {
  return {
    refetchInterval: a.pushed ? (false as const) : a.refreshMs,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    // figures stay on screen while a new round's figures load: no blank slide, no flicker
    placeholderData: keepPreviousData,
    staleTime: Math.max(0, a.refreshMs - 1000),
    retry,
    retryDelay: 1000,
  };
}

export const briefingQueries = {
  all: () => ['briefing'] as const,
  playlist: (a: BriefingAccess, id: number) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'playlist', id] as const,
      queryFn: ({ signal }) => getJson<PlaylistOut>(apiPaths.playlist(id), {}, signal, headers(a)),
      ...live(a),
    }),
  periods: (a: BriefingAccess) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'periods'] as const,
      queryFn: ({ signal }) => getJson<PeriodList>(apiPaths.periods, {}, signal, headers(a)),
      ...live(a),
    }),
  indicators: (a: BriefingAccess) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'indicators'] as const,
      queryFn: ({ signal }) => getJson<Catalogue>(apiPaths.indicators, {}, signal, headers(a)),
      ...live(a),
    }),
  overview: (a: BriefingAccess, period: string | undefined) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'overview', p(period)] as const,
      queryFn: ({ signal }) => getJson<OverviewResponse>(apiPaths.overview, { period }, signal, headers(a)),
      ...live(a),
    }),
  composite: (a: BriefingAccess, period: string | undefined) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'composite', p(period)] as const,
      queryFn: ({ signal }) => getJson<CompositeResponse>(apiPaths.composite, { period }, signal, headers(a)),
      ...live(a),
    }),
  ranking: (a: BriefingAccess, period: string | undefined, indicator: string) =>
    queryOptions({
      queryKey: [...briefingQueries.all(), 'ranking', p(period), indicator] as const,
      queryFn: ({ signal }) => getJson<RankingsResponse>(apiPaths.rankings, { period, indicator }, signal, headers(a)),
      ...live(a),
    }),
};
