// Bytes of a text file in whatever encoding Vietnamese Windows and Office save it, as text. Used
// by the spreadsheet import (CSV) and the report reader (.txt); kept apart from both so a worker
// reading a report does not load the spreadsheet library.
import iconv from 'iconv-lite';

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * UTF-8 (with or without a BOM), UTF-16 ("Unicode text" from Excel), or — when the bytes are not
 * valid UTF-8 — Windows-1258, what Excel's "CSV" writes on a Vietnamese Windows. Windows-1258
 * spells tones as combining marks ("Tịnh" = "Tinh" + U+0323), hence the NFC.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
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
