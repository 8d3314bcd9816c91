// Shapes of the contacts and reminders (issue 14): each commune's contacts, their import from a
// spreadsheet, the reminders queued and sent, and the dry run of "Nhắc ngay".
// Declared once: Fastify validates with them, /docs documents them, the web types from them.
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });

export const ReminderKind = Type.Union([Type.Literal('due_soon'), Type.Literal('overdue'), Type.Literal('returned'), Type.Literal('manual')], {
  description:
    'due_soon: trước hạn nộp (mặc định 3 ngày và 1 ngày) cho xã chưa báo cáo; overdue: ngày sau hạn nộp, rồi hằng tuần, cho xã vẫn chưa báo cáo; returned: Sở trả lại báo cáo, kèm nhận xét; manual: Sở bấm "Nhắc ngay"',
});

// ── Contacts ────────────────────────────────────────────────────────────────────────────

export const CommuneContactOut = Type.Object({
  commune: Type.String(d('Mã xã')),
  communeName: Type.String(d('Tên xã')),
  ubndEmail: Nullable(Type.String(d('E-mail chính thức của UBND xã'))),
  ubndPhone: Nullable(Type.String(d('Điện thoại UBND xã: các chữ số từ số 0 đầu, ví dụ 02553822123'))),
  officerName: Nullable(Type.String(d('Họ tên cán bộ phụ trách chuyển đổi số'))),
  officerEmail: Nullable(Type.String(d('E-mail của cán bộ phụ trách'))),
  officerPhone: Nullable(Type.String(d('Điện thoại của cán bộ phụ trách, ví dụ 0905123456'))),
  updatedBy: Nullable(Type.String(d('Người cập nhật lần cuối; null khi chưa có thông tin'))),
  updatedAt: Nullable(Type.String(d('Lần cập nhật cuối'))),
});
export const ContactList = Type.Object({
  contacts: Type.Array(CommuneContactOut, d('Mọi xã, phường, đặc khu theo thứ tự danh mục; các trường null khi chưa có')),
});

const ContactText = (description: string, maxLength = 254) => Type.Optional(Nullable(Type.String({ maxLength, description })));
export const CommuneContactBody = Type.Object({
  ubndEmail: ContactText('E-mail UBND; trống hoặc null = không có'),
  ubndPhone: ContactText('Điện thoại UBND (di động 10 số, cố định 11 số; viết có dấu cách, dấu chấm hay +84 đều được)', 30),
  officerName: ContactText('Họ tên cán bộ phụ trách', 100),
  officerEmail: ContactText('E-mail cán bộ phụ trách'),
  officerPhone: ContactText('Điện thoại cán bộ phụ trách', 30),
});
export const CommuneParams = Type.Object({ commune: Type.String({ minLength: 1, maxLength: 16, description: 'Mã xã' }) });

export const ContactsQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], d('csv: tệp CSV (UTF-8 có BOM) cùng bố cục với tệp nhập, để sửa rồi nhập lại'))),
});
export const ContactsImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean(d('true: chỉ kiểm tra, không ghi gì'))),
});
export const ContactsImportProblem = Type.Object({
  row: Nullable(Type.Integer(d('Số dòng trong tệp, như Excel hiển thị; null khi lỗi thuộc cả tệp'))),
  column: Nullable(Type.String(d('Tiêu đề cột có lỗi; null khi lỗi thuộc cả dòng'))),
  message: Type.String(d('Lý do, tiếng Việt')),
});
export const ContactsImportResult = Type.Object({
  dryRun: Type.Boolean(d('true: chưa ghi gì')),
  fileName: Type.String(),
  rows: Type.Integer(d('Số dòng đọc được (mỗi dòng một xã)')),
  changed: Type.Integer(d('Số xã có thông tin liên hệ thêm mới hoặc thay đổi')),
  unchanged: Type.Integer(d('Số xã có thông tin giống hệt đã có')),
  ignoredColumns: Type.Array(Type.String(), d('Tiêu đề cột không phải thông tin liên hệ: bỏ qua (ví dụ "Ghi chú")')),
  communes: Type.Array(
    Type.Object({ commune: Type.String(), communeName: Type.String(), change: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]) }),
    d('Từng xã trong tệp: thêm mới, thay đổi hay giữ nguyên'),
  ),
});
export const ContactsImportRefused = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(d('CONTACTS_HAVE_ERRORS, BAD_FILE, …')),
    message: Type.String(d('Thông báo tiếng Việt')),
    problems: Type.Optional(Type.Array(ContactsImportProblem)),
  },
  d('Tệp bị từ chối: không có gì được ghi (tất cả hoặc không)'),
);

// ── Reminders ───────────────────────────────────────────────────────────────────────────

export const MailStatus = Type.Object(
  {
    configured: Type.Boolean(d('Có máy chủ gửi thư (SMTP_URL). false: không thư nào được gửi, thư nhắc vẫn được ghi lại')),
    auto: Type.Boolean(d('Tự động nhắc trước, sau hạn và khi trả lại (AUTO_REMINDERS). false: chỉ gửi khi Sở bấm "Nhắc ngay"')),
    daysBefore: Type.Array(Type.Integer(), d('Nhắc trước hạn nộp bao nhiêu ngày (REMINDER_DAYS_BEFORE); sau hạn: ngày kế tiếp rồi hằng tuần')),
  },
  d('Tình trạng gửi thư của hệ thống'),
);

export const RemindersQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean(d('true: chỉ cho biết sẽ nhắc những xã nào, không gửi gì'))),
});
export const ReminderRecipient = Type.Object({
  commune: Type.String(d('Mã xã')),
  communeName: Type.String(d('Tên xã')),
  emails: Type.Array(Type.String(), d('Địa chỉ nhận: e-mail UBND và e-mail cán bộ phụ trách; rỗng khi xã chưa có e-mail (không gửi được)')),
  kind: ReminderKind,
});
export const RemindersSent = Type.Object({
  dryRun: Type.Boolean(d('true: chưa gửi gì')),
  recipients: Type.Array(ReminderRecipient, d('Các xã chưa báo cáo được nhắc lần này (một thư mỗi xã); xã đã được nhắc hôm nay không có ở đây')),
  mail: MailStatus,
});

export const ReminderStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('cancelled')],
  {
    description:
      'pending: chờ gửi (hoặc chờ thử lại); sending: đang gửi; sent: máy chủ thư đã nhận; failed: gửi không được sau nhiều lần thử; cancelled: không gửi nữa (xã đã báo cáo, kỳ đã đóng, không có địa chỉ, …)',
  },
);
export const ReminderAttemptOut = Type.Object({
  at: Type.String(d('Thời điểm thử')),
  result: Type.Union([Type.Literal('sent'), Type.Literal('failed'), Type.Literal('gave_up'), Type.Literal('cancelled')], {
    description: 'sent: đã gửi; failed: lỗi, sẽ thử lại; gave_up: lỗi, thôi không thử nữa; cancelled: không gửi',
  }),
  error: Nullable(Type.String(d('Lỗi hoặc lý do'))),
});
export const ReminderOut = Type.Object({
  commune: Type.String(d('Mã xã')),
  communeName: Type.String(d('Tên xã')),
  kind: ReminderKind,
  day: Type.String({ format: 'date', description: 'Ngày của thư nhắc (mỗi xã, mỗi loại, mỗi ngày nhiều nhất một thư)' }),
  to: Type.Array(Type.String(), d('Địa chỉ nhận')),
  status: ReminderStatus,
  at: Type.String(d('Lần cuối có việc: gửi xong, lần thử cuối, hoặc lúc xếp vào hàng đợi')),
  error: Nullable(Type.String(d('Lỗi của lần thử cuối, hoặc lý do không gửi'))),
  attempts: Type.Array(ReminderAttemptOut, d('Mọi lần thử gửi và kết quả, cũ trước')),
  comment: Nullable(Type.String(d('Nhận xét của Sở (thư báo trả lại)'))),
  createdBy: Type.String(d('Ai xếp thư: system (lịch nhắc) hoặc tên đăng nhập của cán bộ Sở')),
});
export const RemindersLog = Type.Object({
  reminders: Type.Array(ReminderOut, d('Mới nhất trước')),
  mail: MailStatus,
});

export type ReminderKind = Static<typeof ReminderKind>;
export type CommuneContactOut = Static<typeof CommuneContactOut>;
export type ContactList = Static<typeof ContactList>;
export type CommuneContactBody = Static<typeof CommuneContactBody>;
export type ContactsImportResult = Static<typeof ContactsImportResult>;
export type ContactsImportProblem = Static<typeof ContactsImportProblem>;
export type MailStatus = Static<typeof MailStatus>;
export type ReminderRecipient = Static<typeof ReminderRecipient>;
export type RemindersSent = Static<typeof RemindersSent>;
export type ReminderOut = Static<typeof ReminderOut>;
export type RemindersLog = Static<typeof RemindersLog>;
