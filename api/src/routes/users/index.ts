import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, UserCreateBody, UserList, UserOut, UserPatchBody, UsernameParams } from '@nq57/shared/schemas';
import { userOut } from '../../auth';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: { tags: ['Tài khoản'], summary: 'Danh sách tài khoản (quản trị)', response: { 200: UserList, ...errors } },
      onRequest: app.requireRole('admin'),
    },
    async () => ({ users: (await app.accounts.list()).map(userOut) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Tạo tài khoản (quản trị)',
        body: UserCreateBody,
        response: { 201: UserOut, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => reply.code(201).send(userOut(await app.accounts.create(req.body))),
  );

  app.patch(
    '/:username',
    {
      schema: {
        tags: ['Tài khoản'],
        summary: 'Sửa tài khoản: họ tên, vai trò, xã, khóa / mở khóa, đặt lại mật khẩu (quản trị)',
        params: UsernameParams,
        body: UserPatchBody,
        response: { 200: UserOut, 404: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => userOut(await app.accounts.update(req.user!, req.params.username, req.body)),
  );
};
export default users;
