// Playlists of the big-screen briefing. Everyone signed in may read them (to preview a briefing);
// a briefing token reads only the playlist it was made for; only the Sở's admins change them.
// Every change is announced on the live stream (issue 13), so the screens showing a playlist turn
// to its new slides, on any instance, without a reload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse, PlaylistBody, PlaylistList, PlaylistOut, PlaylistParams } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { SESSION_OR_BRIEFING } from '../../openapi';
import { createBriefingRepository } from '../../repositories/briefing';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const TAGS = ['Trình chiếu'];

/** Signed in, or a briefing token; a token only for its own playlist (when `id` is given). */
function assertMayRead(req: FastifyRequest, id?: number) {
  if (req.user) return;
  if (!req.briefing) throw new ApiError(401, 'UNAUTHENTICATED', 'Cần đăng nhập hoặc đường dẫn trình chiếu còn hiệu lực');
  if (id !== undefined && req.briefing.playlistId !== id) {
    throw new ApiError(403, 'FORBIDDEN', 'Đường dẫn trình chiếu này chỉ mở được danh sách trình chiếu của nó');
  }
}

const playlists: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createBriefingRepository(app.database.db);
  const service = app.playlists;

  app.get(
    '/',
    {
      schema: {
        tags: TAGS,
        summary: 'Các danh sách trình chiếu (người đã đăng nhập; đường dẫn trình chiếu chỉ thấy danh sách của nó)',
        security: SESSION_OR_BRIEFING,
        response: { 200: PlaylistList, ...errors },
      },
    },
    async (req) => {
      assertMayRead(req);
      if (!req.user) {
        const own = await repo.byId(req.briefing!.playlistId);
        return { playlists: own ? [own] : [] };
      }
      return { playlists: await repo.list() };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Một danh sách trình chiếu',
        description: 'Người đã đăng nhập, hoặc tiêu đề x-briefing-token của chính danh sách này.',
        security: SESSION_OR_BRIEFING,
        params: PlaylistParams,
        response: { 200: PlaylistOut, 404: ErrorResponse, ...errors },
      },
    },
    async (req) => {
      assertMayRead(req, req.params.id);
      const p = await repo.byId(req.params.id);
      if (!p) throw new ApiError(404, 'PLAYLIST_NOT_FOUND', `Không có danh sách trình chiếu #${req.params.id}`);
      return p;
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags: TAGS,
        summary: 'Tạo danh sách trình chiếu (quản trị)',
        body: PlaylistBody,
        response: { 201: PlaylistOut, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const w = await service.toWrite(req.body, req.user!.username);
      const id = await repo.create(w);
      if (id === null) throw new ApiError(409, 'PLAYLIST_NAME_TAKEN', `Đã có danh sách trình chiếu tên "${w.name}"`);
      await app.dataVersion.playlistChanged(id);
      return reply.code(201).send((await repo.byId(id))!);
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa danh sách trình chiếu: tên, các trang, thời gian, kỳ cố định (quản trị)',
        description: 'Các màn hình đang chiếu danh sách này, ở bất kỳ máy chủ nào, đổi theo ngay, không cần tải lại (luồng /api/events, sự kiện playlist).',
        params: PlaylistParams,
        body: PlaylistBody,
        response: { 200: PlaylistOut, 404: ErrorResponse, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => {
      const w = await service.toWrite(req.body, req.user!.username);
      const r = await repo.update(req.params.id, w);
      if (r === 'not_found') throw new ApiError(404, 'PLAYLIST_NOT_FOUND', `Không có danh sách trình chiếu #${req.params.id}`);
      if (r === 'name_taken') throw new ApiError(409, 'PLAYLIST_NAME_TAKEN', `Đã có danh sách trình chiếu tên "${w.name}"`);
      await app.dataVersion.playlistChanged(req.params.id);
      return (await repo.byId(req.params.id))!;
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Xóa danh sách trình chiếu; các đường dẫn trình chiếu của nó hết hiệu lực (quản trị)',
        params: PlaylistParams,
        response: { 204: Type.Null(), 404: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      if (!(await repo.remove(req.params.id, req.user!.username))) {
        throw new ApiError(404, 'PLAYLIST_NOT_FOUND', `Không có danh sách trình chiếu #${req.params.id}`);
      }
      await app.dataVersion.playlistChanged(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
export default playlists;
