// API answers → what each slide draws: its one-line title (from @nq57/shared), its figures already
// formatted the Vietnamese way, and the geometry of its chart. Pure, so every slide is unit-tested
// (web/test/briefing-model.test.ts) and the components only lay out what they are given.
import {
  belowTarget,
  bottomMessage,
  coverageShort,
  budgetMessage,
  fitList,
  formatDateTime,
  formatNumber,
  formatRound,
  formatTarget,
  formatValue,
  formatVndShort,
  indicatorMessage,
  meetsTarget,
  movers,
  moversMessage,
  notReportedMessage,
  overviewMessage,
  topMessage,
} from '@nq57/shared';
import type { CompositeResponse, CompositeRowOut, OverviewResponse, RankingsResponse, RankingRow } from '@nq57/shared/schemas';
import { buildKpis, KEY_INDICATORS, type Trend } from '../panels/kpi/transform';
import { tb } from '../i18n/briefing';

export interface Tile {
  code: string;
  label: string;
  value: string;
  /** "▲ tăng 2,1 điểm %" and the round it is compared with */
  delta: string | null;
  trend: Trend;
  target: string | null;
}

export interface OverviewSlide {
  kind: 'overview';
  title: string;
  tiles: Tile[];
  comparedWith: string | null;
}

export interface CompositeBar {
  code: string;
  name: string;
  rank: string;
  score: string;
  /** 0..100, the bar's length */
  width: number;
  change: string;
  trend: 'up' | 'down' | 'same' | 'none';
  /** "7/7 chỉ tiêu", "5/7 chỉ tiêu (71%)": beside every composite score */
  coverage: string;
}

export interface CompositeSlide {
  kind: 'top' | 'bottom';
  title: string;
  rows: CompositeBar[];
}

export interface Column {
  code: string;
  /** 0..100 of the plot: left edge and width of the column, and its height */
  x: number;
  w: number;
  h: number;
  meets: boolean;
}

export interface Rule {
  /** 0..100 of the plot height, from the bottom */
  y: number;
  label: string;
}

export interface ListRow {
  code: string;
  rank: string;
  name: string;
  value: string;
  meets: boolean;
}

export interface IndicatorSlide {
  kind: 'indicator';
  code: string;
  name: string;
  title: string;
  columns: Column[];
  province: Rule | null;
  target: Rule | null;
  /** the ends of the axis, formatted: "0%", "100%" */
  min: string;
  max: string;
  rankedCount: string;
  listTitle: string;
  list: ListRow[];
}

export interface MoverRow {
  code: string;
  name: string;
  move: string;
  ranks: string;
}

export interface MoversSlide {
  kind: 'movers';
  title: string;
  up: MoverRow[];
  down: MoverRow[];
  comparedWith: string | null;
  /** the round compared with was published with another catalogue or weights (issue 12) */
  warning: string | null;
}

export interface NotReportedSlide {
  kind: 'not_reported';
  title: string;
  reported: string;
  /** 0..100 */
  share: number;
  names: string[];
  /** the commune code of each name, in the same order (a name opens the commune's page) */
  codes: string[];
  more: string | null;
}

export interface BudgetBar {
  code: string;
  name: string;
  value: string;
  width: number;
}

export interface BudgetSlide {
  kind: 'budget';
  title: string;
  total: string;
  communes: string;
  rows: BudgetBar[];
  /** when the round shown is not the round of the briefing */
  note: string | null;
}

export type SlideModel = OverviewSlide | CompositeSlide | IndicatorSlide | MoversSlide | NotReportedSlide | BudgetSlide;

/** The headline of the overview: the online filing rate, the first figure the reports give. */
const HEADLINE = 'online_filing_rate';

export function overviewSlide(o: OverviewResponse): OverviewSlide {
  const head = o.indicators.find((i) => i.indicator.code === HEADLINE);
  // a figure the round does not ask for has no tile: on a wall screen "—" would read as missing
  const kpis = buildKpis(o, KEY_INDICATORS).filter((k) => !k.notCollected);
  const tiles: Tile[] = [
    {
      code: 'reported',
      label: tb.reportedTile,
      value: `${formatNumber(o.communesReported)}/${formatNumber(o.communesTotal)}`,
      delta: null,
      trend: 'none',
      target: null,
    },
    ...kpis.map((k): Tile => {
      const item = o.indicators.find((i) => i.indicator.code === k.code)!;
      const target = item.indicator.target === null ? null : formatTarget(item.indicator.target, item.indicator.unit);
      if (k.missing) return { code: k.code, label: k.name, value: '—', delta: tb.noFigure, trend: 'none', target };
      if (item.indicator.unit !== 'vnd') return { code: k.code, label: k.name, value: k.value, delta: k.delta, trend: k.trend, target };
      // money on a wall screen: "7,63 tỷ đ", not thirteen digits
      const now = item.province.value as number;
      const before = item.previous?.value ?? null;
      const diff = before === null ? null : now - before;
      return {
        code: k.code,
        label: k.name,
        value: formatVndShort(now),
        delta: diff === null ? null : diff === 0 ? tb.unchanged : `${diff > 0 ? '▲ tăng' : '▼ giảm'} ${formatVndShort(Math.abs(diff))}`,
        trend: diff === null ? 'none' : 'same',
        target: null,
      };
    }),
  ];
  return {
    kind: 'overview',
    title: overviewMessage({
      communesReported: o.communesReported,
      communesTotal: o.communesTotal,
      headline: head ? { indicator: { name: head.indicator.name, unit: head.indicator.unit, direction: head.indicator.direction, target: head.indicator.target }, value: head.province.value } : null,
    }),
    tiles,
    comparedWith: o.comparedWith?.name ?? null,
  };
}

const changeOf = (c: number | null): Pick<CompositeBar, 'change' | 'trend'> =>
  c === null
    ? { change: tb.noCompare, trend: 'none' }
    : c > 0
      ? { change: tb.up(formatNumber(c)), trend: 'up' }
      : c < 0
        ? { change: tb.down(formatNumber(-c)), trend: 'down' }
        : { change: tb.same, trend: 'same' };

const compositeBar = (r: CompositeRowOut): CompositeBar => ({
  code: r.communeCode,
  name: r.communeName,
  rank: formatNumber(r.rank),
  score: formatNumber(r.score, 1),
  width: Math.max(0, Math.min(100, r.score ?? 0)),
  // no rank change (no earlier round of the same kind): a dash, the words would not fit the column
  ...(r.rankChange === null ? { change: '—', trend: 'none' as const } : changeOf(r.rankChange)),
  coverage: coverageShort(r),
});

/** Top 10 best first; bottom 10 worst first (the row the title names comes first). */
export function compositeSlide(c: Pick<CompositeResponse, 'rows'>, side: 'top' | 'bottom', n = 10): CompositeSlide {
  const ranked = c.rows.filter((r) => r.status === 'ranked' && r.rank !== null && r.score !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  const rows = side === 'top' ? ranked.slice(0, n) : ranked.slice(-n).reverse();
  const brief = rows.map((r) => ({ communeName: r.communeName, score: r.score, rank: r.rank }));
  return { kind: side, title: side === 'top' ? topMessage(brief) : bottomMessage(brief), rows: rows.map(compositeBar) };
}

/** 1, 2, 2.5, 5 × 10ⁿ: the smallest round number ≥ x. */
function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-9 * p) return m * p;
  return 10 * p;
}

/** One column per ranked commune, best first; the lowest first in the list when some miss the target. */
export function indicatorSlide(r: RankingsResponse, listSize = 8): IndicatorSlide {
  const ind = r.indicator;
  const ranked = r.rows.filter((x) => x.status === 'ranked' && x.rank !== null && x.value !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  const values = ranked.map((x) => x.value as number);
  const top = Math.max(0, ...values, r.province.value ?? 0, ind.target ?? 0);
  const max = ind.unit === 'percent' && top <= 100 ? (top > 50 ? 100 : niceCeil(top)) : niceCeil(top);
  const slot = ranked.length ? 100 / ranked.length : 100;
  const gap = Math.min(slot * 0.25, 0.4);
  const columns: Column[] = ranked.map((x, i) => ({
    code: x.communeCode,
    x: i * slot + gap / 2,
    w: Math.max(0.05, slot - gap),
    // a zero is still a hairline, so it reads as a figure and not as a gap
    h: Math.max(0.4, ((x.value as number) / max) * 100),
    meets: meetsTarget(x.value as number, ind),
  }));
  const rule = (v: number | null, label: string): Rule | null => (v === null || !Number.isFinite(v) ? null : { y: Math.max(0, Math.min(100, (v / max) * 100)), label: `${label} ${formatValue(v, ind.unit)}` });

  const missing = belowTarget(ranked, ind);
  const worstFirst = (rows: RankingRow[]) => [...rows].sort((a, b) => (b.rank as number) - (a.rank as number));
  const listRows = missing.length > 0 ? worstFirst(missing).slice(0, listSize) : ranked.slice(0, listSize);
  return {
    kind: 'indicator',
    code: ind.code,
    name: ind.name,
    title: indicatorMessage({ name: ind.name, unit: ind.unit, direction: ind.direction, target: ind.target }, r.rows, r.period.name),
    columns,
    province: rule(r.province.value, tb.province),
    target: rule(ind.target, tb.target),
    // the axis ends are round numbers ("0%", "100%"), not values to compare
    min: formatRound(0, ind.unit),
    max: formatRound(max, ind.unit),
    rankedCount: ind.collected ? tb.ranked(formatNumber(ranked.length)) : tb.notCollected,
    listTitle: missing.length > 0 ? tb.belowTarget : tb.best,
    list: listRows.map((x) => ({ code: x.communeCode, rank: formatNumber(x.rank), name: x.communeName, value: formatValue(x.value, ind.unit), meets: meetsTarget(x.value as number, ind) })),
  };
}

export function moversSlide(c: Pick<CompositeResponse, 'rows' | 'comparedWith'> & { comparisonWarning?: string | null }, n = 5): MoversSlide {
  const m = movers(c.rows, n);
  const row = (r: CompositeRowOut): MoverRow => ({
    code: r.communeCode,
    name: r.communeName,
    move: changeOf(r.rankChange).change,
    ranks: tb.rankMove(r.previousRank as number, r.rank as number),
  });
  const comparedWith = c.comparedWith?.name ?? null;
  return { kind: 'movers', title: moversMessage(m, comparedWith), up: m.up.map(row), down: m.down.map(row), comparedWith, warning: c.comparisonWarning ?? null };
}

/** `capacity`: how many names the screen holds (the last place then says "+ N xã khác"). */
export function notReportedSlide(o: Pick<OverviewResponse, 'notReported' | 'communesTotal' | 'communesReported' | 'period'>, capacity = 30): NotReportedSlide {
  const names = o.notReported.map((c) => c.communeName);
  const fit = fitList(names, capacity);
  return {
    kind: 'not_reported',
    title: notReportedMessage({ notReported: names.length, communesTotal: o.communesTotal, periodName: o.period.name }),
    reported: `${formatNumber(o.communesReported)}/${formatNumber(o.communesTotal)}`,
    share: o.communesTotal > 0 ? (o.communesReported / o.communesTotal) * 100 : 0,
    names: fit.shown,
    codes: o.notReported.slice(0, fit.shown.length).map((c) => c.communeCode),
    more: fit.more > 0 ? tb.more(formatNumber(fit.more)) : null,
  };
}

/**
 * The newest round, at or before the briefing's, whose budget ranking has any request: budget
 * requests come with the 9-month and annual reports, not every quarter. `byPeriod` newest first.
 */
export function pickBudgetRound(byPeriod: (RankingsResponse | undefined)[]): RankingsResponse | null {
  return byPeriod.find((r) => r && r.province.communes > 0 && r.province.value !== null) ?? null;
}

export function budgetSlide(r: RankingsResponse | null, briefingPeriod: string | null, n = 10): BudgetSlide {
  if (!r) {
    return { kind: 'budget', title: budgetMessage({ total: null, communes: 0, periodName: null }), total: '—', communes: '0', rows: [], note: null };
  }
  const asked = r.rows.filter((x) => x.value !== null && x.value > 0).sort((a, b) => (b.value as number) - (a.value as number));
  const largest = asked[0]?.value ?? 0;
  return {
    kind: 'budget',
    title: budgetMessage({ total: r.province.value, communes: asked.length, periodName: r.period.name }),
    total: formatVndShort(r.province.value),
    communes: formatNumber(asked.length),
    rows: asked.slice(0, n).map((x) => ({ code: x.communeCode, name: x.communeName, value: formatVndShort(x.value), width: largest > 0 ? ((x.value as number) / largest) * 100 : 0 })),
    note: briefingPeriod !== null && r.period.code !== briefingPeriod ? tb.budgetOlder(r.period.name) : null,
  };
}

export interface SlideInputs {
  overview: OverviewResponse | undefined;
  composite: CompositeResponse | undefined;
  rankings: Map<string, RankingsResponse | undefined>;
  /** budget rankings of the briefing's round and the rounds before it, newest first */
  budgetRounds: (RankingsResponse | undefined)[];
  budgetLoading: boolean;
}

/** The model of one slide, or null while its figures are still loading. */
export function slideModel(slide: { type: string; indicator?: string }, d: SlideInputs): SlideModel | null {
  switch (slide.type) {
    case 'overview':
      return d.overview ? overviewSlide(d.overview) : null;
    case 'top':
    case 'bottom':
      return d.composite ? compositeSlide(d.composite, slide.type) : null;
    case 'movers':
      return d.composite ? moversSlide(d.composite) : null;
    case 'not_reported':
      return d.overview ? notReportedSlide(d.overview) : null;
    case 'indicator': {
      const r = slide.indicator ? d.rankings.get(slide.indicator) : undefined;
      return r ? indicatorSlide(r) : null;
    }
    case 'budget': {
      const found = pickBudgetRound(d.budgetRounds);
      if (!found && d.budgetLoading) return null;
      return budgetSlide(found, d.overview?.period.code ?? null);
    }
    default:
      return null;
  }
}

/** The line above the title: what kind of slide this is. */
export function kicker(slide: { type: string }, model: SlideModel | null): string {
  if (slide.type === 'indicator') return model?.kind === 'indicator' ? tb.kicker.indicator(model.name) : tb.title;
  const k = tb.kicker[slide.type as Exclude<keyof typeof tb.kicker, 'indicator'>];
  return typeof k === 'string' ? k : tb.title;
}

/** "14:05:32" in Vietnam time: the time of day of the last refresh, to the second. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  // formatDateTime gives "dd/mm/yyyy HH:MM" in Vietnam time; seconds do not depend on the zone
  return `${formatDateTime(d).slice(11)}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}
