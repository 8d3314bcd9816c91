// Vietnamese text: searching commune names the way people type them (often without diacritics,
// on a phone or a keyboard without Telex), and sorting names in Vietnamese alphabetical order.

/**
 * Lower-case, no diacritics, đ → d, single spaces: "Xã  Tịnh Khê" → "xa tinh khe".
 * đ needs its own rule: it is a separate letter, not d plus a combining mark, so NFD leaves it.
 */
export function foldVietnamese(s: string): string {
  return (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

// Users often type the unit type first ("xã tịnh khê"); every commune name carries it, so it
// would match nothing useful or, worse, every xã. Longest first so "dac khu" is not read as "dac".
const TYPE_PREFIXES = ['dac khu', 'phuong', 'xa'];

/** Punctuation ("Ia H'Drai", "Đăk Rơ-Wa") should not decide whether a name is found. */
function words(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Every word of the query appears in the name, diacritics and case ignored: "tinh khe" and
 * "xã Tịnh Khê" both find "Xã Tịnh Khê"; "khe tinh" too (word order is not what people remember).
 * Substring, not whole word, so the list narrows while the user is still typing ("tinh kh").
 */
export function matchesSearch(name: string, query: string): boolean {
  let q = words(foldVietnamese(query));
  for (const p of TYPE_PREFIXES) {
    // only strip when something is left, so a bare "xã" still means "the xã"
    if (q.startsWith(p + ' ')) {
      q = q.slice(p.length + 1);
      break;
    }
  }
  if (q === '') return true;
  const n = words(foldVietnamese(name));
  return q.split(' ').every((w) => n.includes(w));
}

// ---------------------------------------------------------------------------------------------
// Collation

// The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
// ă â ê ô ơ ư đ are letters of their own (primary difference); the five tone marks are secondary
// (so "Dục" < "Dung" < "Dũng" < "Đa"), and case comes last.
const BASE_ORDER = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
// breve (ă), circumflex (â ê ô), horn (ơ ư)
const LETTER_MARKS = ['\u0306', '\u0302', '\u031b'];
// ngang (none), huyền, hỏi, ngã, sắc, nặng — the order Vietnamese dictionaries use.
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

interface Key {
  primary: number[];
  secondary: number[];
  tertiary: number[];
}

function collationKey(s: string): Key {
  const key: Key = { primary: [], secondary: [], tertiary: [] };
  // NFD splits "ữ" into u + horn + tilde; we rebuild the letter from base + letter mark and keep
  // the tone aside.
  const chars = s.normalize('NFD');
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i++];
    const lower = ch.toLowerCase();
    let letter = lower;
    let tone = 0;
    while (i < chars.length && /\p{M}/u.test(chars[i])) {
      const mark = chars[i++];
      const t = TONES.indexOf(mark);
      if (t > 0) tone = t;
      else if (LETTER_MARKS.includes(mark)) {
        // ư and ơ share the horn, â ê ô the circumflex: NFC of base + mark names the letter
        const combined = (lower + mark).normalize('NFC');
        if (combined.length === 1) letter = combined;
      }
    }
    const idx = BASE_ORDER.indexOf(letter);
    // letters outside the alphabet (digits, spaces, punctuation) sort by code point, ahead of
    // letters as in ICU: space < digits < letters
    key.primary.push(idx >= 0 ? 0x10000 + idx : letter.codePointAt(0)!);
    key.secondary.push(tone);
    key.tertiary.push(ch !== lower ? 1 : 0);
  }
  return key;
}

function compareArrays(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Key-based Vietnamese order, for runtimes whose ICU has no Vietnamese tailoring. */
export function compareViFallback(a: string, b: string): number {
  const ka = collationKey(a);
  const kb = collationKey(b);
  return (
    compareArrays(ka.primary, kb.primary) ||
    compareArrays(ka.secondary, kb.secondary) ||
    compareArrays(ka.tertiary, kb.tertiary) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}

// Intl.Collator('vi') is right when ICU has the Vietnamese data (full-icu Node, browsers), but a
// small-icu build quietly falls back to the root order, where "Đ" sorts with "D". Probe once
// with cases root order gets wrong and use the collator only if it passes.
function pickComparator(): (a: string, b: string) => number {
  try {
    const c = new Intl.Collator('vi');
    const ok =
      c.compare('Dục', 'Đăk') < 0 &&
      c.compare('Dz', 'Đa') < 0 &&
      c.compare('Ơ', 'Ô') > 0 &&
      c.compare('Ư', 'U') > 0 &&
      c.compare('Ăn', 'Az') > 0 &&
      c.compare('Dung', 'Dũng') < 0;
    if (ok) return c.compare;
  } catch {
    // no Intl at all: fall through
  }
  return compareViFallback;
}

/** Vietnamese alphabetical order: Đ after D, Ơ after Ô, tones as secondary differences. */
export const compareVi: (a: string, b: string) => number = pickComparator();
