// Files in: the import template of a round, the import itself (dry run, then commit), the record
// of past imports, and saved column mappings for files from other systems. Admin only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  ImportList,
  ImportQuery,
  ImportRefused as ImportRefusedSchema,
  ImportResult,
  MappingBody,
  MappingList,
  MappingOut,
  PeriodParams,
} from '@nq57/shared/schemas';
import { XLSX_TYPE, sendFile } from '../../services/export/format';
import { ImportRefused } from '../../services/import';
import { templateXlsx } from '../../services/import/template';
import { SPREADSHEET_TOO_LARGE, readUpload, registerUploads } from '../multipart';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // multipart only in the plugins that take files
  await registerUploads(app);
  // files are read in worker threads with a time limit (app.spreadsheets): a hostile file stalls only its own upload
  const service = app.imports;
  const admin = { onRequest: app.requireRole('admin') };

  app.get(
    '/periods/:period/template.xlsx',
    {
      ...admin,
      schema: {
        tags: ['Nhập tệp'],
        summary: 'Mẫu nhập số liệu của một kỳ (Excel)',
        description:
          'Một trang "Số liệu": mỗi dòng một xã (mã, tên), mỗi cột một dữ liệu kỳ này yêu cầu (tiêu đề tiếng Việt kèm đơn vị; dòng 2 là mã dữ liệu), ô định dạng số. Trang "Kỳ trước": số liệu đã duyệt của kỳ trước để đối chiếu. Trang "Hướng dẫn".',
        params: PeriodParams,
        response: { 200: { description: 'Tệp .xlsx', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } }, ...errors },
      },
    },
    async (req, reply) => {
      const { body, round } = await templateXlsx(app.database.db, req.params.period, app.now());
      return sendFile(reply, body, XLSX_TYPE, `mau-nhap-${round.code}.xlsx`, `Mẫu nhập ${round.name}.xlsx`);
    },
  );

  app.post(
    '/periods/:period/imports',
    {
      ...admin,
      schema: {
        tags: ['Nhập tệp'],
        summary: 'Nhập số liệu từ tệp Excel (.xlsx) hoặc CSV',
        description:
          'multipart/form-data: trường `file` (tối đa 10 MB, 5.000 dòng, 300 cột, 200.000 ô, 50 MB khi giải nén; quá giới hạn → 413, đọc quá 15 giây → 422), tùy chọn `mapping` (tên cách ghép cột đã lưu, hoặc JSON {"tiêu đề cột": "mã dữ liệu"}), `mode` (submitted mặc định: vào báo cáo của xã, chờ duyệt | approved: Sở duyệt ngay) và `confirm` (với approved: số biểu mẫu sẽ duyệt mà lần kiểm tra trước đã báo; thiếu hoặc sai → 409). Với dryRun=true chỉ kiểm tra, không ghi gì. Không có dryRun: ghi tất cả trong một giao dịch, hoặc không ghi gì và trả 400 kèm danh sách lỗi. Nhập lại cùng một tệp không thay đổi gì.',
        params: PeriodParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: {
          200: ImportResult,
          400: ImportRefusedSchema,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          422: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const { file, fields } = await readUpload(req, SPREADSHEET_TOO_LARGE);
      try {
        const result = await service.run({
          periodCode: req.params.period,
          fileName: file.name,
          bytes: file.bytes,
          mapping: fields.mapping,
          mode: fields.mode,
          confirm: fields.confirm,
          dryRun: req.query.dryRun === true,
          actor: req.user!.username,
        });
        if (!result.dryRun) await app.dataVersion.changed({ period: req.params.period });
        return result;
      } catch (e) {
        if (e instanceof ImportRefused) {
          return reply.code(400).send({ statusCode: 400, code: e.code, message: e.message, problems: e.problems, summary: e.summary });
        }
        throw e;
      }
    },
  );

  app.get(
    '/periods/:period/imports',
    {
      ...admin,
      schema: {
        tags: ['Nhập tệp'],
        summary: 'Các lần nhập tệp của một kỳ (mới nhất trước)',
        params: PeriodParams,
        response: { 200: ImportList, ...errors },
      },
    },
    async (req) => service.history(req.params.period),
  );

  app.get(
    '/import-mappings',
    {
      ...admin,
      schema: { tags: ['Nhập tệp'], summary: 'Các cách ghép cột đã lưu', response: { 200: MappingList, ...errors } },
    },
    async () => ({ mappings: await service.mappings() }),
  );

  app.post(
    '/import-mappings',
    {
      ...admin,
      schema: {
        tags: ['Nhập tệp'],
        summary: 'Lưu (hoặc thay) một cách ghép cột theo tên',
        description: 'Dùng lại cho tệp sau cùng nguồn, ví dụ tệp xuất theo xã của nền tảng Bình dân học vụ số hay Cổng dịch vụ công.',
        body: MappingBody,
        response: { 200: MappingOut, ...errors },
      },
    },
    async (req) => service.saveMapping(req.body, req.user!.username),
  );
};
export default importRoutes;
