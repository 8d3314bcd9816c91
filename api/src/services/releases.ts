// Published rankings (issue 12, decision 019). An admin publishes a closed round as "Công bố lần N":
// every indicator's ranking, the composite and the overview as the ranking service computes them
// at that moment, frozen as canonical JSON with its sha256. Public reads answer from a round's
// newest release (`release: { id, version, publishedAt }`), from any release exactly with
// `release=ID`, and, for a signed-in admin or leader, from the live figures with `live=true`
// (saying whether they differ from the release). A round never published answers live, with
// `release: null`. After a publish commits, the caller must `await app.dataVersion.changed()`:
// every cached answer then moves to the new release at once.
import { createHash } from 'node:crypto';
import { COMPOSITE_TABLE, canonicalJson, defaultWeights, releaseChanges, releaseLabel, type Change, type FrozenTable } from '@nq57/shared';
import type {
  CompositeResponse,
  OverviewResponse,
  RankingsResponse,
  ReleaseChanges,
  ReleaseOut,
  ReleaseRef,
  StandingResponse,
} from '@nq57/shared/schemas';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import { createAuditRepository } from '../repositories/audit';
import { createReleasesRepository, type ReleaseRecord } from '../repositories/releases';
import { createRoundsRepository } from '../repositories/rounds';
import type { DataVersion } from './data-version';
import { assertMaySeeSubmitted, type Basis, type Filter, type FrozenTrend, type LiveComposite, type LiveOverview, type LiveRankings, type LiveStanding, type RankingService, type RoundView, type Snapshot } from './rankings';
import { findRound } from './rounds';

/** What a release freezes: the exact answers of the round's reads when it was published. */
export interface ReleaseContent {
  period: string;
  /** sha256 of the indicator catalogue the figures were ranked with */
  catalogueVersion: string;
  /** the composite's official weights */
  weights: Record<string, number>;
  /** set when the round compared with was published with another catalogue or weights */
  comparisonWarning: string | null;
  composite: LiveComposite;
  overview: LiveOverview;
  /** indicator code → its ranking, every commune */
  rankings: Record<string, LiveRankings>;
  /**
   * The earlier rounds of every commune's trend as published; absent from the releases made
   * before 03/12/2026, whose standings read the trend as it is now (decision 023)
   */
  trend?: FrozenTrend;
}

/** The query of a published read. */
export interface ReadQuery extends Basis {
  period?: string;
  release?: number;
  live?: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Each table of a release as the changes compare them: the indicators in catalogue order, then the composite. */
function tablesOf(c: ReleaseContent, order: string[]): FrozenTable[] {
  const pick = (rows: { communeCode: string; communeName: string; rank: number | null }[], value: (i: number) => number | null) =>
    rows.map((r, i) => ({ communeCode: r.communeCode, communeName: r.communeName, value: value(i), rank: r.rank }));
  return [
    ...order
      .filter((code) => c.rankings[code])
      .map((code) => {
        const t = c.rankings[code];
        return { code, name: t.indicator.name, rows: pick(t.rows, (i) => t.rows[i].value) };
      }),
    { code: COMPOSITE_TABLE, name: 'Chỉ số tổng hợp', rows: pick(c.composite.rows, (i) => c.composite.rows[i].score) },
  ];
}

const ref = (r: ReleaseRecord): ReleaseRef => ({ id: r.id, version: r.version, publishedAt: r.publishedAt });
const out = (r: ReleaseRecord): ReleaseOut => ({
  id: r.id,
  period: r.period,
  version: r.version,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy,
  note: r.note,
  hash: r.hash,
  changes: r.changes,
});

const roundOpen = (name: string) =>
  new ApiError(409, 'ROUND_OPEN', `Kỳ ${name} đang mở: chỉ công bố được kỳ đã đóng. Hãy đóng kỳ rồi công bố.`);

type Source =
  | { release: ReleaseRecord; content: ReleaseContent }
  | { release: null; period: RoundView; latest: ReleaseRecord | null };

export function createReleaseService(deps: { database: Database; rankings: RankingService; version: DataVersion }) {
  const { db } = deps.database;
  const { rankings } = deps;
  const repo = createReleasesRepository(db);

  // a release never changes: its parsed content is kept (a few, the newest asked for)
  const contents = new Map<number, Promise<ReleaseContent>>();
  function contentOf(id: number): Promise<ReleaseContent> {
    let p = contents.get(id);
    if (!p) {
      p = repo.content(id).then((text) => JSON.parse(text!) as ReleaseContent);
      p.catch(() => contents.delete(id));
      contents.set(id, p);
      if (contents.size > 16) contents.delete(contents.keys().next().value!);
    }
    return p;
  }

  // the definitions without the weights, which are compared on their own
  const catalogueVersion = (s: Snapshot) => sha256(canonicalJson(s.indicators.map(({ weight: _weight, ...definition }) => definition)));

  /** Says so when the round compared with was published with another catalogue or other weights. */
  async function comparisonWarning(s: Snapshot, comparedWith: { code: string; name: string } | null, catalogue: string, weights: Record<string, number>) {
    const other = comparedWith ? s.periodByCode.get(comparedWith.code) : undefined;
    const published = other ? s.latestRelease.get(other.id) : undefined;
    if (!comparedWith || !published) return null;
    const theirs = await contentOf(published.id);
    const what = [
      ...(theirs.catalogueVersion !== catalogue ? ['danh mục chỉ tiêu'] : []),
      ...(canonicalJson(theirs.weights) !== canonicalJson(weights) ? ['trọng số'] : []),
    ];
    if (!what.length) return null;
    return `${comparedWith.name} được công bố với ${what.join(' và ')} khác kỳ này: thay đổi hạng không so sánh cùng cơ sở, chỉ để tham khảo.`;
  }

  /** Every read of a round, live, as a release would freeze it. */
  async function freeze(code: string): Promise<ReleaseContent> {
    const s = await rankings.snapshot();
    // with its inputs: a release is re-weighted and filtered from them, and the exports read them
    const [composite, overview, trend] = await Promise.all([rankings.composite({ period: code, inputs: true }), rankings.overview(code), rankings.trend(code)]);
    const tables: Record<string, LiveRankings> = {};
    for (const ind of s.indicators) tables[ind.code] = await rankings.rankings({ period: code, indicator: ind.code });
    const catalogue = catalogueVersion(s);
    return {
      period: code,
      catalogueVersion: catalogue,
      weights: composite.weights,
      comparisonWarning: await comparisonWarning(s, composite.comparedWith, catalogue, composite.weights),
      composite,
      overview,
      rankings: tables,
      trend,
    };
  }

  // the live figures' hash, once per data version and round: does a live read differ from the release?
  const liveHashes = new Map<string, { version: number; hash: Promise<string> }>();
  function liveHash(code: string): Promise<string> {
    const v = deps.version.current;
    let e = liveHashes.get(code);
    if (!e || e.version !== v) {
      e = { version: v, hash: freeze(code).then((c) => sha256(canonicalJson(c))) };
      e.hash.catch(() => liveHashes.delete(code));
      liveHashes.set(code, e);
    }
    return e.hash;
  }

  async function record(id: number): Promise<ReleaseRecord> {
    const r = await repo.byId(id);
    if (!r) throw new ApiError(404, 'RELEASE_NOT_FOUND', `Không có bản công bố số ${id}`);
    return r;
  }

  /** Where a read answers from: the release asked for, the round's newest, or the live figures. */
  async function source(q: ReadQuery): Promise<Source> {
    if (q.release !== undefined) {
      if (q.live || q.includeSubmitted) {
        throw new ApiError(400, 'BAD_REQUEST', 'Không dùng release cùng live hoặc includeSubmitted: một bản công bố chỉ có số liệu đã công bố');
      }
      const r = await record(q.release);
      if (q.period && q.period !== r.period) {
        throw new ApiError(400, 'RELEASE_OF_ANOTHER_PERIOD', `Bản công bố số ${r.id} là của kỳ "${r.period}", không phải kỳ "${q.period}"`);
      }
      return { release: r, content: await contentOf(r.id) };
    }
    const p = await rankings.period(q.period);
    const latest = (await rankings.snapshot()).latestRelease.get(p.id) ?? null;
    if (q.live || q.includeSubmitted || !latest) return { release: null, period: p, latest };
    return { release: latest, content: await contentOf(latest.id) };
  }

  /** The fields a live answer adds: no release; with live=true, the newest one and whether the figures differ. */
  async function liveFields(src: Extract<Source, { release: null }>, q: ReadQuery, comparedWith: { code: string; name: string } | null) {
    const s = await rankings.snapshot();
    const eligible = s.indicators.filter((i) => i.weight > 0 || i.target !== null);
    const fields = {
      release: null,
      comparisonWarning: await comparisonWarning(s, comparedWith, catalogueVersion(s), defaultWeights(eligible)),
    };
    if (!q.live) return fields;
    return {
      ...fields,
      latestRelease: src.latest ? ref(src.latest) : null,
      unpublishedChanges: src.latest ? (await liveHash(src.period.code)) !== src.latest.hash : false,
    };
  }

  const released = (src: Extract<Source, { release: ReleaseRecord }>) => ({
    release: ref(src.release),
    comparisonWarning: src.content.comparisonWarning,
  });

  /** A release's rows kept by a filter: the province's ranks, as published (decision 019). */
  async function kept<T extends { communeCode: string }>(rows: T[], f: Filter): Promise<T[]> {
    if (!f.type && !f.district) return rows;
    const keep = await rankings.communesIn(f);
    return rows.filter((r) => keep.has(r.communeCode));
  }
  const rankedIn = (rows: { status: string }[]) => rows.filter((r) => r.status === 'ranked').length;

  return {
    snapshot: rankings.snapshot,

    /**
     * The indicators a read has a table for, in catalogue order: a release's own (an indicator
     * added to the catalogue since has none in it, one removed since still has its table), else
     * the catalogue's. The exports iterate over these, never over the catalogue as it is now.
     */
    async indicatorCodes(q: ReadQuery): Promise<string[]> {
      const src = await source(q);
      if (!src.release) return (await rankings.snapshot()).indicators.map((i) => i.code);
      const { overview, rankings: tables } = src.content;
      return overview.indicators.map((x) => x.indicator.code).filter((code) => tables[code]);
    },

    async rankings(q: ReadQuery & Filter & { indicator: string }): Promise<RankingsResponse> {
      const src = await source(q);
      if (!src.release) {
        const live = await rankings.rankings({ ...q, period: src.period.code });
        return { ...live, ...(await liveFields(src, q, live.comparedWith)) };
      }
      const t = src.content.rankings[q.indicator];
      if (!t) throw new ApiError(404, 'INDICATOR_NOT_FOUND', `Không có chỉ tiêu "${q.indicator}" trong bản công bố này`);
      if (!q.type && !q.district) return { ...t, ...released(src) };
      const rows = await kept(t.rows, q);
      return { ...t, rankedCount: rankedIn(rows), rows, ...released(src) };
    },

    /** `inputs`: as the live read, only when asked (the ranking page re-weights with them); a release keeps them */
    async composite(q: ReadQuery & Filter & { weights?: string; inputs?: boolean }): Promise<CompositeResponse> {
      const src = await source(q);
      if (!src.release) {
        const live = await rankings.composite({ ...q, period: src.period.code });
        return { ...live, ...(await liveFields(src, q, live.comparedWith)) };
      }
      let c = src.content.composite;
      if (q.weights?.trim()) c = await rankings.reweigh(c, q.weights);
      const asked = <T extends { inputs?: unknown }>({ inputs, ...rest }: T) => (q.inputs ? { ...rest, inputs } : rest);
      if (!q.type && !q.district && c === src.content.composite) return { ...asked(c), ...released(src) };
      const rows = await kept(c.rows, q);
      const current = await kept(c.inputs!.current, q);
      const previous = c.inputs!.previous && (await kept(c.inputs!.previous, q));
      return { ...asked({ ...c, inputs: { current, previous } }), rankedCount: rankedIn(rows), rows, ...released(src) };
    },

    async overview(q: ReadQuery): Promise<OverviewResponse> {
      const src = await source(q);
      if (!src.release) {
        const live = await rankings.overview(src.period.code, q);
        return { ...live, ...(await liveFields(src, q, live.comparedWith)) };
      }
      return { ...src.content.overview, ...released(src) };
    },

    /** A commune's standing: the round's own figures, ranks and composite from the release, and its trend as published. */
    async standing(code: string, q: ReadQuery): Promise<StandingResponse> {
      const src = await source(q);
      if (!src.release) {
        const live = await rankings.standing(code, src.period.code, q);
        return { ...live, ...(await liveFields(src, q, live.comparedWith)) };
      }
      const live = await rankings.standing(code, src.release.period);
      return { ...standingFromRelease(live, src.content, code), ...released(src) };
    },

    /**
     * A round's raw figures against its newest release: the release, and whether the figures
     * approved now may differ from it (the round's live answers are not the release's).
     */
    async figuresState(periodCode: string): Promise<{ release: ReleaseRef | null; differs: boolean }> {
      const p = await rankings.period(periodCode);
      const latest = (await rankings.snapshot()).latestRelease.get(p.id);
      if (!latest) return { release: null, differs: false };
      return { release: ref(latest), differs: (await liveHash(p.code)) !== latest.hash };
    },

    /** Publishes a closed round as its next release; 409 for an open round or when nothing changed. */
    async publish(periodCode: string, note: string | undefined, actor: string): Promise<ReleaseOut> {
      const round = await findRound(db, periodCode);
      if (round.status !== 'closed') throw roundOpen(round.name);
      const stamp = await repo.figuresStamp(round.id);
      const content = await freeze(round.code);
      const text = canonicalJson(content);
      const hash = sha256(text);
      const order = (await rankings.snapshot()).indicators.map((i) => i.code);
      const id = await db.transaction(async (tx) => {
        // the round's row, exclusively: a reopen waits, and two publishes take their turns
        const r = await createRoundsRepository(tx).lock(round.id, 'update');
        if (!r || r.status !== 'closed') throw roundOpen(round.name);
        const releases = createReleasesRepository(tx);
        if ((await releases.figuresStamp(round.id)) !== stamp) {
          throw new ApiError(409, 'FIGURES_CHANGED', 'Số liệu của kỳ vừa thay đổi trong lúc công bố; vui lòng công bố lại.');
        }
        const version = await releases.nextVersion(round.id);
        const previous = version > 1 ? await releases.previous({ periodId: round.id, version }) : null;
        if (previous && previous.hash === hash) {
          throw new ApiError(409, 'NOTHING_TO_PUBLISH', `Số liệu không khác ${releaseLabel(previous)}: không có gì để công bố lại.`);
        }
        let changes: Change[] = [];
        if (previous) {
          const before = JSON.parse((await releases.content(previous.id))!) as ReleaseContent;
          const reasons = new Map<string, string>();
          for (const x of await releases.reasons(round.id, previous.publishedAt)) {
            reasons.set(x.commune, reasons.has(x.commune) ? `${reasons.get(x.commune)}; ${x.body}` : x.body);
          }
          changes = releaseChanges(tablesOf(before, order), tablesOf(content, order), reasons);
        }
        const trimmed = note?.trim() || null;
        const newId = await releases.insert({
          periodId: round.id,
          version,
          publishedBy: actor,
          note: trimmed,
          hash,
          content: text,
          changes: JSON.stringify(changes),
          communesReported: content.overview.communesReported,
          communesApproved: content.overview.communesApproved,
        });
        await createAuditRepository(tx).write([
          { actor, periodId: round.id, how: 'round', comment: `Công bố lần ${version} kết quả ${round.name}${trimmed ? `: ${trimmed}` : ''}` },
        ]);
        return newId;
      });
      return out(await record(id));
    },

    /** A round's releases, newest first. */
    async list(periodCode: string): Promise<ReleaseOut[]> {
      const round = await findRound(db, periodCode);
      return (await repo.ofPeriod(round.id)).map(out);
    },

    get: async (id: number): Promise<ReleaseOut> => out(await record(id)),

    /** What a release changed against the one before it. */
    async changes(id: number): Promise<ReleaseChanges> {
      const r = await record(id);
      const previous = await repo.previous(r);
      return { release: out(r), previous: previous ? ref(previous) : null, changes: JSON.parse((await repo.changes(id))!) as Change[] };
    },
  };
}

export type ReleaseService = ReturnType<typeof createReleaseService>;

/**
 * The live standing with the round's own figures, ranks and composite replaced by the release's,
 * its indicators the release's tables, and its trend the one frozen with the release.
 */
function standingFromRelease(live: LiveStanding, content: ReleaseContent, code: string): LiveStanding {
  const at = content.trend ? content.trend.communes.indexOf(code) : -1;
  const earlier = (ind: string) =>
    content.trend!.rounds.flatMap((r) => {
      const t = r.indicators[ind];
      return t ? [{ period: r.period, periodName: r.periodName, value: t.values[at], rank: t.ranks[at], province: t.province }] : [];
    });
  // an indicator added to the catalogue since is not in the release
  const indicators = live.indicators.filter((si) => content.rankings[si.indicator.code]).map((si) => {
    const t = content.rankings[si.indicator.code];
    const me = t.rows.find((r) => r.communeCode === code);
    if (!me) return si;
    // the rows are in rank order, ranked first
    const ranked = t.rows.filter((r) => r.rank !== null);
    const neighbour = (r: (typeof ranked)[number] | undefined) =>
      r && me.value !== null && r.value !== null
        ? { communeCode: r.communeCode, communeName: r.communeName, rank: r.rank!, value: r.value, gap: r.value - me.value }
        : null;
    const province = t.province.value;
    const target = t.indicator.target;
    const own = { period: content.period, periodName: content.overview.period.name, value: me.value, rank: me.rank, province };
    return {
      ...si,
      indicator: t.indicator,
      value: me.value,
      numerator: me.numerator,
      denominator: me.denominator,
      status: me.status,
      rank: me.rank,
      rankedCount: t.rankedCount,
      previousRank: me.previousRank,
      rankChange: me.rankChange,
      province,
      target,
      gapToProvince: me.value !== null && province !== null ? me.value - province : null,
      gapToTarget: me.value !== null && target !== null ? me.value - target : null,
      above: me.rank === null ? null : neighbour(ranked.filter((r) => r.rank! < me.rank!).at(-1)),
      below: me.rank === null ? null : neighbour(ranked.find((r) => r.rank! > me.rank!)),
      history:
        at >= 0
          ? [...earlier(t.indicator.code), ...(t.indicator.collected ? [own] : [])]
          : si.history.map((h) => (h.period === content.period ? { ...h, value: me.value, rank: me.rank, province } : h)),
    };
  });
  const c = content.composite.rows.find((r) => r.communeCode === code);
  const composite = c
    ? {
        score: c.score,
        rank: c.rank,
        rankedCount: content.composite.rankedCount,
        rankChange: c.rankChange,
        status: c.status,
        coverage: c.coverage,
        indicatorsReported: c.indicatorsReported,
        indicatorsApplicable: c.indicatorsApplicable,
        components: [...c.components].sort((a, b) => b.shortfall - a.shortfall),
      }
    : live.composite;
  return { ...live, comparedWith: content.composite.comparedWith, indicators, composite };
}

/**
 * Before the response cache, whose entries are shared between users: the live figures are for a
 * signed-in admin or leader (a commune officer sees what is published, and its own form).
 */
export function assertMayRead(req: { user: { role: string } | null }, q: ReadQuery) {
  assertMaySeeSubmitted(req, q);
  if (!q.live) return;
  if (!req.user) throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập để xem số liệu chưa công bố (live)');
  if (req.user.role !== 'admin' && req.user.role !== 'leader') {
    throw new ApiError(403, 'FORBIDDEN', 'Chỉ quản trị và lãnh đạo được xem số liệu chưa công bố (live)');
  }
}
