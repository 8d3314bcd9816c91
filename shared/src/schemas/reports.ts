// Shapes of the report routes (issue 11): a commune's narrative report read into proposed figures,
// and the figures a person accepts into the commune's form. Declared once: Fastify validates with
// them, /docs documents them, the web types from them. Offsets are UTF-16 code units into `text`,
// as JavaScript's String.prototype.slice counts them.
import { Type, type Static, type TSchema } from 'typebox';
import { CheckIssue, FIGURE_ABS_MAX, SubmissionStatus } from './workflow';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });
const DateStr = (description: string) => Type.String({ format: 'date', description });
const Offset = (description: string) => Type.Integer({ minimum: 0, description });

export const ReportParams = Type.Object({
  period: Type.String({ minLength: 1, maxLength: 64, description: 'Mã kỳ' }),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Số của lần đọc báo cáo' }),
});

export const ReportFormat = Type.Union([Type.Literal('docx'), Type.Literal('pdf'), Type.Literal('txt')], d('Loại tệp đã đọc'));

const Place = {
  quote: Type.String(d('Câu chứa số liệu, đúng như trong text (text.slice(quoteStart, quoteEnd))')),
  quoteStart: Offset('Vị trí đầu câu trong text'),
  quoteEnd: Offset('Vị trí cuối câu trong text'),
  start: Offset('Vị trí đầu số liệu trong text: text.slice(start, end) là số như báo cáo viết ("3.781", "trên 90%")'),
  end: Offset('Vị trí cuối số liệu trong text'),
};

const ReportValue = {
  value: Type.Number(d('Giá trị theo đơn vị của dữ liệu: % từ 0 đến 100, tiền là đồng (số nguyên), số đếm là số nguyên')),
  approximate: Type.Boolean(d('Báo cáo viết kèm "trên", "gần", "hơn", "khoảng"…: số gần đúng')),
  asOf: Nullable(DateStr('Ngày số liệu được tính đến, khi câu nêu ("tính đến ngày 11/11/2025")')),
  source: Type.Union([Type.Literal('stated'), Type.Literal('denominator'), Type.Literal('sum')], {
    description: 'stated: nêu thẳng; denominator: số thứ hai của cặp "a/b"; sum: cộng các phần trong một câu ("05 … và 33 chứng thư số")',
  }),
};

export const ReportAlternative = Type.Object({ ...ReportValue, ...Place }, d('Cùng dữ liệu, báo cáo nêu ở chỗ khác với giá trị khác'));

export const ReportCandidate = Type.Object({
  element: Type.String(d('Mã dữ liệu')),
  name: Type.String(d('Tên dữ liệu')),
  unit: Type.String(d('Đơn vị của dữ liệu: count, percent, vnd, boolean, per_1000')),
  asked: Type.Boolean(d('true: kỳ này thu dữ liệu này, có thể ghi vào biểu mẫu; false: "kỳ này không thu", chỉ để xem')),
  ...ReportValue,
  ...Place,
  parts: Type.Array(
    Type.Object({ value: Type.Number(), approximate: Type.Boolean(), start: Offset('Vị trí đầu'), end: Offset('Vị trí cuối') }),
    d('Với source = sum: từng số đã cộng, mỗi số có vị trí riêng trong text'),
  ),
  alternatives: Type.Array(ReportAlternative, d('Giá trị khác của cùng dữ liệu trong báo cáo (số mới nhất được đề xuất)')),
});

export const ReportWritten = Type.Object({
  element: Type.String(d('Mã dữ liệu')),
  value: Nullable(Type.Number(d('Giá trị đã ghi vào biểu mẫu'))),
  actor: Type.String(d('Người xác nhận')),
  at: Type.String(d('Thời điểm ghi')),
});

export const ReportReadOut = Type.Object({
  id: Type.Integer(d('Số của lần đọc: mở lại bằng GET …/reports/:id')),
  period: Type.String(d('Mã kỳ')),
  fileName: Type.String(d('Tên tệp đã tải lên')),
  format: ReportFormat,
  size: Type.Integer(d('Dung lượng tệp, byte')),
  sha256: Type.String(d('SHA-256 của tệp')),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(d('Thời điểm tải lên')),
  commune: Nullable(
    Type.Object({ code: Type.String(), name: Type.String() }, d('Xã của báo cáo: xã đã chọn (cán bộ xã: xã mình), nếu không thì xã nhận ra từ báo cáo; null: chưa biết, hãy chọn trước khi ghi')),
  ),
  detected: Nullable(
    Type.Object(
      { code: Type.String(), name: Type.String(), evidence: Type.String(d('Chữ trong báo cáo nêu tên xã, ví dụ "UBND Xã Xốp"')) },
      d('Xã nhận ra từ phần đầu báo cáo ("ỦY BAN NHÂN DÂN / XÃ …", "Xã …, ngày …"); null khi không nhận ra chắc chắn'),
    ),
  ),
  reportDate: Nullable(DateStr('Ngày ký báo cáo, đọc từ phần đầu')),
  text: Type.String(d('Chữ của báo cáo, đúng như đã lưu và đã đọc: các vị trí (start, end, quoteStart, quoteEnd) trỏ vào đây')),
  candidates: Type.Array(ReportCandidate, d('Số liệu đề xuất, theo thứ tự trong văn bản; chưa ghi gì vào biểu mẫu')),
  warnings: Type.Array(Type.String(), d('Điều người xác nhận nên biết: số khớp nhiều dữ liệu, xã chọn khác xã trong báo cáo…')),
  written: Type.Array(ReportWritten, d('Số liệu từ báo cáo này đã ghi vào biểu mẫu, cũ trước mới sau')),
});

export const ReportAcceptBody = Type.Object({
  version: Type.Integer({ minimum: 0, description: 'Phiên bản biểu mẫu của xã đã đọc (GET …/submissions/:commune); khác bản mới nhất → 409' }),
  commune: Type.Optional(
    Type.String({ minLength: 1, maxLength: 16, description: 'Mã xã, khi lần đọc chưa biết xã (quản trị chọn); phải trùng xã của lần đọc nếu đã có' }),
  ),
  figures: Type.Array(
    Type.Object({
      element: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$', description: 'Mã dữ liệu, một trong các số đề xuất của lần đọc này' }),
      value: Type.Number({ minimum: -FIGURE_ABS_MAX, maximum: FIGURE_ABS_MAX, description: 'Giá trị người xác nhận chấp nhận (có thể đã sửa), theo đơn vị của dữ liệu' }),
    }),
    { minItems: 1, maxItems: 200, description: 'Các số đã chọn' },
  ),
});

export const ReportAccepted = Type.Object({
  commune: Type.String(d('Mã xã đã ghi vào biểu mẫu')),
  version: Type.Integer(d('Phiên bản biểu mẫu sau khi ghi')),
  status: SubmissionStatus,
  errors: Type.Array(CheckIssue, d('Lỗi chặn việc nộp, như biểu mẫu báo')),
  warnings: Type.Array(CheckIssue, d('Cảnh báo cần giải trình, như biểu mẫu báo')),
  written: Type.Array(ReportWritten, d('Số liệu từ báo cáo này đã ghi vào biểu mẫu, kể cả lần này')),
});

export type ReportReadOut = Static<typeof ReportReadOut>;
export type ReportCandidate = Static<typeof ReportCandidate>;
export type ReportAlternative = Static<typeof ReportAlternative>;
export type ReportWritten = Static<typeof ReportWritten>;
export type ReportAcceptBody = Static<typeof ReportAcceptBody>;
export type ReportAccepted = Static<typeof ReportAccepted>;
export type ReportFormat = Static<typeof ReportFormat>;
