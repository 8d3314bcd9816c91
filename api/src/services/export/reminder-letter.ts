// The official reminder letter (công văn đôn đốc, issue 14): from /tien-do, a Word letter in the
// layout of every document the Sở signs (layout.ts, as the provincial report), addressed to the
// communes whose report is overdue, listing each with its days overdue and what is missing, ready
// to sign. Who is overdue comes from the round's progress (services/submissions/completeness.ts),
// the same list and words /tien-do shows (decision 010).
import { Packer, type Paragraph, type Table } from 'docx';
import { compareVi, formatDate, STATE_LABELS, vnDay } from '@nq57/shared';
import type { CompletenessOut, CompletenessRow } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { entryLink } from '../reminders/message';
import { adminDocument, body, letterhead, run, signature, spacer, table } from './layout';

export interface LetterInput {
  progress: CompletenessOut;
  publicUrl: string;
  /** the letter's date ("Đến ngày …"): the instant `progress` was judged at, never a clock of its own */
  now: Date;
}

/**
 * What an overdue commune has still to do, in the letter's words. (A returned report is never
 * overdue: it was first submitted, and lateness is judged on that, decision 010.)
 */
export function missingText(r: Pick<CompletenessRow, 'filled' | 'required'>): string {
  if (r.filled === 0) return `Chưa nhập số liệu (0/${r.required})`;
  if (r.filled >= r.required) return `Đã nhập đủ ${r.required} số liệu, chưa nộp`;
  return `Đã nhập ${r.filled}/${r.required} số liệu, chưa nộp`;
}

const bare = (n: string) => n.replace(/^(Xã|Phường|Đặc khu)\s+/u, '');

/** The communes the letter is addressed to: nothing has reached the Sở and the deadline has passed. */
export function overdueRows(progress: CompletenessOut): CompletenessRow[] {
  return progress.rows.filter((r) => r.timeliness === 'overdue').sort((a, b) => compareVi(bare(a.communeName), bare(b.communeName)));
}

export function buildReminderLetter({ progress, publicUrl, now }: LetterInput) {
  const { period } = progress;
  const rows = overdueRows(progress);
  if (period.status !== 'open') throw new ApiError(409, 'ROUND_CLOSED', `Kỳ ${period.name} đã đóng: các xã không nộp được nữa, không cần công văn đôn đốc`);
  if (!period.deadline || !rows.length) {
    throw new ApiError(409, 'NOTHING_OVERDUE', `Kỳ ${period.name} chưa có đơn vị nào quá hạn nộp báo cáo: chưa cần công văn đôn đốc`);
  }
  const deadline = formatDate(period.deadline);
  const days = Math.max(...rows.map((r) => r.daysLate ?? 0));
  const subject = `V/v đôn đốc báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW kỳ ${period.name}`;
  const children: (Paragraph | Table)[] = [letterhead({ number: 'Số:        /SKHCN-KH&ĐMST', subject, now }), spacer()];

  // a few communes are named; a longer list is the table below
  const addressees =
    rows.length <= 3 ? `Ủy ban nhân dân ${rows.map((r) => r.communeName).join(', ')}.` : 'Ủy ban nhân dân các xã, phường, đặc khu có tên tại danh sách dưới đây.';
  children.push(body([run('Kính gửi: ', { italics: true }), run(addressees)], { indent: { left: 0, firstLine: 0 }, spacing: { before: 240, after: 240 } }));
  children.push(
    body([
      `Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia và Nghị quyết số 71/NQ-CP của Chính phủ, Sở Khoa học và Công nghệ đề nghị Ủy ban nhân dân các xã, phường, đặc khu báo cáo kết quả thực hiện kỳ ${period.name} trên hệ thống NQ57 Dashboard, hạn nộp ngày ${deadline}.`,
    ]),
  );
  children.push(
    body([
      `Đến ngày ${formatDate(vnDay(now))}, còn ${rows.length}/${progress.counts.total} đơn vị chưa nộp báo cáo, đã quá hạn ${days} ngày, cụ thể như sau:`,
    ]),
  );
  children.push(
    table(
      ['TT', 'Đơn vị', 'Tình trạng', 'Số ngày quá hạn', 'Còn thiếu'],
      rows.map((r, i) => [String(i + 1), r.communeName, STATE_LABELS[r.status], String(r.daysLate ?? ''), missingText(r)]),
      [0.7, 2.6, 1.5, 1.2, 3.4],
      ['center', 'left', 'left', 'center', 'left'],
    ),
  );
  children.push(
    body(
      [
        `Để kịp tổng hợp, báo cáo Ủy ban nhân dân tỉnh và Ban Chỉ đạo tỉnh, Sở Khoa học và Công nghệ đề nghị Ủy ban nhân dân các đơn vị nêu trên chỉ đạo cán bộ phụ trách khẩn trương hoàn thành và nộp báo cáo trên hệ thống (mục Nhập liệu: ${entryLink(publicUrl, period.code)}) chậm nhất 03 ngày làm việc kể từ ngày nhận được văn bản này. Trường hợp có khó khăn, vướng mắc, đề nghị liên hệ Sở Khoa học và Công nghệ để được hướng dẫn.`,
      ],
      { spacing: { before: 180, after: 60, line: 312 } },
    ),
  );
  children.push(body(['Sở Khoa học và Công nghệ đề nghị Ủy ban nhân dân các đơn vị quan tâm, thực hiện./.']));
  children.push(spacer());
  children.push(signature(['- Như trên;', '- UBND tỉnh (b/c);', '- Giám đốc Sở (b/c);', '- Lưu: VT, KH&ĐMST.'], ['GIÁM ĐỐC']));
  return adminDocument(`Công văn đôn đốc báo cáo NQ 57 — ${period.name}`, children);
}

export async function reminderLetterDocx(input: LetterInput): Promise<Buffer> {
  return Packer.toBuffer(buildReminderLetter(input));
}
