// Builds the whole application. Only server.ts listens; tests call buildApp and use inject.
import { existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import pino from 'pino';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { ApiError } from './errors';
import { createCatalogueRepository } from './repositories/catalogue';
import { createValuesRepository } from './repositories/values';
import { createReportingRepository } from './repositories/reporting';
import { createRoundRanksRepository } from './repositories/round-ranks';
import { isDemo, seedDatabase } from './seed';
import { createDataVersion, type DataVersion } from './services/data-version';
import { createRankingService, type RankingService } from './services/rankings';
import { createReleaseService, type ReleaseService } from './services/releases';
import { createReleasesRepository } from './repositories/releases';
import { createSubmissionService, type SubmissionService } from './services/submissions';
import { createRoundService, type RoundService } from './services/rounds';
import { createAccountService, type AccountService } from './services/accounts';
import { createRoundsRepository } from './repositories/rounds';
import { createReminderService, type ReminderOptions, type ReminderService } from './services/reminders';
import { createResponseCache, type ResponseCache } from './services/response-cache';
import { createLiveService, type LiveOptions, type LiveService } from './services/live';
import { validationMessage } from './validation-messages';
import { BODY_LIMIT, databaseUnavailable, frameworkRefusal, loggableError, redactUrl, refuseControlCharacters, requestLog, requestSerializer, securityHeaders } from './hardening';
import authPlugin, { SESSION_COOKIE } from './auth';
import { ensureAccounts } from './auth/bootstrap';
import health from './routes/health';
import authRoutes from './routes/auth';
import users from './routes/users';
import communes from './routes/communes';
import catalogue from './routes/catalogue';
import periods from './routes/periods';
import rankings from './routes/rankings';
import overview from './routes/overview';
import values from './routes/values';
import exportRoutes from './routes/exports';
import importRoutes from './routes/imports';
import submissionRoutes from './routes/submissions';
import reportRoutes from './routes/reports';
import audit from './routes/audit';
import playlists from './routes/playlists';
import briefingTokens from './routes/briefing-tokens';
import { createReaderPool, type SpreadsheetReader } from './services/import/reader-pool';
import { createImportService, type ImportService } from './services/import';
import { createContactService, type ContactService } from './services/contacts';
import { createReportService, type ReportService } from './services/reports';
import { createPlaylistService, type PlaylistService } from './services/playlists';
import contactRoutes from './routes/contacts';
import reminderRoutes from './routes/reminders';
import releaseRoutes from './routes/releases';
import events from './routes/events';
import { createBriefingRepository } from './repositories/briefing';
import { sha256 } from './auth/passwords';
import { openapiTransform, securitySchemes } from './openapi';

declare module 'fastify' {
  interface FastifyInstance {
    /** the app's clock: "today" for lateness, reminders and the reminder letter (BuildOptions.now) */
    now: () => Date;
    database: Database;
    dataVersion: DataVersion;
    rankings: RankingService;
    /** published rankings (decision 019): what every public read answers from by default */
    releases: ReleaseService;
    /** the write side of the figures (one instance, as the ranking service) */
    submissions: SubmissionService;
    /** opening, changing and closing reporting rounds */
    rounds: RoundService;
    /** signing in and out, one's password, the admin's accounts */
    accounts: AccountService;
    responses: ResponseCache;
    /** reminders by e-mail: "Nhắc ngay", the return's e-mail, the outbox worker (issue 14) */
    reminders: ReminderService;
    /** spreadsheets read in worker threads under limits: the figures' and the contacts' imports share them */
    spreadsheets: SpreadsheetReader;
    /** the open GET /api/events streams, told of every change of the figures (issue 13) */
    live: LiveService;
    /** the figures' spreadsheet import (issue 6) */
    imports: ImportService;
    /** each commune's contacts and their spreadsheet import (issue 14) */
    contacts: ContactService;
    /** a commune's narrative report read into proposed figures, accepted through the form's save (issue 11) */
    reports: ReportService;
    /** a big-screen playlist checked before it is stored (issue 5) */
    playlists: PlaylistService;
  }
}

export interface BuildOptions {
  config: Config;
  /** an already open (migrated, seeded) database; otherwise one is opened from config */
  database?: Database;
  logger?: boolean;
  /** the response cache; off only for measuring cold queries */
  responseCache?: boolean;
  /** where the built web app is; null = do not serve it */
  webDist?: string | null;
  /**
   * The clock of "today": who is overdue (/tien-do, the reminder letter), the reminders' days.
   * Tests fix it so that no answer depends on the real date; the real clock otherwise.
   */
  now?: () => Date;
  /** the reminders' timings and instance name, and their own clock if not `now` (tests); defaults otherwise */
  reminders?: Partial<ReminderOptions>;
  /** the live stream's heartbeat, checks and limits (tests); defaults otherwise */
  live?: Partial<LiveOptions>;
}

/**
 * Standard output, written in blocks of 8 KB by sonic-boom rather than a write per line; what is
 * waiting goes out at least every half second (a quiet server's log is never late by more) and at
 * exit (pino flushes its destination then).
 */
function logStream() {
  const out = pino.destination({ dest: 1, sync: false, minLength: 8 * 1024 });
  setInterval(() => {
    try {
      out.flush();
    } catch {
      // a write is already under way: it takes what is waiting
    }
  }, 500).unref();
  return out;
}

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Neither a session cookie nor a briefing token: a request whose answer may be anyone's (decision 025). */
const unsigned = (headers: IncomingMessage['headers']) => !headers['x-briefing-token'] && !headers.cookie?.includes(`${SESSION_COOKIE}=`);

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  // set once the response cache exists; until then (and while closing) nothing is answered early
  let answerEarly: (req: IncomingMessage, res: ServerResponse) => boolean = () => false;
  const app = Fastify({
    // the server Fastify would make, with a cached anonymous read answered before the framework
    // (response-cache.ts answerEarly, decision 025); Fastify's own timeouts set as it sets them
    serverFactory: (handler, options) => {
      const server = http.createServer((req, res) => {
        if (!answerEarly(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = Number(options.keepAliveTimeout ?? 72_000);
      server.requestTimeout = Number(options.requestTimeout ?? 0);
      server.setTimeout(Number(options.connectionTimeout ?? 0));
      return server;
    },
    // the request line only (a briefing token in an address is hidden), never headers or bodies;
    // every error through loggableError, however it is logged (never a failed query's parameters);
    // written in the background, in blocks (logStream): a write per log line cost a fifth of the
    // requests per second as `npm start` runs (issue 13, bench throughput)
    logger: opts.logger === false ? false : { level: config.logLevel, serializers: { req: requestSerializer, err: loggableError }, stream: logStream() },
    bodyLimit: BODY_LIMIT,
    // a number of hops trusts that many proxies nearest the server (proxy-addr's rule)
    trustProxy: typeof config.trustProxy === 'number' ? (_addr: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    // ranking and search queries are short; anything long is a mistake or an attack
    routerOptions: { maxParamLength: 200 },
    // the request lines are hardening.ts's requestLog: writes, refusals, errors and slow reads
    logController: new LogController({ disableRequestLogging: true }),
    // a broken address (%E0%A4%A) is refused in Vietnamese, not in Fastify's English
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as FastifyReply;
      const r = frameworkRefusal(err as FastifyError);
      if (r) return reply.code(r.statusCode).send(r);
      req.log.error({ err: loggableError(err), url: redactUrl(req.url) }, 'lỗi khung');
      return reply.code(400).send({ statusCode: 400, code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ' });
    },
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const owned = !opts.database;
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir }));
  // one instance at a time on a shared PostgreSQL: two starting on an empty database both migrated and seeded
  const accounts = await database.exclusively(async () => {
    if (owned) {
      await database.migrate();
      const seeded = await seedDatabase(database, { demo: config.seedDemo });
      if (seeded.demoSeeded) app.log.info(`Đã nạp dữ liệu mẫu: ${seeded.values} số liệu`);
    }
    return ensureAccounts(database, { adminPassword: config.adminPassword, demo: await isDemo(database) });
  });
  const dataVersion = await createDataVersion(database);
  const now = opts.now ?? (() => new Date());
  app.decorate('now', now);
  app.decorate('database', database);
  app.decorate('dataVersion', dataVersion);
  app.decorate(
    'rankings',
    createRankingService({
      catalogue: createCatalogueRepository(database.db),
      values: createValuesRepository(database),
      reporting: createReportingRepository(database.db),
      rounds: createRoundsRepository(database.db),
      releases: createReleasesRepository(database.db),
      version: dataVersion,
      isDemo: () => isDemo(database),
      now,
      ranks: createRoundRanksRepository(database),
      onKeepError: (err) => app.log.warn({ err }, 'could not keep a round\'s ranks in the database (made again when next needed)'),
    }),
  );
  app.decorate('releases', createReleaseService({ database, rankings: app.rankings, version: dataVersion }));
  const reminders = createReminderService(database, config, { ...opts.reminders, now: opts.reminders?.now ?? now }, app.log);
  app.decorate('reminders', reminders);
  app.decorate('submissions', createSubmissionService(database, { now, onReturn: reminders.queueReturn }));
  app.decorate('rounds', createRoundService(database));

  // Security headers. The web app loads only its own scripts; React and the charts set inline
  // style attributes, hence 'unsafe-inline' for styles only. Nothing may frame a page (an admin
  // page framed same-site would show the user list). No upgrade-insecure-requests: a provincial
  // intranet may serve plain http, where that directive would break every request.
  const security = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const responses = createResponseCache(dataVersion, {
    enabled: opts.responseCache ?? true,
    now,
    early: {
      headers: security,
      // the route let it through unsigned (READ_REQUIRES_LOGIN refuses it first), and nothing
      // signed it: its answer is what anyone asking for the same address unsigned gets
      mayLearn: (req) => !config.readRequiresLogin && !req.user && !req.briefing && unsigned(req.headers),
    },
  });
  app.decorate('responses', responses);
  // every request line is written when the level is debug: then nothing is answered early
  let closing = false;
  const logsEveryRequest = opts.logger !== false && ['debug', 'trace'].includes(config.logLevel);
  if (!logsEveryRequest) answerEarly = (req, res) => !closing && unsigned(req.headers) && responses.answerEarly(req, res);
  // a closing app answers 503 to new requests (Fastify): from the first close hook on, it does
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const live = createLiveService(dataVersion, opts.live);
  app.decorate('live', live);
  // before the server stops taking requests: an open stream would keep app.close() waiting forever
  app.addHook('preClose', async () => live.close());
  // a round's ranks still being written to the database go before the database closes
  app.addHook('preClose', async () => app.rankings.settled());
  // one pool for every upload of a spreadsheet: a hostile file stalls only its own upload (issue 16)
  const spreadsheets = createReaderPool();
  app.decorate('spreadsheets', spreadsheets);
  app.addHook('onClose', () => spreadsheets.close());
  app.decorate('imports', createImportService(database, { read: spreadsheets.read }));
  app.decorate('contacts', createContactService(database, { read: spreadsheets.read }));
  app.decorate('reports', createReportService(database, app.submissions, { onUnexpected: (detail) => app.log.warn({ detail }, 'report reading failed') }));
  app.decorate('playlists', createPlaylistService({ database, rankings: app.rankings }));
  if (accounts.generatedPassword) {
    // printed once, on the start that created the account; never stored in clear, never logged again
    const lines = [
      '',
      '  Tài khoản quản trị đã được tạo lần đầu:',
      `    tên đăng nhập: admin   mật khẩu: ${accounts.generatedPassword}`,
      ...(accounts.created.length > 1 ? [`    (các tài khoản mẫu ${accounts.created.slice(1).join(', ')} dùng cùng mật khẩu này)`] : []),
      '  Hãy ghi lại và đổi mật khẩu sau khi đăng nhập (/tai-khoan). Mật khẩu này sẽ không được in lại.',
      '',
    ];
    if (opts.logger !== false) process.stdout.write(lines.join('\n') + '\n');
  }
  if (owned) app.addHook('onClose', () => database.close());
  // the outbox worker (issue 14): from ready to close; preClose runs before any onClose, so the
  // message in hand is finished and recorded while the database is still open
  app.addHook('onReady', async () => reminders.worker.start());
  app.addHook('preClose', () => reminders.worker.stop());

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.code(err.statusCode).send({ statusCode: err.statusCode, code: err.code, message: err.message });
    }
    if ((err as FastifyError).validation) {
      const e = err as FastifyError;
      return reply.code(400).send({
        statusCode: 400,
        code: 'BAD_REQUEST',
        message: validationMessage(e.validation!, e.validationContext ?? 'querystring'),
      });
    }
    const known = frameworkRefusal(err as FastifyError);
    if (known) return reply.code(known.statusCode).send(known);
    const away = databaseUnavailable(err);
    if (away) {
      req.log.warn({ err: loggableError(err) }, 'cơ sở dữ liệu không trả lời');
      return reply.code(503).header('retry-after', '5').send(away);
    }
    const status = (err as FastifyError).statusCode ?? 500;
    // never the failed query's parameters (a password hash, a token): the kind, a line, the stack
    if (status >= 500) req.log.error({ err: loggableError(err) }, 'lỗi máy chủ');
    return reply.code(status).send({
      statusCode: status,
      code: status >= 500 ? 'INTERNAL_ERROR' : ((err as FastifyError).code ?? 'ERROR'),
      message: status >= 500 ? 'Lỗi máy chủ, vui lòng thử lại sau' : 'Yêu cầu không hợp lệ',
    });
  });

  app.addHook('onRequest', requestLog.onRequest);
  app.addHook('onResponse', requestLog.onResponse);

  // every value reaches the routes without C0 control characters (NUL answered 500 on 16 routes)
  app.addHook('preValidation', refuseControlCharacters);

  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(security);
    done();
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'NQ57 Dashboard API',
        description:
          'Thu thập, kiểm tra, xếp hạng 96 xã, phường, đặc khu của tỉnh Quảng Ngãi về thực hiện Nghị quyết 57-NQ/TW. Mọi thông báo lỗi bằng tiếng Việt, dạng { statusCode, code, message }.',
        version: '0.1.0',
      },
      tags: [
        { name: 'Tổng quan' },
        { name: 'Xếp hạng' },
        { name: 'Danh mục' },
        { name: 'Số liệu' },
        { name: 'Tài khoản' },
        { name: 'Kỳ báo cáo' },
        { name: 'Nhập liệu' },
        { name: 'Nhật ký' },
        { name: 'Nhập tệp' },
        { name: 'Đọc báo cáo' },
        { name: 'Xuất tệp' },
        { name: 'Hệ thống' },
        { name: 'Trình chiếu' },
        { name: 'Liên hệ và nhắc việc' },
        { name: 'Công bố' },
      ],
      components: { securitySchemes },
    },
    // paths as the README writes them, an operationId per route, security from each route's guard
    transform: openapiTransform,
  });
  // Swagger UI's page carries inline script: its own CSP (hashes) replaces the app's on /docs
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets a few style attributes itself (as the app's own pages do)
    transformStaticCSP: (header) => header.replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'"),
  });

  const briefing = createBriefingRepository(database.db);
  // a briefing link's token (base64url, 43 characters): anything else is not looked up
  const resolveBriefingToken = async (token: string) => (/^[A-Za-z0-9_-]{20,100}$/.test(token) ? briefing.resolveToken(sha256(token)) : null);
  await app.register(authPlugin, { readRequiresLogin: config.readRequiresLogin, resolveBriefingToken });
  app.decorate('accounts', createAccountService(app.users));
  await app.register(
    async (api) => {
      await api.register(health);
      await api.register(authRoutes, { prefix: '/auth', readRequiresLogin: config.readRequiresLogin });
      await api.register(users, { prefix: '/users' });
      await api.register(communes, { prefix: '/communes' });
      await api.register(catalogue);
      await api.register(periods, { prefix: '/periods' });
      await api.register(submissionRoutes, { prefix: '/periods' });
      await api.register(reportRoutes, { prefix: '/periods' });
      await api.register(audit, { prefix: '/audit' });
      await api.register(rankings, { prefix: '/rankings' });
      await api.register(overview, { prefix: '/overview' });
      await api.register(values, { prefix: '/values' });
      await api.register(exportRoutes, { prefix: '/periods' });
      await api.register(importRoutes);
      await api.register(playlists, { prefix: '/playlists' });
      await api.register(briefingTokens, { prefix: '/briefing-tokens', publicUrl: config.publicUrl });
      await api.register(contactRoutes, { prefix: '/contacts' });
      await api.register(reminderRoutes, { prefix: '/periods' });
      await api.register(releaseRoutes);
      await api.register(events, { prefix: '/events', resolveBriefingToken });
    },
    { prefix: '/api' },
  );

  const webDist = opts.webDist === undefined ? defaultWebDist : opts.webDist;
  const hasWeb = webDist !== null && existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      // files are looked up per request, so a rebuilt web app is served without a restart
      wildcard: true,
      // the build writes a .br and a .gz beside each text file (web/scripts/precompress.mjs): sent
      // as they are to a browser that takes them, never compressed per request
      preCompressed: true,
      // the build's own bookkeeping (/.vite/manifest.json) is not part of the site
      allowedPath: (pathName) => !pathName.split('/').some((seg) => seg.startsWith('.')),
      setHeaders(res, file) {
        // hashed file names under assets/ never change; index.html, the service worker (sw.js) and
        // the manifest must always be revalidated: a cached sw.js would keep phones on an old build
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    const isFile = url.startsWith('/assets/') || /\.[a-z0-9]{1,5}$/i.test(url);
    if (hasWeb && req.method === 'GET' && !isFile && !url.startsWith('/api/') && !url.startsWith('/docs')) {
      // the web app routes in the browser (/xep-hang, /xa/21211, …)
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `Không có đường dẫn ${req.method} ${url}` });
  });

  return app;
}
