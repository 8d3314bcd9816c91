// Shapes of the live stream (issue 13): GET /api/events. Declared once: Fastify validates the
// query, /docs documents the events, the web reads their types. The stream's text format is
// shared/src/domain/live.ts (sseFrame, createSseParser).
import { Type, type Static } from 'typebox';

export const EventsQuery = Type.Object(
  {
    playlist: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description: 'Màn hình trình chiếu: mã danh sách của đường dẫn; một mã x-briefing-token chỉ mở luồng cho danh sách của chính nó (403 khi khác)',
      }),
    ),
    period: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_-]+$',
        description:
          'Màn hình trình chiếu mở bằng đường dẫn: kỳ màn hình đang chiếu khi địa chỉ chọn kỳ (?ky=); bỏ trống = kỳ của danh sách, hoặc kỳ mới nhất. Chỉ dùng với x-briefing-token',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

export const LiveChange = Type.Object(
  {
    period: Type.Union([Type.String(), Type.Null()], {
      description: 'Mã kỳ báo cáo có số liệu hoặc trạng thái báo cáo vừa đổi; null = có thể đổi mọi thứ (mở, đóng kỳ; máy chủ vừa kết nối lại): đọc lại mọi số liệu',
    }),
  },
  { description: 'Dữ liệu của sự kiện change' },
);
export type LiveChange = Static<typeof LiveChange>;

export const LivePlaylist = Type.Object(
  {
    id: Type.Integer({ minimum: 1, description: 'Mã danh sách trình chiếu vừa được sửa (các trang, thứ tự, thời gian, kỳ): màn hình đang chiếu nó đọc lại danh sách' }),
  },
  { description: 'Dữ liệu của sự kiện playlist' },
);
export type LivePlaylist = Static<typeof LivePlaylist>;

export const EventStream = Type.String({
  description:
    'text/event-stream. Ngay khi mở: `event: hello` (data: { heartbeatMs }). Mỗi lần số liệu đổi, ở bất kỳ máy chủ nào dùng chung cơ sở dữ liệu: `event: change` (data: LiveChange). Mỗi lần một danh sách trình chiếu được sửa: `event: playlist` (data: LivePlaylist), chỉ tới người đã đăng nhập và đường dẫn trình chiếu của chính danh sách đó. Luồng mở bằng đường dẫn trình chiếu chỉ nhận thay đổi của các kỳ mà các trang của danh sách đang chiếu (và các thay đổi không nêu kỳ). Nhịp tim `: ping` mỗi giây: im lặng quá 4 giây là mất kết nối. `event: refused` (data: { message }) rồi đóng khi phiên đăng nhập hoặc đường dẫn trình chiếu hết hiệu lực.',
});
