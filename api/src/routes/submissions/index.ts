// A commune's report for one round: read, save a draft, submit, and the Sở's approve / return /
// reopen. Registered under /api/periods (…/:period/submissions/:commune).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { formatNumber } from '@nq57/shared';
import {
  CommentBody,
  ErrorResponse,
  FIGURE_ABS_MAX,
  ReasonBody,
  SubmissionOut,
  SubmissionParams,
  SubmissionPutBody,
  SubmissionSaved,
  SubmitBody,
} from '@nq57/shared/schemas';
import { actorOf, assertCommuneAccess } from '../../auth';
import { ApiError } from '../../errors';
import { formSaved } from '../../services/data-version';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const submissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.submissions;

  /** onRequest, after the role check: a cán bộ xã reaches only their own commune (403 before any body is read) */
  const ownCommune = (mode: 'read' | 'write') => async (req: FastifyRequest) => {
    assertCommuneAccess(req, (req.params as { commune: string }).commune, mode);
  };

  app.get(
    '/:period/submissions/:commune',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Bản báo cáo của một xã trong một kỳ: số liệu, giá trị kỳ trước, lỗi, cảnh báo, nhận xét',
        description:
          'Quản trị và lãnh đạo xem mọi xã; cán bộ xã chỉ xem xã mình. Chưa có bản nào → status not_started, version 0. previousValue là số liệu đã duyệt của kỳ so sánh. Cảnh báo "gấp 3 lần kỳ trước" chỉ so với kỳ cùng loại (tháng với tháng, quý với quý).',
        params: SubmissionParams,
        response: { 200: SubmissionOut, ...errors },
      },
      onRequest: [app.requireRole(), ownCommune('read')],
    },
    async (req) => service.read(req.params.period, req.params.commune),
  );

  app.put(
    '/:period/submissions/:commune',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Lưu bản nháp (cán bộ xã của xã đó, hoặc quản trị)',
        description:
          'Chỉ các khóa được gửi thay đổi; null = xóa ô (để trống, khác với 0 = "không có"). Bản nháp được lưu CẢ KHI còn lỗi: errors liệt kê những gì chặn việc nộp. 400: dữ liệu không có hoặc kỳ này không yêu cầu, giá trị không phải số. 409: phiên bản cũ (người khác vừa lưu), đã duyệt (cần mở lại), đã nộp đang chờ duyệt (với cán bộ xã), kỳ đã đóng. Mỗi số liệu thay đổi ghi một dòng nhật ký (how = form) trong cùng giao dịch. clientId (tùy chọn, hàng đợi của trình duyệt khi mất mạng): gửi lại một lần lưu đã thực hiện → trả lại đúng kết quả lần đầu, không ghi lần hai, kể cả khi biểu mẫu đã đổi phiên bản, đã nộp hay kỳ đã đóng sau đó.',
        params: SubmissionParams,
        body: SubmissionPutBody,
        response: { 200: SubmissionSaved, ...errors },
      },
      onRequest: [app.requireRole('admin', 'commune'), ownCommune('write')],
      // Ajv would coerce "3.781" to 3.781 and "" to 0 ("không có"): a figure must arrive as a JSON number
      preValidation: async (req) => {
        const values = (req.body as { values?: unknown } | undefined)?.values;
        if (values && typeof values === 'object' && !Array.isArray(values)) {
          for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
            // 1e400 parses to Infinity, which JSON.stringify would print as "null"
            if (typeof v === 'number' && !Number.isFinite(v)) {
              throw new ApiError(400, 'NOT_A_NUMBER', `Trường "values.${k}" quá lớn: trị tuyệt đối không được vượt ${formatNumber(FIGURE_ABS_MAX)}`);
            }
            if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) {
              throw new ApiError(400, 'NOT_A_NUMBER', `Trường "values.${k}" phải là một số (JSON number) hoặc null, không phải ${JSON.stringify(v)}`);
            }
          }
        }
      },
    },
    async (req) => {
      const saved = await service.save(req.params.period, req.params.commune, actorOf(req), req.body);
      await formSaved(app.dataVersion, req.params.period, saved);
      return saved;
    },
  );

  /** submit and approve take an optional body: a bare POST is as good as {} */
  const emptyBody = async (req: FastifyRequest) => {
    if (req.body === undefined || req.body === null) req.body = {};
  };

  app.post(
    '/:period/submissions/:commune/submit',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Nộp số liệu cho Sở duyệt (cán bộ xã của xã đó, hoặc quản trị)',
        description: '400 khi còn lỗi hoặc cảnh báo chưa có giải trình (thông báo nêu tên từng ô). Thời điểm nộp lần đầu được giữ để tính đúng hạn.',
        params: SubmissionParams,
        body: SubmitBody,
        response: { 200: SubmissionOut, ...errors },
      },
      onRequest: [app.requireRole('admin', 'commune'), ownCommune('write')],
      preValidation: emptyBody,
    },
    async (req) => {
      const out = await service.submit(req.params.period, req.params.commune, actorOf(req), req.body ?? {});
      await app.dataVersion.changed({ period: req.params.period }); // rankings with includeSubmitted=true now see it
      return out;
    },
  );

  app.post(
    '/:period/submissions/:commune/approve',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Duyệt số liệu đã nộp (quản trị): số liệu được công bố, xếp hạng dùng ngay',
        params: SubmissionParams,
        body: SubmitBody,
        response: { 200: SubmissionOut, ...errors },
      },
      onRequest: app.requireRole('admin'),
      preValidation: emptyBody,
    },
    async (req) => {
      const out = await service.approve(req.params.period, req.params.commune, actorOf(req), req.body ?? {});
      await app.dataVersion.changed({ period: req.params.period });
      return out;
    },
  );

  app.post(
    '/:period/submissions/:commune/return',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Trả lại số liệu đã nộp kèm nhận xét (quản trị); xã sửa và nộp lại',
        params: SubmissionParams,
        body: CommentBody,
        response: { 200: SubmissionOut, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => {
      const out = await service.returnSubmission(req.params.period, req.params.commune, actorOf(req), req.body.comment);
      await app.dataVersion.changed({ period: req.params.period });
      app.reminders.worker.wake(); // the e-mail with the comment, queued by the return, goes now
      return out;
    },
  );

  app.post(
    '/:period/submissions/:commune/reopen',
    {
      schema: {
        tags: ['Nhập liệu'],
        summary: 'Mở lại số liệu đã duyệt để sửa, kèm lý do (quản trị)',
        description: 'Bản báo cáo trở về trạng thái bị trả lại (sửa được). Số liệu đã công bố giữ nguyên cho đến khi được duyệt lại.',
        params: SubmissionParams,
        body: ReasonBody,
        response: { 200: SubmissionOut, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => {
      const out = await service.reopen(req.params.period, req.params.commune, actorOf(req), req.body.reason);
      await app.dataVersion.changed({ period: req.params.period });
      return out;
    },
  );
};
export default submissionRoutes;
