import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import {
  Catalogue,
  Commune,
  CommuneList,
  CompositeResponse,
  ErrorResponse,
  OverviewResponse,
  PeriodList,
  RankingsResponse,
  StandingResponse,
  ValuesResponse,
  type RankingsResponse as Rankings,
  type ValuesResponse as Values,
} from '@nq57/shared/schemas';
import { describeEachEngine } from './helpers';

/** GET, assert the status, check the body against its declared schema, return it. */
function getter(ctx: () => { app: import('fastify').FastifyInstance }) {
  return async <T>(url: string, schema: TSchema, status = 200): Promise<T> => {
    const res = await ctx().app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    const body = res.json();
    const errors = [...Value.Errors(schema, body)].slice(0, 3);
    expect(errors, `${url} does not match its schema`).toEqual([]);
    return body as T;
  };
}

describeEachEngine('read API', (ctx) => {
  const get = getter(ctx);

  it('reports health with the engine in use', async () => {
    const res = await ctx().app.inject('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: ctx().engine });
  });

  it('lists the 96 official units: 86 xã, 9 phường, 1 đặc khu', async () => {
    const { communes } = await get<{ communes: { type: string; code: string; name: string }[] }>('/api/communes', CommuneList);
    expect(communes).toHaveLength(96);
    const count = (t: string) => communes.filter((c) => c.type === t).length;
    expect([count('xã'), count('phường'), count('đặc khu')]).toEqual([86, 9, 1]);
    expect(communes.find((c) => c.type === 'đặc khu')?.name).toBe('Đặc khu Lý Sơn');
    expect(Object.keys(communes[0])).not.toContain('id'); // the allow-list: no internal key leaks
  });

  it('answers one commune and 404 in Vietnamese for an unknown code', async () => {
    const c = await get<{ name: string; population: number }>('/api/communes/21421', Commune);
    expect(c.name).toBe('Xã Mỏ Cày');
    const e = await get<{ code: string; message: string }>('/api/communes/99999', ErrorResponse, 404);
    expect(e.message).toContain('99999');
  });

  it('serves the catalogue with the five families the province asked for', async () => {
    const cat = await get<{ indicators: { code: string; numerator: string; denominator: string | null }[] }>('/api/indicators', Catalogue);
    const byCode = new Map(cat.indicators.map((i) => [i.code, i]));
    expect(byCode.get('online_filing_rate')).toMatchObject({ numerator: 'dossiers_online', denominator: 'dossiers_received' });
    expect(byCode.get('on_time_rate')).toMatchObject({ numerator: 'dossiers_on_time', denominator: 'dossiers_resolved' });
    expect(byCode.get('cdt_coverage')).toMatchObject({ numerator: 'cdt_village_teams', denominator: 'villages' });
    expect(byCode.get('bdhvs_learners_per_1000')).toMatchObject({ numerator: 'bdhvs_learners', denominator: '@population' });
    expect(byCode.get('budget_requested_vnd')).toMatchObject({ numerator: 'budget_requested_vnd', denominator: null });
  });

  it('lists rounds newest first, says the data is demo, and counts who reported', async () => {
    const { periods, demo } = await get<{ periods: { code: string; status: string; communesReported: number }[]; demo: boolean }>('/api/periods', PeriodList);
    expect(demo).toBe(true);
    // newest first: the demo's open round (issue 4), then the latest closed one
    expect(periods.map((p) => p.code).slice(0, 2)).toEqual(['m10-2026', 'q3-2026']);
    expect(periods[0].status).toBe('open');
    expect(periods.length).toBeGreaterThanOrEqual(4);
    // one commune (Mô Rai) did not report in the latest closed round (its on-time figures, computed by the system, do not count)
    expect(periods[1].communesReported).toBe(95);
    expect(periods.find((p) => p.code === 'q2-2026')?.communesReported).toBe(96);
    // what the schema says and nothing else (the answer is cached as JSON text, past the schema)
    for (const p of periods) expect(Object.keys(p).sort()).toEqual(Object.keys(PeriodList.properties.periods.items.properties).sort());
  });

  it('ranks all 96 communes on the online filing rate, province rate from summed counts', async () => {
    const r = await get<Rankings>('/api/rankings?indicator=online_filing_rate', RankingsResponse);
    expect(r.period.code).toBe('q3-2026');
    expect(r.comparedWith?.code).toBe('q2-2026'); // the previous round of the same kind
    expect(r.rows).toHaveLength(96);

    const ranked = r.rows.filter((x) => x.status === 'ranked');
    expect(ranked.length).toBe(r.rankedCount);
    // standard competition ranking, best first
    for (const row of ranked) {
      const better = ranked.filter((o) => o.value! > row.value! + 1e-9).length;
      expect(row.rank).toBe(better + 1);
      expect(row.value).toBeCloseTo((row.numerator! / row.denominator!) * 100, 9);
    }
    // unranked communes are listed, after the ranked ones, never with a rank
    const unranked = r.rows.filter((x) => x.status !== 'ranked');
    expect(unranked.every((x) => x.rank === null)).toBe(true);
    expect(r.rows.findIndex((x) => x.status !== 'ranked')).toBe(ranked.length);
    expect(unranked.find((x) => x.communeCode === '23536')?.status).toBe('not_reported');
    // rank change is previous − current
    for (const row of r.rows) {
      if (row.rank !== null && row.previousRank !== null) expect(row.rankChange).toBe(row.previousRank - row.rank);
      else expect(row.rankChange).toBeNull();
    }

    // Σ numerators ÷ Σ denominators over the raw values, never a mean of rates
    const v = await get<Values>('/api/values?period=q3-2026', ValuesResponse);
    const sum = (el: string, codes: Set<string>) =>
      v.values.filter((x) => x.element === el && codes.has(x.communeCode)).reduce((s, x) => s + x.value, 0);
    const both = new Set(
      r.rows.filter((x) => x.numerator !== null && x.denominator !== null && x.denominator > 0).map((x) => x.communeCode),
    );
    expect(r.province.numerator).toBe(sum('dossiers_online', both));
    expect(r.province.denominator).toBe(sum('dossiers_received', both));
    expect(r.province.value).toBeCloseTo((r.province.numerator! / r.province.denominator!) * 100, 9);
  });

  it('does not rank a commune whose denominator is below the minimum', async () => {
    const r = await get<Rankings>('/api/rankings?indicator=on_time_rate&period=q3-2026', RankingsResponse);
    for (const row of r.rows) {
      if (row.denominator !== null && row.denominator < r.indicator.minDenominator && row.numerator !== null) {
        expect(row.status).toBe('insufficient');
        expect(row.rank).toBeNull();
      }
    }
  });

  it('carries the real figures of Xã Mỏ Cày in the 2025 annual round', async () => {
    const r = await get<Rankings>('/api/rankings?indicator=online_filing_rate&period=year-2025', RankingsResponse);
    const moCay = r.rows.find((x) => x.communeCode === '21421')!;
    expect([moCay.numerator, moCay.denominator]).toEqual([3276, 3781]);
    expect(moCay.value).toBeCloseTo(86.64, 2);
    const v = await get<Values>('/api/values?period=year-2025', ValuesResponse);
    const budget = v.values.find((x) => x.communeCode === '21472' && x.element === 'budget_requested_vnd')!;
    expect(budget.value).toBe(7630404000); // Khánh Cường, whole đồng
    expect(budget.source).toMatch(/^report:/);
  });

  it('filters by type and district, ranking the filtered communes among themselves', async () => {
    const r = await get<Rankings>('/api/rankings?indicator=online_filing_rate&type=ph%C6%B0%E1%BB%9Dng', RankingsResponse);
    expect(r.rows).toHaveLength(9);
    expect(r.rows.every((x) => x.communeType === 'phường')).toBe(true);
    expect(r.rows.filter((x) => x.rank === 1)).toHaveLength(1);
    const d = await get<Rankings>(`/api/rankings?indicator=cdt_coverage&district=${encodeURIComponent('Huyện Ba Tơ')}`, RankingsResponse);
    expect(d.rows).toHaveLength(8);
    await get('/api/rankings?indicator=cdt_coverage&district=Kh%C3%B4ng%20c%C3%B3', ErrorResponse, 404);
  });

  it('answers bad queries with 400 and unknown names with 404, in Vietnamese', async () => {
    const missing = await get<{ message: string; code: string }>('/api/rankings', ErrorResponse, 400);
    expect(missing.message).toBe('Tham số "indicator" là bắt buộc');
    const badType = await get<{ message: string }>('/api/rankings?indicator=on_time_rate&type=huyện', ErrorResponse, 400);
    expect(badType.message).toContain('"type"');
    const ind = await get<{ message: string }>('/api/rankings?indicator=khong_co', ErrorResponse, 404);
    expect(ind.message).toBe('Không có chỉ tiêu "khong_co"');
    const per = await get<{ message: string }>('/api/rankings?indicator=on_time_rate&period=q9-2030', ErrorResponse, 404);
    expect(per.message).toBe('Không có kỳ báo cáo "q9-2030"');
    const w = await get<{ message: string }>('/api/rankings/composite?weights=online_filing_rate:abc', ErrorResponse, 400);
    expect(w.message).toMatch(/trọng số|Trọng số/);
    const route = await get<{ message: string }>('/api/khong-co', ErrorResponse, 404);
    expect(route.message).toContain('/api/khong-co');
  });

  it('computes the composite index with explainable components, and re-weights on request', async () => {
    const c = await get<import('@nq57/shared/schemas').CompositeResponse>('/api/rankings/composite', CompositeResponse);
    expect(c.rows).toHaveLength(96);
    const ranked = c.rows.filter((r) => r.status === 'ranked');
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.components.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(r.score!, 9);
    }
    expect(ranked.map((r) => r.rank)).toEqual([...ranked.map((r) => r.rank)].sort((a, b) => a! - b!));
    // all the weight on one indicator: the composite order follows that indicator
    const only = await get<import('@nq57/shared/schemas').CompositeResponse>(
      '/api/rankings/composite?weights=online_filing_rate:100,on_time_rate:0,cdt_coverage:0,bdhvs_learners_per_1000:0,bdhvs_certificate_rate:0,kh02_criteria_rate:0,nq71_done_rate:0',
      CompositeResponse,
    );
    expect(only.weights.online_filing_rate).toBe(100);
    const top = only.rows.find((r) => r.rank === 1)!;
    const rates = await get<Rankings>('/api/rankings?indicator=online_filing_rate', RankingsResponse);
    // achievement caps at the target, so every commune at or over 80% shares first place
    const atTarget = rates.rows.filter((r) => r.status === 'ranked' && r.value! >= 80).map((r) => r.communeCode);
    if (atTarget.length) expect(atTarget).toContain(top.communeCode);
    else expect(top.communeCode).toBe(rates.rows[0].communeCode);
  });

  it('sends each commune\'s indicator values (inputs, to re-weight in the browser) only when asked; the ranking is the same either way', async () => {
    type C = import('@nq57/shared/schemas').CompositeResponse;
    const plain = await get<C>('/api/rankings/composite?period=q3-2026', CompositeResponse);
    expect(plain).not.toHaveProperty('inputs');
    const full = await get<C>('/api/rankings/composite?period=q3-2026&inputs=true', CompositeResponse);
    expect(full.inputs!.current).toHaveLength(96);
    // every eligible indicator, weighted or not, for every commune
    expect(Object.keys(full.inputs!.current[0].values).sort()).toEqual(full.indicators.map((i) => i.code).sort());
    expect(full.inputs!.previous).not.toBeNull();
    const { inputs: _, ...rest } = full;
    expect(rest).toEqual(plain);
  });

  it("a standing's neighbours are the rows just above and below it in the ranking table (rank, then name)", async () => {
    // an indicator with ties in the demo: communes sharing a rank, ordered by name in the table
    for (const indicator of ['online_filing_rate', 'cdt_coverage', 'procedures_full_online', 'kh02_criteria_rate']) {
      const table = await get<import('@nq57/shared/schemas').RankingsResponse>(`/api/rankings?period=q3-2026&indicator=${indicator}`, RankingsResponse);
      const ranked = table.rows.filter((r) => r.rank !== null);
      for (const k of [0, 1, 2, Math.floor(ranked.length / 2), ranked.length - 2, ranked.length - 1]) {
        const me = ranked[k];
        const s = await get<import('@nq57/shared/schemas').StandingResponse>(`/api/communes/${me.communeCode}/standing?period=q3-2026`, StandingResponse);
        const mine = s.indicators.find((i) => i.indicator.code === indicator)!;
        expect(mine.rank).toBe(me.rank);
        expect(mine.rankedCount).toBe(ranked.length);
        const above = ranked.filter((r) => r.rank! < me.rank!).at(-1);
        const below = ranked.find((r) => r.rank! > me.rank!);
        expect(mine.above?.communeCode ?? null, `${indicator} above ${me.communeName}`).toBe(above?.communeCode ?? null);
        expect(mine.below?.communeCode ?? null, `${indicator} below ${me.communeName}`).toBe(below?.communeCode ?? null);
      }
    }
  });


  it("a standing's rank, previous rank and change on every indicator, and its composite, are the ranking tables', in every round", async () => {
    // the standing takes the previous round's ranks from that round's kept trend point; the
    // table ranks the previous round itself: the two must agree, also where the previous round
    // does not collect an indicator or no round of the same kind came before
    const cat = (await ctx().app.inject('/api/indicators')).json() as { indicators: { code: string }[] };
    const rounds = ((await ctx().app.inject('/api/periods')).json() as { periods: { code: string; communesReported: number }[] }).periods.filter((p) => p.communesReported > 0);
    let compared = 0;
    for (const round of rounds) {
      const tables = new Map<string, Rankings>();
      for (const { code } of cat.indicators) tables.set(code, await get<Rankings>(`/api/rankings?period=${round.code}&indicator=${code}`, RankingsResponse));
      const first = tables.values().next().value!;
      const composite = (await ctx().app.inject(`/api/rankings/composite?period=${round.code}`)).json() as import('@nq57/shared/schemas').CompositeResponse;
      for (const k of [0, 7, 41, first.rows.length - 1]) {
        const commune = first.rows[k].communeCode;
        const s = await get<import('@nq57/shared/schemas').StandingResponse>(`/api/communes/${commune}/standing?period=${round.code}`, StandingResponse);
        for (const i of s.indicators) {
          const row = tables.get(i.indicator.code)!.rows.find((r) => r.communeCode === commune)!;
          const where = `${round.code} ${i.indicator.code} ${commune}`;
          expect({ rank: i.rank, previousRank: i.previousRank, rankChange: i.rankChange }, where).toEqual({ rank: row.rank, previousRank: row.previousRank, rankChange: row.rankChange });
          // and the trend's point for the round shown is the same rank and value
          const point = i.history.find((h) => h.period === round.code);
          expect(point && { value: point.value, rank: point.rank }, where).toEqual(i.indicator.collected ? { value: row.value, rank: row.rank } : undefined);
          if (row.previousRank !== null) compared++;
        }
        // the composite on a standing is the composite table's row
        const c = composite.rows.find((r) => r.communeCode === commune)!;
        const mine = s.composite;
        expect({ score: mine.score, rank: mine.rank, rankChange: mine.rankChange, status: mine.status, coverage: mine.coverage, rankedCount: mine.rankedCount }, `${round.code} composite ${commune}`).toEqual({
          score: c.score,
          rank: c.rank,
          rankChange: c.rankChange,
          status: c.status,
          coverage: c.coverage,
          rankedCount: composite.rankedCount,
        });
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
  it("explains a commune's standing: rank of N, province, neighbours, history, what pulls it down", async () => {
    const s = await get<import('@nq57/shared/schemas').StandingResponse>('/api/communes/21421/standing?period=year-2025', StandingResponse);
    expect(s.commune.name).toBe('Xã Mỏ Cày');
    const online = s.indicators.find((i) => i.indicator.code === 'online_filing_rate')!;
    expect(online.value).toBeCloseTo(86.64, 2);
    expect(online.rank).not.toBeNull();
    expect(online.gapToProvince).toBeCloseTo(online.value! - online.province!, 9);
    if (online.above) expect(online.above.rank).toBeLessThan(online.rank!);
    if (online.below) expect(online.below.rank).toBeGreaterThan(online.rank!);
    // one kind of round per trend: the annual round's history holds annual rounds only
    expect(online.history.map((h) => h.period)).toEqual(['year-2025']);
    expect(online.history.at(-1)?.period).toBe('year-2025');
    expect(online.history.at(-1)?.rank).toBe(online.rank);
    const quarter = await get<import('@nq57/shared/schemas').StandingResponse>('/api/communes/21421/standing?period=q3-2026', StandingResponse);
    const qOnline = quarter.indicators.find((i) => i.indicator.code === 'online_filing_rate')!;
    expect(qOnline.history.map((h) => h.period)).toEqual(['q3-2025', 'q4-2025', 'q1-2026', 'q2-2026', 'q3-2026']);
    // components sorted by the points they cost
    const sf = s.composite.components.map((c) => c.shortfall);
    expect(sf).toEqual([...sf].sort((a, b) => b - a));
    // the rank matches the ranking endpoint
    const r = await get<Rankings>('/api/rankings?indicator=online_filing_rate&period=year-2025', RankingsResponse);
    expect(r.rows.find((x) => x.communeCode === '21421')!.rank).toBe(online.rank);
  });

  it('gives the province overview: who reported, figures against the previous round, top and bottom 5', async () => {
    const o = await get<import('@nq57/shared/schemas').OverviewResponse>('/api/overview', OverviewResponse);
    expect(o.demo).toBe(true);
    expect(o.communesTotal).toBe(96);
    expect(o.communesReported).toBe(95);
    expect(o.notReported.map((x) => x.communeName)).toEqual(['Xã Mô Rai']);
    expect(o.top).toHaveLength(5);
    expect(o.bottom).toHaveLength(5);
    expect(o.top[0].rank).toBe(1);
    const online = o.indicators.find((i) => i.indicator.code === 'online_filing_rate')!;
    expect(online.previous).not.toBeNull();
    const d = online.distribution;
    expect(d.min! <= d.median! && d.median! <= d.max!).toBe(true);
    // budget requests come with the annual round: a total in whole đồng
    const year = await get<import('@nq57/shared/schemas').OverviewResponse>('/api/overview?period=year-2025', OverviewResponse);
    const budget = year.indicators.find((i) => i.indicator.code === 'budget_requested_vnd')!;
    expect(Number.isInteger(budget.province.value)).toBe(true);
    expect(budget.province.value).toBeGreaterThan(7630404000);
  });

  it('serves the raw values as CSV for Excel (BOM, one line per figure)', async () => {
    const res = await ctx().app.inject('/api/values?period=year-2025&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFFma_xa,ten_xa')).toBe(true);
    const json = (await ctx().app.inject('/api/values?period=year-2025')).json() as Values;
    expect(res.body.trim().split('\r\n')).toHaveLength(json.values.length + 1);
    expect(res.body).toContain('21472,Xã Khánh Cường,year-2025,budget_requested_vnd,7630404000,');
  });

  it('answers If-None-Match with 304 and compresses large answers', async () => {
    const url = '/api/rankings?indicator=on_time_rate';
    const first = await ctx().app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers['content-encoding']).toBe('gzip');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await ctx().app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('documents every route in OpenAPI 3 at /docs/json', async () => {
    const doc = (await ctx().app.inject('/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/communes',
      '/api/communes/{code}',
      '/api/communes/{code}/standing',
      '/api/indicators',
      '/api/periods',
      '/api/rankings',
      '/api/rankings/composite',
      '/api/overview',
      '/api/values',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    expect(doc.paths['/api/rankings'].get.responses).toHaveProperty(['404']);
  });
});

// on its own copy of the database: it deletes a commune's figures
describeEachEngine('composite ranks kept per round', (ctx) => {
  it("the composite's previous rank is the commune's rank in the compared round's own table, also once that round changes", async () => {
    // the compared round's composite ranks are kept with its figures (a change to the round shown
    // leaves them); a change to the compared round must reach the next composite of the round shown
    type Composite = import('@nq57/shared/schemas').CompositeResponse;
    const composite = async (period: string) => (await ctx().app.inject(`/api/rankings/composite?period=${period}`)).json() as Composite;
    const agree = async (period: string) => {
      const now = await composite(period);
      const then = await composite(now.comparedWith!.code);
      for (const r of now.rows) expect(r.previousRank, `${period} ${r.communeCode}`).toBe(then.rows.find((x) => x.communeCode === r.communeCode)!.rank);
      return { now, then };
    };
    const { now } = await agree('q3-2026');
    expect(now.comparedWith!.code).toBe('q2-2026');
    await ctx().app.dataVersion.changed({ period: 'q3-2026' });
    await agree('q3-2026');
    // the first-ranked commune of Quý II/2026 loses its figures there: it has no previous rank now
    const first = (await composite('q2-2026')).rows[0].communeCode;
    await ctx().database.query(
      `delete from data_values where commune_id = (select id from communes where code = $1) and period_id = (select id from periods where code = 'q2-2026')`,
      [first],
    );
    await ctx().app.dataVersion.changed({ period: 'q2-2026' });
    const after = await agree('q3-2026');
    expect(after.now.rows.find((r) => r.communeCode === first)!.previousRank).toBeNull();
  });
});
