// An .xlsx is a zip of XML parts. exceljs loads the whole package at once and expands what it
// reads (every cell of a merged range, every address of a data-validation range, every column of
// a <col min max> run), so 875 KB of a zip bomb became 3,95 GB and a minute of CPU. This module
// opens the package first, under the reader's limits: it inflates each part with a ceiling on the
// bytes it may produce, walks each sheet's rows, cells and merges counting as it goes, and stops
// at the first thing past a limit. What it hands to exceljs is the same package, stored
// uncompressed, without the parts exceljs would expand and the import never reads.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { refusal, type ReadLimits } from './limits';

/** Not a zip this reader can open (broken, encrypted, an unknown compression); the caller words it. */
export class BrokenPackage extends Error {}
const unreadable = () => new BrokenPackage('not a readable zip');

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Excel's own ceilings: a reference beyond them is not a spreadsheet Excel wrote. */
const EXCEL_MAX_COLUMN = 16_384;

/** The parts of a zip, inflated; the total may not pass `limits.unpackedBytes`. */
export function unzip(bytes: Buffer, limits: ReadLimits): ZipEntry[] {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) throw unreadable();
  let count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // zip64: the real numbers are in the zip64 end record the locator points at
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) throw unreadable();
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== 0x06064b50) throw unreadable();
    count = Number(bytes.readBigUInt64LE(record + 32));
    offset = Number(bytes.readBigUInt64LE(record + 48));
  }
  if (count > limits.zipEntries) throw refusal('parts', limits);
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    let compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (compressed === 0xffffffff || local === 0xffffffff) {
      const z = zip64Sizes(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), bytes.readUInt32LE(at + 24) === 0xffffffff, compressed === 0xffffffff, local === 0xffffffff);
      compressed = z.compressed ?? compressed;
      local = z.local ?? local;
    }
    at += 46 + nameLength + extraLength + commentLength;
    // bit 0: encrypted (Office's own encryption is an OLE file, refused before; this is a zip password)
    if (flags & 1) throw unreadable();
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressed);
    if (raw.length !== compressed) throw unreadable();
    const budget = limits.unpackedBytes - unpacked;
    let data: Buffer;
    if (method === 0) {
      data = raw;
    } else if (method === 8) {
      try {
        // the ceiling is checked while inflating: a bomb stops at the budget, not at its end
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw refusal('unpacked', limits);
        throw unreadable();
      }
    } else {
      throw unreadable();
    }
    unpacked += data.length;
    if (unpacked > limits.unpackedBytes) throw refusal('unpacked', limits);
    if (!name.endsWith('/')) entries.push({ name, data });
  }
  return entries;
}

function zip64Sizes(extra: Buffer, hasUncompressed: boolean, hasCompressed: boolean, hasLocal: boolean) {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const size = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(p));
        p += 8;
        return v;
      };
      if (hasUncompressed) next();
      const compressed = hasCompressed ? next() : undefined;
      const local = hasLocal ? next() : undefined;
      return { compressed, local };
    }
    i += 4 + size;
  }
  return {};
}

/**
 * A zip of these parts: stored (no compression) for exceljs after the checks, where inflating
 * again would be wasted; deflated as Excel writes them when asked (the tests build files with it).
 */
export function zip(entries: ZipEntry[], opts: { deflate?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const body = opts.deflate ? deflateRawSync(e.data) : e.data;
    const method = opts.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** "AB" → 28 (1-based, as Excel counts). */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|col)(?=[\s/>])([^>]*)>/g;
const ATTR_R = /\br="\$?([A-Z]{1,3})?\$?(\d+)?"/;

/**
 * Walks a sheet's XML counting rows, cells and merged areas, and stops at the first one past a
 * limit. Positions count, not only numbers of elements: a single cell at XFD1048576 would make
 * the grid a million rows wide.
 */
export function checkSheet(xml: string, limits: ReadLimits): void {
  let row = 0;
  let column = 0;
  let cells = 0;
  let merged = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const [, tag, attrs] = m;
    if (tag === 'row') {
      const r = /\br="(\d+)"/.exec(attrs);
      row = r ? Number(r[1]) : row + 1;
      column = 0;
      if (row > limits.rows) throw refusal('rows', limits);
    } else if (tag === 'c') {
      const r = ATTR_R.exec(attrs);
      column = r?.[1] ? columnNumber(r[1]) : column + 1;
      if (column > limits.columns) throw refusal('columns', limits);
      if (++cells > limits.cells) throw refusal('cells', limits);
    } else if (tag === 'mergeCell') {
      const ref = /\bref="([^"]+)"/.exec(attrs)?.[1] ?? '';
      const p = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
      if (!p) throw unreadable();
      const [top, bottom] = [Number(p[2]), Number(p[4] ?? p[2])];
      const [left, right] = [columnNumber(p[1]), columnNumber(p[3] ?? p[1])];
      if (Math.max(top, bottom) > limits.rows) throw refusal('rows', limits);
      if (Math.max(left, right) > limits.columns) throw refusal('columns', limits);
      // exceljs makes a cell of every part of a merged area
      merged += (Math.abs(bottom - top) + 1) * (Math.abs(right - left) + 1);
      if (merged > limits.cells) throw refusal('cells', limits);
    } else {
      // <col min max>: exceljs makes a column object for each; Excel never goes past 16 384
      const max = Number(/\bmax="(\d+)"/.exec(attrs)?.[1] ?? 0);
      if (max > EXCEL_MAX_COLUMN) throw unreadable();
    }
  }
}

/** The number of shared strings: more than the cells the sheets may hold is padding, not data. */
function checkSharedStrings(xml: string, limits: ReadLimits): void {
  let n = 0;
  for (let i = xml.indexOf('<si'); i >= 0; i = xml.indexOf('<si', i + 3)) {
    const next = xml.charCodeAt(i + 3);
    // <si> or <si …>, not <sid…>
    if (next === 62 || next === 32 || next === 47) {
      if (++n > limits.cells) throw refusal('cells', limits);
    }
  }
}

/**
 * Data validations (drop-down lists): exceljs expands each range to every address in it, and a
 * drop-down on a whole column (common in templates) is a million entries. The import never reads
 * them, so they are taken out before exceljs sees the sheet.
 */
const DATA_VALIDATIONS = /<(?:[A-Za-z_][\w.-]*:)?dataValidations\b[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?dataValidations>|<(?:[A-Za-z_][\w.-]*:)?dataValidations\b[^>]*\/>/g;

/**
 * The package checked against the limits, as exceljs may load it. Throws at the first problem: a
 * Vietnamese 413 naming the limit, or BrokenPackage.
 */
export function checkedPackage(bytes: Buffer, limits: ReadLimits): Buffer {
  const entries = unzip(bytes, limits);
  for (const e of entries) {
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) {
      // refs and tags are ASCII: latin1 decodes without validating UTF-8, and never throws
      const xml = e.data.toString('latin1');
      checkSheet(xml, limits);
      const stripped = xml.replace(DATA_VALIDATIONS, '');
      if (stripped.length !== xml.length) e.data = Buffer.from(stripped, 'latin1');
    } else if (/^xl\/sharedStrings\.xml$/i.test(e.name)) {
      checkSharedStrings(e.data.toString('latin1'), limits);
    }
  }
  return zip(entries);
}
