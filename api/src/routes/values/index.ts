import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NotModified, ValuesQuery, ValuesResponse } from '@nq57/shared/schemas';
import { cacheKey } from '../../services/response-cache';
import { valuesCsv } from '../../services/export/values';

const values: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Số liệu'],
        summary: 'Số liệu gốc của một kỳ (JSON, hoặc CSV với format=csv)',
        description: 'Số liệu thiếu là không có dòng, không bao giờ là số 0.',
        querystring: ValuesQuery,
        response: {
          200: { content: { 'application/json': { schema: ValuesResponse }, 'text/csv': { schema: { type: 'string' } } } },
          304: NotModified,
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    (req, reply) => {
      const csv = req.query.format === 'csv';
      return app.responses.reply(
        req,
        reply,
        cacheKey('/values', req.query),
        () => app.rankings.values(req.query.period),
        csv ? (v) => ({ body: valuesCsv(v as ValuesResponse), type: 'text/csv; charset=utf-8' }) : undefined,
      );
    },
  );
};
export default values;
