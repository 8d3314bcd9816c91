// The figures kept per round between reads (services/round-figures.ts, decision 021): a round is
// read from the database once per change of that round; a write to one round leaves the others
// kept; a change to everything, or one that comes while a read is under way, keeps nothing stale;
// the memory is bounded. And what a user sees: an approval shows at once in a commune's standing
// and its trend, on this instance and on another one behind the same PostgreSQL.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client';
import { createValuesRepository } from '../src/repositories/values';
import { createRoundFigures, type RoundKey } from '../src/services/round-figures';
import { describeEachEngine, login, twoInstances, type Session } from './helpers';

const OPEN_ROUND = 'm10-2026';

/** The real repository, counting what it is asked for; `gate` holds a read until released. */
function counted(database: Database) {
  const real = createValuesRepository(database);
  const asked: { periodId: number; elementIds: number[] }[] = [];
  let gate: Promise<void> | null = null;
  return {
    asked,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    async columns(periodId: number, elementIds: number[]) {
      asked.push({ periodId, elementIds });
      const read = await real.columns(periodId, elementIds);
      if (gate) await gate;
      return read;
    },
  };
}

async function roundKeys(database: Database): Promise<Record<string, RoundKey>> {
  const rows = await database.query<RoundKey>('select id, code from periods');
  return Object.fromEntries(rows.map((r) => [r.code, r]));
}

describeEachEngine('round figures kept between reads', (ctx) => {
  let rounds: Record<string, RoundKey>;
  let elements: number[];
  beforeAll(async () => {
    rounds = await roundKeys(ctx().database);
    elements = (await ctx().database.query<{ id: number }>('select id from data_elements order by id limit 3')).map((r) => r.id);
  });

  it('reads a round once, then only the elements not read yet, and answers what the database holds', async () => {
    const repo = counted(ctx().database);
    const figures = createRoundFigures(repo, ctx().app.dataVersion);
    const q3 = rounds['q3-2026'];
    const first = await figures.columns(q3, elements.slice(0, 2));
    expect(repo.asked).toEqual([{ periodId: q3.id, elementIds: elements.slice(0, 2) }]);
    expect(await figures.columns(q3, elements.slice(0, 2))).toEqual(first);
    expect(repo.asked).toHaveLength(1);
    await figures.columns(q3, elements);
    expect(repo.asked.at(-1)).toEqual({ periodId: q3.id, elementIds: [elements[2]] });
    // the same figures as a fresh read from the database
    expect(await figures.columns(q3, elements)).toEqual((await createValuesRepository(ctx().database).columns(q3.id, elements)).columns);
    expect(first.get(elements[0])!.values.length).toBeGreaterThan(50);
  });

  it('a write to one round drops that round only; a change to everything drops all', async () => {
    const repo = counted(ctx().database);
    const figures = createRoundFigures(repo, ctx().app.dataVersion);
    const [a, b] = [rounds['q3-2026'], rounds['q2-2026']];
    await figures.columns(a, elements);
    await figures.columns(b, elements);
    expect(repo.asked).toHaveLength(2);
    await ctx().app.dataVersion.changed({ period: a.code });
    await figures.columns(a, elements);
    await figures.columns(b, elements);
    expect(repo.asked.map((x) => x.periodId)).toEqual([a.id, b.id, a.id]);
    await ctx().app.dataVersion.changed();
    await figures.columns(a, elements);
    await figures.columns(b, elements);
    expect(repo.asked.map((x) => x.periodId)).toEqual([a.id, b.id, a.id, a.id, b.id]);
  });

  it('keeps nothing read while its round changed, nor what was derived meanwhile', async () => {
    const repo = counted(ctx().database);
    const figures = createRoundFigures(repo, ctx().app.dataVersion);
    const q3 = rounds['q3-2026'];
    const release = repo.hold();
    const reading = figures.columns(q3, elements);
    await expect.poll(() => repo.asked.length).toBe(1);
    await ctx().app.dataVersion.changed({ period: q3.code }); // an approval commits while the read is under way
    release();
    await reading;
    await figures.columns(q3, elements);
    expect(repo.asked).toHaveLength(2); // read again: the first answer may predate the approval

    let computed = 0;
    const derive = () => figures.derive(q3, 'k', async () => ({ value: ++computed, cells: 1 }));
    expect(await derive()).toBe(1);
    expect(await derive()).toBe(1);
    const slow = figures.derive(q3, 'slow', async () => {
      await ctx().app.dataVersion.changed({ period: q3.code });
      return { value: 'before', cells: 1 };
    });
    expect(await slow).toBe('before');
    expect(await figures.derive(q3, 'slow', async () => ({ value: 'after', cells: 1 }))).toBe('after');
    expect(await derive()).toBe(2);
  });

  it('a fact per round (the communes with figures) is read again only for the round written to', async () => {
    const repo = counted(ctx().database);
    const figures = createRoundFigures(repo, ctx().app.dataVersion);
    const all = Object.values(rounds);
    const asked: number[][] = [];
    const count = () =>
      figures.perRound(all, 'n', async (missing) => {
        asked.push(missing.map((r) => r.id));
        return new Map(missing.map((r) => [r.id, r.id * 10]));
      });
    expect([...(await count())].sort()).toEqual(all.map((r) => [r.id, r.id * 10]).sort());
    await count();
    await ctx().app.dataVersion.changed({ period: OPEN_ROUND });
    expect((await count()).get(rounds[OPEN_ROUND].id)).toBe(rounds[OPEN_ROUND].id * 10);
    expect(asked).toEqual([all.map((r) => r.id), [rounds[OPEN_ROUND].id]]);
  });

  it('stays within its bound, dropping the rounds read longest ago', async () => {
    const [q3, q2, q1] = ['q3-2026', 'q2-2026', 'q1-2026'].map((c) => rounds[c]);
    // room for any two of the three rounds, never for all three
    const sizes = await Promise.all(
      [q3, q2, q1].map(async (r) => {
        const one = createRoundFigures(createValuesRepository(ctx().database), ctx().app.dataVersion);
        await one.columns(r, elements);
        return one.stats().cells;
      }),
    );
    const maxCells = sizes[0] + sizes[1] + sizes[2] - 1;
    const repo = counted(ctx().database);
    const figures = createRoundFigures(repo, ctx().app.dataVersion, { maxCells });
    for (const r of [q3, q2, q1, q3]) await figures.columns(r, elements);
    expect(figures.stats()).toEqual({ rounds: 2, cells: sizes[2] + sizes[0] });
    repo.asked.length = 0;
    await figures.columns(q1, elements); // kept
    await figures.columns(q2, elements); // dropped: read longest ago
    expect(repo.asked.map((x) => x.periodId)).toEqual([q2.id]);
  });
});

type StandingIndicator = { indicator: { code: string }; value: number | null; history: { period: string; value: number | null }[] };

/** The commune's value of each indicator in the open round: now, and as its trend's last point. */
async function standingIn(app: FastifyInstance, commune: string, admin: Session) {
  const res = await app.inject({ url: `/api/communes/${commune}/standing?period=${OPEN_ROUND}`, headers: { cookie: admin.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const inds = (res.json() as { indicators: StandingIndicator[] }).indicators;
  return inds.map((i) => ({ code: i.indicator.code, now: i.value, trend: i.history.find((h) => h.period === OPEN_ROUND)?.value ?? null }));
}

async function awaitingApproval(app: FastifyInstance, admin: Session) {
  const res = await app.inject({ url: `/api/periods/${OPEN_ROUND}/completeness`, headers: { cookie: admin.cookie } });
  return (res.json() as { rows: { communeCode: string; status: string }[] }).rows.filter((r) => r.status === 'submitted').map((r) => r.communeCode);
}

describeEachEngine(
  'an approval shows at once in the standing and its trend (figures kept per round)',
  (ctx) => {
    it('the approved figures replace "not reported" in the round shown and in its trend point', async () => {
      const app = ctx().app;
      const admin = await login(app, 'admin');
      const [commune] = await awaitingApproval(app, admin);
      const before = await standingIn(app, commune, admin);
      expect(before.every((i) => i.now === null && i.trend === null)).toBe(true);
      const ok = await app.inject({ method: 'POST', url: `/api/periods/${OPEN_ROUND}/submissions/${commune}/approve`, headers: admin.headers, payload: {} });
      expect(ok.statusCode, ok.body).toBe(200);
      const after = await standingIn(app, commune, admin);
      expect(after.filter((i) => i.now !== null).length).toBeGreaterThan(3);
      for (const i of after) expect(i.trend).toBe(i.now);
    });
  },
  // no answer cache: the figures kept per round are all that stands between the reads
  { responseCache: false },
);

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances: an approval on A shows in a standing read on B, whose figures were kept [postgres]', () => {
  const two = twoInstances({ responseCache: false });

  it('B reads the round again once A announces it', async () => {
    const { a, b } = two;
    const [adminA, adminB] = [await login(a, 'admin'), await login(b, 'admin')];
    const [commune] = await awaitingApproval(a, adminA);
    expect((await standingIn(b, commune, adminB)).every((i) => i.now === null)).toBe(true);
    const ok = await a.inject({ method: 'POST', url: `/api/periods/${OPEN_ROUND}/submissions/${commune}/approve`, headers: adminA.headers, payload: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    // B hears of it through PostgreSQL's NOTIFY; until then it may still answer from what it kept
    await expect.poll(async () => (await standingIn(b, commune, adminB)).filter((i) => i.now !== null && i.trend === i.now).length).toBeGreaterThan(3);
  });
});
