// Reporting rounds: the list (the read side's snapshot), opening and changing a round
// (services/rounds.ts), one round with its elements, and its progress (/tien-do and its CSV,
// services/submissions/completeness.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CompletenessOut,
  CompletenessQuery,
  ErrorResponse,
  NotModified,
  PeriodCreateBody,
  PeriodList,
  PeriodParams,
  PeriodPatchBody,
  RoundOut,
} from '@nq57/shared/schemas';
import { completenessCsv } from '../../services/submissions';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const periods: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.submissions;

  app.get(
    '/',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Các kỳ báo cáo, mới nhất trước',
        response: { 200: PeriodList, 304: NotModified, 400: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, '/periods', async () => {
        const s = await app.rankings.snapshot();
        const release = (id: number) => {
          const r = s.latestRelease.get(id);
          return r ? { id: r.id, version: r.version, publishedAt: r.publishedAt, communesReported: r.communesReported, communesApproved: r.communesApproved } : null;
        };
        // the round every read shows when none is named, by the same rule (the header shows it too)
        const fallback = await app.rankings.period().then((p) => p.code, () => null);
        // the answer is cached as JSON text, not through the response schema: name what it says
        // (the snapshot's counts of figures and its set of elements collected stay inside)
        const periods = s.periods.map(({ id, communesWithFigures: _n, collected: _c, ...p }) => ({ ...p, release: release(id) }));
        return { periods, defaultPeriod: fallback, demo: s.demo };
      }),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Mở một kỳ báo cáo (quản trị)',
        description:
          'Kỳ mới ở trạng thái open. Bỏ trống `elements` = mọi dữ liệu xã nhập (không gồm dữ liệu hệ thống tự tính). 409 khi trùng mã; 400 khi dữ liệu không có, ngày kết thúc trước ngày bắt đầu, hoặc hạn nộp trước ngày bắt đầu.',
        body: PeriodCreateBody,
        response: { 201: RoundOut, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const round = await app.rounds.create(req.body, req.user!.username);
      await app.dataVersion.changed();
      return reply.code(201).send(round);
    },
  );

  app.patch(
    '/:period',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Đóng / mở lại kỳ, đổi hạn nộp hoặc tên (quản trị)',
        description:
          'Khi kỳ được đóng, hệ thống tính cho mọi xã số kỳ phải nộp (reports_due) và số kỳ nộp đúng hạn (reports_on_time) tính đến kỳ này, theo lần nộp đầu tiên, để chỉ tiêu tỷ lệ báo cáo đúng hạn được xếp hạng như các chỉ tiêu khác.',
        params: PeriodParams,
        body: PeriodPatchBody,
        response: { 200: RoundOut, 404: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => {
      const round = await app.rounds.patch(req.params.period, req.body, req.user!.username);
      await app.dataVersion.changed();
      return round;
    },
  );

  app.get(
    '/:period/round',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Một kỳ báo cáo và các dữ liệu kỳ đó yêu cầu',
        params: PeriodParams,
        response: { 200: RoundOut, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => app.rounds.get(req.params.period),
  );

  app.get(
    '/:period/completeness',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Tiến độ nộp báo cáo của các xã trong một kỳ (format=csv để xuất Excel)',
        description:
          'Quản trị và lãnh đạo: mọi xã. Cán bộ xã: chỉ dòng của xã mình (số đếm ở đầu vẫn là của toàn tỉnh). Muộn / quá hạn tính theo lần nộp ĐẦU TIÊN so với hạn nộp (ngày theo giờ Việt Nam); chưa nộp mà đã quá hạn thì tính số ngày quá hạn đến hôm nay.',
        params: PeriodParams,
        querystring: CompletenessQuery,
        response: {
          200: { content: { 'application/json': { schema: CompletenessOut }, 'text/csv': { schema: { type: 'string' } } } },
          404: ErrorResponse,
          ...errors,
        },
      },
      onRequest: app.requireRole(),
    },
    async (req, reply) => {
      const u = req.user!;
      const out = await service.completeness(req.params.period, u.role === 'commune' ? u.communeCode! : undefined);
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tien-do-${out.period.code}.csv"`)
          .send(completenessCsv(out));
      }
      return out;
    },
  );
};
export default periods;
