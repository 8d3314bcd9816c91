import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, LoginBody, MeOut, PasswordChangeBody, SessionOut } from '@nq57/shared/schemas';
import { SESSION_COOKIE, SESSION_HOURS, userOut } from '../../auth';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../auth/passwords';
import { ApiError } from '../../errors';

/**
 * Failed sign-ins (decision 005, revised by issue 16). Only the CLIENT that failed is refused: five
 * wrong passwords for an account from one address block that address for that account, so nobody
 * can lock an officer (or the admin) out from elsewhere. Many failures for one account, or from one
 * address across accounts, slow every answer down instead, so guessing stays slow while the right
 * password from the right person still signs in. A password reset clears the count.
 */
export const LOGIN_LIMITS = { windowMinutes: 15, perClient: 5, slowAfterUser: 10, slowAfterIp: 30, stepMs: 200, maxDelayMs: 3000 };

/** How long to wait before answering, from the failures the window holds (0 below the thresholds). */
export function loginDelayMs(f: { byUser: number; byIp: number }): number {
  const over = Math.max(f.byUser - LOGIN_LIMITS.slowAfterUser, f.byIp - LOGIN_LIMITS.slowAfterIp);
  return over < 0 ? 0 : Math.min(LOGIN_LIMITS.maxDelayMs, (over + 1) * LOGIN_LIMITS.stepMs);
}

const auth: FastifyPluginAsyncTypebox<{ readRequiresLogin: boolean }> = async (app, opts) => {
  app.post(
    '/login',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Đăng nhập: đặt cookie phiên (httpOnly, SameSite) và trả mã chống giả mạo',
        body: LoginBody,
        response: { 200: SessionOut, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      const username = req.body.username.trim().toLowerCase();
      const failures = await app.users.recentFailures(username, req.ip, LOGIN_LIMITS.windowMinutes);
      if (failures.byClient >= LOGIN_LIMITS.perClient) {
        reply.header('retry-after', String(LOGIN_LIMITS.windowMinutes * 60));
        throw new ApiError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${LOGIN_LIMITS.windowMinutes} phút hoặc liên hệ quản trị để đặt lại mật khẩu.`,
        );
      }
      const delay = loginDelayMs(failures);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const user = await app.users.byUsername(username);
      const ok = await verifyPassword(user?.passwordHash ?? null, req.body.password);
      if (!user || !ok || user.disabled) {
        await app.users.recordFailure(username, req.ip);
        // one message for a wrong name, a wrong password and a locked account: no account probing
        throw new ApiError(401, 'BAD_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa');
      }
      await app.users.clearFailures(username);
      const token = randomToken();
      const csrfToken = randomToken();
      await app.users.createSession({
        tokenHash: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: SESSION_HOURS * 3600,
      });
      return { user: userOut(user), csrfToken };
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Đăng xuất: xóa phiên',
        response: { 204: Type.Null(), 401: ErrorResponse, 403: ErrorResponse },
      },
      onRequest: app.requireRole(),
    },
    async (req, reply) => {
      await app.users.deleteSession(req.user!.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Người đang đăng nhập (user = null khi chưa đăng nhập)',
        response: { 200: MeOut },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        user: req.user ? userOut(req.user) : null,
        csrfToken: req.user?.csrfToken ?? null,
        readRequiresLogin: opts.readRequiresLogin,
      };
    },
  );

  app.post(
    '/password',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Đổi mật khẩu của chính mình; các phiên khác của tài khoản bị đăng xuất',
        body: PasswordChangeBody,
        response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
      onRequest: app.requireRole(),
    },
    async (req, reply) => {
      const u = req.user!;
      if (!(await verifyPassword(u.passwordHash, req.body.currentPassword))) {
        throw new ApiError(400, 'BAD_PASSWORD', 'Mật khẩu hiện tại không đúng');
      }
      if (req.body.newPassword === req.body.currentPassword) {
        throw new ApiError(400, 'SAME_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại');
      }
      await app.users.update(u.username, { passwordHash: await hashPassword(req.body.newPassword) });
      // update() ends every session of the account; this one is re-created so the user stays in
      await app.users.createSession({
        tokenHash: u.tokenHash,
        userId: u.id,
        csrfToken: u.csrfToken,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      });
      return reply.code(204).send(null);
    },
  );
};
export default auth;
