// The live stream (issue 13): GET /api/events announces each change of the figures with its round,
// beats at least every 2 s, is read as the figures are read (a briefing link for its own playlist
// only, hearing only the rounds that playlist shows and its edits), is bounded per client, ends its
// streams when the app closes, and carries an approval or a playlist edit made on one instance to
// a stream opened on another. A stream never ends by itself, so these tests talk
// to a listening app through fetch (app.inject waits for the end of an answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '@nq57/shared';
import { buildApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/client';
import { describeEachEngine, login, openTestDatabase, testConfig, type AppContext, type Session } from './helpers';
import { openStream, type TestStream } from './event-stream';

const OPEN_ROUND = 'm10-2026';

const isChange = (period: string | null) => (e: LiveEvent) => e.type === 'change' && e.change.period === period;

async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

/** The communes whose report in the open demo round waits for the Sở's approval. */
async function submitted(app: FastifyInstance, admin: Session): Promise<string[]> {
  const res = await app.inject({ url: `/api/periods/${OPEN_ROUND}/completeness`, headers: { cookie: admin.cookie } });
  return (res.json() as { rows: { communeCode: string; status: string }[] }).rows.filter((r) => r.status === 'submitted').map((r) => r.communeCode);
}

async function approve(app: FastifyInstance, admin: Session, commune: string) {
  const res = await app.inject({ method: 'POST', url: `/api/periods/${OPEN_ROUND}/submissions/${commune}/approve`, headers: admin.headers, payload: {} });
  expect(res.statusCode, res.body).toBe(200);
}

function streams() {
  const open: TestStream[] = [];
  return {
    async open(url: string, headers: Record<string, string> = {}) {
      const s = await openStream(url, headers);
      open.push(s);
      return s;
    },
    closeAll: () => open.splice(0).forEach((s) => s.close()),
  };
}

describeEachEngine(
  'the live stream',
  (ctx: () => AppContext) => {
    let base: string;
    const s = streams();
    beforeAll(async () => {
      base = await listen(ctx().app);
    });
    afterAll(() => s.closeAll());

    it('says hello, beats, and announces an approval with its round', async () => {
      const stream = await s.open(`${base}/api/events`);
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
      // the app's security headers are on the stream too
      expect(stream.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await stream.next()).toEqual({ type: 'hello', heartbeatMs: 1000 });
      await stream.heartbeat();

      const admin = await login(ctx().app, 'admin');
      const [commune] = await submitted(ctx().app, admin);
      await approve(ctx().app, admin, commune);
      expect(await stream.next((e) => e.type === 'change')).toEqual({ type: 'change', change: { period: OPEN_ROUND } });

      // a round closed or opened: anything may have changed (the default round may move)
      const closed = await ctx().app.inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026 (đã sửa tên)' } });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(await stream.next((e) => e.type === 'change')).toEqual({ type: 'change', change: { period: null } });
      stream.close();
    });

    it('a draft saved by a commune announces nothing; its submission does', async () => {
      const stream = await s.open(`${base}/api/events`);
      await stream.next();
      const officer = await login(ctx().app, 'xa.tinhkhe');
      const form = (await ctx().app.inject({ url: `/api/periods/${OPEN_ROUND}/submissions/21211`, headers: { cookie: officer.cookie } })).json();
      const saved = await ctx().app.inject({ method: 'PUT', url: `/api/periods/${OPEN_ROUND}/submissions/21211`, headers: officer.headers, payload: { version: form.version, values: {} } });
      expect(saved.statusCode, saved.body).toBe(200);
      // the next announcement is the submission's, not the draft's
      const admin = await login(ctx().app, 'admin');
      const returned = await ctx().app.inject({ method: 'POST', url: `/api/periods/${OPEN_ROUND}/submissions/${(await submitted(ctx().app, admin))[0]}/return`, headers: admin.headers, payload: { comment: 'Đề nghị xã bổ sung.' } });
      expect(returned.statusCode, returned.body).toBe(200);
      const first = await stream.next((e) => e.type === 'change');
      expect(first).toEqual({ type: 'change', change: { period: OPEN_ROUND } });
      stream.close();
    });

    it('bounds the streams of one session (429 in Vietnamese); a closed one frees its place', async () => {
      const admin = await login(ctx().app, 'admin');
      const h = { cookie: admin.cookie };
      const a = await s.open(`${base}/api/events`, h);
      const b = await s.open(`${base}/api/events`, h);
      await a.next();
      await b.next();
      const third = await s.open(`${base}/api/events`, h);
      expect(third.status).toBe(429);
      expect(third.refusal).toMatchObject({ statusCode: 429, code: 'TOO_MANY_STREAMS' });
      expect(third.refusal!.message).toMatch(/^Quá nhiều kết nối cập nhật trực tiếp từ phiên này \(tối đa 2\)/);
      // another client is not affected
      const other = await s.open(`${base}/api/events`, { cookie: (await login(ctx().app, 'lanhdao')).cookie });
      expect(other.status).toBe(200);
      a.close();
      await expect.poll(() => ctx().app.live.size).toBe(2);
      const again = await s.open(`${base}/api/events`, h);
      expect(again.status).toBe(200);
      s.closeAll();
    });

    it('the app closes with streams open, and ends them', async () => {
      const stream = await s.open(`${base}/api/events`);
      await stream.next();
      // a second app on the same database, so this file's app stays for the other tests
      const other = await buildApp({ config: testConfig(), database: ctx().database, logger: false, webDist: null });
      const otherBase = await listen(other);
      const onOther = await s.open(`${otherBase}/api/events`);
      await onOther.next();
      await other.close();
      await onOther.ended;
      expect(other.live.size).toBe(0);
      stream.close();
    });
  },
  { live: { maxPerClient: 2 } },
);

describeEachEngine(
  'the live stream where reading needs a sign-in (READ_REQUIRES_LOGIN=true)',
  (ctx: () => AppContext) => {
    let base: string;
    const s = streams();
    beforeAll(async () => {
      base = await listen(ctx().app);
    });
    afterAll(() => s.closeAll());

    async function link() {
      const admin = await login(ctx().app, 'admin');
      const p = await ctx().app.inject({ method: 'POST', url: '/api/playlists', headers: admin.headers, payload: { name: `Phòng họp ${Math.random()}`, slides: [{ type: 'overview' }], defaultSeconds: 20, period: null } });
      expect(p.statusCode, p.body).toBe(201);
      const t = await ctx().app.inject({ method: 'POST', url: '/api/briefing-tokens', headers: admin.headers, payload: { playlistId: p.json().id, label: 'Máy phòng họp' } });
      expect(t.statusCode, t.body).toBe(201);
      return { admin, playlistId: p.json().id as number, tokenId: t.json().id as number, token: t.json().token as string };
    }

    it('refuses a stream to no one, opens it to a session and to a briefing link for its own playlist only', async () => {
      const anon = await s.open(`${base}/api/events`);
      expect(anon.status).toBe(401);
      expect(anon.refusal!.message).toBe('Cần đăng nhập để xem số liệu');

      const { admin, playlistId, token } = await link();
      const signedIn = await s.open(`${base}/api/events`, { cookie: admin.cookie });
      expect(signedIn.status).toBe(200);

      const own = await s.open(`${base}/api/events?playlist=${playlistId}`, { 'x-briefing-token': token });
      expect(own.status).toBe(200);
      expect(await own.next()).toMatchObject({ type: 'hello' });
      const other = await s.open(`${base}/api/events?playlist=${playlistId + 1000}`, { 'x-briefing-token': token });
      expect(other.status).toBe(403);
      expect(other.refusal!.message).toBe('Đường dẫn trình chiếu này chỉ mở được danh sách trình chiếu của nó');
      s.closeAll();
    });

    it('a revoked link: its open stream says so and ends; a signed-out session: the same', async () => {
      const { admin, playlistId, tokenId, token } = await link();
      const screen = await s.open(`${base}/api/events?playlist=${playlistId}`, { 'x-briefing-token': token });
      await screen.next();
      const revoked = await ctx().app.inject({ method: 'DELETE', url: `/api/briefing-tokens/${tokenId}`, headers: admin.headers });
      expect(revoked.statusCode, revoked.body).toBe(204);
      expect(await screen.next((e) => e.type === 'refused')).toEqual({ type: 'refused', message: 'Đường dẫn trình chiếu không còn hiệu lực' });
      await screen.ended;

      const leader = await login(ctx().app, 'lanhdao');
      const tab = await s.open(`${base}/api/events`, { cookie: leader.cookie });
      await tab.next();
      const out = await ctx().app.inject({ method: 'POST', url: '/api/auth/logout', headers: leader.headers });
      expect(out.statusCode, out.body).toBeLessThan(300);
      expect(await tab.next((e) => e.type === 'refused')).toEqual({ type: 'refused', message: 'Phiên đăng nhập đã hết, hãy đăng nhập lại' });
      await tab.ended;
    });
  },
  { env: { READ_REQUIRES_LOGIN: 'true' }, live: { recheckMs: 100 } },
);

describeEachEngine("a briefing link's stream hears only what its playlist shows", (ctx: () => AppContext) => {
  let base: string;
  const s = streams();
  beforeAll(async () => {
    base = await listen(ctx().app);
  });
  afterAll(() => s.closeAll());

  async function link(admin: Session, playlist: { period: string | null; slides: { type: string }[] }) {
    const p = await ctx().app.inject({ method: 'POST', url: '/api/playlists', headers: admin.headers, payload: { name: `Phòng họp ${Math.random()}`, defaultSeconds: 20, ...playlist } });
    expect(p.statusCode, p.body).toBe(201);
    const t = await ctx().app.inject({ method: 'POST', url: '/api/briefing-tokens', headers: admin.headers, payload: { playlistId: p.json().id, label: 'Máy phòng họp' } });
    expect(t.statusCode, t.body).toBe(201);
    return { playlistId: p.json().id as number, token: t.json().token as string };
  }

  /** The stream of a briefing link, as its screen opens it; `period`: the round its address pins (?ky=). */
  async function screen(l: { playlistId: number; token: string }, period?: string) {
    const stream = await s.open(`${base}/api/events?playlist=${l.playlistId}${period ? `&period=${period}` : ''}`, { 'x-briefing-token': l.token });
    expect(stream.status).toBe(200);
    expect(await stream.next()).toMatchObject({ type: 'hello' });
    return stream;
  }

  it('an approval in a round the playlist does not show is not sent to its link, while a signed-in stream and the links that show that round get it', async () => {
    const admin = await login(ctx().app, 'admin');
    // the open round, pinned
    const open = await screen(await link(admin, { period: OPEN_ROUND, slides: [{ type: 'overview' }] }));
    // the latest round (the newest closed one with figures, not the open one), with the budget slide looking back from it
    const latest = await screen(await link(admin, { period: null, slides: [{ type: 'overview' }, { type: 'movers' }, { type: 'budget' }] }));
    // pinned to the 2025 annual round
    const yearLink = await link(admin, { period: 'year-2025', slides: [{ type: 'top' }] });
    const year = await screen(yearLink);
    // the same link on a screen whose address pins the open round: it shows the open round
    const yearShowingOpen = await screen(yearLink, OPEN_ROUND);
    const signedIn = await s.open(`${base}/api/events`, { cookie: admin.cookie });
    await signedIn.next();
    // a link hears the heartbeat like everyone
    await latest.heartbeat();

    const [commune] = await submitted(ctx().app, admin);
    await approve(ctx().app, admin, commune);
    const approval = { type: 'change', change: { period: OPEN_ROUND } };
    expect(await signedIn.next(isChange(OPEN_ROUND))).toEqual(approval);
    expect(await open.next((e) => e.type === 'change')).toEqual(approval);
    expect(await yearShowingOpen.next((e) => e.type === 'change')).toEqual(approval);

    // then a change of anything (a round renamed): the first change the other links hear, so they
    // never heard the approval (a stream's notices keep their order)
    const renamed = await ctx().app.inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026 (đã sửa tên)' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const anything = { type: 'change', change: { period: null } };
    expect(await latest.next((e) => e.type === 'change')).toEqual(anything);
    expect(await year.next((e) => e.type === 'change')).toEqual(anything);
    expect(await open.next((e) => e.type === 'change')).toEqual(anything);
    s.closeAll();
  });

  it('editing a playlist tells the screens showing it (its link, signed-in streams), not another link nor a stream without a session', async () => {
    const admin = await login(ctx().app, 'admin');
    const playlist = { period: null, slides: [{ type: 'overview' }, { type: 'top' }] };
    const mine = await link(admin, playlist);
    const onMine = await screen(mine);
    const onOther = await screen(await link(admin, playlist));
    const signedIn = await s.open(`${base}/api/events`, { cookie: admin.cookie });
    await signedIn.next();
    const anonymous = await s.open(`${base}/api/events`);
    await anonymous.next();

    // the slides reordered, one added, a duration changed
    const edited = await ctx().app.inject({
      method: 'PUT',
      url: `/api/playlists/${mine.playlistId}`,
      headers: admin.headers,
      payload: { name: `Phòng họp sửa ${Math.random()}`, defaultSeconds: 30, period: null, slides: [{ type: 'top', seconds: 15 }, { type: 'overview' }, { type: 'movers' }] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const told = { type: 'playlist', playlist: { id: mine.playlistId } };
    expect(await onMine.next()).toEqual(told);
    expect(await signedIn.next()).toEqual(told);

    // the others' next event is the change that follows: they were never told of the edit
    const renamed = await ctx().app.inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026 (sửa lần nữa)' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const anything = { type: 'change', change: { period: null } };
    expect(await onOther.next()).toEqual(anything);
    expect(await anonymous.next()).toEqual(anything);
    expect(await onMine.next()).toEqual(anything);

    // deleted: its screens hear of it too (and read it again: it is gone)
    const deleted = await ctx().app.inject({ method: 'DELETE', url: `/api/playlists/${mine.playlistId}`, headers: admin.headers });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await signedIn.next((e) => e.type === 'playlist')).toEqual(told);
    s.closeAll();
  });
});

// The issue's "several instances": a browser on B hears an approval (and a playlist edit) made on
// A. PGlite is one process by nature (one instance owns its data directory), so this needs the
// PostgreSQL server.
describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL server: an approval on A reaches a stream on B [postgres]', () => {
  let a: FastifyInstance, b: FastifyInstance, dbB: Database, drop: () => Promise<void>;
  let baseB: string;
  const s = streams();
  beforeAll(async () => {
    const t = await openTestDatabase('postgres');
    drop = t.drop;
    dbB = await openDatabase({ databaseUrl: t.database.url });
    a = await buildApp({ config: testConfig(), database: t.database, logger: false, webDist: null });
    b = await buildApp({ config: testConfig(), database: dbB, logger: false, webDist: null });
    baseB = await listen(b);
  });
  afterAll(async () => {
    s.closeAll();
    await a?.close();
    await b?.close();
    await dbB?.close();
    await drop?.();
  });

  it('each approval on A is announced on B with its round, once, and B then serves the new figures', async () => {
    const onB = await s.open(`${baseB}/api/events`);
    await onB.next();
    const admin = await login(a, 'admin');
    const overview = async () => (await b.inject(`/api/overview?period=${OPEN_ROUND}`)).json();
    const before = await overview();
    const communes = (await submitted(a, admin)).slice(0, 3);
    for (const commune of communes) {
      await approve(a, admin, commune);
      expect(await onB.next((e) => e.type === 'change')).toEqual({ type: 'change', change: { period: OPEN_ROUND } });
    }
    // B's cached answers were dropped by the same notification: no stale figures after the event
    expect(await overview()).not.toEqual(before);
    // A's own stream hears its approval once: its notification comes back to it and is skipped.
    // A change on B follows; PostgreSQL delivers notifications in commit order, so an echo of
    // A's own would come between the two.
    const baseA = await listen(a);
    const onA = await s.open(`${baseA}/api/events`);
    await onA.next();
    const [next] = await submitted(a, admin);
    await approve(a, admin, next);
    const renamed = await b.inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: (await login(b, 'admin')).headers, payload: { name: 'Quý III/2026 (sửa tên)' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const change = (e: LiveEvent) => e.type === 'change';
    expect([await onA.next(change), await onA.next(change)]).toEqual([
      { type: 'change', change: { period: OPEN_ROUND } },
      { type: 'change', change: { period: null } },
    ]);
  });

  it("a playlist edited on A is told to its link's stream on B", async () => {
    const admin = await login(a, 'admin');
    const body = { name: 'Phòng họp hai máy chủ', defaultSeconds: 20, period: null, slides: [{ type: 'overview' }] };
    const p = await a.inject({ method: 'POST', url: '/api/playlists', headers: admin.headers, payload: body });
    expect(p.statusCode, p.body).toBe(201);
    const t = await a.inject({ method: 'POST', url: '/api/briefing-tokens', headers: admin.headers, payload: { playlistId: p.json().id, label: 'Máy phòng họp' } });
    expect(t.statusCode, t.body).toBe(201);
    const onB = await s.open(`${baseB}/api/events?playlist=${p.json().id}`, { 'x-briefing-token': t.json().token });
    expect(await onB.next()).toMatchObject({ type: 'hello' });
    const edited = await a.inject({ method: 'PUT', url: `/api/playlists/${p.json().id}`, headers: admin.headers, payload: { ...body, slides: [{ type: 'overview' }, { type: 'top' }] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await onB.next()).toEqual({ type: 'playlist', playlist: { id: p.json().id } });
    // and B reads the new slides at once
    const read = await b.inject({ url: `/api/playlists/${p.json().id}`, headers: { 'x-briefing-token': t.json().token } });
    expect(read.json().slides).toEqual([{ type: 'overview' }, { type: 'top' }]);
  });
});
