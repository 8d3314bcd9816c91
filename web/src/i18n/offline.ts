// The words of working with no network (issue 15): what waits in this browser to be sent, the
// fields to choose between two values, the figures a closed or approved form could not take, the
// storage the browser keeps, and signing out with figures unsent. Numbers and times come in
// already formatted (savedTime, formatValue): this module only builds the sentences.
export const to = {
  waiting: (n: number) => `${n} thay đổi chưa gửi`,
  since: (time: string) => `lưu trên máy này từ ${time}`,
  sendNow: 'Gửi ngay',
  stale: (n: number, since: string) =>
    `Đã hơn 3 ngày (từ ${since}) mà ${n} thay đổi vẫn chưa gửi được lên Sở KH&CN. Số liệu vẫn nằm trên máy này. Hãy mở trang này ở nơi có sóng điện thoại hoặc Wi-Fi để gửi (nếu được hỏi, hãy đăng nhập lại bằng đúng tài khoản này), hoặc gọi cho Sở để báo số liệu.`,
  staleTitle: 'Số liệu chưa gửi được đã lâu',
  otherForms: (n: number) => (n === 1 ? 'Có một biểu mẫu khác cũng còn số liệu chưa gửi.' : `Có ${n} biểu mẫu khác cũng còn số liệu chưa gửi.`),
  persisted: 'Trình duyệt giữ lâu dài số liệu chưa gửi trên máy này.',
  notPersisted: 'Trình duyệt có thể xóa số liệu chưa gửi khi máy đầy bộ nhớ: hãy gửi ngay khi có mạng.',

  chooseTitle: 'Chọn giá trị cho các ô đã được sửa ở cả hai nơi',
  chooseIntro: 'Trong lúc bạn nhập trên máy này, biểu mẫu trên máy chủ cũng được sửa ở những ô dưới đây. Hãy chọn giữ số nào cho từng ô; chưa chọn thì ô giữ số trên máy chủ.',
  mine: 'Bạn nhập',
  theirs: 'Trên máy chủ',
  keepMine: 'Dùng số của tôi',
  keepTheirs: 'Giữ số trên máy chủ',
  keepMineFor: (name: string) => `Dùng số của tôi cho ô ${name}`,
  keepTheirsFor: (name: string) => `Giữ số trên máy chủ cho ô ${name}`,

  heldTitle: 'Các số bạn nhập chưa vào được báo cáo',
  heldKept: 'Các số này vẫn được giữ trên máy này, không mất. Hãy ghi lại và báo Sở KH&CN nếu cần đưa vào báo cáo (Sở có thể mở lại biểu mẫu).',
  heldRejected: 'Máy chủ không nhận lần gửi này. Các số vẫn được giữ trên máy này.',
  heldLine: (name: string, mine: string, theirs: string) => `${name}: bạn nhập ${mine}; trên máy chủ: ${theirs}`,
  discard: 'Đã ghi lại, xóa khỏi máy này',
  lockedSave: 'Biểu mẫu không nhận thêm số liệu; số bạn nhập được giữ trên máy này.',

  signOutTitle: 'Còn số liệu chưa gửi',
  signOutBody: (n: number) =>
    `Còn ${n} thay đổi chưa gửi lên Sở KH&CN. Đăng xuất sẽ xóa chúng khỏi máy này. Nếu được, hãy chờ có mạng để gửi xong rồi mới đăng xuất.`,
  signOutAnyway: 'Vẫn đăng xuất và xóa',
};
