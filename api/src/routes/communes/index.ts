import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeParams, Commune, CommuneList, CommuneReports, ErrorResponse, NotModified, PeriodQuery, StandingResponse } from '@nq57/shared/schemas';
import { assertCommuneAccess } from '../../auth';
import { ApiError } from '../../errors';
import { communeOut } from '../../services/rankings';
import { assertMayRead } from '../../services/releases';
import { cacheKey } from '../../services/response-cache';

const communes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Danh sách 96 xã, phường, đặc khu',
        response: { 200: CommuneList, 304: NotModified, 400: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, '/communes', async () => ({
        communes: (await app.rankings.snapshot()).communes.map(communeOut),
      })),
  );

  app.get(
    '/:code',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Một xã, phường, đặc khu',
        params: CodeParams,
        response: { 200: Commune, 304: NotModified, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, `/communes/${req.params.code}`, async () => {
        const c = (await app.rankings.snapshot()).communeByCode.get(req.params.code);
        if (!c) throw new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${req.params.code}"`);
        return communeOut(c);
      }),
  );

  app.get(
    '/:code/reports',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Báo cáo của một xã trong mọi kỳ đang mở, và kỳ nên mở (đăng nhập)',
        description:
          'Trạng thái và hạn nộp (cùng quy tắc với trang tiến độ) của xã ở từng kỳ đang mở. landing: kỳ cũ nhất có báo cáo bị trả lại hoặc quá hạn chưa nộp, nếu không có thì kỳ mở mới nhất. Cán bộ xã chỉ xem xã mình.',
        params: CodeParams,
        response: { 200: CommuneReports, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
      onRequest: [app.requireRole(), async (req) => assertCommuneAccess(req, (req.params as { code: string }).code, 'read')],
    },
    async (req) => app.submissions.communeReports(req.params.code),
  );

  app.get(
    '/:code/standing',
    {
      schema: {
        tags: ['Xếp hạng'],
        summary: 'Vị trí của một xã: hạng từng chỉ tiêu, so với toàn tỉnh và mục tiêu, láng giềng, xu hướng',
        description: 'Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt. Theo mặc định trả lời theo bản công bố mới nhất của kỳ (release); release=ID: đúng bản đó; live=true (quản trị, lãnh đạo): số liệu hiện tại. Kỳ chưa công bố: số liệu hiện tại, release = null.',
        params: CodeParams,
        querystring: PeriodQuery,
        response: { 200: StandingResponse, 304: NotModified, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => {
      assertMayRead(req, req.query);
      return app.responses.reply(req, reply, cacheKey(`/communes/${req.params.code}/standing`, req.query), () =>
        app.releases.standing(req.params.code, req.query),
      );
    },
  );
};
export default communes;
