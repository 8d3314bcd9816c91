import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, UserCreateBody, UserList, UserOut, UserPatchBody, UsernameParams } from '@nq57/shared/schemas';
import { userOut } from '../../auth';
import { hashPassword } from '../../auth/passwords';
import { ApiError } from '../../errors';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const users: FastifyPluginAsyncTypebox = async (app) => {
  async function communeIdFor(role: string, code: string | null | undefined): Promise<number | null> {
    if (role !== 'commune') {
      if (code) throw new ApiError(400, 'COMMUNE_NOT_ALLOWED', 'Chỉ tài khoản cán bộ xã mới gắn với một xã');
      return null;
    }
    if (!code) throw new ApiError(400, 'COMMUNE_REQUIRED', 'Tài khoản cán bộ xã phải gắn với một xã (communeCode)');
    const id = await app.users.communeIdByCode(code);
    if (id === null) throw new ApiError(400, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${code}"`);
    return id;
  }

  app.get(
    '/',
    {
      schema: { tags: ['Tài khoản'], summary: 'Danh sách tài khoản (quản trị)', response: { 200: UserList, ...errors } },
      onRequest: app.requireRole('admin'),
    },
    async () => ({ users: (await app.users.list()).map(userOut) }),
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
    async (req, reply) => {
      const b = req.body;
      const communeId = await communeIdFor(b.role, b.communeCode);
      const id = await app.users.create({
        username: b.username,
        displayName: b.displayName?.trim() ?? '',
        passwordHash: await hashPassword(b.password),
        role: b.role,
        communeId,
      });
      if (id === null) throw new ApiError(409, 'USERNAME_TAKEN', `Tên đăng nhập "${b.username}" đã có người dùng`);
      return reply.code(201).send(userOut((await app.users.byUsername(b.username))!));
    },
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
    async (req) => {
      const current = await app.users.byUsername(req.params.username);
      if (!current) throw new ApiError(404, 'USER_NOT_FOUND', `Không có tài khoản "${req.params.username}"`);
      const b = req.body;
      if (current.id === req.user!.id && (b.disabled === true || (b.role && b.role !== 'admin'))) {
        throw new ApiError(400, 'SELF_LOCKOUT', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình');
      }
      const role = b.role ?? current.role;
      const roleOrCommuneChanges = b.role !== undefined || b.communeCode !== undefined;
      const communeId = roleOrCommuneChanges
        ? await communeIdFor(role, b.communeCode === undefined ? (role === 'commune' ? current.communeCode : null) : b.communeCode)
        : undefined;
      await app.users.update(current.username, {
        ...(b.displayName !== undefined && { displayName: b.displayName.trim() }),
        ...(b.role !== undefined && { role: b.role }),
        ...(communeId !== undefined && { communeId }),
        ...(b.disabled !== undefined && { disabled: b.disabled }),
        ...(b.password !== undefined && { passwordHash: await hashPassword(b.password) }),
      });
      return userOut((await app.users.byUsername(current.username))!);
    },
  );
};
export default users;
