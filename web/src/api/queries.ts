// All data the web shows comes through these queryOptions factories. Keys are hierarchical
// (['rankings', period, ...]) so a change of the figures of one round can invalidate exactly that
// round: queryClient.invalidateQueries({ queryKey: rankingQueries.byPeriod(p) }).
import { queryOptions } from '@tanstack/react-query';
import type {
  Catalogue,
  CompositeResponse,
  OverviewResponse,
  PeriodList,
  RankingsResponse,
  StandingResponse,
} from '@nq57/shared/schemas';
import type { Static } from 'typebox';
import type { CommuneList as CommuneListSchema } from '@nq57/shared/schemas';
import { getJson } from './client';

// The schemas file exports no type alias for the list (yet); derive it rather than restate it.
export type CommuneList = Static<typeof CommuneListSchema>;

/** The API picks "the latest round with figures" when no period is given; the key says so. */
const DEFAULT_PERIOD = 'mac-dinh';
const p = (period: string | undefined) => period ?? DEFAULT_PERIOD;

// Catalogue-like data changes rarely; figures of a round change when a commune reports.
const CATALOGUE_STALE = 10 * 60_000;
const FIGURES_STALE = 60_000;

export const periodQueries = {
  all: () => ['periods'] as const,
  list: () =>
    queryOptions({
      queryKey: periodQueries.all(),
      queryFn: ({ signal }) => getJson<PeriodList>('/api/periods', {}, signal),
      staleTime: FIGURES_STALE,
    }),
};

export const catalogueQueries = {
  all: () => ['catalogue'] as const,
  indicators: () =>
    queryOptions({
      queryKey: [...catalogueQueries.all(), 'indicators'] as const,
      queryFn: ({ signal }) => getJson<Catalogue>('/api/indicators', {}, signal),
      staleTime: CATALOGUE_STALE,
    }),
};

export const communeQueries = {
  all: () => ['communes'] as const,
  list: () =>
    queryOptions({
      queryKey: [...communeQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson<CommuneList>('/api/communes', {}, signal),
      staleTime: CATALOGUE_STALE,
    }),
  standing: (code: string, period: string | undefined) =>
    queryOptions({
      queryKey: [...communeQueries.all(), code, 'standing', p(period)] as const,
      queryFn: ({ signal }) =>
        getJson<StandingResponse>(`/api/communes/${encodeURIComponent(code)}/standing`, { period }, signal),
      staleTime: FIGURES_STALE,
    }),
};

export interface RankingFilter {
  type?: string;
  district?: string;
}

export const rankingQueries = {
  all: () => ['rankings'] as const,
  byPeriod: (period: string | undefined) => [...rankingQueries.all(), p(period)] as const,
  indicator: (period: string | undefined, indicator: string, f: RankingFilter = {}) =>
    queryOptions({
      queryKey: [...rankingQueries.byPeriod(period), 'indicator', indicator, f.type ?? '', f.district ?? ''] as const,
      queryFn: ({ signal }) =>
        getJson<RankingsResponse>('/api/rankings', { period, indicator, type: f.type, district: f.district }, signal),
      staleTime: FIGURES_STALE,
    }),
  // Always fetched with the official weights: other weights are applied in the browser from
  // `inputs`, so moving a slider never waits for the network.
  composite: (period: string | undefined, f: RankingFilter = {}) =>
    queryOptions({
      queryKey: [...rankingQueries.byPeriod(period), 'composite', f.type ?? '', f.district ?? ''] as const,
      queryFn: ({ signal }) =>
        getJson<CompositeResponse>('/api/rankings/composite', { period, type: f.type, district: f.district }, signal),
      staleTime: FIGURES_STALE,
    }),
};

export const overviewQueries = {
  all: () => ['overview'] as const,
  byPeriod: (period: string | undefined) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), p(period)] as const,
      queryFn: ({ signal }) => getJson<OverviewResponse>('/api/overview', { period }, signal),
      staleTime: FIGURES_STALE,
    }),
};
