import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, OverviewResponse, PeriodQuery } from '@nq57/shared/schemas';
import { cacheKey } from '../../services/response-cache';

const overview: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Tổng quan'],
        summary: 'Số liệu toàn tỉnh của một kỳ, số xã đã báo cáo, phân bố, 5 xã đầu và cuối',
        querystring: PeriodQuery,
        response: { 200: OverviewResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => app.responses.reply(req, reply, cacheKey('/overview', req.query), () => app.rankings.overview(req.query.period)),
  );
};
export default overview;
