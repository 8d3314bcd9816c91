// Published rankings (issue 12, decision 019): publish a closed round, a round's releases, one
// release and what it changed. Reads are open like the rankings (unless READ_REQUIRES_LOGIN).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  NotModified,
  PeriodParams,
  ReleaseChanges,
  ReleaseCreateBody,
  ReleaseList,
  ReleaseOut,
  ReleaseParams,
} from '@nq57/shared/schemas';

const errors = { 400: ErrorResponse, 404: ErrorResponse };

const releases: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/periods/:period/releases',
    {
      schema: {
        tags: ['Công bố'],
        summary: 'Công bố kết quả xếp hạng của một kỳ đã đóng (quản trị)',
        description:
          'Đóng băng xếp hạng mọi chỉ tiêu, chỉ số tổng hợp và số liệu tổng quan của kỳ thành "Công bố lần N" (N = 1, 2, …), kèm người công bố, thời điểm, ghi chú và mã băm SHA-256 của nội dung. Sau khi công bố, các trang và API công khai trả lời theo bản mới nhất. 409 khi kỳ đang mở, hoặc số liệu không khác lần công bố trước.',
        params: PeriodParams,
        body: ReleaseCreateBody,
        response: { 201: ReleaseOut, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const release = await app.releases.publish(req.params.period, req.body.note, req.user!.username);
      await app.dataVersion.changed();
      return reply.code(201).send(release);
    },
  );

  app.get(
    '/periods/:period/releases',
    {
      schema: {
        tags: ['Công bố'],
        summary: 'Các lần công bố của một kỳ, mới nhất trước',
        params: PeriodParams,
        response: { 200: ReleaseList, 304: NotModified, ...errors },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, `/periods/${req.params.period}/releases`, async () => ({ releases: await app.releases.list(req.params.period) })),
  );

  app.get(
    '/releases/:id',
    {
      schema: {
        tags: ['Công bố'],
        summary: 'Một lần công bố',
        params: ReleaseParams,
        response: { 200: ReleaseOut, ...errors },
      },
    },
    (req) => app.releases.get(req.params.id),
  );

  app.get(
    '/releases/:id/changes',
    {
      schema: {
        tags: ['Công bố'],
        summary: 'Những gì một lần công bố thay đổi so với lần trước: xã, chỉ tiêu, trước → sau, hạng trước → sau, lý do',
        description:
          'Mỗi dòng là một xã có số liệu (hoặc điểm tổng hợp) khác lần công bố trước; lý do lấy từ nhận xét khi Sở mở lại hoặc trả lại báo cáo của xã giữa hai lần công bố. Lần công bố đầu tiên không có thay đổi.',
        params: ReleaseParams,
        response: { 200: ReleaseChanges, ...errors },
      },
    },
    (req) => app.releases.changes(req.params.id),
  );
};
export default releases;
