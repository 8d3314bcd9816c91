// Ranking rows (one indicator or the composite index) → what the table shows: ranked communes
// in the chosen order, and the unranked ones apart with their reason. Pure; see
// web/test/ranking-table.test.ts.
import { compareVi, coverageLabel, matchesSearch } from '@nq57/shared';
import type { CompositeRowOut, RankingRow } from '@nq57/shared/schemas';
import type { RankingSort, SortDir } from '../../url';

export type RankStatus = RankingRow['status'];

/** One commune's line, the same for an indicator and for the composite index (value = score). */
export interface RankView {
  communeCode: string;
  communeName: string;
  communeType: RankingRow['communeType'];
  formerDistrict: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  status: RankStatus;
  approximate: boolean;
  /** composite only: "6/7 chỉ tiêu · 85% trọng số", beside every score */
  coverage?: string;
}

export interface RankingTableModel {
  ranked: RankView[];
  unranked: RankView[];
  /** ranks shared by two or more communes ("đồng hạng"), over the whole table, not the search */
  tiedRanks: Set<number>;
  /** how many communes are ranked in the table before the search narrows it */
  rankedTotal: number;
  unrankedTotal: number;
}

export function fromIndicatorRows(rows: RankingRow[]): RankView[] {
  return rows.map((r) => ({ ...r }));
}

export function fromCompositeRows(
  rows: Pick<
    CompositeRowOut,
    'communeCode' | 'communeName' | 'communeType' | 'formerDistrict' | 'score' | 'rank' | 'previousRank' | 'rankChange' | 'status' | 'coverage' | 'indicatorsReported' | 'indicatorsApplicable'
  >[],
): RankView[] {
  return rows.map((r) => ({
    communeCode: r.communeCode,
    communeName: r.communeName,
    communeType: r.communeType,
    formerDistrict: r.formerDistrict,
    value: r.score,
    numerator: null,
    denominator: null,
    rank: r.rank,
    previousRank: r.previousRank,
    rankChange: r.rankChange,
    status: r.status,
    approximate: false,
    coverage: coverageLabel(r),
  }));
}

/**
 * Names sort without their unit prefix, so "Phường Đức Phổ" sits among the Đ and not ahead of
 * every "Xã …"; the full name breaks ties.
 */
export function compareCommuneNames(a: string, b: string): number {
  const bare = (s: string) => s.replace(/^(Xã|Phường|Đặc khu)\s+/u, '');
  return compareVi(bare(a), bare(b)) || compareVi(a, b);
}

/** Missing values sort last whichever the direction: "no figure" is never "the smallest". */
function byNullable(a: number | null, b: number | null, sign: number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * sign;
}

export function comparator(sort: RankingSort, dir: SortDir): (a: RankView, b: RankView) => number {
  const sign = dir === 'tang' ? 1 : -1;
  const byName = (a: RankView, b: RankView) => compareCommuneNames(a.communeName, b.communeName);
  switch (sort) {
    case 'ten':
      return (a, b) => byName(a, b) * sign;
    case 'huyen':
      return (a, b) => compareVi(a.formerDistrict, b.formerDistrict) * sign || byNullable(a.rank, b.rank, 1) || byName(a, b);
    case 'gia-tri':
      return (a, b) => byNullable(a.value, b.value, sign) || byNullable(a.rank, b.rank, 1) || byName(a, b);
    case 'thay-doi':
      return (a, b) => byNullable(a.rankChange, b.rankChange, sign) || byNullable(a.rank, b.rank, 1) || byName(a, b);
    case 'hang':
    default:
      // tied communes are listed by name, so "đồng hạng" rows have a stable, readable order
      return (a, b) => byNullable(a.rank, b.rank, sign) || byName(a, b);
  }
}

export function buildRankingTable(rows: RankView[], opts: { q: string; sort: RankingSort; dir: SortDir }): RankingTableModel {
  const rankedAll = rows.filter((r) => r.status === 'ranked' && r.rank !== null);
  const unrankedAll = rows.filter((r) => !(r.status === 'ranked' && r.rank !== null));

  const counts = new Map<number, number>();
  for (const r of rankedAll) counts.set(r.rank as number, (counts.get(r.rank as number) ?? 0) + 1);
  const tiedRanks = new Set([...counts].filter(([, n]) => n > 1).map(([rank]) => rank));

  const match = (r: RankView) => matchesSearch(r.communeName, opts.q);
  const cmp = comparator(opts.sort, opts.dir);
  // Sorting the unranked by "rank" means nothing: list them by name (or by the chosen column).
  const cmpUnranked = opts.sort === 'hang' ? comparator('ten', 'tang') : cmp;
  return {
    ranked: rankedAll.filter(match).sort(cmp),
    unranked: unrankedAll.filter(match).sort(cmpUnranked),
    tiedRanks,
    rankedTotal: rankedAll.length,
    unrankedTotal: unrankedAll.length,
  };
}
