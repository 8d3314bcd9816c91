// Issue 16, operations: /docs/json as a client generator reads it. Paths as the README names them
// (and both spellings still answer), an operationId per route, the session cookie, x-csrf-token
// and x-briefing-token as security schemes on the routes that need them, and 304 on the cached
// GETs. The document is checked against what the server does, route by route, so it cannot drift.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { OPERATION_IDS } from '../src/openapi';
import { login, openTestDatabase, testConfig, type Session } from './helpers';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { type: string; in: string; name: string }> } };

/**
 * The live stream (GET /api/events) never ends by itself: it is injected as a stream, read to its
 * status and headers, and let go.
 */
const isStream = (op: Operation) => 'text/event-stream' in (((op.responses['200'] as { content?: object } | undefined)?.content ?? {}) as object);
async function call(app: FastifyInstance, op: Operation, opts: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }) {
  if (!isStream(op)) return app.inject(opts as never);
  const res = await app.inject({ ...opts, payloadAsStream: true } as never);
  res.stream().destroy();
  return res;
}

/** An address a test can call for each path parameter. */
const SAMPLE: Record<string, string> = { period: 'm10-2026', commune: '21211', code: '21211', id: '1', username: 'xa.tinhkhe' };
const urlOf = (path: string) => path.replace(/\{([^}]+)\}/g, (_, p: string) => SAMPLE[p]);

/** The query a cached read needs to answer 200. */
const CACHED: Record<string, string> = {
  getRankings: '/api/rankings?indicator=online_filing_rate',
  getCompositeRankings: '/api/rankings/composite?period=q3-2026',
  getOverview: '/api/overview?period=q3-2026',
  getValues: '/api/values?period=q3-2026',
  listCommunes: '/api/communes',
  getCommune: '/api/communes/21211',
  getCommuneStanding: '/api/communes/21211/standing?period=q3-2026',
  getCatalogue: '/api/indicators',
  listPeriods: '/api/periods',
  listReleases: '/api/periods/m10-2026/releases',
};

describe('the OpenAPI document (/docs/json)', () => {
  let app: FastifyInstance;
  let doc: Doc;
  let admin: Session;
  let drop: () => Promise<void>;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

  beforeAll(async () => {
    const t = await openTestDatabase('pglite');
    drop = t.drop;
    app = await buildApp({ config: testConfig(), database: t.database, logger: false, webDist: null });
    doc = (await app.inject('/docs/json')).json();
    admin = await login(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('names paths as the README does, never with a trailing slash; both spellings answer the same', async () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => p.endsWith('/'))).toEqual([]);
    for (const p of ['/api/health', '/api/communes', '/api/communes/{code}', '/api/communes/{code}/standing', '/api/indicators', '/api/periods', '/api/rankings', '/api/rankings/composite', '/api/overview', '/api/values', '/api/audit', '/api/playlists', '/api/briefing-tokens', '/api/users']) {
      expect(paths).toContain(p);
    }
    for (const url of ['/api/rankings?indicator=online_filing_rate', '/api/communes', '/api/periods']) {
      const [plain, slash] = await Promise.all([app.inject(url), app.inject(url.replace(/(\?|$)/, '/$1'))]);
      expect(slash.statusCode, url).toBe(200);
      expect(slash.body).toBe(plain.body);
    }
  });

  it('gives every operation a stable camelCase English operationId, each named once', () => {
    const ids = operations().map(({ path, method, op }) => [`${method} ${path}`, op.operationId] as const);
    for (const [route, id] of ids) {
      expect(id, route).toMatch(/^[a-z][A-Za-z0-9]*$/);
      // named in openapi.ts, not made up from the path
      expect(OPERATION_IDS[route], `${route} has no name in OPERATION_IDS`).toBe(id);
    }
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
    expect(doc.paths['/api/rankings'].get.operationId).toBe('getRankings');
  });

  it('declares the session cookie, x-csrf-token and x-briefing-token, and the security it states is what the server enforces', async () => {
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'nq57_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      briefingToken: { type: 'apiKey', in: 'header', name: 'x-briefing-token' },
    });
    const checked = { anonymous: 0, csrf: 0, open: 0 };
    for (const { path, method, op } of operations()) {
      const security = op.security ?? [];
      const url = urlOf(path);
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const optional = security.length === 0 || security.some((r) => Object.keys(r).length === 0);
      const anonymous = await call(app, op, { method, url, payload });
      if (optional) {
        expect(anonymous.statusCode, `${method} ${path} says it is open`).not.toBe(401);
        checked.open++;
      } else {
        expect(anonymous.statusCode, `${method} ${path} says it needs a sign-in`).toBe(401);
        checked.anonymous++;
      }
      if (security.some((r) => 'csrfToken' in r)) {
        const noToken = await app.inject({ method: method as 'POST', url, payload, headers: { cookie: admin.cookie } });
        expect(noToken.statusCode, `${method} ${path} says it needs x-csrf-token`).toBe(403);
        expect(noToken.json().code).toBe('CSRF');
        checked.csrf++;
      }
    }
    expect(checked.anonymous).toBeGreaterThan(20);
    expect(checked.csrf).toBeGreaterThan(15);
    expect(checked.open).toBeGreaterThan(10);
    // the examples a reader looks for first
    expect(doc.paths['/api/users'].post.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    expect(doc.paths['/api/playlists/{id}'].get.security).toEqual([{ sessionCookie: [] }, { briefingToken: [] }]);
    expect(doc.paths['/api/rankings'].get.security).toEqual([{}, { sessionCookie: [] }, { briefingToken: [] }]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
  });

  it('documents 304 on exactly the GETs that answer If-None-Match with it', async () => {
    const gets = operations().filter((o) => o.method === 'GET');
    const with304 = gets.filter((o) => '304' in o.op.responses).map((o) => o.op.operationId!);
    expect(with304.sort()).toEqual(Object.keys(CACHED).sort());
    for (const [id, url] of Object.entries(CACHED)) {
      const first = await app.inject(url);
      expect(first.statusCode, id).toBe(200);
      const again = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
      expect(again.statusCode, id).toBe(304);
      expect(again.body).toBe('');
    }
    // and the others carry no ETag to send back
    for (const { path, op } of gets.filter((o) => !('304' in o.op.responses))) {
      const r = await call(app, op, { method: 'GET', url: urlOf(path), headers: admin.headers });
      expect(r.headers.etag, `${op.operationId} answers an ETag but does not document 304`).toBeUndefined();
    }
  });

  it("describes the composite by decision 009's rule, not 004's re-normalisation over what a commune reported", () => {
    const text = (doc.paths['/api/rankings/composite'].get as Operation & { description?: string }).description ?? '';
    expect(text).not.toContain('tính trên các chỉ tiêu xã có số liệu');
    for (const s of ['tính 0 điểm', 'kỳ này thu', 'không thu kỳ này', 'dưới một nửa tổng trọng số', 'chưa xếp hạng', 'quyết định 009']) expect(text, s).toContain(s);
  });
});
