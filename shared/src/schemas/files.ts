// Shapes of the file routes (issue 6): spreadsheet import, saved column mappings, exports.
// Declared once: Fastify validates with them, /docs documents them, the web types from them.
import { Type, type Static, type TSchema } from 'typebox';
import { ReleaseQuery } from './releases';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });

export const ImportMode = Type.Union([Type.Literal('approved'), Type.Literal('submitted')], {
  description:
    'submitted (mặc định): vào báo cáo của xã ở trạng thái "đã nộp", chờ Sở duyệt như mọi báo cáo; approved: Sở duyệt ngay, vào bảng xếp hạng — phải xác nhận (trường confirm) sau khi lần kiểm tra trước cho biết sẽ duyệt bao nhiêu biểu mẫu chưa nộp, chưa đủ hoặc quá hạn. Nhập tệp không bao giờ thay đổi việc xã đã nộp hay chưa, nộp lúc nào.',
});

export const ImportApproval = Type.Object(
  {
    forms: Type.Integer(d('Số biểu mẫu của xã sẽ được duyệt (mọi xã có số liệu mới hoặc thay đổi trong tệp)')),
    notSubmitted: Type.Integer(d('Trong đó: xã chưa tự nộp (chưa bắt đầu, đang nhập, bị trả lại)')),
    unfinished: Type.Integer(d('Trong đó: biểu mẫu còn ô trống sau khi nhập')),
    overdue: Type.Integer(d('Trong đó: xã đã quá hạn mà chưa nộp (sẽ vẫn tính là nộp muộn)')),
    communes: Type.Array(
      Type.Object({
        communeCode: Type.String(),
        communeName: Type.String(),
        state: Type.String(d('Trạng thái hiện tại: chưa bắt đầu, đang nhập, …')),
        filled: Type.Integer(d('Số ô có số liệu sau khi nhập')),
        required: Type.Integer(d('Số ô kỳ này yêu cầu')),
        daysOverdue: Nullable(Type.Integer(d('Số ngày quá hạn, khi chưa nộp mà đã quá hạn'))),
      }),
      d('Các xã cần lưu ý (chưa nộp, chưa đủ hoặc quá hạn)'),
    ),
  },
  d('Chế độ approved: những gì sẽ được duyệt, để Sở xác nhận trước khi ghi'),
);

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean(d('true: chỉ kiểm tra, không ghi gì; bỏ trống hoặc false: ghi vào cơ sở dữ liệu'))),
});

export const ImportProblem = Type.Object({
  row: Nullable(Type.Integer(d('Số dòng trong tệp, như Excel hiển thị (1 là dòng đầu); null khi lỗi thuộc cả tệp'))),
  column: Nullable(Type.String(d('Cột, như Excel hiển thị (A, B, …, AA), kèm tiêu đề; null khi lỗi thuộc cả dòng'))),
  message: Type.String(d('Lý do, tiếng Việt')),
  level: Type.Union([Type.Literal('error'), Type.Literal('warning')], {
    description: 'error: chặn việc ghi (cả tệp không được ghi khi còn lỗi); warning: chỉ lưu ý (ví dụ gấp hơn 3 lần kỳ trước), không chặn',
  }),
  element: Nullable(Type.String(d('Mã dữ liệu liên quan, nếu có'))),
  commune: Nullable(Type.String(d('Mã xã của dòng, nếu đã nhận ra'))),
});

export const ImportSummary = Type.Object(
  {
    create: Type.Integer(d('Số liệu sẽ được thêm mới (chưa có)')),
    update: Type.Integer(d('Số liệu sẽ thay đổi')),
    unchanged: Type.Integer(d('Số liệu giống hệt số đã có')),
    rejected: Type.Integer(d('Số liệu bị từ chối: mọi ô có số của các dòng có lỗi')),
    rows: Type.Integer(d('Số dòng số liệu đọc được')),
    rowsRejected: Type.Integer(d('Số dòng có lỗi')),
    communes: Type.Integer(d('Số xã có ít nhất một số liệu thêm mới hoặc thay đổi')),
  },
  d('Đếm theo từng số liệu (ô), trừ rows / rowsRejected / communes'),
);

export const ImportColumnOut = Type.Object({
  column: Type.String(d('Cột (A, B, …)')),
  header: Type.String(d('Tiêu đề trong tệp')),
  role: Type.Union([Type.Literal('communeCode'), Type.Literal('communeName'), Type.Literal('element'), Type.Literal('ignore'), Type.Literal('unknown')], {
    description: 'Cột được hiểu là: mã xã, tên xã, một dữ liệu, bỏ qua, hoặc chưa nhận ra',
  }),
  element: Nullable(Type.String(d('Mã dữ liệu, khi role = element'))),
});

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(d('true: chưa ghi gì')),
  fileName: Type.String(),
  sha256: Type.String(d('SHA-256 của tệp')),
  mode: ImportMode,
  summary: ImportSummary,
  columns: Type.Array(ImportColumnOut, d('Cách đọc từng cột của tệp')),
  unknownColumns: Type.Array(Type.String(), d('Tiêu đề cột chưa nhận ra: ghép với dữ liệu rồi thử lại')),
  problems: Type.Array(ImportProblem, d('Mọi vấn đề, theo thứ tự dòng')),
  approval: Nullable(ImportApproval),
  importId: Type.Optional(Type.Integer(d('Mã lần nhập, khi đã ghi'))),
});

export const ImportRefused = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(d('IMPORT_HAS_ERRORS, BAD_FILE, FILE_TOO_LARGE, …')),
    message: Type.String(d('Thông báo tiếng Việt')),
    problems: Type.Optional(Type.Array(ImportProblem)),
    summary: Type.Optional(ImportSummary),
  },
  d('Tệp bị từ chối: không có gì được ghi'),
);

export const MappingColumns = Type.Record(
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.String({
    maxLength: 64,
    pattern: '^([a-z0-9_]*|@commune_code|@commune_name)$',
    description: 'Mã dữ liệu; "" = bỏ qua cột; @commune_code / @commune_name = cột mã / tên xã',
  }),
  { description: '{ "tiêu đề cột của họ": "mã dữ liệu" }', maxProperties: 200 },
);

export const MappingBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Tên cách ghép cột, ví dụ "Bình dân học vụ số — theo xã"' }),
  columns: MappingColumns,
});
export const MappingOut = Type.Object({
  name: Type.String(),
  columns: MappingColumns,
  updatedBy: Type.String(),
  updatedAt: Type.String(d('Lần lưu cuối')),
});
export const MappingList = Type.Object({ mappings: Type.Array(MappingOut) });

export const ImportOut = Type.Object({
  id: Type.Integer(),
  period: Type.String(d('Mã kỳ')),
  fileName: Type.String(),
  sha256: Type.String(),
  mode: ImportMode,
  mappingName: Nullable(Type.String()),
  summary: ImportSummary,
  importedBy: Type.String(),
  at: Type.String(),
});
export const ImportList = Type.Object({ imports: Type.Array(ImportOut, d('Mới nhất trước')) });

export const ExportFormatQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], d('xlsx (mặc định) hoặc csv'))),
  release: ReleaseQuery.release,
});
/** A file of a round's rankings: its newest release by default, or the release asked for (decision 019). */
export const ExportReleaseQuery = Type.Object({ release: ReleaseQuery.release });
export const RankingsCsvQuery = Type.Object({
  release: ReleaseQuery.release,
  indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Chỉ một chỉ tiêu; bỏ trống = mọi chỉ tiêu và chỉ số tổng hợp' })),
});

export type ImportMode = Static<typeof ImportMode>;
export type ImportProblem = Static<typeof ImportProblem>;
export type ImportSummary = Static<typeof ImportSummary>;
export type ImportResult = Static<typeof ImportResult>;
export type ImportApproval = Static<typeof ImportApproval>;
export type ImportColumnOut = Static<typeof ImportColumnOut>;
export type MappingBody = Static<typeof MappingBody>;
export type MappingOut = Static<typeof MappingOut>;
export type MappingList = Static<typeof MappingList>;
export type ImportOut = Static<typeof ImportOut>;
export type ImportList = Static<typeof ImportList>;
