// The words of a reminder e-mail, in Vietnamese: one message per commune, to the UBND and its
// officer, with the round, the deadline (dd/mm/yyyy) and the link to /nhap-lieu. The link is built
// from PUBLIC_URL (config), never from a request's Host header: a message is written by the worker,
// long after any request, and a Host header can be forged.
import { dayDiff, formatDate, stateWord, type ReminderKind, type ReportState } from '@nq57/shared';

export interface MessageInput {
  kind: ReminderKind;
  communeName: string;
  officerName: string | null;
  round: { code: string; name: string; deadline: string | null };
  /** the commune's report now */
  state: ReportState;
  /** today in Vietnam, yyyy-mm-dd */
  today: string;
  /** the Sở's comment, for a returned form */
  comment: string | null;
  publicUrl: string;
}

export interface Message {
  subject: string;
  text: string;
}

const SUBJECT_HEAD = 'Sở KH&CN Quảng Ngãi';

/** /nhap-lieu for this round: the officer lands on the commune's own form once signed in. */
export const entryLink = (publicUrl: string, round: string) => `${publicUrl}/nhap-lieu?ky=${encodeURIComponent(round)}`;

/** "hạn nộp 10/11/2026 (còn 3 ngày)", "… (hôm nay là hạn cuối)", "… (đã quá 8 ngày)" */
function deadlineLine(deadline: string | null, today: string): string {
  if (!deadline) return 'chưa đặt hạn nộp';
  const left = dayDiff(today, deadline);
  const when = left > 0 ? `còn ${left} ngày` : left === 0 ? 'hôm nay là hạn cuối' : `đã quá ${-left} ngày`;
  return `hạn nộp ${formatDate(deadline)} (${when})`;
}

export function reminderMessage(i: MessageInput): Message {
  const { round } = i;
  const deadline = round.deadline ? formatDate(round.deadline) : null;
  const late = round.deadline ? dayDiff(round.deadline, i.today) : 0;
  const report = `báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW kỳ ${round.name}`;
  let subject: string;
  let lead: string;
  switch (i.kind) {
    case 'due_soon':
      subject = `Nhắc nộp báo cáo NQ57 ${round.name}, hạn ${deadline}`;
      lead = `Sở Khoa học và Công nghệ xin nhắc: ${report} có ${deadlineLine(round.deadline, i.today)}. Đến nay Sở chưa nhận được báo cáo của đơn vị. Đề nghị đơn vị nhập và nộp số liệu trước hạn.`;
      break;
    case 'overdue':
      subject = `Đôn đốc nộp báo cáo NQ57 ${round.name}: quá hạn ${late} ngày (hạn ${deadline})`;
      lead = `${capitalise(report)} đã quá hạn nộp ${late} ngày (hạn ${deadline}) nhưng Sở Khoa học và Công nghệ chưa nhận được báo cáo của đơn vị. Đề nghị đơn vị khẩn trương nhập và nộp số liệu.`;
      break;
    case 'returned':
      subject = `Báo cáo NQ57 ${round.name} của ${i.communeName} được trả lại để chỉnh sửa`;
      lead = `Sở Khoa học và Công nghệ đã xem ${report} của đơn vị và trả lại để bổ sung, chỉnh sửa theo nhận xét dưới đây. Đề nghị đơn vị sửa và nộp lại${deadline ? ` (${deadlineLine(round.deadline, i.today)})` : ''}.`;
      break;
    case 'manual':
      subject = `Nhắc nộp báo cáo NQ57 ${round.name}${deadline ? `, hạn ${deadline}` : ''}`;
      lead = `Sở Khoa học và Công nghệ đề nghị đơn vị hoàn thành và nộp ${report}, ${deadlineLine(round.deadline, i.today)}. Đến nay Sở chưa nhận được báo cáo của đơn vị.`;
      break;
  }
  const lines = [
    `Kính gửi: Ủy ban nhân dân ${i.communeName}${i.officerName ? `;\n           Ông/Bà ${i.officerName}, cán bộ phụ trách chuyển đổi số` : ''}.`,
    '',
    lead,
    '',
    ...(i.kind === 'returned' && i.comment ? ['Nhận xét của Sở:', ...i.comment.split(/\r?\n/).map((l) => `    ${l}`), ''] : []),
    `- Kỳ báo cáo: ${round.name}`,
    `- Hạn nộp: ${deadline ?? 'chưa đặt'}`,
    `- Tình trạng báo cáo của đơn vị: ${stateWord(i.state)}`,
    `- Nhập và nộp số liệu tại: ${entryLink(i.publicUrl, round.code)}`,
    '',
    'Trân trọng,',
    'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi',
    '',
    '(Thư gửi tự động từ hệ thống NQ57 Dashboard; xin đừng trả lời thư này. Cần hỗ trợ, xin liên hệ Sở Khoa học và Công nghệ.)',
  ];
  return { subject: `[${SUBJECT_HEAD}] ${subject}`, text: lines.join('\n') };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
