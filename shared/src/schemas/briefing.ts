// Shapes of the briefing (issue 5): playlists the Sở edits, and the read-only links that open one
// on the meeting-room computer. Declared once: Fastify validates, /docs documents, the web types.
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });

// The numbers repeat shared/src/domain/briefing.ts (SECONDS_MIN/MAX, MAX_SLIDES, SLIDE_TYPES);
// shared/test/briefing.test.ts checks that they agree.
const Seconds = (description: string) => Type.Integer({ minimum: 2, maximum: 600, description });

export const SlideType = Type.Union(
  [
    Type.Literal('overview'),
    Type.Literal('top'),
    Type.Literal('bottom'),
    Type.Literal('indicator'),
    Type.Literal('movers'),
    Type.Literal('not_reported'),
    Type.Literal('budget'),
  ],
  {
    description:
      'overview: tổng quan toàn tỉnh; top / bottom: 10 xã đầu / cuối chỉ số tổng hợp; indicator: xếp hạng một chỉ tiêu; movers: tăng, giảm hạng nhiều nhất; not_reported: xã chưa báo cáo; budget: kinh phí đề xuất',
  },
);

export const Slide = Type.Object(
  {
    type: SlideType,
    indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Mã chỉ tiêu (chỉ với type = indicator)' })),
    seconds: Type.Optional(Seconds('Số giây trang này hiện; bỏ trống = mặc định của danh sách')),
  },
  { additionalProperties: false },
);

export const PlaylistBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Tên danh sách, duy nhất, ví dụ "Họp BCĐ tháng 12"' }),
    slides: Type.Array(Slide, { minItems: 1, maxItems: 40, description: 'Các trang theo thứ tự trình chiếu' }),
    defaultSeconds: Seconds('Số giây mặc định mỗi trang (thường 20)'),
    period: Nullable(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Mã kỳ cố định; null = luôn theo kỳ mới nhất' })),
  },
  { additionalProperties: false },
);

export const PlaylistOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slides: Type.Array(Slide),
  defaultSeconds: Type.Integer(d('Số giây mặc định mỗi trang')),
  period: Nullable(Type.String(d('Mã kỳ cố định; null = theo kỳ mới nhất'))),
  periodName: Nullable(Type.String(d('Tên kỳ cố định'))),
  updatedBy: Type.String(d('Người sửa lần cuối')),
  updatedAt: Type.String(d('Thời điểm sửa lần cuối')),
});
export const PlaylistList = Type.Object({ playlists: Type.Array(PlaylistOut) });
export const PlaylistParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Mã danh sách trình chiếu' }) });

export const BriefingTokenBody = Type.Object(
  {
    playlistId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Danh sách trình chiếu đường dẫn mở' }),
    label: Type.Optional(Type.String({ maxLength: 100, description: 'Ghi chú, ví dụ "Máy phòng họp tầng 3"' })),
  },
  { additionalProperties: false },
);
export const BriefingTokenCreated = Type.Object({
  id: Type.Integer(),
  playlistId: Type.Integer(),
  label: Type.String(),
  token: Type.String(d('Mã truy cập: chỉ hiện một lần, máy chủ chỉ lưu SHA-256 của nó')),
  path: Type.String(d('Đường dẫn trình chiếu: /trinh-chieu?token=…&playlist=…')),
  url: Type.String(d('Đường dẫn đầy đủ, theo địa chỉ máy chủ nhận yêu cầu')),
});
export const BriefingTokenOut = Type.Object({
  id: Type.Integer(),
  playlistId: Type.Integer(),
  playlistName: Type.String(),
  label: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String(d('Thời điểm thu hồi; null = còn hiệu lực'))),
});
export const BriefingTokenList = Type.Object({ tokens: Type.Array(BriefingTokenOut, d('Không bao giờ kèm mã truy cập')) });
export const BriefingTokenParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Mã đường dẫn' }) });

export type SlideOut = Static<typeof Slide>;
export type PlaylistBody = Static<typeof PlaylistBody>;
export type PlaylistOut = Static<typeof PlaylistOut>;
export type PlaylistList = Static<typeof PlaylistList>;
export type BriefingTokenBody = Static<typeof BriefingTokenBody>;
export type BriefingTokenCreated = Static<typeof BriefingTokenCreated>;
export type BriefingTokenOut = Static<typeof BriefingTokenOut>;
export type BriefingTokenList = Static<typeof BriefingTokenList>;
