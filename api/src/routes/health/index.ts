import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, Health } from '@nq57/shared/schemas';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng máy chủ và cơ sở dữ liệu',
        response: { 200: Health, 503: ErrorResponse },
      },
    },
    async (_req, reply) => {
      try {
        await app.database.ping();
        return { status: 'ok' as const, database: app.database.kind };
      } catch {
        return reply.code(503).send({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'Cơ sở dữ liệu không trả lời' });
      }
    },
  );
};
export default health;
