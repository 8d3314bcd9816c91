// The vocabulary of the domain, shared by the API (which ranks on the server) and the web
// (which re-ranks in the browser when leadership moves a weight). Plain data, no classes,
// so the same objects travel as JSON.

export type Unit = 'count' | 'percent' | 'vnd' | 'boolean' | 'per_1000';
export type Direction = 'higher' | 'lower';
export type IndicatorKind = 'element' | 'rate';

/** Why a commune is or is not in the ranking. */
export type RankStatus =
  /** ranked normally */
  | 'ranked'
  /** "chưa báo cáo": a figure the indicator needs is missing */
  | 'not_reported'
  /** "chưa đủ số liệu": reported, but the denominator is below the indicator's minimum (or zero) */
  | 'insufficient'
  /** "không thu kỳ này": the round does not ask for the figures this indicator needs; nobody is
   *  missing anything, so it is never "chưa báo cáo" and is out of the composite for everyone */
  | 'not_collected';

/** Denominator code meaning "the commune's population from the catalogue", not a data element. */
export const POPULATION = '@population';

export interface IndicatorDef {
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: Unit;
  /** data element code; for kind 'element' the value itself */
  numerator: string;
  /** data element code, or POPULATION; null for kind 'element' */
  denominator: string | null;
  /** value = numerator ÷ denominator × factor (100 for a percent, 1000 for "per 1 000") */
  factor: number;
  direction: Direction;
  target: number | null;
  /** a rate whose denominator is below this is shown but not ranked */
  minDenominator: number;
  /** default weight in the composite index; 0 = not part of it */
  weight: number;
}

/** The raw counts one commune reported for one indicator in one round. null = missing. */
export interface IndicatorInput {
  communeCode: string;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: RankStatus;
}

export interface RankedRow extends IndicatorValue {
  communeCode: string;
  /** standard competition rank (1, 2, 2, 4); null when status is not 'ranked' */
  rank: number | null;
  previousRank: number | null;
  /** previousRank − rank: positive = moved up; null when either is missing */
  rankChange: number | null;
}

export interface ProvinceValue {
  /** Σ numerators ÷ Σ denominators × factor over communes with both figures; never a mean of rates */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** how many communes entered the sums */
  communes: number;
}

export interface CompositeComponent {
  indicator: string;
  value: number | null;
  status: RankStatus;
  /** weight as given (the score divides by the total weight of the indicators the round collects) */
  weight: number;
  /** 0..1: min(1, value ÷ target) for higher-is-better, min(1, target ÷ value) for lower */
  achievement: number | null;
  /** points this indicator adds to the 0..100 score */
  contribution: number;
  /** points this indicator costs the commune against a perfect 100 (what pulls it down) */
  shortfall: number;
}

export interface CompositeRow {
  communeCode: string;
  /** 0..100; null when 'not_reported' (no component to score). An 'insufficient' row (coverage
   *  under half the applicable weight) has a score (missing components count 0), shown but not ranked. */
  score: number | null;
  status: RankStatus;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  /** share of the applicable weight the commune has figures for (0..1) */
  coverage: number;
  /** k of "k/n chỉ tiêu": weighted indicators the commune has a rankable figure for */
  indicatorsReported: number;
  /** n of "k/n chỉ tiêu": weighted indicators the round collects */
  indicatorsApplicable: number;
  /** one per weighted indicator the round collects; a missing one has its whole weight as shortfall */
  components: CompositeComponent[];
}

export interface PeriodRef {
  code: string;
  kind: string;
  startDate: string; // ISO yyyy-mm-dd
  endDate: string;
}
