// A commune's narrative report (issue 11): upload and read it into proposed figures (nothing
// written but the upload), reopen a read, download the file, and accept chosen figures into the
// commune's form through the form's own save. Registered under /api/periods.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse, PeriodParams, ReportAcceptBody, ReportAccepted, ReportParams, ReportReadOut } from '@nq57/shared/schemas';
import { actorOf, assertCommuneAccess } from '../../auth';
import { formSaved } from '../../services/data-version';
import { sendFile } from '../../services/export/format';
import { MAX_REPORT_BYTES, TOO_LARGE_MESSAGE } from '../../services/reports/sniff';
import { readUpload } from '../multipart';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
} as const;

const access = (req: FastifyRequest, mode: 'read' | 'write') => (communeCode: string) => assertCommuneAccess(req, communeCode, mode);

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // multipart in this scope only, as for the import
  await app.register(multipart, {
    limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    throwFileSizeLimit: true,
  });
  const service = app.reports;

  app.post(
    '/:period/reports',
    {
      schema: {
        tags: ['Đọc báo cáo'],
        summary: 'Đọc báo cáo bằng lời của một xã (Word, PDF, văn bản): đề xuất số liệu kèm câu gốc, chưa ghi số nào',
        description:
          'multipart/form-data: trường `file` (.docx, .pdf có chữ, .txt UTF-8/UTF-16; tối đa 10 MB) và tùy chọn `commune` (mã xã; cán bộ xã chỉ được xã mình, bỏ trống = xã mình; quản trị bỏ trống = xã nhận ra từ báo cáo). Lưu tệp, chữ đã đọc và các đề xuất (mở lại bằng GET …/reports/:id); KHÔNG ghi số liệu nào: số liệu chỉ vào biểu mẫu khi người dùng chấp nhận (…/accept). Đọc được ở mọi kỳ, đang mở hay đã đóng. 400: tệp rỗng, PDF không có chữ (bản quét), tệp đặt mật khẩu, phông chữ cũ TCVN3/VNI, tệp hỏng. 413: quá 10 MB, văn bản quá dài, hoặc đọc quá lâu. 415: Word đời cũ (.doc), ảnh, bảng tính, loại tệp khác. 503: đang đọc nhiều báo cáo cùng lúc.',
        params: PeriodParams,
        consumes: ['multipart/form-data'],
        response: { 200: ReportReadOut, ...errors, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse },
      },
      onRequest: app.requireRole('admin', 'commune'),
    },
    async (req) => {
      const { file, fields } = await readUpload(req, TOO_LARGE_MESSAGE);
      const asked = fields.commune?.trim() || null;
      const user = req.user!;
      return service.read({
        periodCode: req.params.period,
        communeCode: user.role === 'commune' ? (asked ?? user.communeCode) : asked,
        file,
        actor: actorOf(req),
        authorize: access(req, 'write'),
      });
    },
  );

  app.get(
    '/:period/reports/:id',
    {
      schema: {
        tags: ['Đọc báo cáo'],
        summary: 'Mở lại một lần đọc báo cáo: chữ, các đề xuất, số đã ghi vào biểu mẫu',
        description: 'Quản trị và lãnh đạo xem mọi lần đọc; cán bộ xã chỉ xem báo cáo của xã mình.',
        params: ReportParams,
        response: { 200: ReportReadOut, ...errors },
      },
      onRequest: app.requireRole(),
    },
    async (req) => service.get(req.params.period, req.params.id, access(req, 'read')),
  );

  app.get(
    '/:period/reports/:id/file',
    {
      schema: {
        tags: ['Đọc báo cáo'],
        summary: 'Tải về tệp báo cáo gốc đã đọc',
        params: ReportParams,
        response: { 200: { description: 'Tệp như đã tải lên', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
      },
      onRequest: app.requireRole(),
    },
    async (req, reply) => {
      const f = await service.file(req.params.period, req.params.id, access(req, 'read'));
      return sendFile(reply, f.bytes, TYPES[f.format], `bao-cao-${req.params.id}.${f.format}`, f.name);
    },
  );

  app.post(
    '/:period/reports/:id/accept',
    {
      schema: {
        tags: ['Đọc báo cáo'],
        summary: 'Ghi các số đã chọn từ báo cáo vào biểu mẫu của xã (như lưu bản nháp)',
        description:
          'Mỗi số là một đề xuất của lần đọc này, giá trị có thể đã sửa. Ghi qua đúng đường lưu của biểu mẫu (PUT …/submissions/:commune): cùng kiểm tra, cảnh báo, phiên bản (409 khi phiên bản cũ), kỳ đã đóng bị từ chối (409), đã nộp chờ duyệt (409 với cán bộ xã), đã duyệt (409). Nhật ký ghi how = report kèm câu gốc của từng số. Biểu mẫu vẫn là bản nháp: chưa có gì vào xếp hạng cho đến khi xã nộp và Sở duyệt.',
        params: ReportParams,
        body: ReportAcceptBody,
        response: { 200: ReportAccepted, ...errors, 409: ErrorResponse },
      },
      onRequest: app.requireRole('admin', 'commune'),
    },
    async (req) => {
      const saved = await service.accept(req.params.period, req.params.id, actorOf(req), req.body, access(req, 'write'));
      await formSaved(app.dataVersion, req.params.period, saved);
      return saved;
    },
  );
};
export default reportRoutes;
