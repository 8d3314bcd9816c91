// What kind of file a commune sent, from its first bytes (never from its name: a report saved as
// "bao-cao.doc" may be a .docx, and a scan may be called ".pdf" and be a JPEG). Runs before any
// library opens the file, so the common mistakes get their own message at no cost: an old .doc,
// a password, a spreadsheet, a photo of the pages.
import { ApiError } from '../../errors';
import type { ReportFormat } from '@nq57/shared/schemas';

/** Like the spreadsheet import: a narrative report with its pictures fits well under this. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;
export const TOO_LARGE_MESSAGE = 'Tệp lớn hơn 10 MB. Hãy bỏ hình ảnh không cần thiết, hoặc lưu lại báo cáo không kèm hình rồi tải lên.';

const ASK_FOR = 'Hãy tải lên báo cáo dạng Word (.docx), PDF có chữ, hoặc văn bản (.txt).';

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const has = (b: Buffer, s: string, encoding: BufferEncoding = 'latin1') => b.includes(Buffer.from(s, encoding));

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PICTURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'ảnh PNG'],
  [[0xff, 0xd8, 0xff], 'ảnh JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'ảnh GIF'],
  [[0x49, 0x49, 0x2a, 0x00], 'ảnh TIFF'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'ảnh TIFF'],
];
const ARCHIVES: [number[], string][] = [
  [[0x52, 0x61, 0x72, 0x21], 'tệp nén RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'tệp nén 7z'],
];

const unsupported = (message: string, code = 'UNSUPPORTED_FILE') => new ApiError(415, code, message);

/** The format to read, or an ApiError (400 empty or locked, 413 too large, 415 not a report we read). */
export function sniffReport(bytes: Buffer): ReportFormat {
  if (bytes.length === 0) throw new ApiError(400, 'EMPTY_FILE', 'Tệp rỗng (0 byte): không có gì để đọc.');
  if (bytes.length > MAX_REPORT_BYTES) throw new ApiError(413, 'FILE_TOO_LARGE', TOO_LARGE_MESSAGE);
  if (startsWith(bytes, CFB)) {
    // Office wraps a password-protected .docx in an OLE container with an "EncryptedPackage"
    // stream; a .doc of Word 97–2003 is the same container with a "WordDocument" stream.
    if (has(bytes, 'EncryptedPackage', 'utf16le')) {
      throw new ApiError(
        400,
        'ENCRYPTED_FILE',
        'Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên.',
      );
    }
    if (has(bytes, 'WordDocument', 'utf16le')) {
      throw unsupported('Đây là tệp Word đời cũ (.doc). Hãy mở bằng Word và lưu lại dạng "Tài liệu Word (.docx)" rồi tải lên.', 'OLD_WORD');
    }
    throw unsupported(`Tệp Office đời cũ (.xls, .ppt…) không phải báo cáo đọc được. ${ASK_FOR}`);
  }
  // a PDF may carry a few bytes before its header; readers accept it within the first kilobyte
  if (bytes.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return 'pdf';
  if (startsWith(bytes, ZIP)) {
    // the names of a zip's parts are stored as plain text in its headers
    if (has(bytes, 'word/document.xml')) return 'docx';
    if (has(bytes, 'xl/workbook')) throw unsupported('Đây là bảng tính Excel. Bảng số liệu của nhiều xã nhập ở trang "Nhập số liệu từ tệp"; ở đây chỉ đọc báo cáo bằng lời.', 'SPREADSHEET');
    if (has(bytes, 'opendocument')) throw unsupported(`Tệp OpenDocument (.odt): hãy lưu lại dạng Word (.docx) rồi tải lên.`, 'OPENDOCUMENT');
    throw unsupported(`Tệp nén hoặc tệp Office khác, không phải báo cáo Word. ${ASK_FOR}`);
  }
  for (const [sig, what] of PICTURES) {
    if (startsWith(bytes, sig)) {
      throw unsupported(`Tệp là ${what} (ảnh chụp hoặc bản quét): không đọc được chữ trong ảnh. ${ASK_FOR}`, 'PICTURE');
    }
  }
  for (const [sig, what] of ARCHIVES) if (startsWith(bytes, sig)) throw unsupported(`Tệp là ${what}. ${ASK_FOR}`);
  if (bytes.subarray(0, 5).toString('latin1') === '{\\rtf') {
    throw unsupported('Tệp RTF: hãy mở bằng Word và lưu lại dạng "Tài liệu Word (.docx)" rồi tải lên.', 'RTF');
  }
  // a text has no NUL byte, except UTF-16 (recognised by its byte-order mark)
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) throw unsupported(`Không nhận ra loại tệp. ${ASK_FOR}`);
  return 'txt';
}
