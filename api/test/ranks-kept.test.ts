// Each round's ranks kept in the database (round_ranks, decision 026): a standing after a restart
// reads its commune's slice of each earlier round instead of every commune's figures of every
// round, and says exactly what it said before the restart. A kept round is used only while it was
// made from the figures the database holds now: a figure written by any path (even one whose
// notice this instance has not heard), or a change to the catalogue, makes it void.
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { describeEachEngine, testConfig } from './helpers';

type Standing = Awaited<ReturnType<FastifyInstance['rankings']['standing']>>;

describeEachEngine(
  'ranks kept in the database between restarts',
  (ctx) => {
    const opened: FastifyInstance[] = [];
    /** Another app on the same database, with nothing in memory: a restart, or a second instance. */
    async function restarted() {
      const app = await buildApp({ config: testConfig(), database: ctx().database, logger: false, webDist: null, responseCache: false });
      await app.ready();
      opened.push(app);
      return app;
    }
    afterEach(async () => {
      for (const app of opened.splice(0)) await app.close();
    });

    let rounds: string[];
    let communes: string[];
    beforeAll(async () => {
      const snap = await ctx().app.rankings.snapshot();
      // the quarters with figures, newest first: each earlier one is in the newest one's trend
      rounds = snap.periods.filter((p) => p.kind === 'quarter' && p.communesWithFigures > 0).map((p) => p.code);
      communes = snap.communes.filter((_, k) => k % 19 === 3).map((c) => c.code);
      expect(rounds.length).toBeGreaterThan(3);
    });

    /** The trend point of `round` in a standing, per indicator: value and rank. */
    const pointsIn = (s: Standing, round: string) =>
      Object.fromEntries(s.indicators.map((i) => [i.indicator.code, i.history.find((h) => h.period === round) ?? null]));

    /** What a fresh app's own ranking table of `round` says of `commune`, per indicator. */
    async function tableOf(app: FastifyInstance, round: string, commune: string) {
      const snap = await app.rankings.snapshot();
      const out: Record<string, { value: number | null; rank: number | null } | null> = {};
      for (const ind of snap.indicators) {
        const t = await app.rankings.rankings({ indicator: ind.code, period: round });
        const row = t.rows.find((r) => r.communeCode === commune)!;
        out[ind.code] = t.indicator.collected ? { value: row.value, rank: row.rank } : null;
      }
      return out;
    }
    /** An indicator ranking several communes in `round`, and the first of them. */
    async function firstIn(app: FastifyInstance, round: string) {
      for (const ind of (await app.rankings.snapshot()).indicators) {
        const t = await app.rankings.rankings({ indicator: ind.code, period: round });
        const first = t.rows.find((r) => r.rank === 1);
        if (first && t.rankedCount > 5 && !t.rows.some((r) => r !== first && r.rank === 1)) return { ind, commune: first.communeCode };
      }
      throw new Error(`no indicator ranks communes in ${round}`);
    }
    const asTable = (points: ReturnType<typeof pointsIn>) =>
      Object.fromEntries(Object.entries(points).map(([k, p]) => [k, p && { value: p.value, rank: p.rank }]));

    it('after a restart a standing says what it said before, reading each earlier round kept in the database', async () => {
      const app = ctx().app;
      const before: Standing[] = [];
      for (const c of communes) for (const r of rounds) before.push(await app.rankings.standing(c, r));
      await app.rankings.settled();
      const kept = await ctx().database.query<{ n: number }>('select count(*)::int as n from round_ranks');
      expect(kept[0].n).toBeGreaterThanOrEqual(rounds.length - 1);

      const fresh = await restarted();
      const after: Standing[] = [];
      for (const c of communes) for (const r of rounds) after.push(await fresh.rankings.standing(c, r));
      expect(after).toEqual(before);

      // and it is the kept row that answered: a mark put into it shows (the figures unchanged)
      const [newest, earlier] = rounds;
      await ctx().database.query(
        `update round_ranks set ranks = array_fill(4242, array[cardinality(ranks)]) where period_id = (select id from periods where code = $1)`,
        [earlier],
      );
      const marked = await (await restarted()).rankings.standing(communes[0], newest);
      const ranks = Object.values(pointsIn(marked, earlier)).filter((p) => p !== null).map((p) => p!.rank);
      expect(ranks.length).toBeGreaterThan(3);
      expect(ranks.every((r) => r === 4242)).toBe(true);
      // put back as it was made
      await ctx().database.query(`delete from round_ranks where period_id = (select id from periods where code = $1)`, [earlier]);
      await (await restarted()).rankings.standing(communes[0], newest);
      for (const a of opened) await a.rankings.settled();
    });

    it('a figure written in an earlier round, by any path, voids its kept ranks on every instance', async () => {
      const [newest, earlier] = rounds;
      const commune = communes[1];
      await ctx().app.rankings.standing(commune, newest);
      await ctx().app.rankings.settled();
      const version = async () =>
        (await ctx().database.query<{ v: number }>(`select coalesce((select version from round_versions where period_id = (select id from periods where code = $1)), 0)::int as v`, [earlier]))[0].v;
      const v0 = await version();
      // written outside the app (no notice to anyone): the commune's every figure of the round ×10 + 7
      await ctx().database.query(
        `update data_values set value = value * 10 + 7 where period_id = (select id from periods where code = $1) and commune_id = (select id from communes where code = $2)`,
        [earlier, commune],
      );
      expect(await version()).toBe(v0 + 1);
      const fresh = await restarted();
      const shown = pointsIn(await fresh.rankings.standing(commune, newest), earlier);
      expect(asTable(shown)).toEqual(await tableOf(fresh, earlier, commune));
      // the figures moved: what was kept before would say otherwise
      const old = pointsIn(await ctx().app.rankings.standing(commune, newest), earlier);
      expect(asTable(shown)).not.toEqual(asTable(old));
      for (const a of opened) await a.rankings.settled();
    });

    it('ranks made from figures read before a write whose notice has not come are never kept as current', async () => {
      const app = ctx().app;
      const [newest, , older] = rounds;
      const { ind, commune } = await firstIn(app, older);
      // a fresh round on this instance: its ranking reads (and keeps) this indicator's figures
      await app.dataVersion.changed({ period: older });
      await app.rankings.rankings({ indicator: ind.code, period: older });
      // another instance writes to that round; its notice has not come here (no notice at all)
      const hit = await ctx().database.query(
        `update data_values set value = value + 1000 where period_id = (select id from periods where code = $1) and commune_id = (select id from communes where code = $2) and element_id = $3 returning value`,
        [older, commune, ind.numeratorId],
      );
      expect(hit).toHaveLength(1);
      // a standing here ranks that round from the figures it kept with the rest it reads now
      await app.rankings.standing(commune, newest);
      await app.rankings.settled();
      // whatever this instance keeps in memory until the notice comes, the database never holds
      // that mixture as the round's ranks now: a restart answers the figures as they are
      const fresh = await restarted();
      expect(asTable(pointsIn(await fresh.rankings.standing(commune, newest), older))).toEqual(await tableOf(fresh, older, commune));
      await app.dataVersion.changed({ period: older }); // the notice, at last
      for (const a of opened) await a.rankings.settled();
    });

    it('a change to an indicator voids every round kept with it', async () => {
      const [newest, earlier] = rounds;
      // the first in that round: first no more once the indicator's direction is turned round
      const { ind, commune } = await firstIn(ctx().app, earlier);
      await ctx().app.rankings.standing(commune, newest);
      await ctx().app.rankings.settled();
      await ctx().database.query(`update indicators set direction = case when direction = 'higher' then 'lower' else 'higher' end where code = $1`, [ind.code]);
      try {
        const fresh = await restarted();
        const shown = pointsIn(await fresh.rankings.standing(commune, newest), earlier);
        expect(asTable(shown)).toEqual(await tableOf(fresh, earlier, commune));
        expect(shown[ind.code]!.rank).not.toBe(1);
      } finally {
        await ctx().database.query(`update indicators set direction = case when direction = 'higher' then 'lower' else 'higher' end where code = $1`, [ind.code]);
      }
      for (const a of opened) await a.rankings.settled();
    });
  },
  { responseCache: false },
);

