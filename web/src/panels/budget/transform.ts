// Budget requests of one round (the ranking of `budget_requested_vnd`) + the communes'
// populations → the budget table, the totals and the largest requests. Pure; see
// web/test/budget.test.ts. Money stays in whole đồng; per-inhabitant figures are rounded only
// when printed.
import { compareVi } from '@nq57/shared';
import type { Commune, RankingRow } from '@nq57/shared/schemas';
import type { SortDir } from '../../url';
import { compareCommuneNames } from '../ranking-table/transform';

export type BudgetSort = 'so-tien' | 'ten' | 'huyen' | 'dan-so' | 'binh-quan';
export const BUDGET_SORTS: readonly BudgetSort[] = ['so-tien', 'ten', 'huyen', 'dan-so', 'binh-quan'];

export interface BudgetRow {
  code: string;
  name: string;
  district: string;
  requested: number | null;
  population: number | null;
  perCapita: number | null;
  /** share of the province total, 0..1 */
  share: number | null;
}

export interface BudgetModel {
  rows: BudgetRow[];
  total: number;
  communesWithRequest: number;
  /** total ÷ population of the communes that asked (not a mean of per-capita figures) */
  perCapita: number | null;
  largest: BudgetRow[];
}

const nullLast = (a: number | null, b: number | null, sign: number) =>
  a === null && b === null ? 0 : a === null ? 1 : b === null ? -1 : (a - b) * sign;

export function sortBudget(rows: BudgetRow[], sort: BudgetSort, dir: SortDir): BudgetRow[] {
  const sign = dir === 'tang' ? 1 : -1;
  const byName = (a: BudgetRow, b: BudgetRow) => compareCommuneNames(a.name, b.name);
  const cmp: Record<BudgetSort, (a: BudgetRow, b: BudgetRow) => number> = {
    'so-tien': (a, b) => nullLast(a.requested, b.requested, sign) || byName(a, b),
    ten: (a, b) => byName(a, b) * sign,
    huyen: (a, b) => compareVi(a.district, b.district) * sign || byName(a, b),
    'dan-so': (a, b) => nullLast(a.population, b.population, sign) || byName(a, b),
    'binh-quan': (a, b) => nullLast(a.perCapita, b.perCapita, sign) || byName(a, b),
  };
  return [...rows].sort(cmp[sort]);
}

export function buildBudget(
  rows: Pick<RankingRow, 'communeCode' | 'communeName' | 'formerDistrict' | 'value'>[],
  communes: Pick<Commune, 'code' | 'population'>[],
  opts: { sort: BudgetSort; dir: SortDir; largest?: number },
): BudgetModel {
  const population = new Map(communes.map((c) => [c.code, c.population]));
  let total = 0;
  let popOfRequesters = 0;
  let communesWithRequest = 0;
  for (const r of rows) {
    if (r.value === null || !(r.value > 0)) continue;
    total += r.value;
    communesWithRequest++;
    const p = population.get(r.communeCode);
    if (p) popOfRequesters += p;
  }
  const out: BudgetRow[] = rows.map((r) => {
    const pop = population.get(r.communeCode) ?? null;
    return {
      code: r.communeCode,
      name: r.communeName,
      district: r.formerDistrict,
      requested: r.value,
      population: pop,
      perCapita: r.value !== null && pop ? r.value / pop : null,
      share: r.value !== null && total > 0 ? r.value / total : null,
    };
  });
  const largest = sortBudget(out.filter((r) => r.requested !== null && r.requested > 0), 'so-tien', 'giam').slice(0, opts.largest ?? 10);
  return {
    rows: sortBudget(out, opts.sort, opts.dir),
    total,
    communesWithRequest,
    perCapita: popOfRequesters > 0 ? total / popOfRequesters : null,
    largest,
  };
}
