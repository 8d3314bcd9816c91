// Budget totals per round (one budget ranking per round) → the "by round" list and the round the
// page opens on when none is chosen: the newest round that has budget figures (budget requests
// come with the 9-month and annual reports, not every quarter). Pure; see web/test/budget.test.ts.
import type { Period, RankingsResponse } from '@nq57/shared/schemas';

export interface RoundTotal {
  code: string;
  name: string;
  total: number | null;
  communes: number;
}

/** `periods` newest first (as /api/periods lists them); `byPeriod` the budget ranking of each. */
export function budgetRounds(periods: Pick<Period, 'code' | 'name'>[], byPeriod: Map<string, Pick<RankingsResponse, 'province'> | undefined>): RoundTotal[] {
  return periods.map((p) => {
    const r = byPeriod.get(p.code);
    return { code: p.code, name: p.name, total: r?.province.value ?? null, communes: r?.province.communes ?? 0 };
  });
}

/** The newest round with at least one request, or null when none has any (or none is loaded). */
export function latestBudgetRound(rounds: RoundTotal[]): string | null {
  return rounds.find((r) => r.communes > 0 && r.total !== null)?.code ?? null;
}
