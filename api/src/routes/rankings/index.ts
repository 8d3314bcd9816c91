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
          'Mức đạt của mỗi chỉ tiêu = min(1, giá trị ÷ mục tiêu) (cao hơn là tốt) hoặc min(1, mục tiêu ÷ giá trị) (thấp hơn là tốt); điểm 0–100 = 100 × Σ(mức đạt × trọng số) ÷ tổng trọng số của mọi chỉ tiêu kỳ này thu, cùng một tổng trọng số cho mọi xã (quyết định 009). Chỉ tiêu xã chưa báo cáo hoặc chưa đủ số liệu tính 0 điểm (mất trọn phần trọng số), nên bỏ trống không bao giờ làm tăng điểm hay hạng. Chỉ tiêu kỳ này không thu (collected = false, "không thu kỳ này") không tính vào trọng số của xã nào. Xã có số liệu dưới một nửa tổng trọng số áp dụng thì chưa xếp hạng ("chưa đủ số liệu"), vẫn có điểm; coverage, indicatorsReported/indicatorsApplicable ("k/n chỉ tiêu · % trọng số") đi kèm mọi điểm. Mặc định chỉ dùng số liệu đã duyệt; includeSubmitted=true (cần đăng nhập) tính cả số liệu đã nộp đang chờ duyệt. Theo mặc định trả lời theo bản công bố mới nhất của kỳ (release); release=ID: đúng bản đó; live=true (quản trị, lãnh đạo): số liệu hiện tại. Kỳ chưa công bố: số liệu hiện tại, release = null.',
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
