// Small hand-made API responses, typed by the shared schemas so a change of contract breaks the
// tests at compile time.
import type { CompositeResponse, Indicator, RankingRow, StandingIndicator } from '@nq57/shared/schemas';

export function row(code: string, name: string, over: Partial<RankingRow> = {}): RankingRow {
  return {
    communeCode: code,
    communeName: name,
    communeType: 'xã',
    formerDistrict: 'Huyện Sơn Tịnh',
    value: null,
    numerator: null,
    denominator: null,
    rank: null,
    previousRank: null,
    rankChange: null,
    status: 'not_reported',
    approximate: false,
    ...over,
  };
}

export const ranked = (code: string, name: string, value: number, rank: number, over: Partial<RankingRow> = {}) =>
  row(code, name, { value, rank, status: 'ranked', ...over });

export function indicator(code: string, over: Partial<Indicator> = {}): Indicator {
  return {
    code,
    name: code,
    kind: 'rate',
    unit: 'percent',
    numerator: 'n',
    denominator: 'd',
    factor: 100,
    direction: 'higher',
    target: 100,
    minDenominator: 1,
    weight: 50,
    description: '',
    ...over,
  };
}

/** A composite response for communes A–D on two indicators, official weights 50/50. */
export function composite(values: Record<string, [number | null, number | null]>): CompositeResponse {
  const codes = Object.keys(values);
  const ref = (code: string) => ({ code, name: code, unit: 'percent' as const, direction: 'higher' as const, target: 100, minDenominator: 1, kind: 'rate' as const, collected: true });
  return {
    period: { code: 'q1-2026', name: 'Quý I/2026', dataAsOf: '2026-04-10' },
    comparedWith: null,
    weights: { a: 50, b: 50 },
    indicators: [ref('a'), ref('b')],
    rankedCount: codes.length,
    rows: codes.map((c) => ({
      communeCode: c,
      communeName: `Xã ${c}`,
      communeType: 'xã',
      formerDistrict: 'Huyện Mộ Đức',
      score: null,
      rank: null,
      previousRank: null,
      rankChange: null,
      status: 'ranked',
      coverage: 1,
      indicatorsReported: 2,
      indicatorsApplicable: 2,
      components: [],
    })),
    inputs: {
      current: codes.map((c) => ({
        communeCode: c,
        values: {
          a: { value: values[c][0], status: values[c][0] === null ? 'not_reported' : 'ranked' },
          b: { value: values[c][1], status: values[c][1] === null ? 'not_reported' : 'ranked' },
        },
      })),
      previous: null,
      best: { a: null, b: null },
      previousBest: null,
    },
    release: null,
    comparisonWarning: null,
  } as CompositeResponse;
}

export function history(values: (number | null)[]): StandingIndicator['history'] {
  return values.map((v, i) => ({ period: `p${i}`, periodName: `Kỳ ${i + 1}`, value: v, rank: v === null ? null : i + 1, province: 50 }));
}
