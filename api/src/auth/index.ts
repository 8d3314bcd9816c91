// Who is asking, and may they. Sessions live in the database (the app stays stateless and
// several instances share them); the cookie holds a random token whose SHA-256 is the key.
// Every write carries x-csrf-token, which must equal the session's token (synchronizer
// token): a cross-site form can send the cookie but cannot read the token.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { UserOut } from '@nq57/shared/schemas';
import { ApiError } from '../errors';
import { createUsersRepository, type Role, type UserRecord, type UsersRepository } from '../repositories/users';
import { sha256 } from './passwords';

export const SESSION_COOKIE = 'nq57_session';
export const SESSION_HOURS = 12;

export interface SessionUser extends UserRecord {
  csrfToken: string;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    users: UsersRepository;
    /** onRequest hook: signed in (401), CSRF on writes (403), one of these roles (403) */
    requireRole: (...roles: Role[]) => onRequestHookHandler;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** a briefing token (issue 5): may read published figures and its playlist, nothing else */
    briefing: { playlistId: number } | null;
  }
}

export const userOut = (u: UserRecord): UserOut => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  communeCode: u.communeCode,
  communeName: u.communeName,
  disabled: u.disabled,
});

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The published reads the briefing needs (issue 5) and its live stream (issue 13); its own playlist is checked in the route. */
export const BRIEFING_READS = /^\/api\/(periods|indicators|communes|rankings|rankings\/composite|overview|playlists|playlists\/\d{1,10}|events)\/?$/;

/** Marks the hook requireRole returns: a signed-in session (and on a write its CSRF token) is needed. */
export const GUARD = Symbol('nq57.guard');

export function assertCsrf(req: FastifyRequest) {
  if (SAFE.has(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (!req.user || typeof sent !== 'string' || sent !== req.user.csrfToken) {
    throw new ApiError(403, 'CSRF', 'Thiếu hoặc sai mã chống giả mạo (x-csrf-token). Hãy tải lại trang và thử lại.');
  }
}

/** A cán bộ xã touches only their own commune; admins any; leaders read only. */
export function assertCommuneAccess(req: FastifyRequest, communeCode: string, mode: 'read' | 'write') {
  const u = req.user;
  if (!u) throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập');
  if (u.role === 'admin') return;
  if (u.role === 'leader' && mode === 'read') return;
  if (u.role === 'commune' && u.communeCode === communeCode) return;
  throw new ApiError(403, 'FORBIDDEN', u.role === 'commune' ? 'Bạn chỉ được xem và nhập số liệu của xã mình' : 'Tài khoản lãnh đạo chỉ được xem, không được sửa');
}

/** Who is writing, as the services take it (their `Actor`); call only behind requireRole. */
export const actorOf = (req: FastifyRequest): Pick<UserRecord, 'username' | 'role' | 'communeCode'> => ({
  username: req.user!.username,
  role: req.user!.role,
  communeCode: req.user!.communeCode,
});

export interface AuthOptions {
  readRequiresLogin: boolean;
  /** turns the x-briefing-token header into read access (issue 5) */
  resolveBriefingToken?: (token: string) => Promise<{ playlistId: number } | null>;
}

export default fp(
  async (app, opts: AuthOptions) => {
    await app.register(cookie);
    const repo = createUsersRepository(app.database.db);
    app.decorate('users', repo);
    app.decorateRequest('user', null);
    app.decorateRequest('briefing', null);

    app.addHook('onRequest', async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return;
      const tokenHash = sha256(token);
      const u = await repo.sessionUser(tokenHash);
      if (u) req.user = { ...u, tokenHash };
    });
    if (opts.resolveBriefingToken) {
      const resolve = opts.resolveBriefingToken;
      app.addHook('onRequest', async (req) => {
        const token = req.headers['x-briefing-token'];
        if (typeof token === 'string' && token && !req.user) req.briefing = await resolve(token);
      });
    }

    if (opts.readRequiresLogin) {
      // Published figures are open by default; an installation may close them (READ_REQUIRES_LOGIN).
      app.addHook('onRequest', async (req) => {
        const url = req.url.split('?')[0];
        if (!url.startsWith('/api/') || url.startsWith('/api/auth/') || url === '/api/health') return;
        if (req.user) return;
        // A briefing token opens what the big screen shows and nothing else: an allow-list, so a
        // route added later stays closed to it until someone decides otherwise.
        if (req.briefing) {
          if (SAFE.has(req.method) && BRIEFING_READS.test(url)) return;
          throw new ApiError(403, 'FORBIDDEN', 'Đường dẫn trình chiếu chỉ được xem số liệu trình chiếu, không được làm việc khác');
        }
        throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập để xem số liệu');
      });
    }

    app.decorate('requireRole', (...roles: Role[]): onRequestHookHandler => {
      const guard = async (req: FastifyRequest, _reply: FastifyReply) => {
        // a briefing token never counts as a user: it can read, never write
        if (!req.user) throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập');
        assertCsrf(req);
        if (roles.length && !roles.includes(req.user.role)) {
          throw new ApiError(
            403,
            'FORBIDDEN',
            req.user.role === 'leader' ? 'Tài khoản lãnh đạo chỉ được xem, không được sửa' : 'Bạn không có quyền thực hiện thao tác này',
          );
        }
      };
      // the OpenAPI document reads who may call a route from its guard (openapi.ts)
      return Object.assign(guard, { [GUARD]: { roles } });
    });
  },
  { name: 'auth' },
);

