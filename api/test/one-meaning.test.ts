// Issue 10, "one meaning per number", through the API on both engines: the composite recomputed
// independently of the shared code, rounds compared only with rounds of their kind, indicators a
// round does not collect, and "đã báo cáo" counted the same on every read.
import { expect, it } from 'vitest';
import type { Catalogue, CommuneList, CompositeResponse, OverviewResponse, PeriodList, RankingsResponse, RoundOut, ValuesResponse } from '@nq57/shared/schemas';
import { describeEachEngine } from './helpers';
import { caller, sessions } from './workflow-helpers';

describeEachEngine('one meaning per number', (ctx) => {
  const get = async <T>(url: string): Promise<T> => {
    const res = await ctx().app.inject(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res.json() as T;
  };

  it('the composite, recomputed from the raw figures (missing = 0 over the applicable weights, unranked under half), matches the API for every commune and round', async () => {
    const { indicators, elements } = await get<Catalogue>('/api/indicators');
    const { communes } = await get<CommuneList>('/api/communes');
    const { periods } = await get<PeriodList>('/api/periods');
    const population = new Map(communes.map((c) => [c.code, c.population]));
    const computed = elements.filter((e) => e.computed).map((e) => e.code);
    const weighted = indicators.filter((i) => i.weight > 0);
    expect(weighted.every((i) => i.target !== null)).toBe(true); // no best-commune targets to recompute
    let compared = 0;
    for (const p of periods) {
      const round = await get<RoundOut>(`/api/periods/${p.code}/round`);
      const collected = new Set([...round.elements, ...(p.status === 'closed' ? computed : [])]);
      const applicable = weighted.filter(
        (i) => collected.has(i.numerator) && (i.denominator === null || i.denominator === '@population' || collected.has(i.denominator)),
      );
      const total = applicable.reduce((s, i) => s + i.weight, 0);
      const { values } = await get<ValuesResponse>(`/api/values?period=${p.code}`);
      const fig = new Map(values.map((v) => [`${v.communeCode}|${v.element}`, v.value]));
      const expected = communes.map((c) => {
        let points = 0;
        let covered = 0;
        let k = 0;
        for (const i of applicable) {
          const num = fig.get(`${c.code}|${i.numerator}`);
          const den = i.denominator === null ? 1 : i.denominator === '@population' ? population.get(c.code) : fig.get(`${c.code}|${i.denominator}`);
          if (num === undefined || den === undefined || den === null || den <= 0 || (i.denominator !== null && den < i.minDenominator)) continue;
          const v = i.denominator === null ? num : (num / den) * i.factor;
          const a = i.direction === 'higher' ? Math.min(1, v / i.target!) : v <= i.target! ? 1 : i.target! / v;
          points += a * i.weight;
          covered += i.weight;
          k++;
        }
        const status = covered === 0 ? 'not_reported' : covered / total < 0.5 ? 'insufficient' : 'ranked';
        return { code: c.code, score: covered === 0 ? null : (100 * points) / total, status, coverage: covered / total, k };
      });
      const ranked = expected.filter((e) => e.status === 'ranked');
      const key = (x: number) => Number(x.toPrecision(9));
      const api = await get<CompositeResponse>(`/api/rankings/composite?period=${p.code}`);
      const byCode = new Map(api.rows.map((r) => [r.communeCode, r]));
      for (const e of expected) {
        const r = byCode.get(e.code)!;
        const where = `${p.code} ${e.code}`;
        expect(r.status, where).toBe(e.status);
        if (e.score === null) expect(r.score, where).toBeNull();
        else expect(r.score!, where).toBeCloseTo(e.score, 9);
        expect(r.coverage, where).toBeCloseTo(e.coverage, 12);
        expect(r.indicatorsReported, where).toBe(e.k);
        expect(r.indicatorsApplicable, where).toBe(applicable.length);
        const rank = e.status === 'ranked' ? 1 + ranked.filter((o) => key(o.score!) > key(e.score!)).length : null;
        expect(r.rank, where).toBe(rank);
        compared++;
      }
    }
    expect(compared).toBe(96 * periods.length);
  });

  it('withholding a weak figure never helps: Ba Vinh and Trà Bồng, missing Bình dân học vụ số, are not at the top of Quý III/2026', async () => {
    const c = await get<CompositeResponse>('/api/rankings/composite?period=q3-2026');
    const missing = c.rows.filter((r) => r.components.some((x) => x.status === 'not_reported'));
    expect(missing.length).toBeGreaterThan(0);
    for (const r of missing) {
      const lost = r.components.filter((x) => x.status === 'not_reported');
      // a missing figure costs its whole share of the weight
      const total = r.components.reduce((s, x) => s + x.weight, 0);
      for (const x of lost) expect(x.shortfall).toBeCloseTo((100 * x.weight) / total, 9);
      expect(r.indicatorsReported).toBeLessThan(r.indicatorsApplicable);
    }
    const top = c.rows.filter((r) => r.rank !== null && r.rank <= 10);
    expect(top.every((r) => r.indicatorsReported === r.indicatorsApplicable)).toBe(true);
  });

  it('a month is compared with the previous month only: Tháng 10/2026 shows no rank change, and no trend mixes kinds', async () => {
    for (const url of ['/api/rankings?period=m10-2026&indicator=online_filing_rate', '/api/rankings/composite?period=m10-2026']) {
      const r = await get<RankingsResponse | CompositeResponse>(url);
      expect(r.comparedWith, url).toBeNull();
      expect(r.rows.every((x) => x.rankChange === null && x.previousRank === null), url).toBe(true);
    }
    const q = await get<RankingsResponse>('/api/rankings?period=q3-2026&indicator=online_filing_rate');
    expect(q.comparedWith?.code).toBe('q2-2026');
    const y = await get<RankingsResponse>('/api/rankings?period=year-2025&indicator=online_filing_rate');
    expect(y.comparedWith).toBeNull(); // 9 tháng 2025 is another kind
    const s = await get<{ indicators: { history: { period: string }[] }[] }>('/api/communes/21421/standing?period=m10-2026');
    for (const i of s.indicators) expect(i.history.every((h) => h.period.startsWith('m'))).toBe(true);
  });

  it('a figure the round does not collect is "không thu kỳ này", never "chưa báo cáo", and out of the composite', async () => {
    const r = await get<RankingsResponse>('/api/rankings?period=q3-2026&indicator=budget_requested_vnd');
    expect(r.indicator.collected).toBe(false);
    expect(r.rankedCount).toBe(0);
    expect(r.rows.every((x) => x.status === 'not_collected')).toBe(true);
    expect(r.province).toMatchObject({ value: null, communes: 0 });
    const annual = await get<RankingsResponse>('/api/rankings?period=year-2025&indicator=budget_requested_vnd');
    expect(annual.indicator.collected).toBe(true);
    expect(annual.rankedCount).toBeGreaterThan(80);
    const o = await get<OverviewResponse>('/api/overview?period=q3-2026');
    expect(o.indicators.find((i) => i.indicator.code === 'budget_requested_vnd')!.indicator.collected).toBe(false);
    const s = await get<{ indicators: { indicator: { code: string }; status: string }[] }>('/api/communes/21421/standing?period=q3-2026');
    expect(s.indicators.find((i) => i.indicator.code === 'budget_requested_vnd')!.status).toBe('not_collected');
    // the on-time reporting figures are written when a round closes: not collected while it is open
    const open = await get<RankingsResponse>('/api/rankings?period=m10-2026&indicator=reporting_on_time_rate');
    expect(open.indicator.collected).toBe(false);
  });

  it('"đã báo cáo" is one number: the round list, the overview and /tien-do agree for the open round', async () => {
    const who = await sessions(ctx().app);
    const call = caller(() => ctx().app);
    const { periods } = await get<PeriodList>('/api/periods');
    const m10 = periods.find((p) => p.code === 'm10-2026')!;
    const o = await get<OverviewResponse>('/api/overview?period=m10-2026');
    const done = await call(who.leader, 'GET', '/api/periods/m10-2026/completeness', undefined, 200);
    expect(done.counts.reported).toBe(60); // 40 approved + 20 submitted
    expect(m10.communesReported).toBe(done.counts.reported);
    expect(o.communesReported).toBe(done.counts.reported);
    expect(m10.communesApproved).toBe(done.counts.approved);
    expect(o.reporting.late).toBe(done.counts.late);
    const notReported = done.rows.filter((r: { status: string }) => r.status !== 'submitted' && r.status !== 'approved').map((r: { communeCode: string }) => r.communeCode);
    expect(o.notReported.map((n) => n.communeCode).sort()).toEqual(notReported.sort());
    // a commune that has submitted is never listed as "chưa báo cáo"
    expect(o.notReported.some((n) => n.communeCode === '21421')).toBe(false);
  });

  it('an officer lands where action is needed: the oldest returned or overdue round, not a blank new one', async () => {
    const who = await sessions(ctx().app);
    const call = caller(() => ctx().app);
    // the Sở opens November while October is still coming in
    await call(who.admin, 'POST', '/api/periods', { code: 'm11-2026', name: 'Tháng 11/2026', kind: 'month', startDate: '2026-11-01', endDate: '2026-11-30', deadline: '2026-12-10' }, 201);
    const xop = await call(who.xop, 'GET', '/api/communes/23356/reports', undefined, 200); // returned in October
    expect(xop.landing).toBe('m10-2026');
    expect(xop.rounds.map((r: { period: { code: string } }) => r.period.code)).toEqual(['m11-2026', 'm10-2026']);
    expect(xop.rounds[1]).toMatchObject({ state: 'returned', needsAction: true, timeliness: { kind: 'on_time' } });
    const mocay = await call(who.mocay, 'GET', '/api/communes/21421/reports', undefined, 200); // submitted October on time
    expect(mocay.landing).toBe('m11-2026');
    const morai = await call(who.admin, 'GET', '/api/communes/23536/reports', undefined, 200); // never started October
    expect(morai.landing).toBe(new Date() > new Date('2026-11-10T17:00:00Z') ? 'm10-2026' : 'm11-2026');
    // an officer reads only their own commune
    await call(who.xop, 'GET', '/api/communes/21421/reports', undefined, 403);
    await call(null, 'GET', '/api/communes/21421/reports', undefined, 401);
  });

  it('right after submitting, the standing names the last approved round for the official view', async () => {
    const s = await get<{ lastApproved: { code: string } | null; composite: { status: string } }>('/api/communes/21421/standing?period=m10-2026');
    // Mỏ Cày submitted October, not approved yet: its last approved standing is Quý III/2026
    expect(s.lastApproved?.code).toBe('q3-2026');
    expect(s.composite.status).toBe('not_reported');
    const approved = await get<{ lastApproved: { code: string } | null }>('/api/communes/21472/standing?period=m10-2026');
    expect(approved.lastApproved?.code).toBe('m10-2026');
  });
});
