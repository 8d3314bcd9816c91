// Each page keeps its state in the query string, in Vietnamese words without diacritics, so a
// link pasted into Zalo opens the same view: /xep-hang?chi-tieu=on_time_rate&loai=xa&q=tinh+khe.
// Pure functions only (unit-tested in web/test/url.test.ts); the hooks that read and write the
// location live in ./hooks/useUrlState.ts.

export const COMPOSITE = 'tong-hop';

export const TYPE_BY_SLUG = { xa: 'xã', phuong: 'phường', 'dac-khu': 'đặc khu' } as const;
export type TypeSlug = keyof typeof TYPE_BY_SLUG;
export type CommuneTypeName = (typeof TYPE_BY_SLUG)[TypeSlug];
export const TYPE_SLUGS = Object.keys(TYPE_BY_SLUG) as TypeSlug[];

export type SortDir = 'tang' | 'giam';

export const PARAM = {
  period: 'ky',
  indicator: 'chi-tieu',
  type: 'loai',
  district: 'huyen',
  q: 'q',
  sort: 'sap-xep',
  dir: 'chieu',
  weights: 'trong-so',
  /** one release exactly (issue 12): a link that never changes what it shows */
  release: 'ban',
  /** the live figures, not the newest release (admin and leader) */
  live: 'hien-tai',
} as const;

export type RankingSort = 'hang' | 'ten' | 'gia-tri' | 'thay-doi' | 'huyen';
export const RANKING_SORTS: readonly RankingSort[] = ['hang', 'ten', 'gia-tri', 'thay-doi', 'huyen'];

export interface RankingUrlState {
  /** an indicator code, or COMPOSITE */
  indicator: string;
  type: TypeSlug | null;
  district: string | null;
  q: string;
  sort: RankingSort;
  dir: SortDir;
  /** raw "code:20,code:10" as typed in the URL; parsed against the catalogue by the page */
  weights: string | null;
}

export const DEFAULT_RANKING: RankingUrlState = {
  indicator: COMPOSITE,
  type: null,
  district: null,
  q: '',
  sort: 'hang',
  dir: 'tang',
  weights: null,
};

/** The direction a column sorts in when first clicked: best rank, A→Z, but biggest value first. */
export function defaultDir(sort: string): SortDir {
  return sort === 'hang' || sort === 'ten' || sort === 'huyen' ? 'tang' : 'giam';
}

const toParams = (s: string | URLSearchParams) =>
  typeof s === 'string' ? new URLSearchParams(s.startsWith('?') ? s.slice(1) : s) : s;

function isTypeSlug(s: string | null): s is TypeSlug {
  return s !== null && Object.prototype.hasOwnProperty.call(TYPE_BY_SLUG, s);
}

/** A sort key from the URL, or the default when it is missing or unknown. */
export function parseSort<K extends string>(value: string | null, allowed: readonly K[], fallback: K): K {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as K) : fallback;
}

export function parseDir(value: string | null, sort: string): SortDir {
  return value === 'tang' || value === 'giam' ? value : defaultDir(sort);
}

/** Reads the ranking page's state. Anything unknown falls back to the default, never throws. */
export function parseRankingState(search: string | URLSearchParams): RankingUrlState {
  const p = toParams(search);
  const indicator = (p.get(PARAM.indicator) ?? '').trim();
  const type = p.get(PARAM.type);
  const district = (p.get(PARAM.district) ?? '').trim();
  const sort = parseSort(p.get(PARAM.sort), RANKING_SORTS, DEFAULT_RANKING.sort);
  const weights = (p.get(PARAM.weights) ?? '').trim();
  return {
    indicator: /^[A-Za-z0-9_-]{1,64}$/.test(indicator) ? indicator : COMPOSITE,
    type: isTypeSlug(type) ? type : null,
    district: district === '' ? null : district,
    q: p.get(PARAM.q) ?? '',
    sort,
    dir: parseDir(p.get(PARAM.dir), sort),
    weights: weights === '' ? null : weights,
  };
}

/**
 * Writes the ranking state back as a query string (with "?" when not empty). Defaults are left
 * out so links stay short; parameters that belong to others (the round `ky`) are kept from `base`.
 */
export function rankingSearch(state: RankingUrlState, base: string | URLSearchParams = ''): string {
  const p = new URLSearchParams(toParams(base));
  const set = (key: string, value: string | null, dflt: string | null = null) => {
    if (value === null || value === '' || value === dflt) p.delete(key);
    else p.set(key, value);
  };
  set(PARAM.indicator, state.indicator, DEFAULT_RANKING.indicator);
  set(PARAM.type, state.type);
  set(PARAM.district, state.district);
  set(PARAM.q, state.q);
  set(PARAM.sort, state.sort, DEFAULT_RANKING.sort);
  set(PARAM.dir, state.dir, defaultDir(state.sort));
  // weights only mean something on the composite index
  set(PARAM.weights, state.indicator === COMPOSITE ? state.weights : null);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Clicking a column header: the same column flips direction, another starts in its default. */
export function toggleSort<K extends string>(current: { sort: K; dir: SortDir }, key: K): { sort: K; dir: SortDir } {
  if (current.sort === key) return { sort: key, dir: current.dir === 'tang' ? 'giam' : 'tang' };
  return { sort: key, dir: defaultDir(key) };
}

/**
 * Weights for the URL: only those that differ from the official ones, in code order so the same
 * weights always give the same link; null when all are official.
 */
export function serializeWeights(weights: Record<string, number>, official: Record<string, number>): string | null {
  const parts = Object.keys(weights)
    .filter((code) => weights[code] !== (official[code] ?? 0))
    .sort()
    .map((code) => `${code}:${weights[code]}`);
  return parts.length ? parts.join(',') : null;
}

/** A link to another page that keeps the chosen round: withPeriod('/xep-hang', 'q3-2025'). */
export function withPeriod(path: string, period: string | null | undefined): string {
  if (!period) return path;
  const [pathname, query = ''] = path.split('?');
  const p = new URLSearchParams(query);
  p.set(PARAM.period, period);
  return `${pathname}?${p.toString()}`;
}

/** The round chosen in the URL, or undefined (the API then picks the latest round with figures). */
export function periodFromSearch(search: string | URLSearchParams): string | undefined {
  const v = (toParams(search).get(PARAM.period) ?? '').trim();
  return /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : undefined;
}

/**
 * Pages that choose their own round rather than follow the one picked in the header: the form
 * lands where the commune must act (the oldest returned or overdue round), the big screen follows
 * its playlist.
 */
export const OWN_ROUND_PAGES = ['/nhap-lieu', '/trinh-chieu'];

export const followsPickedRound = (pathname: string) => !OWN_ROUND_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/** Replaces (or removes, for null) one parameter and returns the new query string with "?". */
export function setParam(search: string | URLSearchParams, key: string, value: string | null): string {
  const p = new URLSearchParams(toParams(search));
  if (value === null || value === '') p.delete(key);
  else p.set(key, value);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Which figures a page shows (issue 12): ?ban=ID one release exactly, ?hien-tai=1 the live figures
 * (only for someone who may see them; the API refuses anyone else), neither the newest release.
 */
export function parsePublication(search: string | URLSearchParams, canSeeLive: boolean): { release?: number; live: boolean } {
  const p = toParams(search);
  const ban = Number(p.get(PARAM.release));
  const release = Number.isInteger(ban) && ban > 0 ? ban : undefined;
  return { release, live: !release && canSeeLive && p.get(PARAM.live) === '1' };
}

/** The address pinned to one release (null: the newest again); the live switch goes. */
export const pinnedSearch = (search: string | URLSearchParams, id: number | null) =>
  setParam(setParam(search, PARAM.live, null), PARAM.release, id === null ? null : String(id));

/** The live switch on or off; a pinned release goes. */
export const liveSearch = (search: string | URLSearchParams, on: boolean) => setParam(setParam(search, PARAM.release, null), PARAM.live, on ? '1' : null);
