import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, LoginBody, MeOut, PasswordChangeBody, SessionOut } from '@nq57/shared/schemas';
import { SESSION_COOKIE, SESSION_HOURS, userOut } from '../../auth';

// signing in, out and the password's change: services/accounts.ts (with the limits on failed
// sign-ins); here only what is HTTP, the cookie and the status codes
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
      const { user, token, csrfToken } = await app.accounts.signIn(req.body.username, req.body.password, req.ip);
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
      await app.accounts.signOut(req.user!);
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
      await app.accounts.changePassword(req.user!, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  );
};
export default auth;
