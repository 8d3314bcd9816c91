// Each commune's contacts (issue 14): the list (admin and leader: /tien-do shows it), one commune
// saved from /quan-tri/lien-he, and the import from a spreadsheet (admin). Registered under
// /api/contacts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CommuneContactBody,
  CommuneContactOut,
  CommuneParams,
  ContactList,
  ContactsImportQuery,
  ContactsImportRefused,
  ContactsImportResult,
  ContactsQuery,
  ErrorResponse,
} from '@nq57/shared/schemas';
import { CSV_TYPE, sendFile } from '../../services/export/format';
import { ContactsRefused } from '../../services/contacts';
import { SPREADSHEET_TOO_LARGE, readUpload, registerUploads } from '../multipart';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await registerUploads(app);
  const service = app.contacts;

  app.get(
    '/',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: 'Thông tin liên hệ của mọi xã: e-mail, điện thoại UBND và cán bộ phụ trách (quản trị, lãnh đạo)',
        description: 'format=csv: tệp CSV cùng bố cục với tệp nhập (Mã xã, Tên xã, E-mail UBND, Điện thoại UBND, Cán bộ phụ trách, E-mail cán bộ, Điện thoại cán bộ), để sửa bằng Excel rồi nhập lại.',
        querystring: ContactsQuery,
        response: { 200: ContactList, ...errors },
      },
      onRequest: app.requireRole('admin', 'leader'),
    },
    async (req, reply) => {
      if (req.query.format === 'csv') return sendFile(reply, Buffer.from(await service.csv()), CSV_TYPE, 'lien-he-cac-xa.csv', 'Liên hệ các xã.csv');
      return service.list();
    },
  );

  app.put(
    '/:commune',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: 'Lưu thông tin liên hệ của một xã (quản trị)',
        description:
          'Thay toàn bộ thông tin liên hệ của xã bằng nội dung gửi lên; trường trống, null hoặc không gửi = không có. E-mail phải đúng dạng; điện thoại là số Việt Nam (di động 10 số, cố định 11 số; +84, dấu cách, dấu chấm đều được, lưu dạng chữ số từ số 0 đầu). 400 nêu từng trường sai, bằng tiếng Việt.',
        params: CommuneParams,
        body: CommuneContactBody,
        response: { 200: CommuneContactOut, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => service.save(req.params.commune, req.body, req.user!.username),
  );

  app.post(
    '/import',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: 'Nhập thông tin liên hệ từ tệp Excel (.xlsx) hoặc CSV (quản trị)',
        description:
          'multipart/form-data, trường `file` (tối đa 10 MB). Dòng tiêu đề có cột Mã xã hoặc Tên xã và các cột liên hệ (như tệp tải về với format=csv); mỗi dòng một xã. Cột có trong tệp thay giá trị cũ (ô trống = xóa); cột không có trong tệp giữ nguyên. Tất cả hoặc không: một lỗi (e-mail, số điện thoại sai, xã không nhận ra, một xã hai dòng) là không ghi gì, trả 400 kèm từng lỗi theo dòng và cột. dryRun=true: chỉ kiểm tra.',
        querystring: ContactsImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ContactsImportResult, 400: ContactsImportRefused, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const { file } = await readUpload(req, SPREADSHEET_TOO_LARGE);
      try {
        return await service.importFile(file.bytes, file.name, { dryRun: req.query.dryRun === true, actor: req.user!.username });
      } catch (e) {
        if (e instanceof ContactsRefused) return reply.code(400).send({ statusCode: 400, code: e.code, message: e.message, problems: e.problems });
        throw e;
      }
    },
  );
};
export default contactRoutes;
