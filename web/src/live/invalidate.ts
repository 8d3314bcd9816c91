// Which cached reads a change of the figures touches (issue 13): exactly those of its round, plus
// the "latest round" reads that show that round, plus the reads of a round compared with it or
// whose trend shows it, plus the lists that count rounds' reports; and
// which a playlist edited touches: that playlist on the big screen, and the admin page's lists.
// Pure over a query's key and data, so it is tested without a browser; `applyChange` and
// `applyPlaylistChange` hand it to TanStack Query, which reads the touched queries again in the
// background while the old answers stay on screen (no blank, no flicker).
import type { DataChange, PlaylistChange } from '@nq57/shared';
import type { QueryClient } from '@tanstack/react-query';
import { DEFAULT_PERIOD_KEY } from '../api/queries';

/** The round an answer is about (every figure answer carries `period: { code }`). */
function periodOf(data: unknown): string | undefined {
  const p = (data as { period?: { code?: unknown } } | undefined)?.period;
  return typeof p?.code === 'string' ? p.code : undefined;
}

/** A read keyed by round `key`: named, or the default one whose answer shows that round. */
function sameRound(key: unknown, data: unknown, period: string): boolean {
  if (key === period) return true;
  // the default round's answer not in yet: it may well be this round
  return key === DEFAULT_PERIOD_KEY && (periodOf(data) === undefined || periodOf(data) === period);
}

/**
 * An answer about another round that still shows `period`'s figures: the round it is compared
 * with (its rank changes, ▲/▼) and, on a commune's page, the points of its trend.
 */
function alsoShows(data: unknown, period: string): boolean {
  const d = data as { comparedWith?: { code?: unknown } | null; indicators?: { history?: { period?: unknown }[] }[] } | undefined;
  if (d?.comparedWith?.code === period) return true;
  return Boolean(d?.indicators?.some((i) => i.history?.some((h) => h.period === period)));
}

/**
 * Whether the query (its key, its data) shows something `change` touches. Keys are those of
 * ../api/queries.ts and ../briefing/queries.ts; anything else (the catalogue, accounts, a
 * commune's own form being edited, playlists) is never touched.
 */
export function touchedBy(change: DataChange, key: readonly unknown[], data: unknown): boolean {
  const [family, a, b] = key;
  const any = change.period === null;
  const round = (k: unknown) => any || sameRound(k, data, change.period!) || alsoShows(data, change.period!);
  // the figures of a round: rankings, overview, a commune's standing, the big screen's slides
  const shown = roundKeyOf(key);
  if (shown !== undefined) return round(shown);
  switch (family) {
    case 'completeness':
    case 'rounds':
      return any || a === change.period;
    case 'periods':
      // the list of rounds carries each round's count of reports
      return true;
    case 'releases':
      // ['releases', 'ky', round]: a round's releases (a publish is announced as any change);
      // ['releases', id] and ['releases', id, 'changes']: a release never changes
      return a === 'ky' && round(b);
    case 'briefing':
      return a === 'periods';
    default:
      // the catalogue and the list of communes, accounts, forms, playlists
      return false;
  }
}

/**
 * The round a figures read is keyed by (a code, or DEFAULT_PERIOD_KEY): ['rankings' | 'overview',
 * round, …], ['communes', code, 'standing', round, …], ['briefing', 'overview' | 'composite' |
 * 'ranking', round, …]; undefined for any other read.
 */
function roundKeyOf(key: readonly unknown[]): unknown {
  const [family, a, b, c] = key;
  if (family === 'rankings' || family === 'overview') return a;
  if (family === 'communes' && b === 'standing') return c;
  if (family === 'briefing' && (a === 'overview' || a === 'composite' || a === 'ranking')) return b;
  return undefined;
}

/**
 * A "latest round" read whose answer shows another round than the one the list of rounds now
 * names as the default: a change to round X can make X the latest (its first figures in a closed
 * round) or stop it being so (its figures removed), which the change itself does not say.
 */
export function showsAnotherDefault(key: readonly unknown[], data: unknown, defaultPeriod: string | null): boolean {
  if (roundKeyOf(key) !== DEFAULT_PERIOD_KEY) return false;
  const shown = periodOf(data);
  return shown !== undefined && shown !== defaultPeriod;
}

/** The default round as the list of rounds last read says (the app's list, or the big screen's). */
function defaultPeriodOf(client: QueryClient): string | null | undefined {
  for (const key of [['periods'], ['briefing', 'periods']]) {
    for (const [, data] of client.getQueriesData<{ defaultPeriod?: string | null }>({ queryKey: key })) {
      if (data && data.defaultPeriod !== undefined) return data.defaultPeriod;
    }
  }
  return undefined;
}

/**
 * Reads again what the change touches (in the background; the answers on screen stay). The list
 * of rounds is always among them: once it is read again, the "latest round" reads that show
 * another round than its default are read again too.
 */
export async function applyChange(client: QueryClient, change: DataChange) {
  await client.invalidateQueries({ predicate: (q) => touchedBy(change, q.queryKey, q.state.data) });
  const latest = defaultPeriodOf(client);
  if (latest === undefined) return;
  await client.invalidateQueries({ predicate: (q) => showsAnotherDefault(q.queryKey, q.state.data, latest) });
}

/**
 * Whether the query shows the playlist edited ('any': a stream back after a loss, any may have
 * been): the big screen's read of it (its slides turn to the new ones where they are) and the
 * admin page's lists (the names, the links' playlist names).
 */
export function touchedByPlaylist(playlist: PlaylistChange | 'any', key: readonly unknown[]): boolean {
  const [family, a, b] = key;
  if (family === 'playlists') return true;
  return family === 'briefing' && a === 'playlist' && (playlist === 'any' || b === playlist.id);
}

/** Reads again what the playlist's edit touches. */
export function applyPlaylistChange(client: QueryClient, playlist: PlaylistChange | 'any') {
  return client.invalidateQueries({ predicate: (q) => touchedByPlaylist(playlist, q.queryKey) });
}
