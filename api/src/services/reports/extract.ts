// The text of a report file, by format. Runs inside the reading worker (sandbox.ts): a library
// that takes long or much memory on a strange file stalls only the worker, which is ended.
//
// - .docx: mammoth's raw text (one paragraph, or table cell, per block, blank lines between;
//   footnote markers and footnote bodies are left out by mammoth itself).
// - .pdf: unpdf (Mozilla's PDF.js built for servers): the text items of each page put back into
//   lines by their position; the page number and the footnotes at the foot of a page (smaller
//   type, below the body) are left out, and so are the references to them (small raised numbers
//   in the body). Lines stay as the page wraps them: joinWrappedLines puts
//   the sentences back together afterwards, across page breaks too.
// - .txt: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1258 (decode-text.ts).
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import { UnstorableText, decodeText, storable } from '../decode-text';
import type { ReportFormat } from '@nq57/shared/schemas';

/** A file that cannot be read, with the Vietnamese message for the person who sent it. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const NO_TEXT_LAYER =
  'Không đọc được chữ trong tệp PDF này (có lẽ là bản quét hoặc ảnh chụp), hãy gửi bản Word hoặc PDF có chữ.';

export async function extractText(format: ReportFormat, bytes: Uint8Array): Promise<string> {
  // a Word or PDF document shows nothing for a NUL: its text is kept as the reader sees it; a .txt
  // with one is not a text file a person saved (decode-text.ts), and PostgreSQL keeps no NUL
  if (format === 'docx') return storable(await docxText(bytes));
  if (format === 'pdf') return storable(await pdfText(bytes));
  try {
    return decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text;
  } catch (e) {
    if (e instanceof UnstorableText) throw new Refusal(400, e.code, e.message);
    throw e;
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return value;
  } catch {
    throw new Refusal(400, 'UNREADABLE_FILE', 'Không đọc được tệp Word này (tệp hỏng hoặc không phải .docx). Hãy mở bằng Word, lưu lại dạng .docx rồi tải lên.');
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // verbosity 0: PDF.js would print its warnings about fonts it does not need for text
    doc = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  } catch (e) {
    if ((e as { name?: string }).name === 'PasswordException') {
      throw new Refusal(400, 'ENCRYPTED_FILE', 'Tệp PDF được đặt mật khẩu nên không đọc được. Hãy gửi bản không đặt mật khẩu (hoặc bản Word).');
    }
    throw new Refusal(400, 'UNREADABLE_FILE', 'Không đọc được tệp PDF này (tệp hỏng). Hãy xuất lại PDF từ Word, hoặc gửi bản Word.');
  }
  try {
    const pages: string[] = [];
    let letters = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , , x, y] = it.transform as number[];
        items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(a, b) || it.height });
      }
      const lines = bodyLines(toLines(items));
      for (const l of lines) letters += (l.text.match(/\p{L}/gu) ?? []).length;
      pages.push(lines.map((l) => l.text).join('\n'));
      page.cleanup();
    }
    // a scan has no text, or only a stamp or a page number: too little to be a report's text
    if (letters < 50 || letters < 20 * doc.numPages) throw new Refusal(400, 'NO_TEXT_LAYER', NO_TEXT_LAYER);
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/**
 * Items in content order → lines: a new line where the baseline moves by more than half a letter.
 * Footnote references (a small raised number right after a line's text) are left out.
 */
function toLines(items: Item[]): Line[] {
  const lines: Line[] = [];
  let cur: { parts: string[]; y: number; size: number; endX: number } | null = null;
  for (const it of items) {
    if (it.str === '') continue;
    const size = it.size || 10;
    // a footnote reference as Word prints it: a number in smaller type, raised above the line it
    // follows ("cộng đồng¹"). Not a word of the body: kept, it would become "cộng đồng 1 tại …"
    if (cur && /^\s*\d{1,3}\s*$/.test(it.str) && size < cur.size * 0.8 && it.y > cur.y + 0.5 && it.y - cur.y < cur.size * 0.8) continue;
    if (!cur || Math.abs(it.y - cur.y) > size * 0.5) {
      if (cur) lines.push({ text: cur.parts.join('').trim(), y: cur.y, size: cur.size });
      cur = { parts: [it.str], y: it.y, size, endX: it.x + it.width };
      continue;
    }
    const last = cur.parts[cur.parts.length - 1];
    // pieces of one line drawn apart ("3.781" then "hồ sơ") get the space the page shows
    if (it.x - cur.endX > size * 0.15 && !/\s$/.test(last) && !/^\s/.test(it.str)) cur.parts.push(' ');
    cur.parts.push(it.str);
    cur.endX = it.x + it.width;
    cur.size = Math.max(cur.size, size);
  }
  if (cur) lines.push({ text: cur.parts.join('').trim(), y: cur.y, size: cur.size });
  return lines.filter((l) => l.text !== '');
}

const PAGE_NUMBER = /^(?:trang\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*\/\s*\d{1,4})?$/iu;

/**
 * The body of a page: without a page number on its first or last line, and without the footnotes
 * at its foot ("1 Quyết định số …" in smaller type below the last body line): a footnote's
 * numbers are never figures of the report.
 */
function bodyLines(lines: Line[]): Line[] {
  let out = lines;
  if (out.length && PAGE_NUMBER.test(out[0].text)) out = out.slice(1);
  if (out.length && PAGE_NUMBER.test(out[out.length - 1].text)) out = out.slice(0, -1);
  if (out.length < 3) return out;
  const sizes = out.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)];
  // from the foot of the page up: small lines below every body-size line, starting with a footnote number
  let cut = out.length;
  while (cut > 0 && out[cut - 1].size < body * 0.85) cut--;
  if (cut < out.length && cut > 0 && /^\d{1,2}\s*[-.:)]?\s*\S/u.test(out[cut].text) && out[cut].y < out[cut - 1].y) out = out.slice(0, cut);
  return out;
}
