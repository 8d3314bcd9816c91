// A cached anonymous read is answered before the framework sees it (decision 025): it must be
// the framework's answer to the letter, never outlive a change or the day its key stands for,
// and never reach a request the framework would refuse or answer differently (a session, a
// briefing token, READ_REQUIRES_LOGIN). Over a real socket: inject() does not pass through the
// server where early answers are made.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { engines, login, openTestDatabase, testConfig, type Engine } from './helpers';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One GET as it comes off the wire (no decompression); the Date header left out. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(base + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h: Record<string, string> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() !== 'date') h[res.rawHeaders[i].toLowerCase()] = res.rawHeaders[i + 1];
          resolve({ status: res.statusCode!, headers: h, body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

/** An app on a real port, and how many requests it answered early. */
async function serve(engine: Engine, opts: { env?: Record<string, string>; now?: () => Date } = {}) {
  const t = await openTestDatabase(engine);
  const app = await buildApp({ config: testConfig(opts.env), database: t.database, logger: false, webDist: null, now: opts.now });
  const early = { count: 0 };
  const answer = app.responses.answerEarly;
  app.responses.answerEarly = (req, res) => {
    const done = answer(req, res);
    if (done) early.count++;
    return done;
  };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, base, early, database: t.database, close: async () => (await app.close(), await t.drop()) };
}

const RANKING = '/api/rankings?indicator=online_filing_rate&period=year-2025';
// a session cookie the server does not know: the framework answers it as an unsigned read, and
// nothing with a session cookie is answered early, so this is the framework's own answer
const FRAMEWORK = { cookie: 'nq57_session=khong-co-phien-nay' };

for (const engine of engines) {
  describe(`early answers [${engine}]`, () => {
    let s: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      s = await serve(engine);
    });
    afterAll(async () => s?.close());

    it("is the framework's answer to the letter: every header, the bytes, each encoding, and 304", async () => {
      await get(s.base, RANKING);
      for (const headers of [{} as Record<string, string>, { 'accept-encoding': 'br, gzip' }, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'identity' }]) {
        const before = s.early.count;
        const early = await get(s.base, RANKING, headers);
        expect(s.early.count, JSON.stringify(headers)).toBe(before + 1);
        const framework = await get(s.base, RANKING, { ...headers, ...FRAMEWORK });
        expect(s.early.count).toBe(before + 1);
        expect(early.status).toBe(200);
        expect(early.headers).toEqual(framework.headers);
        expect(Object.keys(early.headers)).toEqual(Object.keys(framework.headers));
        expect(early.body.equals(framework.body)).toBe(true);
      }
      const etag = (await get(s.base, RANKING)).headers.etag;
      const early = await get(s.base, RANKING, { 'if-none-match': etag });
      const framework = await get(s.base, RANKING, { 'if-none-match': etag, ...FRAMEWORK });
      expect(early.status).toBe(304);
      expect(early.headers).toEqual(framework.headers);
      expect(early.body.length).toBe(0);
      // the security headers are on an early answer as on every other
      expect(early.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(early.headers['x-frame-options']).toBe('DENY');
    });

    it('never answers with figures older than the last change', async () => {
      const moCay = async () => JSON.parse((await get(s.base, RANKING)).body.toString()).rows.find((r: { communeCode: string }) => r.communeCode === '21421').numerator;
      expect(await moCay()).toBe(3276);
      const before = s.early.count;
      expect(await moCay()).toBe(3276);
      expect(s.early.count).toBe(before + 1);
      await s.database.query(
        `update data_values set value = 3300 where commune_id = (select id from communes where code = '21421')
           and period_id = (select id from periods where code = 'year-2025')
           and element_id = (select id from data_elements where code = 'dossiers_online')`,
      );
      await s.app.dataVersion.changed({ period: 'year-2025' });
      expect(await moCay()).toBe(3300);
      // and the new answer is the one answered early from then on
      const after = s.early.count;
      expect(await moCay()).toBe(3300);
      expect(s.early.count).toBe(after + 1);
    });

    it("never gives a signed-in reader's answer to an unsigned one, nor answers a session or a briefing token early", async () => {
      const admin = await login(s.app, 'admin');
      // live=true is for an admin or a leader: the admin's answer is cached, and must not be
      // what an unsigned reader of the same address gets
      const live = '/api/rankings?indicator=online_filing_rate&period=year-2025&live=true';
      for (let i = 0; i < 2; i++) expect((await get(s.base, live, { cookie: admin.cookie })).status).toBe(200);
      await get(s.base, RANKING);
      await get(s.base, RANKING);
      const before = s.early.count;
      for (let i = 0; i < 2; i++) expect((await get(s.base, live)).status).toBe(401);
      // a signed-in reader of a public address (learned above) goes through the framework every time
      for (let i = 0; i < 2; i++) expect((await get(s.base, RANKING, { cookie: admin.cookie })).status).toBe(200);
      // a briefing token is checked by the framework, whatever it is
      expect((await get(s.base, RANKING, { 'x-briefing-token': 'khong-phai-ma-that' })).status).toBe(200);
      expect(s.early.count).toBe(before);
    });
  });

  describe(`early answers when reading needs a session (READ_REQUIRES_LOGIN) [${engine}]`, () => {
    let s: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      s = await serve(engine, { env: { READ_REQUIRES_LOGIN: 'true' } });
    });
    afterAll(async () => s?.close());

    it('answers nothing early: an unsigned read is refused however often the address was read', async () => {
      const admin = await login(s.app, 'admin');
      for (let i = 0; i < 2; i++) expect((await get(s.base, RANKING, { cookie: admin.cookie })).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await get(s.base, RANKING)).status).toBe(401);
      expect(s.early.count).toBe(0);
    });
  });

  describe(`early answers of a day's overview [${engine}]`, () => {
    // Tháng 10/2026 is open, due 10/11/2026: on the 10th nobody is overdue, from the 11th every
    // commune that has not submitted is
    let today = new Date('2026-11-10T20:00:00+07:00');
    let s: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      s = await serve(engine, { now: () => today });
    });
    afterAll(async () => s?.close());

    it('stop at midnight in Vietnam: the next day is counted anew, with who is now overdue', async () => {
      const url = '/api/overview?period=m10-2026';
      const late = async () => JSON.parse((await get(s.base, url)).body.toString()).reporting.late as number;
      const onTheDay = await late();
      const before = s.early.count;
      expect(await late()).toBe(onTheDay);
      expect(s.early.count).toBe(before + 1);
      today = new Date('2026-11-11T00:00:01+07:00');
      const dayAfter = await late();
      expect(dayAfter).toBeGreaterThan(onTheDay);
      expect(s.early.count).toBe(before + 1);
      expect(await late()).toBe(dayAfter);
      expect(s.early.count).toBe(before + 2);
    });
  });
}
