// The briefing's API: playlists (admins write, signed-in users read) and briefing links whose
// token opens one playlist and the published figures the big screen shows, and nothing else.
import { expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { Value } from 'typebox/value';
import { BriefingTokenCreated, BriefingTokenList, PlaylistOut } from '@nq57/shared/schemas';
import { sha256 } from '../src/auth/passwords';
import { describeEachEngine, login, testConfig, type AppContext } from './helpers';

const SLIDES = [{ type: 'overview' }, { type: 'indicator', indicator: 'online_filing_rate', seconds: 30 }, { type: 'movers' }];
const playlist = (name: string, extra: Record<string, unknown> = {}) => ({ name, slides: SLIDES, defaultSeconds: 20, period: null, ...extra });

function helpers(ctx: () => AppContext) {
  const inject = (opts: InjectOptions) => ctx().app.inject(opts);
  const admin = () => login(ctx().app, 'admin');
  async function createPlaylist(name: string, extra: Record<string, unknown> = {}) {
    const s = await admin();
    const res = await inject({ method: 'POST', url: '/api/playlists', headers: s.headers, payload: playlist(name, extra) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; name: string };
  }
  async function createToken(playlistId: number, label = 'Phòng họp tầng 3') {
    const s = await admin();
    const res = await inject({ method: 'POST', url: '/api/briefing-tokens', headers: s.headers, payload: { playlistId, label } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; token: string; url: string; path: string };
  }
  const withToken = (token: string, opts: InjectOptions): InjectOptions => ({ ...opts, headers: { ...(opts.headers ?? {}), 'x-briefing-token': token } });
  return { inject, admin, createPlaylist, createToken, withToken };
}

describeEachEngine('briefing: playlists and briefing links', (ctx) => {
  const { inject, admin, createPlaylist, createToken, withToken } = helpers(ctx);

  it('an admin saves a named playlist (slides in order, seconds, round pinned or not) and reads it back', async () => {
    const s = await admin();
    const res = await inject({ method: 'POST', url: '/api/playlists', headers: s.headers, payload: playlist('Họp BCĐ tháng 12', { period: 'year-2025' }) });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect([...Value.Errors(PlaylistOut, body)]).toEqual([]);
    expect(body).toMatchObject({ name: 'Họp BCĐ tháng 12', slides: SLIDES, defaultSeconds: 20, period: 'year-2025', periodName: 'Năm 2025', updatedBy: 'admin' });
    const again = await inject({ method: 'GET', url: `/api/playlists/${body.id}`, headers: { cookie: s.cookie } });
    expect(again.json()).toEqual(body);

    // back to following the latest round, slides re-ordered
    const put = await inject({
      method: 'PUT',
      url: `/api/playlists/${body.id}`,
      headers: s.headers,
      payload: playlist('Họp BCĐ tháng 12', { slides: [SLIDES[2], SLIDES[0]], defaultSeconds: 15 }),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ slides: [SLIDES[2], SLIDES[0]], defaultSeconds: 15, period: null, periodName: null });
  });

  it('refuses a bad playlist in Vietnamese and stores nothing of it', async () => {
    const s = await admin();
    const post = (payload: unknown) => inject({ method: 'POST', url: '/api/playlists', headers: s.headers, payload: payload as object });
    const before = await ctx().database.query<{ n: number }>('select count(*)::int as n from playlists');

    const noIndicator = await post(playlist('Thiếu chỉ tiêu', { slides: [{ type: 'indicator' }] }));
    expect(noIndicator.statusCode).toBe(400);
    expect(noIndicator.json().message).toBe('Trang 1: hãy chọn chỉ tiêu để xếp hạng');

    const unknown = await post(playlist('Chỉ tiêu lạ', { slides: [{ type: 'overview' }, { type: 'indicator', indicator: 'khong_co' }] }));
    expect(unknown.json().message).toBe('Trang 2: không có chỉ tiêu "khong_co"');

    const period = await post(playlist('Kỳ lạ', { period: 'q9-2099' }));
    expect(period.statusCode).toBe(400);
    expect(period.json().message).toBe('Không có kỳ báo cáo "q9-2099"');

    const seconds = await post(playlist('Quá nhanh', { defaultSeconds: 1 }));
    expect(seconds.statusCode).toBe(400);
    expect(seconds.json().message).toMatch(/[àáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i);

    const badType = await post(playlist('Loại lạ', { slides: [{ type: 'video' }] }));
    expect(badType.statusCode).toBe(400);
    const empty = await post(playlist('Rỗng', { slides: [] }));
    expect(empty.statusCode).toBe(400);
    const blank = await post(playlist('   '));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('Tên danh sách trình chiếu không được để trống');

    const after = await ctx().database.query<{ n: number }>('select count(*)::int as n from playlists');
    expect(after[0].n).toBe(before[0].n);
  });

  it('one name, one playlist: a second one with the same name gets 409, and a failed edit changes nothing', async () => {
    const a = await createPlaylist('Trùng tên A');
    const b = await createPlaylist('Trùng tên B');
    const s = await admin();
    const dup = await inject({ method: 'POST', url: '/api/playlists', headers: s.headers, payload: playlist('Trùng tên A') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Đã có danh sách trình chiếu tên "Trùng tên A"');
    const rename = await inject({ method: 'PUT', url: `/api/playlists/${b.id}`, headers: s.headers, payload: playlist('Trùng tên A', { defaultSeconds: 40 }) });
    expect(rename.statusCode).toBe(409);
    const unchanged = await inject({ method: 'GET', url: `/api/playlists/${b.id}`, headers: { cookie: s.cookie } });
    expect(unchanged.json()).toMatchObject({ name: 'Trùng tên B', defaultSeconds: 20 });
    expect((await inject({ method: 'PUT', url: '/api/playlists/999999', headers: s.headers, payload: playlist('X') })).statusCode).toBe(404);
    expect(a.id).not.toBe(b.id);
  });

  it('only admins write, always with the CSRF token; signed-in users read; anonymous reads nothing', async () => {
    const p = await createPlaylist('Quyền');
    const leader = await login(ctx().app, 'lanhdao');
    const commune = await login(ctx().app, 'xa.xop');
    const s = await admin();
    const body = playlist('Quyền 2');
    expect((await inject({ method: 'POST', url: '/api/playlists', payload: body })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/playlists', headers: leader.headers, payload: body })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: '/api/playlists', headers: { cookie: s.cookie }, payload: body })).statusCode).toBe(403);
    expect((await inject({ method: 'DELETE', url: `/api/playlists/${p.id}`, headers: commune.headers })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: '/api/briefing-tokens', headers: leader.headers, payload: { playlistId: p.id } })).statusCode).toBe(403);
    expect((await inject({ method: 'GET', url: '/api/briefing-tokens', headers: { cookie: leader.cookie } })).statusCode).toBe(403);

    expect((await inject({ method: 'GET', url: '/api/playlists' })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: `/api/playlists/${p.id}` })).statusCode).toBe(401);
    const list = await inject({ method: 'GET', url: '/api/playlists', headers: { cookie: leader.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().playlists.map((x: { name: string }) => x.name)).toContain('Quyền');
  });

  it('the link\'s address is the configured PUBLIC_URL, never the Host a request claims', async () => {
    const p = await createPlaylist('Máy chủ giả');
    const s = await admin();
    const res = await inject({ method: 'POST', url: '/api/briefing-tokens', headers: { ...s.headers, host: 'mao-danh.example' }, payload: { playlistId: p.id } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { url: string; path: string };
    expect(created.url).toBe(`${testConfig().publicUrl}${created.path}`);
    expect(created.url).not.toContain('mao-danh.example');
  });

  it('a briefing link: the token is shown once, stored only as its SHA-256, and listed without it', async () => {
    const p = await createPlaylist('Liên kết');
    const created = await createToken(p.id);
    expect([...Value.Errors(BriefingTokenCreated, created)]).toEqual([]);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/trinh-chieu?token=${created.token}&playlist=${p.id}`);
    expect(created.url).toMatch(new RegExp(`^https?://[^/]+/trinh-chieu\\?token=${created.token}&playlist=${p.id}$`));

    const rows = await ctx().database.query<{ token_hash: string }>('select token_hash from briefing_tokens where id = $1', [created.id]);
    expect(rows[0].token_hash).toBe(sha256(created.token));
    const dump = JSON.stringify(await ctx().database.query('select * from briefing_tokens'));
    expect(dump).not.toContain(created.token);

    const s = await admin();
    const list = await inject({ method: 'GET', url: '/api/briefing-tokens', headers: { cookie: s.cookie } });
    expect([...Value.Errors(BriefingTokenList, list.json())]).toEqual([]);
    expect(list.body).not.toContain(created.token);
    expect(list.json().tokens.find((t: { id: number }) => t.id === created.id)).toMatchObject({
      playlistId: p.id,
      playlistName: 'Liên kết',
      label: 'Phòng họp tầng 3',
      createdBy: 'admin',
      revokedAt: null,
    });
    // who opened a door to the figures is in the audit log
    const audit = await ctx().database.query<{ actor: string; comment: string }>(`select actor, comment from audit_log where comment like 'Tạo đường dẫn trình chiếu #%'`);
    expect(audit.some((a) => a.actor === 'admin' && a.comment.includes(`#${created.id}`))).toBe(true);
  });

  it('the token opens its own playlist, not another one, and writes nothing', async () => {
    const mine = await createPlaylist('Của tôi');
    const other = await createPlaylist('Của người khác');
    const { token } = await createToken(mine.id);
    const own = await inject(withToken(token, { method: 'GET', url: `/api/playlists/${mine.id}` }));
    expect(own.statusCode).toBe(200);
    expect(own.json().name).toBe('Của tôi');
    const list = await inject(withToken(token, { method: 'GET', url: '/api/playlists' }));
    expect(list.json().playlists.map((x: { id: number }) => x.id)).toEqual([mine.id]);
    const foreign = await inject(withToken(token, { method: 'GET', url: `/api/playlists/${other.id}` }));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toBe('Đường dẫn trình chiếu này chỉ mở được danh sách trình chiếu của nó');

    for (const req of [
      { method: 'PUT', url: `/api/playlists/${mine.id}`, payload: playlist('Đổi tên') },
      { method: 'DELETE', url: `/api/playlists/${mine.id}` },
      { method: 'POST', url: '/api/playlists', payload: playlist('Mới') },
      { method: 'POST', url: '/api/briefing-tokens', payload: { playlistId: mine.id } },
      { method: 'GET', url: '/api/briefing-tokens' },
      { method: 'GET', url: '/api/users' },
      { method: 'POST', url: '/api/users', payload: { username: 'ke.gian', password: 'mot-mat-khau-dai', role: 'admin' } },
    ] as InjectOptions[]) {
      const res = await inject(withToken(token, req));
      expect([401, 403], `${req.method} ${req.url}: ${res.statusCode}`).toContain(res.statusCode);
    }
    const still = await inject(withToken(token, { method: 'GET', url: `/api/playlists/${mine.id}` }));
    expect(still.json().name).toBe('Của tôi');
  });

  it('a revoked link opens nothing any more; revoking is for admins; unknown links are 404', async () => {
    const p = await createPlaylist('Thu hồi');
    const { id, token } = await createToken(p.id);
    const s = await admin();
    const leader = await login(ctx().app, 'lanhdao');
    expect((await inject({ method: 'DELETE', url: `/api/briefing-tokens/${id}`, headers: leader.headers })).statusCode).toBe(403);
    expect((await inject(withToken(token, { method: 'DELETE', url: `/api/briefing-tokens/${id}` }))).statusCode).toBe(401);
    expect((await inject(withToken(token, { method: 'GET', url: `/api/playlists/${p.id}` }))).statusCode).toBe(200);

    const revoke = await inject({ method: 'DELETE', url: `/api/briefing-tokens/${id}`, headers: s.headers });
    expect(revoke.statusCode).toBe(204);
    expect((await inject(withToken(token, { method: 'GET', url: `/api/playlists/${p.id}` }))).statusCode).toBe(401);
    const listed = (await inject({ method: 'GET', url: '/api/briefing-tokens', headers: { cookie: s.cookie } })).json();
    const row = listed.tokens.find((t: { id: number }) => t.id === id);
    expect(row.revokedAt).not.toBeNull();
    // twice is fine and keeps the first time
    expect((await inject({ method: 'DELETE', url: `/api/briefing-tokens/${id}`, headers: s.headers })).statusCode).toBe(204);
    const again = (await inject({ method: 'GET', url: '/api/briefing-tokens', headers: { cookie: s.cookie } })).json();
    expect(again.tokens.find((t: { id: number }) => t.id === id).revokedAt).toBe(row.revokedAt);
    const missing = await inject({ method: 'DELETE', url: '/api/briefing-tokens/999999', headers: s.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Không có đường dẫn trình chiếu #999999');
  });

  it('deleting a playlist ends its links; a link for a missing playlist cannot be made', async () => {
    const p = await createPlaylist('Sẽ xóa');
    const { token } = await createToken(p.id);
    const s = await admin();
    expect((await inject({ method: 'DELETE', url: `/api/playlists/${p.id}`, headers: s.headers })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: `/api/playlists/${p.id}`, headers: { cookie: s.cookie } })).statusCode).toBe(404);
    expect((await inject(withToken(token, { method: 'GET', url: '/api/playlists' }))).statusCode).toBe(401);
    const rows = await ctx().database.query('select 1 from briefing_tokens where playlist_id = $1', [p.id]);
    expect(rows).toEqual([]);
    const orphan = await inject({ method: 'POST', url: '/api/briefing-tokens', headers: s.headers, payload: { playlistId: p.id } });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().message).toBe(`Không có danh sách trình chiếu #${p.id}`);
    expect((await inject({ method: 'DELETE', url: `/api/playlists/${p.id}`, headers: s.headers })).statusCode).toBe(404);
  });

  it('a made-up or malformed token is no token at all', async () => {
    const p = await createPlaylist('Mã giả');
    for (const token of ['x', 'a'.repeat(43), "'; drop table playlists; --"]) {
      expect((await inject(withToken(token, { method: 'GET', url: `/api/playlists/${p.id}` }))).statusCode).toBe(401);
    }
  });
});

describeEachEngine(
  'briefing: a token when reading needs a sign-in (READ_REQUIRES_LOGIN=true)',
  (ctx) => {
    const { inject, createPlaylist, createToken, withToken } = helpers(ctx);

    it('opens exactly the reads the big screen needs', async () => {
      const p = await createPlaylist('Phòng họp');
      const { token } = await createToken(p.id);
      const reads = [
        '/api/periods',
        '/api/indicators',
        '/api/communes',
        '/api/rankings?indicator=online_filing_rate',
        '/api/rankings?indicator=budget_requested_vnd&period=year-2025',
        '/api/rankings/composite',
        '/api/overview',
        `/api/playlists/${p.id}`,
        '/api/playlists',
      ];
      for (const url of reads) {
        expect((await inject({ method: 'GET', url })).statusCode, `${url} anonymous`).toBe(401);
        const res = await inject(withToken(token, { method: 'GET', url }));
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      }
    });

    it('and refuses everything else with 401 or 403', async () => {
      const mine = await createPlaylist('Chỉ của tôi');
      const other = await createPlaylist('Không phải của tôi');
      const { token } = await createToken(mine.id);
      const refused: InjectOptions[] = [
        { method: 'GET', url: `/api/playlists/${other.id}` },
        { method: 'GET', url: '/api/communes/21211' },
        { method: 'GET', url: '/api/communes/21211/standing' },
        { method: 'GET', url: '/api/values' },
        { method: 'GET', url: '/api/users' },
        { method: 'GET', url: '/api/audit' },
        { method: 'GET', url: '/api/periods/q3-2026/submissions' },
        { method: 'GET', url: '/api/periods/q3-2026/submissions/21211' },
        { method: 'PUT', url: '/api/periods/q3-2026/submissions/21211', payload: { version: 0, values: {} } },
        { method: 'GET', url: '/api/briefing-tokens' },
        { method: 'POST', url: '/api/briefing-tokens', payload: { playlistId: mine.id } },
        { method: 'PUT', url: `/api/playlists/${mine.id}`, payload: playlist('Đổi') },
        { method: 'DELETE', url: `/api/playlists/${mine.id}` },
        { method: 'POST', url: '/api/playlists', payload: playlist('Mới') },
        { method: 'POST', url: '/api/users', payload: { username: 'ke.gian', password: 'mot-mat-khau-dai', role: 'admin' } },
        { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'mot-mat-khau-dai' } },
        { method: 'POST', url: '/api/auth/logout' },
      ];
      for (const req of refused) {
        const res = await inject(withToken(token, req));
        expect([401, 403], `${req.method} ${req.url}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
      const me = await inject(withToken(token, { method: 'GET', url: '/api/auth/me' }));
      expect(me.json().user).toBeNull();
      const users = await ctx().database.query(`select 1 from users where username = 'ke.gian'`);
      expect(users).toEqual([]);
    });

    it('a revoked token falls back to needing a sign-in', async () => {
      const p = await createPlaylist('Hết hạn');
      const { id, token } = await createToken(p.id);
      expect((await inject(withToken(token, { method: 'GET', url: '/api/overview' }))).statusCode).toBe(200);
      const s = await login(ctx().app, 'admin');
      expect((await inject({ method: 'DELETE', url: `/api/briefing-tokens/${id}`, headers: s.headers })).statusCode).toBe(204);
      const after = await inject(withToken(token, { method: 'GET', url: '/api/overview' }));
      expect(after.statusCode).toBe(401);
      expect(after.json().message).toBe('Cần đăng nhập để xem số liệu');
    });
  },
  { env: { READ_REQUIRES_LOGIN: 'true' } },
);
