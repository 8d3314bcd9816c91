// Matching what a spreadsheet says to what the database knows: a commune written by its code
// or by its name as people type it ("TINH KHE", "xã tịnh khê", "UBND Xã Tịnh Khê"), and a
// column header ("Số hồ sơ TTHC tiếp nhận (hồ sơ)", "dossiers_received", a saved mapping).
//
// A wrong match would put one commune's figures on another, so the rule is: a unique answer or
// an error that names the candidates — never a guess. Quảng Ngãi has real near-twins that only
// diacritics tell apart (Xã Sơn Hà / Xã Sơn Hạ, Xã Ba Tơ / Xã Ba Tô).
import { foldVietnamese } from './text';

export interface MatchableCommune {
  code: string;
  /** official name with its prefix: "Xã Tịnh Khê" */
  name: string;
}

export type CommuneMatch =
  | { status: 'ok'; code: string; name: string }
  | { status: 'unknown'; message: string }
  | { status: 'ambiguous'; candidates: string[]; message: string };

// "UBND" often heads a name copied from a letterhead; the unit prefix is on every name.
const PREFIXES = ['ubnd', 'uy ban nhan dan', 'dac khu', 'phuong', 'xa'];

/** Lower case, NFC, punctuation and runs of spaces to one space, diacritics kept. */
function tidy(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/** Drops the leading "UBND", "Xã", "Phường", "Đặc khu" (in any order, diacritics or not). */
function stripPrefixes(tidied: string): { rest: string; prefix: string | null } {
  let words = tidied.split(' ').filter(Boolean);
  let prefix: string | null = null;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PREFIXES) {
      const n = p.split(' ').length;
      // keep at least one word: "Xã" alone is not a name, and "Phường 1" style names need the number
      if (words.length > n && foldVietnamese(words.slice(0, n).join(' ')) === p) {
        words = words.slice(n);
        if (p === 'xa' || p === 'phuong' || p === 'dac khu') prefix = p;
        changed = true;
        break;
      }
    }
  }
  return { rest: words.join(' '), prefix };
}

/** Has the writer used diacritics at all? Then a mark they did not write is a mark they meant to leave out. */
const hasDiacritics = (s: string) => /[\u0300-\u036f]|đ/i.test(s.normalize('NFD'));

/**
 * Each letter the writer typed with its marks must carry the same marks in the name; a letter
 * typed bare may stand for any marked form: "Son Hà" fits Sơn Hà, not Sơn Hạ.
 */
function compatible(typed: string, official: string): boolean {
  const a = [...typed.normalize('NFC')];
  const b = [...official.normalize('NFC')];
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const fa = foldVietnamese(a[i]);
    if (fa !== foldVietnamese(b[i])) return false;
    if (fa !== a[i]) return false; // typed with a different mark
  }
  return true;
}

/**
 * Builds a matcher over a list of communes. `match(code, name)`: a code wins when present and
 * known; a code that is present but unknown is an error even if the name would match (the two
 * disagree, and a person must say which is right).
 */
export function createCommuneMatcher(communes: MatchableCommune[]) {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const entries = communes.map((c) => {
    const { rest, prefix } = stripPrefixes(tidy(c.name));
    return { commune: c, rest, folded: foldVietnamese(rest), prefix };
  });
  const byFolded = new Map<string, typeof entries>();
  for (const e of entries) byFolded.set(e.folded, [...(byFolded.get(e.folded) ?? []), e]);

  function matchCode(raw: string): CommuneMatch {
    // Excel turns 05012 into the number 5012; a commune code is always five digits
    const code = /^\d{1,5}$/.test(raw) ? raw.padStart(5, '0') : raw;
    const c = byCode.get(code);
    return c
      ? { status: 'ok', code: c.code, name: c.name }
      : { status: 'unknown', message: `Không có xã, phường, đặc khu mã "${raw}"` };
  }

  function matchName(raw: string): CommuneMatch {
    const { rest, prefix } = stripPrefixes(tidy(raw));
    const unknown: CommuneMatch = { status: 'unknown', message: `Không tìm thấy xã, phường, đặc khu tên "${raw.trim()}"` };
    if (!rest) return unknown;
    let candidates = (byFolded.get(foldVietnamese(rest)) ?? []).filter((e) => compatible(rest, e.rest));
    // "Phường X" and "Xã X" may both exist: a prefix the writer gave decides between them
    if (prefix && candidates.length > 1) {
      const sameType = candidates.filter((e) => e.prefix === prefix);
      if (sameType.length) candidates = sameType;
    }
    // a writer who uses diacritics and wrote a name exactly means that name
    if (candidates.length > 1 && hasDiacritics(rest)) {
      const exact = candidates.filter((e) => e.rest === rest);
      if (exact.length === 1) candidates = exact;
    }
    if (candidates.length === 1) return { status: 'ok', code: candidates[0].commune.code, name: candidates[0].commune.name };
    if (candidates.length === 0) return unknown;
    const names = candidates.map((e) => e.commune.name);
    return {
      status: 'ambiguous',
      candidates: names,
      message: `Tên "${raw.trim()}" khớp với nhiều đơn vị (${names.join(', ')}): hãy ghi mã xã hoặc tên có dấu đầy đủ`,
    };
  }

  return {
    matchCode,
    matchName,
    /** code first (when given), else name */
    match(code: string | null | undefined, name: string | null | undefined): CommuneMatch {
      const c = (code ?? '').trim();
      const n = (name ?? '').trim();
      if (c) return matchCode(c);
      if (n) {
        // a name column that holds a code ("21211") is still a code
        if (/^\d{4,5}$/.test(n)) return matchCode(n);
        return matchName(n);
      }
      return { status: 'unknown', message: 'Dòng không có mã xã hoặc tên xã' };
    },
  };
}
export type CommuneMatcher = ReturnType<typeof createCommuneMatcher>;

// ---------------------------------------------------------------------------------------------
// Column headers

/**
 * The comparable form of a header: folded, units in brackets dropped, punctuation to spaces.
 * "Số hồ sơ TTHC tiếp nhận (hồ sơ)" and "SO HO SO TTHC TIEP NHAN" give the same key.
 */
export function headerKey(header: string): string {
  return foldVietnamese(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface MatchableElement {
  code: string;
  name: string;
}

/** What a column is: the commune's code or name, a data element, deliberately ignored, or not known. */
export type ColumnRole =
  | { kind: 'communeCode' }
  | { kind: 'communeName' }
  | { kind: 'element'; element: string }
  | { kind: 'ignore' }
  | { kind: 'unknown' };

const COMMUNE_CODE_HEADERS = new Set(['ma xa', 'ma don vi', 'ma dvhc', 'ma', 'ma_xa', 'commune code', 'commune_code', 'code'].map(headerKey));
const COMMUNE_NAME_HEADERS = new Set(
  [
    'tên xã',
    'ten_xa',
    'xã',
    'xã, phường',
    'xã, phường, đặc khu',
    'tên xã, phường, đặc khu',
    'tên xã, phường',
    'đơn vị',
    'tên đơn vị',
    'đơn vị hành chính',
    'địa phương',
    'commune',
    'commune name',
    'commune_name',
  ].map(headerKey),
);
// Columns files carry that are not figures: row numbers, notes, the catalogue's own facts.
const IGNORED_HEADERS = new Set(
  ['stt', 'tt', 'số tt', 'số thứ tự', 'ghi chú', 'huyện', 'huyện cũ', 'loại', 'loại đơn vị', 'tỉnh', 'tỉnh cũ', 'note'].map(headerKey),
);

/**
 * Resolves one header. A saved mapping speaks first (its value "" means "ignore this column"),
 * then the element's code, then its Vietnamese name; a header that is none of these is unknown,
 * and the caller lists it for a person to map.
 */
export function classifyHeader(
  header: string,
  elements: MatchableElement[],
  mapping: Record<string, string> = {},
): ColumnRole {
  const raw = header.trim();
  if (!raw) return { kind: 'ignore' };
  const key = headerKey(raw);
  for (const [theirs, ours] of Object.entries(mapping)) {
    if (theirs.trim() === raw || headerKey(theirs) === key) {
      if (ours === '') return { kind: 'ignore' };
      if (ours === '@commune_code') return { kind: 'communeCode' };
      if (ours === '@commune_name') return { kind: 'communeName' };
      return { kind: 'element', element: ours };
    }
  }
  const byCode = elements.find((e) => e.code === raw || e.code === raw.toLowerCase());
  if (byCode) return { kind: 'element', element: byCode.code };
  if (COMMUNE_CODE_HEADERS.has(key)) return { kind: 'communeCode' };
  if (COMMUNE_NAME_HEADERS.has(key)) return { kind: 'communeName' };
  const byName = elements.filter((e) => headerKey(e.name) === key);
  if (byName.length === 1) return { kind: 'element', element: byName[0].code };
  if (IGNORED_HEADERS.has(key)) return { kind: 'ignore' };
  return { kind: 'unknown' };
}
