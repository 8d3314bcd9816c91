// Shapes of the write side (issue 4): accounts, rounds, submissions, completeness, audit.
// Declared once: Fastify validates with them, /docs documents them, the web types from them.
import { Type, type Static, type TLiteral, type TSchema } from 'typebox';
import { REPORT_STATES, stateWord } from '../domain/states';
import { PASSWORD_MIN_LENGTH, ROUND_CODE_RULE, USERNAME_RULE } from '../domain/validate';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });
/** The literal schemas of an `as const` list, as the tuple `Type.Union` takes. */
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K] & string> };
const literals = <T extends readonly string[]>(values: T) => values.map((v) => Type.Literal(v)) as unknown as Literals<T>;
const DateStr = (description: string) => Type.String({ format: 'date', description });
const DateTime = (description: string) => Type.String({ description });

// ── Accounts ────────────────────────────────────────────────────────────────────────────

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('leader'), Type.Literal('commune')], {
  description: 'admin: quản trị (cán bộ Sở); leader: lãnh đạo (chỉ xem); commune: cán bộ xã (một xã)',
});
export const Username = Type.String({
  ...USERNAME_RULE,
  description: 'Tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch',
});
export const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: 200,
  description: `Mật khẩu, ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
});

export const UserOut = Type.Object({
  username: Type.String(),
  displayName: Type.String(d('Họ tên')),
  role: Role,
  communeCode: Nullable(Type.String(d('Mã xã, chỉ với cán bộ xã'))),
  communeName: Nullable(Type.String(d('Tên xã'))),
  disabled: Type.Boolean(d('Tài khoản bị khóa')),
});
export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100, description: 'Tên đăng nhập' }),
  password: Type.String({ minLength: 1, maxLength: 200, description: 'Mật khẩu' }),
});
export const SessionOut = Type.Object({
  user: UserOut,
  csrfToken: Type.String(d('Gửi lại trong tiêu đề x-csrf-token với mọi yêu cầu ghi')),
});
export const MeOut = Type.Object({
  user: Nullable(UserOut),
  csrfToken: Nullable(Type.String()),
  readRequiresLogin: Type.Boolean(d('Xem số liệu có cần đăng nhập không')),
});
export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200, description: 'Mật khẩu hiện tại' }),
  newPassword: Password,
});
export const UserCreateBody = Type.Object({
  username: Username,
  password: Password,
  displayName: Type.Optional(Type.String({ maxLength: 100, description: 'Họ tên' })),
  role: Role,
  communeCode: Type.Optional(Type.String({ minLength: 5, maxLength: 5, pattern: '^[0-9]{5}$', description: 'Mã xã (bắt buộc với cán bộ xã)' })),
});
export const UserPatchBody = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Role),
  communeCode: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 5, pattern: '^[0-9]{5}$' }))),
  disabled: Type.Optional(Type.Boolean(d('Khóa / mở khóa tài khoản'))),
  password: Type.Optional(Password),
});
export const UserList = Type.Object({ users: Type.Array(UserOut) });
export const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 40 }) });

// ── Rounds ──────────────────────────────────────────────────────────────────────────────

export const PeriodKind = Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('nine_months'), Type.Literal('year')], {
  description: 'Loại kỳ',
});
export const PeriodCreateBody = Type.Object({
  code: Type.String({ ...ROUND_CODE_RULE, description: 'Mã kỳ, ví dụ q4-2026' }),
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Tên kỳ, ví dụ "Quý IV/2026"' }),
  kind: PeriodKind,
  startDate: DateStr('Ngày bắt đầu kỳ'),
  endDate: DateStr('Ngày kết thúc kỳ'),
  deadline: DateStr('Hạn nộp báo cáo'),
  elements: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, description: 'Mã dữ liệu kỳ này yêu cầu; bỏ trống = tất cả' })),
});
export const PeriodPatchBody = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  deadline: Type.Optional(DateStr('Hạn nộp mới')),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
export const RoundOut = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: PeriodKind,
  startDate: DateStr('Ngày bắt đầu'),
  endDate: DateStr('Ngày kết thúc'),
  deadline: Nullable(DateStr('Hạn nộp')),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  elements: Type.Array(Type.String(), d('Mã dữ liệu kỳ này yêu cầu')),
});
export const PeriodParams = Type.Object({ period: Type.String({ minLength: 1, maxLength: 64, description: 'Mã kỳ' }) });
export const SubmissionParams = Type.Object({
  period: Type.String({ minLength: 1, maxLength: 64, description: 'Mã kỳ' }),
  commune: Type.String({ minLength: 1, maxLength: 16, description: 'Mã xã' }),
});

// ── Submissions ─────────────────────────────────────────────────────────────────────────

// the states and their words come from shared (domain/states.ts): one list, one word each
export const SubmissionStatus = Type.Union(literals(REPORT_STATES), {
  description: REPORT_STATES.map((s) => `${s}: ${stateWord(s)}`).join('; '),
});
export const TimelinessKind = Type.Union(
  [Type.Literal('on_time'), Type.Literal('late'), Type.Literal('overdue'), Type.Literal('not_due'), Type.Literal('unjudged')],
  {
    description:
      'Theo lần đầu số liệu đến Sở (xã nộp lần đầu, hoặc Sở nhập từ tệp nếu sớm hơn), so với hạn nộp theo ngày giờ Việt Nam: on_time đúng hạn; late nộp muộn; overdue quá hạn chưa nộp; not_due chưa đến hạn; unjudged số liệu công bố không rõ thời điểm (không xét hạn)',
  },
);
export const ImportSource = Type.Object(
  {
    importId: Type.Integer(),
    fileName: Type.String(d('Tên tệp Sở đã nhập')),
    at: Nullable(DateTime('Thời điểm nhập')),
  },
  d('Số liệu do Sở nhập từ tệp (không phải xã tự nộp)'),
);
export const CheckIssue = Type.Object({
  element: Type.String(d('Mã dữ liệu có vấn đề')),
  code: Type.String(d('Mã kiểm tra, ví dụ online_gt_received, jump_3x')),
  message: Type.String(d('Thông báo tiếng Việt, hiện cạnh ô nhập')),
});
export const SubmissionValueOut = Type.Object({
  element: Type.String(),
  value: Nullable(Type.Number(d('Giá trị bản nháp / đã nộp; null = bỏ trống'))),
  previousValue: Nullable(Type.Number(d('Giá trị kỳ trước (đã duyệt)'))),
  explanation: Nullable(Type.String(d('Giải trình cho cảnh báo'))),
});
export const CommentOut = Type.Object({
  kind: Type.Union([Type.Literal('submit'), Type.Literal('return'), Type.Literal('approve'), Type.Literal('reopen'), Type.Literal('note')]),
  body: Type.String(),
  author: Type.String(),
  at: DateTime('Thời điểm'),
});
export const SubmissionOut = Type.Object({
  period: Type.String(d('Mã kỳ')),
  commune: Type.String(d('Mã xã')),
  status: SubmissionStatus,
  version: Type.Integer(d('Phiên bản; gửi lại khi lưu để phát hiện ghi đè')),
  submittedAt: Nullable(DateTime('Thời điểm nộp')),
  approvedAt: Nullable(DateTime('Thời điểm duyệt')),
  updatedAt: Nullable(DateTime('Lần lưu cuối')),
  updatedBy: Nullable(Type.String()),
  firstSubmittedAt: Nullable(DateTime('Lần xã nộp đầu tiên: hạn nộp được xét theo lần này')),
  deadline: Nullable(DateStr('Hạn nộp của kỳ')),
  timeliness: Type.Object(
    { kind: TimelinessKind, daysLate: Nullable(Type.Integer()) },
    d('Đúng hạn / muộn / quá hạn: cùng một quy tắc với trang tiến độ của Sở'),
  ),
  source: Nullable(ImportSource),
  locked: Type.Boolean(d('true khi đã duyệt hoặc kỳ đã đóng: không sửa được')),
  comparedWith: Nullable(
    Type.Object(
      { code: Type.String(), name: Type.String(), kind: PeriodKind },
      d('Kỳ lấy giá trị "kỳ trước" (previousValue); cảnh báo gấp 3 lần chỉ so với kỳ cùng loại'),
    ),
  ),
  values: Type.Array(SubmissionValueOut),
  errors: Type.Array(CheckIssue, d('Lỗi chặn việc nộp')),
  warnings: Type.Array(CheckIssue, d('Cảnh báo cần giải trình một dòng')),
  comments: Type.Array(CommentOut),
});
/**
 * No real figure comes near 10^15 (the largest, money, stays under 10^13 đồng): a bound here turns
 * 1e308 into a 400 before it reaches a check, a sum or a numeric column. The plausible limits of
 * each element (decision 011) are far lower and are checked by checkFigures.
 */
export const FIGURE_ABS_MAX = 1e15;
const ValueIn = Nullable(
  Type.Number({ minimum: -FIGURE_ABS_MAX, maximum: FIGURE_ABS_MAX, description: 'Số liệu; trị tuyệt đối không quá 10^15' }),
);
export const SubmissionPutBody = Type.Object({
  version: Type.Integer({ minimum: 0, description: 'Phiên bản đã đọc' }),
  values: Type.Record(Type.String({ pattern: '^[a-z0-9_]+$' }), ValueIn, { description: '{ mã dữ liệu: số | null }; null = xóa ô' }),
  explanations: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9_]+$' }), Type.String({ maxLength: 500 }))),
  clientId: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9-]{16,64}$',
      description:
        'Mã của lần lưu do trình duyệt đặt (hàng đợi gửi khi mất mạng). Gửi lại cùng mã, cùng tài khoản → máy chủ trả lại đúng kết quả lần trước, không ghi thêm, không báo xung đột với chính nó.',
    }),
  ),
});
export const SubmissionSaved = Type.Object({
  version: Type.Integer(),
  status: SubmissionStatus,
  errors: Type.Array(CheckIssue),
  warnings: Type.Array(CheckIssue),
});
export const CommentBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000, description: 'Nhận xét gửi xã' }) });
/** POST …/submit and …/approve: both fields optional; `version` refuses (409) a form that is not the latest */
export const SubmitBody = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'Phiên bản đang xem; khác bản mới nhất → 409' })),
  comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Ghi chú kèm theo' })),
});
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Lý do mở lại' }) });

/** GET /api/communes/:code/reports: the commune's report in every open round (where to land) */
export const CommuneReports = Type.Object({
  commune: Type.String(d('Mã xã')),
  rounds: Type.Array(
    Type.Object({
      period: Type.Object({
        code: Type.String(),
        name: Type.String(),
        kind: PeriodKind,
        endDate: DateStr('Ngày kết thúc kỳ'),
        deadline: Nullable(DateStr('Hạn nộp')),
      }),
      state: SubmissionStatus,
      timeliness: Type.Object({ kind: TimelinessKind, daysLate: Nullable(Type.Integer()) }),
      needsAction: Type.Boolean(d('Bị trả lại, hoặc quá hạn mà chưa nộp: cần làm ngay')),
    }),
    d('Các kỳ đang mở, mới nhất trước'),
  ),
  landing: Nullable(Type.String(d('Kỳ nên mở khi vào trang nhập liệu: kỳ cũ nhất bị trả lại hoặc quá hạn, nếu không thì kỳ mở mới nhất'))),
});

// ── Completeness ────────────────────────────────────────────────────────────────────────

export const CompletenessRow = Type.Object({
  communeCode: Type.String(),
  communeName: Type.String(),
  formerDistrict: Type.String(),
  status: SubmissionStatus,
  submittedAt: Nullable(DateTime('Lần xã nộp đầu tiên (nhập tệp không tính là xã nộp)')),
  importedAt: Nullable(DateTime('Lần đầu Sở nhập số liệu của xã từ tệp')),
  timeliness: TimelinessKind,
  daysLate: Nullable(Type.Integer(d('Số ngày muộn (nộp sau hạn, hoặc chưa nộp mà đã quá hạn); null = đúng hạn hoặc chưa đến hạn'))),
  late: Type.Boolean(d('Nộp muộn hoặc quá hạn chưa nộp')),
  source: Nullable(ImportSource),
  filled: Type.Integer(d('Số ô đã nhập')),
  required: Type.Integer(d('Số ô kỳ này yêu cầu')),
  contacts: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String() }), d('Cán bộ xã cần liên hệ')),
});
export const CompletenessOut = Type.Object({
  period: Type.Object({ code: Type.String(), name: Type.String(), deadline: Nullable(DateStr('Hạn nộp')), status: Type.String() }),
  counts: Type.Object({
    not_started: Type.Integer(),
    draft: Type.Integer(),
    submitted: Type.Integer(),
    returned: Type.Integer(),
    approved: Type.Integer(),
    late: Type.Integer(d('Nộp muộn hoặc quá hạn chưa nộp')),
    reported: Type.Integer(d('Đã báo cáo: đã nộp hoặc đã duyệt')),
    total: Type.Integer(),
  }),
  rows: Type.Array(CompletenessRow),
});

export const CompletenessQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], d('csv: tệp CSV (UTF-8 có BOM) để mở bằng Excel'))),
});

// ── Audit ───────────────────────────────────────────────────────────────────────────────

export const AuditQuery = Type.Object({
  commune: Type.Optional(Type.String({ maxLength: 16 })),
  period: Type.Optional(Type.String({ maxLength: 64 })),
  element: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime('Thời điểm'),
  actor: Type.String(d('Người thực hiện')),
  period: Nullable(Type.String()),
  commune: Nullable(Type.String()),
  communeName: Nullable(Type.String()),
  element: Nullable(Type.String()),
  elementName: Nullable(Type.String()),
  oldValue: Nullable(Type.Number()),
  newValue: Nullable(Type.Number()),
  how: Type.String(d('form, report (đọc từ báo cáo của xã, người dùng xác nhận), import, approval, reopen, submit, return, seed, system, round, user')),
  comment: Nullable(Type.String()),
});
export const AuditOut = Type.Object({ entries: Type.Array(AuditEntry, d('Mới nhất trước')) });

export type Role = Static<typeof Role>;
export type UserOut = Static<typeof UserOut>;
export type SessionOut = Static<typeof SessionOut>;
export type MeOut = Static<typeof MeOut>;
export type UserList = Static<typeof UserList>;
export type UserCreateBody = Static<typeof UserCreateBody>;
export type UserPatchBody = Static<typeof UserPatchBody>;
export type PeriodCreateBody = Static<typeof PeriodCreateBody>;
export type RoundOut = Static<typeof RoundOut>;
export type SubmissionStatus = Static<typeof SubmissionStatus>;
export type CheckIssue = Static<typeof CheckIssue>;
export type SubmissionOut = Static<typeof SubmissionOut>;
export type SubmissionPutBody = Static<typeof SubmissionPutBody>;
export type SubmissionSaved = Static<typeof SubmissionSaved>;
export type SubmitBody = Static<typeof SubmitBody>;
export type CompletenessOut = Static<typeof CompletenessOut>;
export type CommuneReports = Static<typeof CommuneReports>;
export type CompletenessRow = Static<typeof CompletenessRow>;
export type ImportSource = Static<typeof ImportSource>;
export type AuditEntry = Static<typeof AuditEntry>;
export type AuditOut = Static<typeof AuditOut>;
