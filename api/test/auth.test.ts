import { expect, it } from 'vitest';
import { describeEachEngine, login, TEST_PASSWORD } from './helpers';

describeEachEngine('accounts and sessions', (ctx) => {
  const inject = (opts: import('fastify').InjectOptions | string) => ctx().app.inject(opts);

  it('signs in with the right password, sets an httpOnly SameSite cookie and answers who is signed in', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'nq57_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', communeCode: null });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const me = await inject({ url: '/api/auth/me', headers: { cookie: `nq57_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ user: { username: 'admin' }, csrfToken: body.csrfToken, readRequiresLogin: false });
    const anon = await inject({ url: '/api/auth/me' });
    expect(anon.json()).toMatchObject({ user: null, csrfToken: null });
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const rows = await ctx().database.query<{ password_hash: string }>(`select password_hash from users where username = 'admin'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(TEST_PASSWORD);
  });

  it('refuses a wrong password with 401 in Vietnamese, and an unknown user with the same message', async () => {
    const wrong = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lanhdao', password: 'sai-mat-khau-1' } });
    const unknown = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong-co', password: 'sai-mat-khau-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json().message).toContain('mật khẩu không đúng');
    expect(wrong.cookies).toEqual([]);
  });

  it('five wrong passwords block only the client that made them: nobody can lock an officer out from elsewhere (issue 16)', async () => {
    const attacker = '198.51.100.9';
    for (let i = 0; i < 5; i++) {
      const r = await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: attacker, payload: { username: 'xa.morai', password: `sai-${i}-mat-khau` } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: attacker, payload: { username: 'xa.morai', password: TEST_PASSWORD } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.json().message).toContain('thử lại sau 15 phút');
    // the officer, at the commune's own computer, still signs in
    const officer = await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.20', payload: { username: 'xa.morai', password: TEST_PASSWORD } });
    expect(officer.statusCode).toBe(200);
    // and that sign-in clears the officer's own client only: the attacker stays blocked (was 401 again)
    const still = await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: attacker, payload: { username: 'xa.morai', password: 'sai-nua-mat-khau' } });
    expect(still.statusCode).toBe(429);
    // another account from the blocked address is not blocked by it
    expect((await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: attacker, payload: { username: 'xa.xop', password: TEST_PASSWORD } })).statusCode).toBe(200);
    // an admin's password reset clears the count
    const admin = await login(ctx().app, 'admin');
    const reset = await inject({ method: 'PATCH', url: '/api/users/xa.morai', headers: admin.headers, payload: { password: 'mat-khau-moi-cua-xa' } });
    expect(reset.statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: attacker, payload: { username: 'xa.morai', password: 'mat-khau-moi-cua-xa' } })).statusCode).toBe(200);
  });

  it("a right password clears that client's own failures: four more tries before the block, not one", async () => {
    const ip = '198.51.100.44';
    const attempt = (password: string) => inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username: 'xa.xop', password } });
    for (let i = 0; i < 4; i++) expect((await attempt(`sai-${i}-mat-khau`)).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(`sai-lai-${i}-mat-khau`)).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('many failures from one address slow it down but never refuse a right password (behind a proxy, that address is everyone)', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 31; i++) {
      await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username: `khong-co-${i}`, password: 'x' } });
    }
    const r = await inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username: 'admin', password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(200);
    const { loginDelayMs } = await import('../src/services/accounts');
    expect(loginDelayMs({ byUser: 0, byIp: 29 })).toBe(0);
    expect(loginDelayMs({ byUser: 0, byIp: 31 })).toBeGreaterThan(0);
    expect(loginDelayMs({ byUser: 500, byIp: 0 })).toBe(3000);
  });

  it('needs the CSRF token on every write: 401 anonymous, 403 without or with a wrong token', async () => {
    const s = await login(ctx().app, 'admin');
    const payload = { username: 'csrf.test', password: 'mot-mat-khau-dai', role: 'leader' };
    expect((await inject({ method: 'POST', url: '/api/users', payload })).statusCode).toBe(401);
    const noToken = await inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().message).toContain('chống giả mạo');
    const badToken = await inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: s.cookie, 'x-csrf-token': 'abc' } });
    expect(badToken.statusCode).toBe(403);
    const users = await ctx().database.query(`select 1 from users where username = 'csrf.test'`);
    expect(users).toEqual([]);
  });

  it('lets the admin create a commune officer, who can then sign in bound to that commune', async () => {
    const s = await login(ctx().app, 'admin');
    const res = await inject({
      method: 'POST',
      url: '/api/users',
      headers: s.headers,
      payload: { username: 'canbo.tinhan', password: 'mat-khau-tinh-an', role: 'commune', communeCode: '21244', displayName: 'Nguyễn Văn A' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'canbo.tinhan', role: 'commune', communeCode: '21244', disabled: false });
    const officer = await login(ctx().app, 'canbo.tinhan', 'mat-khau-tinh-an');
    const me = await inject({ url: '/api/auth/me', headers: { cookie: officer.cookie } });
    expect(me.json().user.communeCode).toBe('21244');
  });

  it('refuses invalid accounts with 400 and the field named in Vietnamese, and a taken name with 409', async () => {
    const s = await login(ctx().app, 'admin');
    const noCommune = await inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'canbo.x', password: 'mat-khau-dai-du', role: 'commune' } });
    expect(noCommune.statusCode).toBe(400);
    expect(noCommune.json().message).toContain('phải gắn với một xã');
    const short = await inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'canbo.y', password: 'ngan', role: 'leader' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/password/);
    const unknownCommune = await inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'canbo.z', password: 'mat-khau-dai-du', role: 'commune', communeCode: '99999' } });
    expect(unknownCommune.statusCode).toBe(400);
    const taken = await inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'lanhdao', password: 'mat-khau-dai-du', role: 'leader' } });
    expect(taken.statusCode).toBe(409);
    const n = await ctx().database.query(`select 1 from users where username in ('canbo.x', 'canbo.y', 'canbo.z')`);
    expect(n).toEqual([]);
  });

  it('keeps users administration to the admin: leaders and officers get 403', async () => {
    for (const who of ['lanhdao', 'xa.tinhkhe']) {
      const s = await login(ctx().app, who);
      const res = await inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'x.y.z', password: 'mat-khau-dai-du', role: 'leader' } });
      expect(res.statusCode).toBe(403);
      expect((await inject({ method: 'PATCH', url: '/api/users/admin', headers: s.headers, payload: { disabled: true } })).statusCode).toBe(403);
      expect((await inject({ url: '/api/users', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    }
  });

  it('disabling an account ends its sessions and blocks sign-in; a reset password works', async () => {
    const admin = await login(ctx().app, 'admin');
    const officer = await login(ctx().app, 'xa.khanhcuong');
    const off = await inject({ method: 'PATCH', url: '/api/users/xa.khanhcuong', headers: admin.headers, payload: { disabled: true } });
    expect(off.json().disabled).toBe(true);
    expect((await inject({ url: '/api/auth/me', headers: { cookie: officer.cookie } })).json().user).toBeNull();
    expect((await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xa.khanhcuong', password: TEST_PASSWORD } })).statusCode).toBe(401);
    await inject({ method: 'PATCH', url: '/api/users/xa.khanhcuong', headers: admin.headers, payload: { disabled: false, password: 'mat-khau-moi-cap' } });
    await login(ctx().app, 'xa.khanhcuong', 'mat-khau-moi-cap');
  });

  it('the admin cannot lock itself out', async () => {
    const admin = await login(ctx().app, 'admin');
    const res = await inject({ method: 'PATCH', url: '/api/users/admin', headers: admin.headers, payload: { disabled: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('chính mình');
  });

  it('changes one’s own password: the old one stops working, the session stays', async () => {
    const s = await login(ctx().app, 'xa.mocay');
    const bad = await inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { currentPassword: 'khong-dung-dau', newPassword: 'mat-khau-rat-moi' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Mật khẩu hiện tại không đúng');
    const ok = await inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-rat-moi' } });
    expect(ok.statusCode).toBe(204);
    expect((await inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).json().user.username).toBe('xa.mocay');
    expect((await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xa.mocay', password: TEST_PASSWORD } })).statusCode).toBe(401);
    await login(ctx().app, 'xa.mocay', 'mat-khau-rat-moi');
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const s = await login(ctx().app, 'lanhdao');
    expect((await inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(204);
    expect((await inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).json().user).toBeNull();
  });
});

describeEachEngine(
  'reading when the installation requires a sign-in',
  (ctx) => {
    it('answers 401 to anonymous reads, and the figures once signed in', async () => {
      const anon = await ctx().app.inject('/api/rankings?indicator=online_filing_rate');
      expect(anon.statusCode).toBe(401);
      expect(anon.json().message).toBe('Cần đăng nhập để xem số liệu');
      expect((await ctx().app.inject('/api/health')).statusCode).toBe(200);
      expect((await ctx().app.inject('/api/auth/me')).json().readRequiresLogin).toBe(true);
      const s = await login(ctx().app, 'lanhdao');
      expect((await ctx().app.inject({ url: '/api/rankings?indicator=online_filing_rate', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    });
  },
  { env: { READ_REQUIRES_LOGIN: 'true' } },
);
