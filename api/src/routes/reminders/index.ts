// Reminders of a round (issue 14): "Nhắc ngay" and its dry run, the log of every message and
// attempt, and the official reminder letter. Registered under /api/periods.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, PeriodParams, RemindersLog, RemindersQuery, RemindersSent } from '@nq57/shared/schemas';
import { DOCX_TYPE, sendFile } from '../../services/export/format';
import { reminderLetterDocx } from '../../services/export/reminder-letter';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const reminderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:period/reminders',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: '"Nhắc ngay": gửi thư nhắc tới các xã chưa báo cáo (quản trị); dryRun=true chỉ cho biết sẽ nhắc ai',
        description:
          'Một thư mỗi xã chưa báo cáo (chưa bắt đầu, đang nhập, bị trả lại), gửi tới e-mail UBND và e-mail cán bộ phụ trách, có tên kỳ, hạn nộp (dd/mm/yyyy) và đường dẫn tới trang Nhập liệu. Không bao giờ gửi cho xã đã báo cáo (đã nộp, đã duyệt). Mỗi xã, mỗi kỳ, mỗi loại thư nhiều nhất một thư mỗi ngày: gọi lại trong ngày không gửi thêm gì (recipients rỗng). Thư được ghi vào hàng đợi rồi mới gửi: không mất, không gửi hai lần, kể cả khi có nhiều máy chủ ứng dụng. Không có SMTP_URL: thư được ghi lại nhưng không gửi (mail.configured = false). 409: kỳ đã đóng.',
        params: PeriodParams,
        querystring: RemindersQuery,
        response: { 200: RemindersSent, ...errors, 409: ErrorResponse },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => app.reminders.remind(req.params.period, { dryRun: req.query.dryRun === true, actor: req.user!.username }),
  );

  app.get(
    '/:period/reminders',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: 'Nhật ký thư nhắc của một kỳ: mọi thư, mọi lần gửi và kết quả (quản trị, lãnh đạo)',
        description: 'Mới nhất trước. status: pending chờ gửi, sending đang gửi, sent đã gửi, failed thôi không thử nữa, cancelled không gửi (có lý do ở error).',
        params: PeriodParams,
        response: { 200: RemindersLog, ...errors },
      },
      onRequest: app.requireRole('admin', 'leader'),
    },
    async (req) => app.reminders.log(req.params.period),
  );

  app.get(
    '/:period/reminder-letter.docx',
    {
      schema: {
        tags: ['Liên hệ và nhắc việc'],
        summary: 'Công văn đôn đốc các xã quá hạn nộp báo cáo (Word, quản trị, lãnh đạo)',
        description:
          'Thể thức văn bản hành chính như báo cáo tổng hợp (Nghị định 30/2020/NĐ-CP): cơ quan ban hành, số, trích yếu "V/v đôn đốc…", quốc hiệu, tiêu ngữ, địa danh và ngày; kính gửi UBND các xã quá hạn; danh sách từng xã với số ngày quá hạn và phần còn thiếu; nơi nhận và chỗ ký. 409 khi chưa có xã nào quá hạn.',
        params: PeriodParams,
        response: {
          200: { description: 'Tệp .docx', content: { [DOCX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
          ...errors,
          409: ErrorResponse,
        },
      },
      onRequest: app.requireRole('admin', 'leader'),
    },
    async (req, reply) => {
      // one instant for the list of overdue communes and the letter's "Đến ngày …" (the app's clock, fixed in tests)
      const now = app.now();
      const progress = await app.submissions.completeness(req.params.period, undefined, now);
      const body = await reminderLetterDocx({ progress, publicUrl: app.reminders.publicUrl, now });
      return sendFile(reply, body, DOCX_TYPE, `cong-van-don-doc-${progress.period.code}.docx`, `Công văn đôn đốc ${progress.period.name}.docx`);
    },
  );
};
export default reminderRoutes;
