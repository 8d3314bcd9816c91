import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NotModified, OverviewResponse, PeriodQuery } from '@nq57/shared/schemas';
import { assertMaySeeSubmitted } from '../../services/rankings';
import { cacheKey } from '../../services/response-cache';
import { vnDay } from '@nq57/shared';

const overview: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Tổng quan'],
        summary: 'Số liệu toàn tỉnh của một kỳ, số xã đã báo cáo, phân bố, 5 xã đầu và cuối',
        description: 'Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt.',
        querystring: PeriodQuery,
        response: { 200: OverviewResponse, 304: NotModified, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => {
      assertMaySeeSubmitted(req, req.query);
      // "quá hạn" moves with the calendar: an answer is kept for one Vietnam day at most
      const key = cacheKey('/overview', { ...req.query, day: vnDay(new Date()) });
      return app.responses.reply(req, reply, key, () => app.rankings.overview(req.query.period, req.query));
    },
  );
};
export default overview;
