// Briefing links: a read-only token that opens one playlist on the meeting-room computer without
// a sign-in. The token is shown once, when it is made; the server keeps only its SHA-256.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BriefingTokenBody, BriefingTokenCreated, BriefingTokenList, BriefingTokenParams, ErrorResponse } from '@nq57/shared/schemas';
import { randomToken, sha256 } from '../../auth/passwords';
import { ApiError } from '../../errors';
import { createBriefingRepository } from '../../repositories/briefing';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const TAGS = ['Trình chiếu'];

/** The path the link opens; the web reads the same two parameters (web/src/briefing/params.ts). */
export const briefingPath = (token: string, playlistId: number) =>
  `/trinh-chieu?${new URLSearchParams({ token, playlist: String(playlistId) }).toString()}`;

/** publicUrl: where people open the app (config PUBLIC_URL); a request's Host may be anyone's. */
const briefingTokens: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, opts) => {
  const repo = createBriefingRepository(app.database.db);

  app.post(
    '/',
    {
      schema: {
        tags: TAGS,
        summary: 'Tạo đường dẫn trình chiếu chỉ đọc cho một danh sách (quản trị)',
        description: 'Mã truy cập chỉ trả về một lần; sau đó chỉ thu hồi được, không xem lại được.',
        body: BriefingTokenBody,
        response: { 201: BriefingTokenCreated, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const { playlistId } = req.body;
      const label = req.body.label?.trim() ?? '';
      const playlist = await repo.byId(playlistId);
      if (!playlist) throw new ApiError(400, 'PLAYLIST_NOT_FOUND', `Không có danh sách trình chiếu #${playlistId}`);
      const token = randomToken();
      const id = await repo.createToken({ tokenHash: sha256(token), playlistId, label, createdBy: req.user!.username });
      const path = briefingPath(token, playlistId);
      // the one answer that carries the token: no cache may keep it
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ id, playlistId, label, token, path, url: `${opts.publicUrl}${path}` });
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: TAGS,
        summary: 'Các đường dẫn trình chiếu, còn hiệu lực trước (quản trị; không kèm mã truy cập)',
        response: { 200: BriefingTokenList, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async () => ({ tokens: await repo.listTokens() }),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Thu hồi một đường dẫn trình chiếu (quản trị); màn hình đang mở nó mất quyền đọc ngay',
        params: BriefingTokenParams,
        response: { 204: Type.Null(), 404: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      if (!(await repo.revokeToken(req.params.id, req.user!.username))) {
        throw new ApiError(404, 'TOKEN_NOT_FOUND', `Không có đường dẫn trình chiếu #${req.params.id}`);
      }
      return reply.code(204).send(null);
    },
  );
};
export default briefingTokens;
