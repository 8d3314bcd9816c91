// What /docs/json says about every route beyond its own schema, applied in one place (swagger's
// transform): the path as the README writes it (/api/rankings, not the /api/rankings/ a route
// registered as '/' under a prefix shows; both answer), a stable operationId for generated
// clients, and who may call it, read from the route's own guard so the document cannot drift from
// what the server enforces.
import type { FastifySchema, RouteOptions } from 'fastify';
import { BRIEFING_READS, GUARD } from './auth';

export const securitySchemes = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'nq57_session',
    description: 'Phiên đăng nhập: cookie httpOnly do POST /api/auth/login đặt (decision 005).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description: 'Mã chống giả mạo của phiên (trả về khi đăng nhập và ở GET /api/auth/me): bắt buộc với mọi thao tác ghi.',
  },
  briefingToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-briefing-token',
    description: 'Mã của một đường dẫn trình chiếu: chỉ xem danh sách trình chiếu của nó và số liệu trình chiếu cần (decision 007).',
  },
} as const;

type Requirement = Partial<Record<keyof typeof securitySchemes, string[]>>;
export const SESSION: Requirement[] = [{ sessionCookie: [] }];
const SESSION_WRITE: Requirement[] = [{ sessionCookie: [], csrfToken: [] }];
/** Signed in, or the briefing link's token (the playlists a big screen reads). */
export const SESSION_OR_BRIEFING: Requirement[] = [{ sessionCookie: [] }, { briefingToken: [] }];

/**
 * One name per operation, camelCase English, stable: generated clients call these. A route added
 * without a name here still gets one made from its method and path, and the OpenAPI test fails
 * until it is named.
 */
export const OPERATION_IDS: Record<string, string> = {
  'GET /api/health': 'getHealth',
  'GET /api/events': 'streamEvents',
  'POST /api/auth/login': 'login',
  'POST /api/auth/logout': 'logout',
  'GET /api/auth/me': 'getSession',
  'POST /api/auth/password': 'changePassword',
  'GET /api/users': 'listUsers',
  'POST /api/users': 'createUser',
  'PATCH /api/users/{username}': 'updateUser',
  'GET /api/communes': 'listCommunes',
  'GET /api/communes/{code}': 'getCommune',
  'GET /api/communes/{code}/reports': 'getCommuneReports',
  'GET /api/communes/{code}/standing': 'getCommuneStanding',
  'GET /api/indicators': 'getCatalogue',
  'GET /api/periods': 'listPeriods',
  'POST /api/periods': 'openPeriod',
  'PATCH /api/periods/{period}': 'updatePeriod',
  'GET /api/periods/{period}/round': 'getRound',
  'GET /api/periods/{period}/completeness': 'getCompleteness',
  'GET /api/periods/{period}/submissions/{commune}': 'getSubmission',
  'PUT /api/periods/{period}/submissions/{commune}': 'saveSubmission',
  'POST /api/periods/{period}/submissions/{commune}/submit': 'submitSubmission',
  'POST /api/periods/{period}/submissions/{commune}/approve': 'approveSubmission',
  'POST /api/periods/{period}/submissions/{commune}/return': 'returnSubmission',
  'POST /api/periods/{period}/submissions/{commune}/reopen': 'reopenSubmission',
  'GET /api/audit': 'listAudit',
  'GET /api/rankings': 'getRankings',
  'GET /api/rankings/composite': 'getCompositeRankings',
  'GET /api/overview': 'getOverview',
  'GET /api/values': 'getValues',
  'GET /api/periods/{period}/rankings.xlsx': 'downloadRankingsXlsx',
  'GET /api/periods/{period}/rankings.csv': 'downloadRankingsCsv',
  'GET /api/periods/{period}/values.csv': 'downloadValuesCsv',
  'GET /api/periods/{period}/values.xlsx': 'downloadValuesXlsx',
  'GET /api/periods/{period}/report.docx': 'downloadReportDocx',
  'GET /api/periods/{period}/template.xlsx': 'downloadImportTemplate',
  'POST /api/periods/{period}/imports': 'importFile',
  'GET /api/periods/{period}/imports': 'listImports',
  'GET /api/import-mappings': 'listImportMappings',
  'POST /api/import-mappings': 'saveImportMapping',
  'GET /api/playlists': 'listPlaylists',
  'POST /api/playlists': 'createPlaylist',
  'GET /api/playlists/{id}': 'getPlaylist',
  'PUT /api/playlists/{id}': 'updatePlaylist',
  'DELETE /api/playlists/{id}': 'deletePlaylist',
  'POST /api/briefing-tokens': 'createBriefingToken',
  'GET /api/briefing-tokens': 'listBriefingTokens',
  'DELETE /api/briefing-tokens/{id}': 'revokeBriefingToken',
  'POST /api/periods/{period}/reports': 'readCommuneReport',
  'GET /api/periods/{period}/reports/{id}': 'getReportReading',
  'GET /api/periods/{period}/reports/{id}/file': 'downloadReportFile',
  'POST /api/periods/{period}/reports/{id}/accept': 'acceptReportFigures',
  'GET /api/contacts': 'listContacts',
  'PUT /api/contacts/{commune}': 'saveContacts',
  'POST /api/contacts/import': 'importContacts',
  'POST /api/periods/{period}/reminders': 'sendReminders',
  'GET /api/periods/{period}/reminders': 'listReminders',
  'GET /api/periods/{period}/reminder-letter.docx': 'downloadReminderLetterDocx',
  'POST /api/periods/{period}/releases': 'publishRelease',
  'GET /api/periods/{period}/releases': 'listReleases',
  'GET /api/releases/{id}': 'getRelease',
  'GET /api/releases/{id}/changes': 'getReleaseChanges',
};

/** GET /api/periods/{period}/rankings.csv → getPeriodsPeriodRankingsCsv (only for a route not yet named). */
const madeUpId = (method: string, path: string) =>
  method.toLowerCase() +
  path
    .replace(/^\/api/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may call a route: its guard (requireRole), a requirement its schema states, or the rule of public reads. */
function security(method: string, path: string, route: RouteOptions, stated: unknown): Requirement[] {
  if (stated) return stated as Requirement[];
  const hooks = [route.onRequest ?? []].flat() as unknown as Record<symbol, unknown>[];
  if (hooks.some((h) => h && GUARD in h)) return SAFE.has(method) ? SESSION : SESSION_WRITE;
  // no one needs to sign in to sign in, or to ask whether the server is up
  if (path === '/api/auth/login' || path === '/api/health') return [];
  // published reads: open by default; with READ_REQUIRES_LOGIN a session, or for what the big
  // screen shows a briefing link's token ({} = may be called without any)
  const briefing = BRIEFING_READS.test(path.replace(/\{[^}]+\}/g, '1'));
  return [{}, ...SESSION, ...(briefing ? [{ briefingToken: [] }] : [])];
}

/** @fastify/swagger's transform: the path without its trailing slash, the operationId, the security. */
export function openapiTransform({ schema: given, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  const path = url.length > 1 ? url.replace(/\/$/, '') : url;
  const openapiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const method = [route.method].flat()[0].toUpperCase();
  const schema = given as Record<string, unknown> | undefined;
  if (!schema || schema.hide) return { schema: given, url: path };
  return {
    schema: {
      ...schema,
      operationId: (schema.operationId as string | undefined) ?? OPERATION_IDS[`${method} ${openapiPath}`] ?? madeUpId(method, openapiPath),
      security: security(method, openapiPath, route, schema.security),
    } as FastifySchema,
    url: path,
  };
}
