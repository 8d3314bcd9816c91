// Issue 16, "hold under attack, faults and bad input": each finding of the security test, reproduced
// as it was found, and refused as a user should see it. On PGlite and PostgreSQL.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../src/app';
import { loggableError, redactUrl, requestLog, requestSerializer } from '../src/hardening';
import { describeEachEngine, engines, login, openTestDatabase, testConfig } from './helpers';
import { fingerprint } from './workflow-helpers';

describeEachEngine('hardening', (ctx) => {
  const inject = (o: InjectOptions) => ctx().app.inject(o);

  it('a NUL character is a 400 in Vietnamese on every route it reached, never a 500, and writes nothing', async () => {
    const before = await fingerprint(ctx().database);
    for (const url of ['/api/periods/%00/rankings.csv', '/api/periods/%00/values.csv', '/api/periods/%00/report.docx', '/api/periods/%00/round', '/api/rankings?indicator=on_time_rate&period=q3%002026']) {
      const r = await inject({ url });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().message, url).toContain('ký tự điều khiển');
    }
    const nul = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xa.tinhkhe\u0000', password: 'mot-mat-khau' } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().message).toBe('Trường "username" chứa ký tự điều khiển (ví dụ ký tự rỗng) không được chấp nhận');
    const admin = await login(ctx().app, 'admin');
    const user = await inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'moi.nguoi', password: 'mat-khau-du-dai', role: 'leader', displayName: 'Tên\u0000ẩn' } });
    expect(user.statusCode).toBe(400);
    // a comment written at length may hold line breaks
    expect(await fingerprint(ctx().database)).toEqual(before);
  });

  it('the log never gets a failed query’s parameters (a password hash) nor a briefing token', () => {
    const drizzle = Object.assign(new Error('Failed query: insert into "users" ("password_hash") values ($1)\nparams: $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'), {
      name: 'DrizzleQueryError',
      cause: { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
    });
    const logged = JSON.stringify(loggableError(drizzle));
    expect(logged).not.toContain('argon2id');
    expect(logged).not.toContain('password_hash');
    expect(logged).toContain('22021');
    expect(redactUrl('/trinh-chieu?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd&playlist=2')).toBe('/trinh-chieu?token=[ẩn]&playlist=2');
    expect(requestSerializer({ method: 'GET', url: '/api/playlists/2?token=secret-secret-secret-1', ip: '10.0.0.1' }).url).not.toContain('secret');
  });

  it('text that a spreadsheet would run as a formula leaves as text, in every CSV', async () => {
    const admin = await login(ctx().app, 'admin');
    const rename = await inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: '=HYPERLINK("http://evil.example","Bấm vào")' } });
    expect(rename.statusCode, rename.body).toBe(200);
    const csv = (await inject({ url: '/api/periods/q3-2026/rankings.csv?indicator=on_time_rate' })).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Bấm vào"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    await inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026' } });
    const officer = await inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'cong.thuc', password: 'mat-khau-du-dai', role: 'commune', communeCode: '21211', displayName: '@SUM(1+1)' } });
    expect(officer.statusCode, officer.body).toBe(201);
    const progress = (await inject({ url: '/api/periods/m10-2026/completeness?format=csv', headers: { cookie: admin.cookie } })).body;
    const line = progress.split('\r\n').find((l) => l.startsWith('21211,'))!;
    expect(line).toContain("'@SUM(1+1) (cong.thuc)");
  });

  it('security headers: a policy for scripts, no framing, no sniffing, no referrer (briefing addresses carry a token)', async () => {
    for (const url of ['/api/health', '/api/rankings?indicator=on_time_rate']) {
      const r = await inject({ url });
      expect(r.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(r.headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
    }
    // Swagger UI keeps working under its own policy
    const docs = await inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBeTruthy();
  });

  it('refusals before a route say why in Vietnamese: too large, too short, a broken address', async () => {
    const big = await inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toContain('quá lớn (tối đa 1.024 KB)');
    const admin = await login(ctx().app, 'admin');
    const short = await inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'ngan.qua', password: '12345', role: 'leader' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('Trường "password" phải có ít nhất 10 ký tự');
    const bad = await inject({ url: '/api/communes/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Đường dẫn không hợp lệ');
    const notJson = await inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().message).toBe('Nội dung gửi lên không phải JSON hợp lệ');
  });

  it('ten downloads of rankings.xlsx at once get one file, and a change of the figures a new one', async () => {
    const bodies = await Promise.all(Array.from({ length: 10 }, () => inject({ url: '/api/periods/q3-2026/rankings.xlsx' })));
    expect(bodies.every((b) => b.statusCode === 200)).toBe(true);
    expect(new Set(bodies.map((b) => b.rawPayload.toString('base64'))).size).toBe(1);
    const admin = await login(ctx().app, 'admin');
    await inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026 (sửa)' } });
    const after = await inject({ url: '/api/periods/q3-2026/rankings.xlsx' });
    expect(after.rawPayload.equals(bodies[0].rawPayload)).toBe(false);
    expect(after.headers['content-disposition']).toContain('Qu%C3%BD%20III-2026%20(s%E1%BB%ADa)');
    await inject({ method: 'PATCH', url: '/api/periods/q3-2026', headers: admin.headers, payload: { name: 'Quý III/2026' } });
  });
});

describe('the request log at its default level (issue 13: serve as shipped)', () => {
  it('has every write, refusal, error and slow read; a routine read only at debug', () => {
    const lines: string[] = [];
    const log = { info: (_o: unknown, m: string) => lines.push(`info ${m}`), debug: (_o: unknown, m: string) => lines.push(`debug ${m}`) };
    const at = (method: string, statusCode: number, elapsedTime: number) => {
      lines.length = 0;
      const req = { method, log } as never;
      const reply = { statusCode, elapsedTime } as never;
      requestLog.onRequest(req, reply, () => {});
      requestLog.onResponse(req, reply, () => {});
      return [...lines];
    };
    expect(at('GET', 200, 3)).toEqual(['debug incoming request', 'debug request completed']);
    expect(at('GET', 304, 1)).toEqual(['debug incoming request', 'debug request completed']);
    expect(at('GET', 404, 2)).toEqual(['debug incoming request', 'info request completed']);
    expect(at('GET', 200, 1500)).toEqual(['debug incoming request', 'info request completed']);
    expect(at('POST', 200, 5)).toEqual(['info incoming request', 'info request completed']);
    expect(at('PUT', 500, 5)).toEqual(['info incoming request', 'info request completed']);
  });
});

// The audit of issue 16: the reminders' worker and server.ts logged an error as it came, and
// pino's own serializer writes a failed query's parameters (drizzle's "params: …" line). The
// logger's `err` serializer is loggableError: every error logged through it is cleaned.
describe('an error logged by any part of the app', () => {
  for (const engine of engines) {
    it(`never writes a failed query's parameters to the log [${engine}]`, async () => {
      const t = await openTestDatabase(engine);
      let app: FastifyInstance | null = null;
      try {
        app = await buildApp({ config: testConfig({ LOG_LEVEL: 'error' }), database: t.database, webDist: null });
        // the lines as pino writes them to its destination (standard output in the app)
        const lines: string[] = [];
        const stream = (app.log as unknown as Record<symbol, { write(s: string): void }>)[pino.symbols.streamSym];
        stream.write = (line: string) => void lines.push(line);
        const secret = '$argon2id$v=19$m=19456,t=2,p=1$bXVvaQ$bWF0LWtoYXU';
        const failed = await t.database.db.execute(sql`select ${`${secret}\u0000`}::text as x`).then(
          () => null,
          (e: unknown) => e,
        );
        expect(failed).toBeInstanceOf(Error);
        expect(String((failed as Error).message)).toContain('argon2id'); // what pino used to write
        app.log.error({ err: failed }, 'as a route logs it');
        app.log.error(failed, 'as the reminders worker and server.ts log it');
        expect(lines).toHaveLength(2);
        for (const line of lines) {
          expect(line).not.toContain('argon2id');
          expect(line).not.toContain('bXVvaQ');
          expect(JSON.parse(line).err).toMatchObject({ type: expect.any(String), message: expect.stringContaining('Failed query') });
        }
      } finally {
        await app?.close();
        await t.drop();
      }
    });
  }
});

describe('behind a TLS proxy (TRUST_PROXY)', () => {
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => drop?.());

  it('the session cookie is Secure when the proxy says https, and sign-in limits count the real client', async () => {
    const t = await openTestDatabase('pglite');
    drop = t.drop;
    const app = await buildApp({ config: testConfig({ TRUST_PROXY: '1' }), database: t.database, logger: false, webDist: null });
    const viaProxy = (ip: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' }, payload: { username: 'xa.xop', password } });
    const ok = await viaProxy('203.0.113.50', 'mat-khau-thu-nghiem-2026');
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.66', `sai-${i}-mat-khau`)).statusCode).toBe(401);
    // the proxy's own address is everyone's: only the attacker behind it is refused
    expect((await viaProxy('203.0.113.66', 'mat-khau-thu-nghiem-2026')).statusCode).toBe(429);
    expect((await viaProxy('203.0.113.51', 'mat-khau-thu-nghiem-2026')).statusCode).toBe(200);
    await app.close();
  });
});

describe('the web build', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nq57-dist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the app, never the build’s bookkeeping (/.vite/manifest.json)', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>NQ57</title>');
    mkdirSync(path.join(dir, '.vite'));
    writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{"src/main.tsx":{}}');
    const t = await openTestDatabase('pglite');
    const app = await buildApp({ config: testConfig(), database: t.database, logger: false, webDist: dir });
    expect((await app.inject('/')).statusCode).toBe(200);
    const manifest = await app.inject('/.vite/manifest.json');
    expect(manifest.statusCode).toBe(404);
    expect(manifest.body).not.toContain('main.tsx');
    await app.close();
    await t.drop();
  });
});
