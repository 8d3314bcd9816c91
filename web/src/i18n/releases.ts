// The words of published rankings (issue 12): the line above every table of figures, the page of a
// release's changes and the admin's publish button. Dates day first (shared formatDate).
export const tr = {
  notPublished: 'Chưa công bố',
  notPublishedNote: 'Số liệu có thể còn thay đổi cho đến khi Sở công bố.',
  revised: 'đã điều chỉnh',
  seeChanges: 'xem các thay đổi',
  pinned: 'Đang xem đúng bản công bố này, không đổi theo các lần công bố sau.',
  toLatest: 'Xem bản công bố mới nhất',
  live: 'Số liệu hiện tại, chưa công bố',
  liveSwitch: 'Xem số liệu hiện tại (chưa công bố)',
  unpublishedChanges: 'Có số liệu điều chỉnh chưa công bố',
  sameAsPublished: 'Giống bản công bố mới nhất.',
  // the page of one release
  pageTitle: 'Thay đổi của bản công bố',
  publishedBy: (who: string, when: string) => `Công bố bởi ${who} lúc ${when}`,
  note: 'Ghi chú',
  hash: 'Mã băm nội dung (SHA-256)',
  previous: (label: string) => `So với ${label}.`,
  first: 'Đây là lần công bố đầu tiên của kỳ: không có thay đổi để liệt kê.',
  none: 'Không có xã nào có số liệu khác lần công bố trước.',
  count: (n: number) => `${n} thay đổi`,
  cols: { commune: 'Xã, phường', indicator: 'Chỉ tiêu', value: 'Trước → sau', rank: 'Hạng trước → sau', reason: 'Lý do' },
  noReason: 'Không ghi lý do',
  composite: 'Chỉ số tổng hợp',
  openRankings: 'Mở bảng xếp hạng của bản này',
  // the admin's rounds page
  col: 'Công bố',
  publish: 'Công bố',
  republish: 'Công bố lại',
  publishTitle: (name: string) => `Công bố kết quả xếp hạng ${name}?`,
  publishBody:
    'Bảng xếp hạng mọi chỉ tiêu và chỉ số tổng hợp của kỳ được đóng băng thành một bản công bố có số thứ tự. Trang công khai, trình chiếu, tệp xuất và báo cáo Word dùng bản này cho đến lần công bố sau; bản cũ vẫn xem được mãi.',
  noteLabel: 'Ghi chú (không bắt buộc), ví dụ lý do điều chỉnh',
  published: (label: string) => `Đã ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
  reopen: 'Mở lại',
  reopenTitle: (name: string) => `Mở lại kỳ ${name} để điều chỉnh?`,
  reopenBody:
    'Các xã được Sở mở lại báo cáo có thể sửa và nộp lại. Trang công khai vẫn hiển thị bản đã công bố cho đến khi kỳ được đóng và công bố lại.',
  reopened: (name: string) => `Đã mở lại kỳ ${name}. Đóng kỳ rồi công bố lại khi điều chỉnh xong.`,
};
