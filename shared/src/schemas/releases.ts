// Shapes of the published rankings (issue 12, decision 019): a release ("Công bố lần N") of a closed
// round, the list of a round's releases, and the changes a release made against the one before.
// Declared once: Fastify validates with them, /docs documents them, the web types from them.
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });

/** What every read answered from a release carries (null = answered from the live figures). */
export const ReleaseRef = Type.Object(
  {
    id: Type.Integer(d('Mã bản công bố (dùng cho release= và ?ban= trên trang)')),
    version: Type.Integer(d('Công bố lần thứ mấy của kỳ này: 1, 2, …')),
    publishedAt: Type.String(d('Thời điểm công bố')),
  },
  d('Bản công bố mà câu trả lời lấy số liệu từ đó'),
);

/** A round's newest release in the list of rounds: what it is, and the counts it published. */
export const PeriodRelease = Type.Object(
  {
    ...ReleaseRef.properties,
    communesReported: Nullable(Type.Integer(d('Số xã đã báo cáo theo bản công bố (null: bản công bố cũ chưa ghi)'))),
    communesApproved: Nullable(Type.Integer(d('Số xã đã duyệt theo bản công bố'))),
  },
  d('Bản công bố mới nhất của kỳ'),
);

export const ReleaseOut = Type.Object({
  id: Type.Integer(d('Mã bản công bố')),
  period: Type.String(d('Mã kỳ báo cáo')),
  version: Type.Integer(d('Công bố lần thứ mấy của kỳ này: 1, 2, …')),
  publishedAt: Type.String(d('Thời điểm công bố')),
  publishedBy: Type.String(d('Người công bố')),
  note: Nullable(Type.String(d('Ghi chú khi công bố'))),
  hash: Type.String(d('SHA-256 (hex) của nội dung đã công bố, dạng JSON chuẩn hoá: hai bản cùng mã băm có cùng số liệu')),
  changes: Type.Integer(d('Số thay đổi so với lần công bố trước (0 với lần đầu)')),
});

export const ReleaseList = Type.Object({ releases: Type.Array(ReleaseOut, d('Mới nhất trước')) });

export const ReleaseCreateBody = Type.Object({
  note: Type.Optional(Type.String({ maxLength: 1000, description: 'Ghi chú (ví dụ lý do điều chỉnh)' })),
});

export const ReleaseParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Mã bản công bố' }) });

export const ReleaseChange = Type.Object({
  commune: Type.String(d('Mã xã')),
  communeName: Type.String(d('Tên xã')),
  indicator: Type.String(d('Mã chỉ tiêu; "composite" = chỉ số tổng hợp')),
  indicatorName: Type.String(d('Tên chỉ tiêu')),
  before: Nullable(Type.Number(d('Giá trị (điểm, với chỉ số tổng hợp) ở lần công bố trước; null = chưa có'))),
  after: Nullable(Type.Number(d('Giá trị ở lần công bố này'))),
  rankBefore: Nullable(Type.Integer(d('Hạng ở lần công bố trước'))),
  rankAfter: Nullable(Type.Integer(d('Hạng ở lần công bố này'))),
  reason: Nullable(Type.String(d('Lý do: nhận xét khi Sở mở lại hoặc trả lại báo cáo của xã giữa hai lần công bố'))),
});

export const ReleaseChanges = Type.Object({
  release: ReleaseOut,
  previous: Nullable(ReleaseRef),
  changes: Type.Array(ReleaseChange, d('Xã có số liệu khác lần công bố trước, theo chỉ tiêu; hạng của xã khác chỉ đổi theo thì không liệt kê')),
});

/** The query of every published read: a release exactly, or (signed in, admin or leader) the live figures. */
export const ReleaseQuery = {
  release: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Mã bản công bố: trả lời đúng như bản đó, mãi mãi' })),
  live: Type.Optional(
    Type.Boolean({
      description:
        'true (quản trị, lãnh đạo): số liệu hiện tại thay cho bản công bố mới nhất; unpublishedChanges cho biết có khác bản công bố không',
    }),
  ),
};

/** What a published read adds to its answer. */
export const ReleaseFields = {
  release: Nullable(ReleaseRef),
  latestRelease: Type.Optional(
    Type.Union([ReleaseRef, Type.Null()], { description: 'Chỉ khi live=true: bản công bố mới nhất của kỳ (null = chưa công bố)' }),
  ),
  unpublishedChanges: Type.Optional(
    Type.Boolean(d('Chỉ khi live=true: số liệu hiện tại khác bản công bố mới nhất ("có số liệu điều chỉnh chưa công bố")')),
  ),
  comparisonWarning: Nullable(
    Type.String(d('Kỳ so sánh được công bố với danh mục chỉ tiêu hoặc trọng số khác: thay đổi hạng không so sánh cùng cơ sở')),
  ),
};

export type ReleaseRef = Static<typeof ReleaseRef>;
export type ReleaseOut = Static<typeof ReleaseOut>;
export type ReleaseList = Static<typeof ReleaseList>;
export type ReleaseCreateBody = Static<typeof ReleaseCreateBody>;
export type ReleaseChange = Static<typeof ReleaseChange>;
export type ReleaseChanges = Static<typeof ReleaseChanges>;

/** An answer as the ranking service computes it, before the published reads say where it comes from. */
export type Live<T> = Omit<T, keyof typeof ReleaseFields>;
