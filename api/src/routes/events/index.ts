// GET /api/events: the live stream (issue 13, decision 020). Read as the figures are read: open by
// default, a session or a briefing link where READ_REQUIRES_LOGIN closes them (the auth plugin's
// allow-list). A briefing link's token opens the stream for its own playlist only, and hears only
// what that playlist shows (../../services/briefing-scope.ts). Playlist edits go to those who may
// read playlists: a session, and the link of the playlist edited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse, EventStream, EventsQuery } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { sha256 } from '../../auth/passwords';
import type { StreamClient } from '../../services/live';
import { createBriefingRepository } from '../../repositories/briefing';
import { createBriefingScope } from '../../services/briefing-scope';

export interface EventsOptions {
  /** the token's playlist, or null when it no longer opens anything */
  resolveBriefingToken: (token: string) => Promise<{ playlistId: number } | null>;
}

const REVOKED = 'Đường dẫn trình chiếu không còn hiệu lực';
const SIGNED_OUT = 'Phiên đăng nhập đã hết, hãy đăng nhập lại';

const events: FastifyPluginAsyncTypebox<EventsOptions> = async (app, opts) => {
  const playlists = createBriefingRepository(app.database.db);
  const scope = createBriefingScope({ playlist: (id) => playlists.byId(id), rounds: (slides, period) => app.rankings.briefingRounds(slides, period) });

  /** Who the stream belongs to (for the limits), what it is told, and how to tell later that it may no longer read. */
  function clientOf(req: FastifyRequest, period: string | undefined): StreamClient {
    if (req.user) {
      const { tokenHash } = req.user;
      return {
        key: `s:${tokenHash}`,
        anonymous: false,
        stillAllowed: async () => ((await app.users.sessionUser(tokenHash)) ? null : SIGNED_OUT),
        wants: () => true,
      };
    }
    const token = req.headers['x-briefing-token'];
    if (req.briefing && typeof token === 'string') {
      const { playlistId } = req.briefing;
      return {
        key: `b:${sha256(token)}`,
        anonymous: false,
        stillAllowed: async () => ((await opts.resolveBriefingToken(token))?.playlistId === playlistId ? null : REVOKED),
        wants: (notice) => scope.wants(notice, playlistId, period),
      };
    }
    // without a session playlists cannot be read: their edits are not told
    return { key: `a:${req.ip}`, anonymous: true, wants: (notice) => notice.type === 'change' };
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
      app.live.open(reply, clientOf(req, req.query.period));
      return reply;
    },
  );
};
export default events;
