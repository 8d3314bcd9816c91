import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, PeriodList } from '@nq57/shared/schemas';

const periods: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Các kỳ báo cáo, mới nhất trước',
        response: { 200: PeriodList, 400: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, '/periods', async () => {
        const s = await app.rankings.snapshot();
        return { periods: s.periods.map(({ id: _id, ...p }) => p), demo: s.demo };
      }),
  );
};
export default periods;
