// Rankings, composite index, a commune's standing and the province overview. The SQL only
// fetches counts (repositories); every rule (rates, ties, unranked communes, composite
// scores, the round compared with) is a pure function from @nq57/shared, the same ones the
// browser runs when leadership moves a weight.
import {
  POPULATION,
  briefingRounds,
  comparisonPeriod,
  compareVi,
  countReported,
  defaultRound,
  defaultWeights,
  indicatorCollected,
  inDistrict,
  indicatorValue,
  isReported,
  noStates,
  parseWeights,
  placeOf,
  provinceValue,
  rankComposite,
  compositeRanks,
  compositeRowOf,
  type Neighbour,
  rankIndicator,
  reportState,
  sameKindSeries,
  type CompositeRow,
  type IndicatorInput,
  type IndicatorValue,
  type RankedRow,
  type SlideSpec,
} from '@nq57/shared';
import type { Live, ValuesResponse } from '@nq57/shared/schemas';
import type { CompositeResponse as CompositeOut, OverviewResponse as OverviewOut, RankingsResponse as RankingsOut, StandingResponse as StandingOut } from '@nq57/shared/schemas';
import type {
  CatalogueRepository,
  CommuneRecord,
  ElementRecord,
  IndicatorRecord,
  PeriodRecord,
} from '../repositories/catalogue';
import type { Column, MatrixRow, ValuesRepository } from '../repositories/values';
import type { ReportingRepository } from '../repositories/reporting';
import type { RoundsRepository } from '../repositories/rounds';
import type { ReleaseRecord, ReleasesRepository } from '../repositories/releases';
import type { RoundRanks, RoundRanksRepository } from '../repositories/round-ranks';
import { createHash } from 'node:crypto';
import { ApiError } from '../errors';
import type { DataVersion } from './data-version';
import { roundReports, type RoundReports } from './reporting';
import { createRoundFigures, type RoundFigures } from './round-figures';

/** A round as the read side sees it: what is stored, and how many communes have reported. */
export interface RoundView extends PeriodRecord {
  /** "đã báo cáo": đã nộp or đã duyệt (shared/domain/states.ts) */
  communesReported: number;
  /** "đã duyệt" (including figures published without a submission) */
  communesApproved: number;
  /** element codes the round collects (its form's, plus computed ones once closed); null = everything */
  collected: ReadonlySet<string> | null;
}

export interface Snapshot {
  version: number;
  communes: CommuneRecord[];
  communeById: Map<number, CommuneRecord>;
  communeByCode: Map<string, CommuneRecord>;
  elements: ElementRecord[];
  indicators: IndicatorRecord[];
  indicatorByCode: Map<string, IndicatorRecord>;
  /** newest first */
  periods: RoundView[];
  periodByCode: Map<string, RoundView>;
  demo: boolean;
  /** each round's newest release (decision 019), by round id */
  latestRelease: Map<number, ReleaseRecord>;
}

// What the service computes: the live figures. The release fields are added by the published
// reads (services/releases.ts), which answer from a release by default.
type RankingsResponse = Live<RankingsOut>;
type CompositeResponse = Live<CompositeOut>;
type OverviewResponse = Live<OverviewOut>;
type StandingResponse = Live<StandingOut>;
export type { RankingsResponse as LiveRankings, CompositeResponse as LiveComposite, OverviewResponse as LiveOverview, StandingResponse as LiveStanding };

export interface Filter {
  type?: string;
  district?: string;
}

/** includeSubmitted: overlay the figures of submissions awaiting approval on the published ones */
export interface Basis {
  includeSubmitted?: boolean;
}

type Grid = Map<number, Map<number, MatrixRow>>; // periodId → communeId → row

/** The earlier rounds of every commune's trend, as a release freezes them: by commune, in `communes`' order. */
export interface FrozenTrend {
  communes: string[];
  /** oldest first */
  rounds: {
    period: string;
    periodName: string;
    /** indicator code → each commune's value and rank (null for none), and the province's value */
    indicators: Record<string, { values: (number | null)[]; ranks: (number | null)[]; province: number | null }>;
  }[];
}

/** One indicator in one round of a trend: by commune (the snapshot's order), NaN and 0 for none. */
interface TrendPoint {
  values: Float64Array;
  ranks: Int32Array;
  province: number | null;
}

/** One commune's point of a round's trend, and its composite rank there when it was read from the database. */
interface OwnPoint {
  /** by indicator the round collects */
  points: Map<string, { value: number | null; rank: number | null; province: number | null }>;
  composite?: { weights: string; rank: number | null };
}

function ownOfTrend(trend: Map<string, TrendPoint>, at: number): OwnPoint {
  const points: OwnPoint['points'] = new Map();
  for (const [code, t] of trend) {
    const value = t.values[at];
    points.set(code, { value: Number.isNaN(value) ? null : value, rank: t.ranks[at] || null, province: t.province });
  }
  return { points };
}

export function createRankingService(deps: {
  catalogue: CatalogueRepository;
  values: ValuesRepository;
  reporting: ReportingRepository;
  rounds: RoundsRepository;
  releases: ReleasesRepository;
  version: DataVersion;
  isDemo: () => Promise<boolean>;
  /** the clock for "overdue" (tests may fix it) */
  now?: () => Date;
  /** the figures kept per round between reads (default: kept in this process, see round-figures.ts) */
  figures?: RoundFigures;
  /** each round's ranks kept in the database between restarts (none: only in this process) */
  ranks?: RoundRanksRepository;
  /** a round's ranks could not be kept in the database (they are made again when next needed) */
  onKeepError?: (err: unknown) => void;
}) {
  const now = deps.now ?? (() => new Date());
  const figures = deps.figures ?? createRoundFigures(deps.values, deps.version);
  // the rounds' ranks being written to the database, and what each round was last written at
  const writing = new Set<Promise<void>>();
  const written = new Map<number, string>();
  const definitions = new WeakMap<Snapshot, string>();
  let snap: Promise<Snapshot> | null = null;
  let snapVersion = -1;

  /** The catalogue is small and changes rarely: read once per data version. */
  function snapshot(): Promise<Snapshot> {
    if (!snap || snapVersion !== deps.version.current) {
      snapVersion = deps.version.current;
      snap = loadSnapshot(snapVersion);
      snap.catch(() => (snap = null));
    }
    return snap;
  }

  async function loadSnapshot(version: number): Promise<Snapshot> {
    const [communes, elements, stored, demo, asked, released] = await Promise.all([
      deps.catalogue.communes(),
      deps.catalogue.elements(),
      deps.catalogue.periods(),
      deps.isDemo(),
      deps.rounds.asked(),
      deps.releases.latest(),
    ]);
    // counted again only for the rounds written to since they were counted (round-figures.ts):
    // at national scale counting all 60 rounds took seconds after every approval
    const [indicators, withFigures, stateCounts] = await Promise.all([
      deps.catalogue.indicators(elements),
      figures.perRound(stored, 'communesWithFigures', (missing) => deps.catalogue.communesWithFigures(missing.map((r) => r.id))),
      figures.perRound(stored, 'stateCounts', (missing) => deps.reporting.stateCounts(missing.map((r) => r.id))),
    ]);
    const computed = elements.filter((e) => e.computed).map((e) => e.code);
    const periods = stored.map((p): RoundView => {
      const byState = noStates();
      for (const c of stateCounts.get(p.id) ?? []) {
        byState[reportState(c.status === 'published_only' ? null : c.status, c.status === 'published_only')] += c.n;
      }
      const own = asked.get(p.id);
      return {
        ...p,
        communesWithFigures: withFigures.get(p.id) ?? 0,
        communesReported: countReported(byState),
        communesApproved: byState.approved,
        // the system writes the on-time figures when a round closes: collected from then on
        // a round kept without a list collects everything (null), as it did before lists existed
        collected: own?.ownList ? new Set([...own.codes, ...(p.status === 'closed' ? computed : [])]) : null,
      };
    });
    return {
      version,
      communes,
      communeById: new Map(communes.map((c) => [c.id, c])),
      communeByCode: new Map(communes.map((c) => [c.code, c])),
      elements,
      indicators,
      indicatorByCode: new Map(indicators.map((i) => [i.code, i])),
      periods,
      periodByCode: new Map(periods.map((p) => [p.code, p])),
      demo,
      latestRelease: new Map(released.map((r) => [r.periodId, r])),
    };
  }

  function resolvePeriod(s: Snapshot, code: string | undefined): RoundView {
    if (code) {
      const p = s.periodByCode.get(code);
      if (!p) throw new ApiError(404, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${code}"`);
      return p;
    }
    // a published round stays the default while it is reopened for a correction (decision 019)
    const asPublished = s.periods.map((x) => (s.latestRelease.has(x.id) ? { ...x, status: 'closed' as const } : x));
    const p = defaultRound(asPublished, (x) => x.communesWithFigures > 0);
    if (!p) throw new ApiError(404, 'PERIOD_NOT_FOUND', 'Chưa có kỳ báo cáo nào');
    return s.periodByCode.get(p.code)!;
  }

  /** The previous round of the same kind with figures; null = no rank change is shown (decision 009). */
  function previousOf(s: Snapshot, p: RoundView): RoundView | null {
    const withFigures = s.periods.filter((x) => x.communesWithFigures > 0 || x.code === p.code);
    const ref = comparisonPeriod(withFigures, p);
    return ref ? s.periodByCode.get(ref.code)! : null;
  }

  const collects = (p: RoundView, ind: IndicatorRecord) => indicatorCollected(ind, p.collected);

  async function roundReportsOf(p: RoundView): Promise<RoundReports> {
    return roundReports(await deps.reporting.reports([p.id]), p, now());
  }

  function resolveIndicator(s: Snapshot, code: string): IndicatorRecord {
    const ind = s.indicatorByCode.get(code);
    if (!ind) throw new ApiError(404, 'INDICATOR_NOT_FOUND', `Không có chỉ tiêu "${code}"`);
    return ind;
  }

  /** A commune that took wards from several former districts is in each of them (Xã Đông Sơn: Bình Sơn and TP Quảng Ngãi). */
  function filterCommunes(s: Snapshot, f: Filter): CommuneRecord[] {
    const inIt = (c: CommuneRecord) => !f.district || inDistrict(c.formerDistricts, f.district);
    if (f.district && !s.communes.some(inIt)) {
      throw new ApiError(404, 'DISTRICT_NOT_FOUND', `Không có huyện cũ "${f.district}"`);
    }
    return s.communes.filter((c) => (!f.type || c.type === f.type) && inIt(c));
  }

  const elementIdsOf = (inds: IndicatorRecord[]) => [
    ...new Set(inds.flatMap((i) => (i.denominatorId === null ? [i.numeratorId] : [i.numeratorId, i.denominatorId]))),
  ];

  async function grid(rounds: RoundView[], elementIds: number[], basis: Basis = {}): Promise<Grid> {
    if (elementIds.length > 30) throw new Error('grid limited to 30 elements (approximate bit mask)');
    const g: Grid = new Map();
    await Promise.all(
      rounds.map(async (round) => {
        g.set(round.id, rowsOf(round.id, await figures.columns(round, elementIds), elementIds));
      }),
    );
    if (basis.includeSubmitted) {
      // as if approved: every element the round asks for takes the submission's value (empty → null)
      for (const o of await deps.values.submittedOverlay(rounds.map((r) => r.id), elementIds)) {
        const byPeriod = g.get(o.periodId)!;
        const r = byPeriod.get(o.communeId) ?? { periodId: o.periodId, communeId: o.communeId, approxMask: 0, values: elementIds.map(() => null) };
        const values = [...r.values];
        let approxMask = r.approxMask;
        for (const id of o.asked) {
          const k = elementIds.indexOf(id);
          if (k < 0) continue;
          values[k] = o.values.get(id) ?? null;
          approxMask &= ~(1 << k);
        }
        byPeriod.set(o.communeId, { ...r, values, approxMask });
      }
    }
    return g;
  }

  /** Where an indicator's numerator and denominator sit in a grid row's values (-1: none). */
  function columnsOf(ind: IndicatorRecord, elementIds: number[]) {
    return { ni: elementIds.indexOf(ind.numeratorId), di: ind.denominatorId === null ? -1 : elementIds.indexOf(ind.denominatorId) };
  }

  /** A commune's numerator and denominator of `ind` from its grid row (none: not reported). */
  function countsOf(ind: IndicatorRecord, { ni, di }: { ni: number; di: number }, r: MatrixRow | undefined, c: CommuneRecord) {
    const numerator = r ? r.values[ni] : null;
    const denominator = ind.denominator === POPULATION ? (r ? c.population : null) : di >= 0 && r ? r.values[di] : null;
    return { numerator, denominator };
  }

  function inputsFor(ind: IndicatorRecord, elementIds: number[], rows: Map<number, MatrixRow> | undefined, communes: CommuneRecord[]) {
    const cols = columnsOf(ind, elementIds);
    const { ni, di } = cols;
    return communes.map((c): IndicatorInput & { approximate: boolean } => {
      const r = rows?.get(c.id);
      const approximate = Boolean(r && (r.approxMask & ((1 << ni) | (di >= 0 ? 1 << di : 0))));
      return { communeCode: c.code, ...countsOf(ind, cols, r, c), approximate };
    });
  }

  /**
   * One indicator ranked in round `p` (and its rank change against `prev`). An indicator the
   * round does not collect ranks nobody and is "không thu kỳ này" for every commune, never
   * "chưa báo cáo"; one the previous round did not collect shows no rank change.
   */
  function rankIn(ind: IndicatorRecord, p: RoundView, current: IndicatorInput[], prev: RoundView | null, previous: IndicatorInput[] | null): RankedRow[] {
    if (!collects(p, ind)) {
      return current.map((i) => ({ communeCode: i.communeCode, ...NOT_COLLECTED, rank: null, previousRank: null, rankChange: null }));
    }
    return rankIndicator(ind, current, prev && previous && collects(prev, ind) ? previous : null);
  }

  const provinceIn = (ind: IndicatorRecord, p: RoundView, current: IndicatorInput[]) =>
    collects(p, ind) ? provinceValue(ind, current) : { value: null, numerator: null, denominator: null, communes: 0 };

  const periodRef = (p: PeriodRecord) => ({ code: p.code, name: p.name, dataAsOf: p.dataAsOf });
  const indicatorRef = (i: IndicatorRecord, p: RoundView) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    target: i.target,
    minDenominator: i.minDenominator,
    kind: i.kind,
    collected: collects(p, i),
  });

  /** ranked first by rank, then unranked (not reported last), names in Vietnamese order */
  function byRankThenName<T extends { rank: number | null; status: string }>(name: (t: T) => string) {
    const statusOrder: Record<string, number> = { ranked: 0, insufficient: 1, not_reported: 2, not_collected: 3 };
    return (a: T, b: T) =>
      statusOrder[a.status] - statusOrder[b.status] || (a.rank ?? 0) - (b.rank ?? 0) || compareVi(name(a), name(b));
  }

  /** Indicators a weight can be given to: those in the index by default, and any with a target. */
  const compositeEligible = (s: Snapshot) => s.indicators.filter((i) => i.weight > 0 || i.target !== null);

  /** Each commune's value of each indicator in round `p`; 'not_collected' where the round does not ask. */
  function valuesByCommune(inds: IndicatorRecord[], p: RoundView, elementIds: number[], rows: Map<number, MatrixRow> | undefined, communes: CommuneRecord[]) {
    // one record per commune, filled indicator by indicator without the inputs' objects between
    // (3 321 communes × the weighted indicators × two rounds at national scale)
    const records = communes.map((): Record<string, IndicatorValue> => ({}));
    for (const ind of inds) {
      if (!collects(p, ind)) {
        for (const r of records) r[ind.code] = NOT_COLLECTED;
        continue;
      }
      const cols = columnsOf(ind, elementIds);
      for (let k = 0; k < communes.length; k++) {
        const { numerator, denominator } = countsOf(ind, cols, rows?.get(communes[k].id), communes[k]);
        records[k][ind.code] = indicatorValue(ind, numerator, denominator);
      }
    }
    return new Map(communes.map((c, k) => [c.code, records[k]]));
  }

  function composite(s: Snapshot, weights: Record<string, number>, communes: CommuneRecord[], g: Grid, elementIds: number[], p: RoundView, prev: RoundView | null, inds = compositeEligible(s)) {
    const current = valuesByCommune(inds, p, elementIds, g.get(p.id), communes);
    const previous = prev ? valuesByCommune(inds, prev, elementIds, g.get(prev.id), communes) : null;
    return { rows: rankComposite(inds, weights, current, previous), current, previous, inds };
  }

  /**
   * The composite ranks of every commune in `round` with these weights, kept with the round's
   * figures: the round compared with has not changed when the round shown has, so a composite or
   * a standing after an approval does not score and rank it again. Every commune: a filtered
   * table ranks its own rows among themselves and does not use this.
   */
  function keptCompositeRanks(s: Snapshot, round: RoundView, inds: IndicatorRecord[], weights: Record<string, number>, elementIds: number[], basis: Basis) {
    const wk = weightsKey(inds, weights);
    return figures.derive(round, compositeKey(basis, wk), async () => {
      // made before, at the round's figures now, and kept in the database (default weights)
      if (!basis.includeSubmitted && deps.ranks) {
        const [row] = await deps.ranks.read([{ periodId: round.id, definition: definitionOf(s, round) }], null);
        if (row && row.compositeWeights === wk) {
          const m = new Map<string, number>();
          row.compositeRanks.forEach((r, k) => r !== null && m.set(s.communes[k].code, r));
          return { value: m, cells: m.size + 1 };
        }
      }
      const g = await grid([round], elementIds, basis);
      const m = compositeRanks(inds, weights, valuesByCommune(inds, round, elementIds, g.get(round.id), s.communes));
      return { value: m, cells: m.size + 1 };
    });
  }

  /**
   * The compared round's composite ranks a standing needs: as kept in this process, else its own
   * as read from the database with its trend point, else every commune's (keptCompositeRanks).
   */
  async function previousCompositeRanks(s: Snapshot, prev: RoundView, own: OwnPoint, code: string, inds: IndicatorRecord[], weights: Record<string, number>, elementIds: number[], basis: Basis) {
    const wk = weightsKey(inds, weights);
    const kept = figures.peek<Map<string, number>>(prev, compositeKey(basis, wk));
    if (kept) return kept;
    if (own.composite?.weights === wk) return new Map(own.composite.rank === null ? [] : [[code, own.composite.rank]]);
    return keptCompositeRanks(s, prev, inds, weights, elementIds, basis);
  }

  /** The weighted indicators and their weights, as text: composite ranks are kept per weighting. */
  const weightsKey = (inds: IndicatorRecord[], weights: Record<string, number>) =>
    inds
      .filter((i) => (weights[i.code] ?? i.weight) > 0)
      .map((i) => `${i.code}:${weights[i.code] ?? i.weight}`)
      .sort()
      .join(',');
  const compositeKey = (basis: Basis, wk: string) => `composite-ranks:${basis.includeSubmitted ? 'submitted' : 'approved'}:${wk}`;
  const trendKey = (basis: Basis) => `trend:${basis.includeSubmitted ? 'submitted' : 'approved'}`;

  /**
   * What a round's ranks depend on besides its figures: the communes (their order too: rows are
   * kept by position), the catalogue and the round's own settings (what it collects, its status).
   * Its counts are left out: they move with the figures, which the figures version covers.
   */
  function definitionOf(s: Snapshot, round: RoundView): string {
    let base = definitions.get(s);
    if (!base) {
      base = createHash('sha256').update(JSON.stringify([s.communes, s.elements, s.indicators])).digest('base64url');
      definitions.set(s, base);
    }
    const { communesWithFigures: _w, communesReported: _r, communesApproved: _a, collected, ...own } = round;
    return createHash('sha256')
      .update(base)
      .update(JSON.stringify([own, collected ? [...collected].sort() : null]))
      .digest('base64url');
  }

  /**
   * Keep a round's trend point and its composite ranks (default weights) in the database, made
   * from figures read at `version`: after the answer has gone (the composite ranks take a national
   * round 10–20 ms), once per version and definition.
   */
  function keep(s: Snapshot, round: RoundView, version: number, trend: Map<string, TrendPoint>, rows: Map<number, MatrixRow> | undefined, elementIds: number[]) {
    const ranks = deps.ranks;
    if (!ranks) return;
    const definition = definitionOf(s, round);
    const tag = `${version}|${definition}`;
    if (written.get(round.id) === tag) return;
    written.set(round.id, tag);
    const w: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => ranks.write(keptRow(s, round, version, definition, trend, rows, elementIds)))
      .catch((err) => {
        written.delete(round.id);
        deps.onKeepError?.(err);
      })
      .finally(() => writing.delete(w));
    writing.add(w);
  }

  function keptRow(s: Snapshot, round: RoundView, version: number, definition: string, trend: Map<string, TrendPoint>, rows: Map<number, MatrixRow> | undefined, elementIds: number[]): RoundRanks {
    const eligible = compositeEligible(s);
    const weights = defaultWeights(eligible);
    const composite = compositeRanks(eligible, weights, valuesByCommune(eligible, round, elementIds, rows, s.communes));
    const points = [...trend.values()];
    const n = s.communes.length;
    const m = points.length;
    const values = new Array<number | null>(n * m);
    const ranks = new Array<number | null>(n * m);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < m; j++) {
        const v = points[j].values[k];
        values[k * m + j] = Number.isNaN(v) ? null : v;
        ranks[k * m + j] = points[j].ranks[k] || null;
      }
    }
    return {
      periodId: round.id,
      figuresVersion: version,
      definition,
      indicators: [...trend.keys()],
      province: points.map((p) => p.province),
      values,
      ranks,
      compositeWeights: weightsKey(eligible, weights),
      compositeRanks: s.communes.map((c) => composite.get(c.code) ?? null),
    };
  }

  /**
   * One commune's point of each of these rounds' trends (value, rank, the province's value per
   * indicator the round collects): as kept in this process, else as kept in the database (its
   * slice, a few dozen numbers per round), else made (every commune's figures of the round
   * read and ranked, then kept in both).
   */
  async function ownPoints(s: Snapshot, rounds: RoundView[], at: number, elementIds: number[], basis: Basis): Promise<Map<number, OwnPoint>> {
    const out = new Map<number, OwnPoint>();
    let missing: RoundView[] = [];
    for (const r of rounds) {
      const kept = figures.peek<Map<string, TrendPoint>>(r, trendKey(basis));
      if (kept) out.set(r.id, ownOfTrend(kept, at));
      else missing.push(r);
    }
    if (missing.length && !basis.includeSubmitted && deps.ranks) {
      for (const row of await deps.ranks.read(missing.map((r) => ({ periodId: r.id, definition: definitionOf(s, r) })), at)) {
        const points = new Map(row.indicators.map((code, j) => [code, { value: row.values[j], rank: row.ranks[j], province: row.province[j] }]));
        out.set(row.periodId, { points, composite: { weights: row.compositeWeights, rank: row.compositeRanks[0] ?? null } });
      }
      missing = missing.filter((r) => !out.has(r.id));
    }
    await Promise.all(missing.map(async (r) => out.set(r.id, ownOfTrend(await trendOf(s, r, elementIds, basis), at))));
    return out;
  }

  /**
   * Every commune's value and rank of each indicator the round collects, ranked on its own (a
   * trend's point), in the snapshot's commune order: kept with the round's figures until the
   * round changes, so a standing reads its trend once per change, not once per reader.
   */
  function trendOf(s: Snapshot, round: RoundView, elementIds: number[], basis: Basis): Promise<Map<string, TrendPoint>> {
    return figures.derive(round, trendKey(basis), async () => {
      const rows = (await grid([round], elementIds, basis)).get(round.id);
      // the version these figures were read at (none if a change came meanwhile): what may be kept
      const version = basis.includeSubmitted ? null : figures.versionOf(round, elementIds);
      const out = new Map<string, TrendPoint>();
      for (const ind of s.indicators) {
        if (!collects(round, ind)) continue;
        // rows in the snapshot's commune order, as rankIndicator answers
        const cur = inputsFor(ind, elementIds, rows, s.communes);
        const ranked = rankIn(ind, round, cur, null, null);
        out.set(ind.code, {
          values: new Float64Array(ranked.map((r) => r.value ?? NaN)),
          ranks: new Int32Array(ranked.map((r) => r.rank ?? 0)),
          province: provinceIn(ind, round, cur).value,
        });
      }
      if (version !== null) keep(s, round, version, out, rows, elementIds);
      return { value: out, cells: out.size * (s.communes.length * 1.5 + 1) };
    });
  }

  /**
   * A composite row with its commune's name, type and former district. Written out field by field
   * in the row's own order (the same JSON): a spread of each of 3 321 rows took 9–17 ms of a
   * national composite, the literal under 1 ms. Typed, so a field added to the row must be added here.
   */
  const compositeRowOut =
    (s: Snapshot) =>
    (r: CompositeRow) => {
      const c = s.communeByCode.get(r.communeCode)!;
      const out = {
        communeCode: r.communeCode,
        score: r.score,
        status: r.status,
        rank: r.rank,
        previousRank: r.previousRank,
        rankChange: r.rankChange,
        coverage: r.coverage,
        indicatorsReported: r.indicatorsReported,
        indicatorsApplicable: r.indicatorsApplicable,
        components: r.components,
        communeName: c.name,
        communeType: c.type,
        formerDistrict: c.formerDistrict,
      };
      // every field of the row is carried: adding one to CompositeRow fails here until it is added above
      return out satisfies Record<keyof CompositeRow, unknown>;
    };

  return {
    snapshot,

    /** Every round's ranks being kept in the database has been written (app close, tests, the bench). */
    async settled(): Promise<void> {
      while (writing.size) await Promise.all(writing);
    },

    /** The round a read means: the one named, or the default (404 otherwise). */
    period: async (code?: string) => resolvePeriod(await snapshot(), code),

    /**
     * The rounds a briefing of these slides shows while it shows `periodCode`, or the default
     * round as it is now (404 for an unknown round): what a briefing link's live stream hears of.
     */
    async briefingRounds(slides: readonly Pick<SlideSpec, 'type'>[], periodCode?: string): Promise<Set<string>> {
      const s = await snapshot();
      const p = resolvePeriod(s, periodCode);
      return briefingRounds(slides, { round: p.code, comparedWith: previousOf(s, p)?.code ?? null, newestFirst: s.periods.map((x) => x.code) });
    },

    /** The codes of the communes a filter keeps (404 for an unknown former district). */
    communesIn: async (f: Filter) => new Set(filterCommunes(await snapshot(), f).map((c) => c.code)),

    /**
     * The composite of frozen inputs (a release's) with other weights: the same rule as a live
     * read, over every commune; rows ranked, then named, as `composite` orders them.
     */
    async reweigh(frozen: CompositeResponse, weightsText: string | undefined): Promise<CompositeResponse> {
      const s = await snapshot();
      // the indicators and official weights the release was published with (unnamed ones keep those)
      const eligible = compositeEligible(s)
        .filter((i) => frozen.indicators.some((x) => x.code === i.code))
        .map((i) => ({ ...i, weight: frozen.weights[i.code] ?? i.weight }));
      const weights = parseWeights(weightsText, eligible);
      if ('error' in weights) throw new ApiError(400, 'BAD_WEIGHTS', weights.error as string);
      // a release is frozen with its inputs (services/releases.ts freeze)
      const inputs = frozen.inputs;
      if (!inputs) throw new Error('reweigh: the composite was read without its inputs');
      const unpack = (list: NonNullable<CompositeResponse['inputs']>['current']) =>
        new Map(
          list.map((x) => [
            x.communeCode,
            Object.fromEntries(Object.entries(x.values).map(([k, v]) => [k, { ...v, numerator: null, denominator: null }])) as Record<string, IndicatorValue>,
          ]),
        );
      const rows = rankComposite(eligible, weights as Record<string, number>, unpack(inputs.current), inputs.previous ? unpack(inputs.previous) : null)
        .map(compositeRowOut(s))
        .sort(byRankThenName((r) => r.communeName));
      return { ...frozen, weights: weights as Record<string, number>, rankedCount: rows.filter((r) => r.status === 'ranked').length, rows };
    },

    async rankings(q: { period?: string; indicator: string } & Filter & Basis): Promise<RankingsResponse> {
      const s = await snapshot();
      const p = resolvePeriod(s, q.period);
      const ind = resolveIndicator(s, q.indicator);
      const communes = filterCommunes(s, q);
      const prev = previousOf(s, p);
      const elementIds = elementIdsOf([ind]);
      const g = await grid(prev ? [p, prev] : [p], elementIds, q);
      const current = inputsFor(ind, elementIds, g.get(p.id), communes);
      const ranked = rankIn(ind, p, current, prev, prev ? inputsFor(ind, elementIds, g.get(prev.id), communes) : null);
      const rows = ranked.map((r: RankedRow, i) => {
        const c = s.communeByCode.get(r.communeCode)!;
        return {
          communeCode: c.code,
          communeName: c.name,
          communeType: c.type,
          formerDistrict: c.formerDistrict,
          value: r.value,
          numerator: r.numerator,
          denominator: r.denominator,
          rank: r.rank,
          previousRank: r.previousRank,
          rankChange: r.rankChange,
          status: r.status,
          approximate: current[i].approximate,
        };
      });
      rows.sort(byRankThenName((r) => r.communeName));
      return {
        period: periodRef(p),
        indicator: indicatorRef(ind, p),
        province: provinceIn(ind, p, current),
        comparedWith: prev ? periodRef(prev) : null,
        rankedCount: rows.filter((r) => r.status === 'ranked').length,
        rows,
      };
    },

    /** `inputs`: also every eligible indicator's values per commune (the browser re-weights with them) */
    async composite(q: { period?: string; weights?: string; inputs?: boolean } & Filter & Basis): Promise<CompositeResponse> {
      const s = await snapshot();
      const p = resolvePeriod(s, q.period);
      const eligible = compositeEligible(s);
      const weights = parseWeights(q.weights, eligible);
      if ('error' in weights) throw new ApiError(400, 'BAD_WEIGHTS', weights.error as string);
      const communes = filterCommunes(s, q);
      const prev = previousOf(s, p);
      // only the weighted indicators' figures are read (at national scale the figures read are
      // most of the time); every eligible one when the browser asks for inputs to re-weight
      const used = q.inputs ? eligible : eligible.filter((i) => ((weights as Record<string, number>)[i.code] ?? 0) > 0);
      const elementIds = elementIdsOf(used);
      // the compared round's ranks as kept, unless a filter ranks a part of the communes among
      // themselves or the browser asks for the previous values too: then its figures are read
      const kept = prev && !q.inputs && communes.length === s.communes.length;
      const w = weights as Record<string, number>;
      const [g, ranks] = await Promise.all([grid(prev && !kept ? [p, prev] : [p], elementIds, q), kept ? keptCompositeRanks(s, prev, used, w, elementIds, q) : null]);
      const current = valuesByCommune(used, p, elementIds, g.get(p.id), communes);
      const previous = prev && !kept ? valuesByCommune(used, prev, elementIds, g.get(prev.id), communes) : null;
      const rows = rankComposite(used, w, current, ranks ? { ranks } : previous);
      const out = rows.map(compositeRowOut(s)).sort(byRankThenName((r) => r.communeName));
      const pack = (m: Map<string, Record<string, IndicatorValue>>) =>
        [...m].map(([communeCode, v]) => ({
          communeCode,
          values: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, { value: x.value, status: x.status }])),
        }));
      return {
        period: periodRef(p),
        comparedWith: prev ? periodRef(prev) : null,
        weights: weights as Record<string, number>,
        indicators: eligible.map((i) => indicatorRef(i, p)),
        rankedCount: out.filter((r) => r.status === 'ranked').length,
        rows: out,
        ...(q.inputs ? { inputs: { current: pack(current), previous: previous ? pack(previous) : null } } : {}),
      };
    },

    /**
     * The earlier rounds of every commune's trend as its standing shows them now (the same rounds,
     * ranked on their own): a release freezes them, so a link to it never shows a later correction
     * of an earlier round (decision 023). The round itself is not in it: the release has its tables.
     */
    async trend(periodCode: string): Promise<FrozenTrend> {
      const s = await snapshot();
      const p = resolvePeriod(s, periodCode);
      const earlier = sameKindSeries(s.periods.filter((x) => x.communesWithFigures > 0 || x.code === p.code), p)
        .slice(-HISTORY_ROUNDS)
        .filter((h) => h.id !== p.id);
      const elementIds = elementIdsOf(s.indicators);
      const points = await Promise.all(earlier.map((h) => trendOf(s, h, elementIds, {})));
      return {
        communes: s.communes.map((c) => c.code),
        rounds: earlier.map((h, k) => ({
          period: h.code,
          periodName: h.name,
          indicators: Object.fromEntries(
            [...points[k]].map(([code, t]) => [
              code,
              { values: Array.from(t.values, (v) => (Number.isNaN(v) ? null : v)), ranks: Array.from(t.ranks, (r) => r || null), province: t.province },
            ]),
          ),
        })),
      };
    },

    async standing(code: string, periodCode?: string, basis: Basis = {}): Promise<StandingResponse> {
      const s = await snapshot();
      const commune = s.communeByCode.get(code);
      if (!commune) throw new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${code}"`);
      const p = resolvePeriod(s, periodCode);
      const prev = previousOf(s, p);
      // the trend: rounds of the chosen round's kind only (a quarter's count beside a year's would
      // read as a collapse), with figures, ending no later than the chosen one, oldest first
      const history = sameKindSeries(
        s.periods.filter((x) => x.communesWithFigures > 0 || x.code === p.code),
        p,
      ).slice(-HISTORY_ROUNDS);
      const elementIds = elementIdsOf(s.indicators);
      const all = s.communes;
      const at = all.indexOf(commune);
      // The round shown is read as it is now; the other rounds of the trend, and the one compared
      // with, are this commune's point of each round's trend (every commune ranked on the same
      // basis), kept once per change of each round, here and in the database (ownPoints): after
      // an approval only the round shown is read again, after a restart a slice of each round.
      const others = [...new Set([...history.filter((h) => h.id !== p.id), ...(prev ? [prev] : [])])];
      const [g, ownRounds, own] = await Promise.all([grid([p], elementIds, basis), deps.values.roundsWithFigures(commune.id), ownPoints(s, others, at, elementIds, basis)]);
      const byName = (i: number, j: number) => compareVi(all[i].name, all[j].name);
      const rowsNow = g.get(p.id);

      // Each indicator: this commune's place among all (placeOf, one pass), not the whole table
      // sorted: at national scale sorting 3 321 communes per indicator was most of a standing.
      const indicators = s.indicators.map((ind) => {
        const cur = inputsFor(ind, elementIds, rowsNow, all);
        const collected = collects(p, ind);
        const values = collected ? cur.map((i) => indicatorValue(ind, i.numerator, i.denominator)) : null;
        const me = values ? values[at] : NOT_COLLECTED;
        const place = values
          ? placeOf(values, at, (v) => (v.status === 'ranked' ? v.value : null), ind.direction, byName)
          : { rank: null, rankedCount: 0, above: null, below: null };
        const province = provinceIn(ind, p, cur);
        const then = prev && collected && collects(prev, ind) ? own.get(prev.id)!.points.get(ind.code) : undefined;
        const previousRank = then?.rank ?? null;
        const neighbour = (n: Neighbour | null) => {
          if (!n || me.value === null) return null;
          const v = values![n.index].value!;
          return { communeCode: all[n.index].code, communeName: all[n.index].name, rank: n.rank, value: v, gap: v - me.value };
        };
        return {
          indicator: indicatorRef(ind, p),
          value: me.value,
          numerator: me.numerator,
          denominator: me.denominator,
          status: me.status,
          rank: place.rank,
          rankedCount: place.rankedCount,
          previousRank,
          rankChange: place.rank !== null && previousRank !== null ? previousRank - place.rank : null,
          province: province.value,
          target: ind.target,
          gapToProvince: me.value !== null && province.value !== null ? me.value - province.value : null,
          gapToTarget: me.value !== null && ind.target !== null ? me.value - ind.target : null,
          above: neighbour(place.above),
          below: neighbour(place.below),
          history: history.flatMap((h) => {
            if (h.id === p.id) return collected ? [{ period: h.code, periodName: h.name, value: me.value, rank: place.rank, province: province.value }] : [];
            const t = own.get(h.id)!.points.get(ind.code);
            return t ? [{ period: h.code, periodName: h.name, value: t.value, rank: t.rank, province: t.province }] : [];
          }),
        };
      });

      // the composite: this commune's row among all, and the compared round's ranks as kept
      const eligible = compositeEligible(s);
      const weights = defaultWeights(eligible);
      const previousRanks = prev ? await previousCompositeRanks(s, prev, own.get(prev.id)!, code, eligible, weights, elementIds, basis) : null;
      const { row: mine, rankedCount: compositeRanked } = compositeRowOf(eligible, weights, valuesByCommune(eligible, p, elementIds, g.get(p.id), all), code, previousRanks);
      // the latest round up to this one in which the Sở published this commune's own figures
      const lastWithFigures = s.periods.find((x) => x.endDate <= p.endDate && ownRounds.has(x.id)) ?? null;
      return {
        commune: communeOut(commune),
        period: periodRef(p),
        comparedWith: prev ? periodRef(prev) : null,
        lastApproved: lastWithFigures ? periodRef(lastWithFigures) : null,
        composite: {
          score: mine.score,
          rank: mine.rank,
          rankedCount: compositeRanked,
          rankChange: mine.rankChange,
          status: mine.status,
          coverage: mine.coverage,
          indicatorsReported: mine.indicatorsReported,
          indicatorsApplicable: mine.indicatorsApplicable,
          components: [...mine.components].sort((a, b) => b.shortfall - a.shortfall),
        },
        indicators,
      };
    },

    async overview(periodCode?: string, basis: Basis = {}): Promise<OverviewResponse> {
      const s = await snapshot();
      const p = resolvePeriod(s, periodCode);
      const prev = previousOf(s, p);
      const elementIds = elementIdsOf(s.indicators);
      const [g, reports] = await Promise.all([grid(prev ? [p, prev] : [p], elementIds, basis), roundReportsOf(p)]);
      const indicators = s.indicators.map((ind) => {
        const cur = inputsFor(ind, elementIds, g.get(p.id), s.communes);
        const rows = rankIn(ind, p, cur, null, null);
        const values = rows
          .filter((r) => r.status === 'ranked')
          .map((r) => r.value!)
          .sort((a, b) => a - b);
        const q = (f: number) => (values.length ? quantile(values, f) : null);
        const belowTarget =
          ind.target === null
            ? 0
            : values.filter((v) => (ind.direction === 'higher' ? v < ind.target! : v > ind.target!)).length;
        return {
          indicator: indicatorRef(ind, p),
          province: provinceIn(ind, p, cur),
          previous: prev && collects(prev, ind) ? provinceValue(ind, inputsFor(ind, elementIds, g.get(prev.id), s.communes)) : null,
          distribution: { min: q(0), q1: q(0.25), median: q(0.5), q3: q(0.75), max: q(1), values },
          belowTarget,
        };
      });
      const c = composite(s, defaultWeights(compositeEligible(s)), s.communes, g, elementIds, p, prev);
      const ranked = c.rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
      const out = compositeRowOut(s);
      const { summary } = reports;
      return {
        period: periodRef(p),
        comparedWith: prev ? periodRef(prev) : null,
        demo: s.demo,
        communesTotal: s.communes.length,
        communesReported: summary.reported,
        communesApproved: summary.approved,
        reporting: { byState: summary.byState, late: summary.late },
        notReported: reports.rows
          .filter((r) => !isReported(r.state))
          .map((r) => {
            const c2 = s.communeById.get(r.communeId)!;
            return { communeCode: c2.code, communeName: c2.name, state: r.state };
          }),
        indicators,
        top: ranked.slice(0, 5).map(out),
        bottom: ranked.slice(-5).reverse().map(out),
      };
    },

    /** Every commune's state and timeliness in a round (the one count of "đã báo cáo"). */
    roundReports: async (periodCode?: string) => roundReportsOf(resolvePeriod(await snapshot(), periodCode)),

    async values(periodCode?: string): Promise<ValuesResponse> {
      const s = await snapshot();
      const p = resolvePeriod(s, periodCode);
      const rows = await deps.values.listForPeriod(p.id);
      return {
        period: periodRef(p),
        values: rows.map((r) => {
          const c = s.communeById.get(r.communeId)!;
          return {
            communeCode: c.code,
            communeName: c.name,
            element: r.element,
            value: Number(r.value),
            approximate: r.approximate,
            asOf: r.asOf,
            source: r.source,
            note: r.note,
            updatedAt: new Date(r.updatedAt).toISOString(),
          };
        }),
      };
    },
  };
}

/**
 * Rounds in a commune's trend. Each round in the trend means ranking every commune in it, so
 * the trend is bounded: eight rounds are two years of quarters.
 */
export const HISTORY_ROUNDS = 8;

/** A round's figures as the rankings read them: one row per commune with a figure, the elements in the asked order. */
function rowsOf(periodId: number, columns: Map<number, Column>, elementIds: number[]): Map<number, MatrixRow> {
  const rows = new Map<number, MatrixRow>();
  elementIds.forEach((id, k) => {
    const c = columns.get(id);
    if (!c) return;
    for (let j = 0; j < c.communeIds.length; j++) {
      let r = rows.get(c.communeIds[j]);
      if (!r) {
        r = { periodId, communeId: c.communeIds[j], approxMask: 0, values: elementIds.map(() => null) };
        rows.set(c.communeIds[j], r);
      }
      r.values[k] = c.values[j];
    }
    for (const communeId of c.approximate) rows.get(communeId)!.approxMask |= 1 << k;
  });
  return rows;
}

export type RankingService = ReturnType<typeof createRankingService>;

/**
 * Figures awaiting approval are not published: only a signed-in user (any role) may rank on
 * them. Checked before the response cache, whose entries are shared between users.
 */
export function assertMaySeeSubmitted(req: { user: unknown }, q: Basis) {
  if (q.includeSubmitted && !req.user) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập để xem xếp hạng có số liệu chưa duyệt (includeSubmitted)');
  }
}

const NOT_COLLECTED: IndicatorValue = { value: null, numerator: null, denominator: null, status: 'not_collected' };

export function communeOut(c: CommuneRecord) {
  const { id: _id, ...rest } = c;
  return rest;
}

/** linear interpolation between closest ranks (the spreadsheet QUARTILE.INC rule staff know) */
function quantile(sorted: number[], f: number): number {
  const pos = (sorted.length - 1) * f;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
