// Bytes of a text file in whatever encoding Vietnamese Windows and Office save it, as text. Used
// by the spreadsheet import (CSV) and the report reader (.txt); kept apart from both so a worker
// reading a report does not load the spreadsheet library.
import iconv from 'iconv-lite';

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * What PostgreSQL cannot keep in a text or jsonb value: NUL (U+0000). Such a text reached the
 * database and answered 500 (issue 16); every text read from an uploaded file passes here.
 */
const UNSTORABLE = /\u0000/g;

/**
 * A text file with a NUL inside: not a text a person typed (a binary file, or one cut and joined
 * badly). Refused with the line, in the words of the upload that read it (a 400).
 */
export class UnstorableText extends Error {
  readonly code = 'CONTROL_CHARACTER';
  constructor(readonly line: number) {
    super(
      `Tệp có ký tự điều khiển NUL (mã 0) ở dòng ${line}: văn bản thường không có ký tự này, có lẽ tệp bị hỏng hoặc không phải tệp văn bản. Hãy mở tệp, lưu lại (CSV UTF-8 hoặc .txt) rồi tải lên.`,
    );
  }
}

/** A text from a document a person sees without its NULs (an .xlsx cell's _x0000_, a PDF's glyph): what they see is kept. */
export const storable = (text: string): string => (text.includes('\u0000') ? text.replace(UNSTORABLE, '') : text);

/** The decoded text as it is, or UnstorableText naming the first line with a NUL. */
function checked(decoded: { text: string; encoding: string }): { text: string; encoding: string } {
  const at = decoded.text.indexOf('\u0000');
  if (at >= 0) throw new UnstorableText(decoded.text.slice(0, at).split(/\r\n|\r|\n/).length);
  return decoded;
}

/**
 * UTF-8 (with or without a BOM), UTF-16 ("Unicode text" from Excel), or — when the bytes are not
 * valid UTF-8 — Windows-1258, what Excel's "CSV" writes on a Vietnamese Windows. Windows-1258
 * spells tones as combining marks ("Tịnh" = "Tinh" + U+0323), hence the NFC. A NUL anywhere in
 * the text throws UnstorableText.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  return checked(decodeAny(bytes));
}

function decodeAny(bytes: Buffer): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: utf8(bytes.subarray(3)) ?? iconv.decode(bytes.subarray(3), 'utf8'), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: iconv.decode(bytes.subarray(2), 'utf16le').normalize('NFC'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: iconv.decode(bytes.subarray(2), 'utf16be').normalize('NFC'), encoding: 'utf-16be' };
  const u = utf8(bytes);
  if (u !== null) return { text: u, encoding: 'utf-8' };
  return { text: iconv.decode(bytes, 'windows1258').normalize('NFC'), encoding: 'windows-1258' };
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch {
    return null;
  }
}
