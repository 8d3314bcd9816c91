import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CompositeQuery, CompositeResponse, ErrorResponse, NotModified, RankingsQuery, RankingsResponse } from '@nq57/shared/schemas';
import { assertMayRead } from '../../services/releases';
import { cacheKey } from '../../services/response-cache';

const rankings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Xếp hạng'],
        summary: 'Xếp hạng các xã theo một chỉ tiêu',
        description:
          'Tất cả các xã (sau lọc), xếp hạng đồng hạng kiểu 1, 2, 2, 4; xã chưa báo cáo hoặc chưa đủ số liệu nằm cuối với trạng thái riêng, không bị xếp cuối. rankChange = hạng kỳ so sánh − hạng kỳ này. Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt. Theo mặc định trả lời theo bản công bố mới nhất của kỳ (release); release=ID: đúng bản đó; live=true (quản trị, lãnh đạo): số liệu hiện tại. Kỳ chưa công bố: số liệu hiện tại, release = null.',
        querystring: RankingsQuery,
        response: { 200: RankingsResponse, 304: NotModified, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => {
      assertMayRead(req, req.query);
      return app.responses.reply(req, reply, cacheKey('/rankings', req.query), () => app.releases.rankings(req.query));
    },
  );

  app.get(
    '/composite',
    {
      schema: {
        tags: ['Xếp hạng'],
        summary: 'Xếp hạng theo chỉ số tổng hợp',
        description:
          'Mỗi chỉ tiêu đóng góp min(1, giá trị ÷ mục tiêu) × trọng số (cao hơn là tốt), hoặc min(1, mục tiêu ÷ giá trị) (thấp hơn là tốt); điểm 0–100 tính trên các chỉ tiêu xã có số liệu; xã có số liệu dưới một nửa tổng trọng số thì chưa xếp hạng. Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt. Theo mặc định trả lời theo bản công bố mới nhất của kỳ (release); release=ID: đúng bản đó; live=true (quản trị, lãnh đạo): số liệu hiện tại. Kỳ chưa công bố: số liệu hiện tại, release = null.',
        querystring: CompositeQuery,
        response: { 200: CompositeResponse, 304: NotModified, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req, reply) => {
      assertMayRead(req, req.query);
      return app.responses.reply(req, reply, cacheKey('/rankings/composite', req.query), () => app.releases.composite(req.query));
    },
  );
};
export default rankings;
