import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NotModified, OverviewResponse, PeriodQuery } from '@nq57/shared/schemas';
import { assertMayRead } from '../../services/releases';
import { cacheKey } from '../../services/response-cache';
import { nextVnMidnight, vnDay } from '@nq57/shared';

const overview: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Tổng quan'],
        summary: 'Số liệu toàn tỉnh của một kỳ, số xã đã báo cáo, phân bố, 5 xã đầu và cuối',
        description: 'Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt. Theo mặc định trả lời theo bản công bố mới nhất của kỳ (release); release=ID: đúng bản đó; live=true (quản trị, lãnh đạo): số liệu hiện tại. Kỳ chưa công bố: số liệu hiện tại, release = null.',
        querystring: PeriodQuery,
        response: { 200: OverviewResponse, 304: NotModified, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => {
      assertMayRead(req, req.query);
      // "quá hạn" moves with the calendar: an answer is kept for one Vietnam day at most (the
      // app's clock, the one that says who is overdue)
      const today = app.now();
      const key = cacheKey('/overview', { ...req.query, day: vnDay(today) });
      return app.responses.reply(req, reply, key, () => app.releases.overview(req.query), undefined, { until: nextVnMidnight(today) });
    },
  );
};
export default overview;
