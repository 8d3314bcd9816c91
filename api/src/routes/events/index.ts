// GET /api/events: the live stream (issue 13, decision 020). Read as the figures are read: open by
// default, a session or a briefing link where READ_REQUIRES_LOGIN closes them (the auth plugin's
// allow-list). A briefing link's token opens the stream for its own playlist only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse, EventStream, EventsQuery } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { sha256 } from '../../auth/passwords';
import type { StreamClient } from '../../services/live';

export interface EventsOptions {
  /** the token's playlist, or null when it no longer opens anything */
  resolveBriefingToken: (token: string) => Promise<{ playlistId: number } | null>;
}

const REVOKED = 'Đường dẫn trình chiếu không còn hiệu lực';
const SIGNED_OUT = 'Phiên đăng nhập đã hết, hãy đăng nhập lại';

const events: FastifyPluginAsyncTypebox<EventsOptions> = async (app, opts) => {
  /** Who the stream belongs to, for the limits, and how to tell later that it may no longer read. */
  function clientOf(req: FastifyRequest): StreamClient {
    if (req.user) {
      const { tokenHash } = req.user;
      return { key: `s:${tokenHash}`, anonymous: false, stillAllowed: async () => ((await app.users.sessionUser(tokenHash)) ? null : SIGNED_OUT) };
    }
    const token = req.headers['x-briefing-token'];
    if (req.briefing && typeof token === 'string') {
      const { playlistId } = req.briefing;
      return {
        key: `b:${sha256(token)}`,
        anonymous: false,
        stillAllowed: async () => ((await opts.resolveBriefingToken(token))?.playlistId === playlistId ? null : REVOKED),
      };
    }
    return { key: `a:${req.ip}`, anonymous: true };
  }

  app.get(
    '/',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Luồng cập nhật trực tiếp (server-sent events): báo ngay khi số liệu đổi, ở bất kỳ máy chủ nào',
        description:
          'Đọc như đọc số liệu (mở, hoặc cần đăng nhập hay đường dẫn trình chiếu khi READ_REQUIRES_LOGIN=true). Trình duyệt đọc lại đúng những gì kỳ báo cáo đó chạm tới. Tối đa 8 luồng mỗi phiên hoặc đường dẫn, 64 mỗi địa chỉ không đăng nhập (429); quá nhiều trên máy chủ: 503. Khi không mở được luồng, trang tự làm mới định kỳ.',
        querystring: EventsQuery,
        produces: ['text/event-stream'],
        response: { 200: EventStream, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (req, reply) => {
      if (!req.user && req.briefing && req.query.playlist !== undefined && req.query.playlist !== req.briefing.playlistId) {
        throw new ApiError(403, 'FORBIDDEN', 'Đường dẫn trình chiếu này chỉ mở được danh sách trình chiếu của nó');
      }
      app.live.open(reply, clientOf(req));
      return reply;
    },
  );
};
export default events;
