import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Catalogue, ErrorResponse, NotModified } from '@nq57/shared/schemas';

const catalogue: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/indicators',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Chỉ tiêu xếp hạng và dữ liệu thành phần',
        description: 'Danh mục là dữ liệu: thêm chỉ tiêu bằng cách sửa seed/catalogue.json, không cần đổi mã nguồn.',
        response: { 200: Catalogue, 304: NotModified, 400: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, '/indicators', async () => {
        const s = await app.rankings.snapshot();
        return {
          indicators: s.indicators.map(({ id: _i, numeratorId: _n, denominatorId: _d, ...rest }) => rest),
          elements: s.elements.map(({ id: _i, ...rest }) => rest),
        };
      }),
  );
};
export default catalogue;
