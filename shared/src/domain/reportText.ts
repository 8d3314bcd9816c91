// The text of a commune's narrative report, before any figure is read from it: where its
// sentences are, what is not body text (footnotes, links), which commune wrote it, on what day,
// and whether it is readable at all (old TCVN3/VNI fonts).
//
// Contract (the reader in reader.ts and the API's upload route rely on it):
// - Every function takes the text exactly as extracted and never needs it normalised first: the
//   reports mix precomposed letters with combining tone marks ("trư" + U+0323), wrap lines in the
//   middle of sentences (PDF, and the .txt exports), and carry footnotes inline ("[footnoteRef:2]",
//   "[2: Quyết định …]") or at the foot of a page ("cộng đồng1" … "1 - Quyết định số …").
// - Offsets always point into the text given. Matching happens on a folded copy (lower case, no
//   diacritics, one character per original character or fewer) with a map back to the original,
//   so a highlight drawn from an offset lands on the figure as the commune wrote it.
// - Pure: no I/O, no clock.
import { parseViDate } from './numbers';
import { createCommuneMatcher, type MatchableCommune } from './match';
import { foldVietnamese } from './text';

// ---------------------------------------------------------------------------------------------
// Folding with a map back to the original

export interface FoldedText {
  /** the text as given */
  text: string;
  /** lower case, no diacritics, đ → d, every space-like character one space, "\n" kept */
  folded: string;
  /** the same with its diacritics (NFC, lower case, tone placed the new way: "hoá" → "hóa"),
   *  character for character aligned with `folded`: words are matched here, where "mỗi" is not
   *  "mới" and "đạt" is not "đặt" */
  marked: string;
  /** at[i] = offset in `text` of folded[i]; at[folded.length] = text.length */
  at: number[];
}

const FOLD_CACHE = new Map<string, string>();

function foldChar(ch: string): string {
  let f = FOLD_CACHE.get(ch);
  if (f !== undefined) return f;
  if (ch === '\n' || ch === '\f' || ch === '\v' || ch === '\u2028' || ch === '\u2029') f = '\n';
  else if (/\s/u.test(ch)) f = ' ';
  else if (/[\u2010-\u2015\u2212]/u.test(ch)) f = '-';
  else if (/[\u201c\u201d\u201e\u00ab\u00bb]/u.test(ch)) f = '"';
  else if (/[\u2018\u2019]/u.test(ch)) f = "'";
  // superscript digits are footnote markers in text copied from Word, never figures
  else if (/[\u00b9\u00b2\u00b3\u2070-\u2079]/u.test(ch)) f = ' ';
  else if (ch === '\u00ad') f = ''; // soft hyphen (outside TCVN3 text, where it is a letter)
  else f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
  FOLD_CACHE.set(ch, f);
  return f;
}

function markChar(ch: string, f: string): string {
  if (f === ' ' || f === '\n' || f === '-' || f === '"' || f === "'" || f === '') return f;
  const m = ch.normalize('NFC').toLowerCase();
  return m.length === f.length ? m : f;
}

export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const marked: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (/\p{M}/u.test(ch) && marked.length) {
      // a combining tone mark (Word's "trư" + U+0323): joins the letter before it in `marked`
      const last = marked.length - 1;
      const joined = (marked[last] + ch).normalize('NFC');
      if (joined.length === marked[last].length) marked[last] = joined;
      continue;
    }
    const f = foldChar(ch);
    folded += f;
    const m = markChar(ch, f);
    for (let k = 0; k < f.length; k++) {
      at.push(i - ch.length);
      marked.push(m.length === f.length ? m[k] : f[k]);
    }
  }
  at.push(text.length);
  return { text, folded, marked: placeTones(marked.join('')), at };
}

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Old and new tone placement written the same ("hoá" → "hóa", "thuỷ" → "thủy"), and i/y spellings
 * ("tỉ lệ" → "tỷ lệ"), so that a cue matches whichever way the writer learnt. Length-preserving:
 * a mark moves between two letters, a letter is swapped for one. Only open syllables differ in
 * tone placement ("hoàng" is written one way).
 */
export function placeTones(s: string): string {
  const move = (whole: string, a: string, b: string) => {
    const bd = b.normalize('NFD');
    const tone = TONE.exec(bd);
    if (!tone || TONE.test(a.normalize('NFD'))) return whole;
    return whole.slice(0, whole.length - 2) + (a + tone[0]).normalize('NFC') + bd.replace(TONE, '').normalize('NFC');
  };
  return s
    .replace(/([oòóỏõọ])([aàáảãạeèéẻẽẹ])(?![\p{L}\p{M}])/gu, (w, a: string, b: string) => move(w, a, b))
    .replace(/(?<![qQ])([uùúủũụ])([yỳýỷỹỵ])(?![\p{L}\p{M}])/gu, (w, a: string, b: string) => move(w, a, b))
    .replace(/(?<![\p{L}\p{M}])(?:tỉ|kĩ|lí|mĩ|qui)(?![\p{L}\p{M}])/gu, (w) => SPELLING[w] ?? w);
}

// Words written with i or y as the writer learnt ("tỉ lệ" / "tỷ lệ", "kĩ năng" / "kỹ năng")
const SPELLING: Record<string, string> = { tỉ: 'tỷ', kĩ: 'kỹ', lí: 'lý', mĩ: 'mỹ', qui: 'quy' };

/** Offsets in the folded copy → offsets in the original text. */
export function toOriginal(ft: FoldedText, start: number, end: number): [number, number] {
  return [ft.at[start], ft.at[end]];
}

// ---------------------------------------------------------------------------------------------
// What is not body text

export type MaskKind = 'footnote' | 'link';
export interface Mask {
  kind: MaskKind;
  /** folded offsets */
  start: number;
  end: number;
}

/** A lower-case letter of the original text (a superscript marker follows a lower-case word). */
function isLowerAt(ft: FoldedText, i: number): boolean {
  const o = ft.at[i];
  const ch = String.fromCodePoint(ft.text.codePointAt(o) ?? 32);
  return /\p{Ll}/u.test(ch);
}

function isUpperAt(ft: FoldedText, i: number): boolean {
  const o = ft.at[i];
  const ch = String.fromCodePoint(ft.text.codePointAt(o) ?? 32);
  return /\p{Lu}/u.test(ch);
}

/**
 * Footnotes and links, in folded offsets. Footnotes come in three shapes:
 * - inline markers and bodies from a Word conversion: "[footnoteRef:2]", "[2: Quyết định …]";
 * - a page's footnote block in text taken from a PDF or a Word print: a separator line of
 *   spaces, then "1 - Quyết định số …" down to the page break (two or more blank lines);
 * - the marker left glued to the word it annotates, "cộng đồng1" (a digit after a lower-case
 *   word of three letters or more: "km2", "NQ57", "5G" are not markers).
 */
export function findMasks(ft: FoldedText): Mask[] {
  const s = ft.folded;
  const masks: Mask[] = [];
  const add = (kind: MaskKind, start: number, end: number) => masks.push({ kind, start, end });
  for (const m of s.matchAll(/\[footnoteref:\s*\d{1,3}\]/g)) add('footnote', m.index!, m.index! + m[0].length);
  for (const m of s.matchAll(/\[\d{1,3}:[^\]]{0,3000}\]/g)) add('footnote', m.index!, m.index! + m[0].length);
  for (const m of s.matchAll(/(?:https?:\/\/|www\.)[^\s"<>]+/g)) add('link', m.index!, m.index! + m[0].length);
  // bounded parts: an unbounded run before "@" backtracks over every long word (quadratic)
  for (const m of s.matchAll(/(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g)) add('link', m.index!, m.index! + m[0].length);
  // a separator line (only spaces, at least 10) right before "1 - …" / "1 Quyết định …"
  for (const m of s.matchAll(/\n[ \t]{10,}\n(?=[ \t]*\d{1,2}[ \t]+\S)/g)) {
    const start = m.index! + 1;
    const rest = s.slice(start, start + 4000);
    const stop = /\n[ \t]*\n[ \t]*\n[ \t]*\n|\n[ \t]*\f/.exec(rest);
    const end = stop ? start + stop.index : start + (/\n[ \t]*\n/.exec(rest.slice(1))?.index ?? rest.length);
    add('footnote', start, end);
  }
  for (const m of s.matchAll(/(?<=[a-z]{3})\d{1,2}(?=[\s,.;:)]|$)/g)) {
    if (isLowerAt(ft, m.index! - 1)) add('footnote', m.index!, m.index! + m[0].length);
  }
  return masks.sort((a, b) => a.start - b.start);
}

/** The folded text with masked spans turned to spaces (line breaks kept), so offsets stay put. */
export function blankMasks(folded: string, masks: Mask[]): string {
  if (masks.length === 0) return folded;
  const chars = folded.split('');
  for (const m of masks) for (let i = m.start; i < m.end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Lines, paragraphs, sentences

// A list item or a heading starts a new paragraph even in wrapped text: "- ", "+ ", "* ", "•",
// "I. ", "1. ", "1.2. ", "a) ", "đ) ".
const ITEM_START = /^[ \t]*(?:[-+*•][ \t]|[ivxlc]+\.[ \t]|\d{1,2}(?:\.\d{1,2})*\.[ \t]|\d{1,2}\)[ \t]|[a-z]\)[ \t])/;
// Words a wrapped heading can end on ("… của \n Chính phủ"): the heading goes on.
const CONTINUES = /(?:\s(?:cua|va|ve|cac|cho|trong|tai|theo|voi|tu|den|nhung|la|o|thuc|hien|nhu|ngay)|[,(&/-])\s*$/;

export interface Sentence {
  /** folded offsets, trimmed */
  start: number;
  end: number;
  paragraph: number;
  /** heading depth: 1 "I.", 2 "1.", 3 "1.1.", 4 "1.1.1.", 5 "a)", 6 "*"; 0 = not a heading */
  heading: number;
  /** ends with ":" and is the last sentence of its paragraph: what follows belongs to it */
  introducer: boolean;
  /** the list sign it starts with ("-", "+", "•"), or "" */
  bullet: string;
}

export interface Segmented {
  ft: FoldedText;
  /** folded text with footnotes and links blanked */
  body: string;
  /** `marked` with the same spans blanked */
  markedBody: string;
  masks: Mask[];
  paragraphs: { start: number; end: number }[];
  sentences: Sentence[];
}

interface Line {
  start: number;
  end: number;
  blank: boolean;
}

function linesOf(s: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    out.push({ start, end, blank: s.slice(start, end).trim() === '' });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

function firstNonSpace(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s[i] !== ' ' && s[i] !== '\t') return i;
  return -1;
}

/**
 * Is the text wrapped (lines cut in the middle of sentences, as PDF text and the .txt exports
 * are) or one paragraph per line (as Word gives)? Wrapped text has many lines that end without
 * punctuation and go on in lower case on the next line.
 */
function isWrapped(ft: FoldedText, body: string, lines: Line[]): boolean {
  const content = lines.filter((l) => !l.blank);
  let pairs = 0;
  let soft = 0;
  for (let k = 0; k + 1 < content.length; k++) {
    pairs++;
    const prev = body.slice(content[k].start, content[k].end).trimEnd();
    const next = content[k + 1];
    const n = firstNonSpace(body, next.start, next.end);
    if (ITEM_START.test(body.slice(next.start, next.end))) continue; // "a) …", "1. …" start items, not continuations
    if (!/[.!?:;]$/.test(prev) && n >= 0 && (isLowerAt(ft, n) || /\d/.test(body[n]))) soft++;
  }
  // a short text cannot show a habit: one line going on in lower case is enough
  return pairs >= 4 ? soft / pairs >= 0.15 : soft >= 1;
}

/** Does the break between two content lines end a paragraph? `para` is where the paragraph began. */
function hardBreak(ft: FoldedText, body: string, para: number, prev: Line, next: Line, wrapped: boolean): boolean {
  const p = body.slice(prev.start, prev.end).trimEnd();
  const nextText = body.slice(next.start, next.end);
  if (ITEM_START.test(nextText) && !/^\s*\d{1,2}\.\d/.test(nextText.trimStart().slice(0, 0))) {
    // "1. " starts an item; a wrapped "5.687,4 triệu" does not match ITEM_START (no space after the dot)
    return true;
  }
  if (/[.!?…]["')]?$/.test(p)) return true;
  const n = firstNonSpace(body, next.start, next.end);
  if (n < 0) return true;
  const upper = isUpperAt(ft, n);
  if (!wrapped) return !(isLowerAt(ft, n) || /\d/.test(body[n])) || /[:;]$/.test(p);
  // wrapped: a line ending in ":" before a capital introduces what follows, unless a bracket is
  // still open ("479.000.000 đồng (bằng chữ: \n Bốn trăm …)")
  const para_ = body.slice(Math.max(para, prev.end - 400), prev.end);
  const open = (para_.match(/\(/g) ?? []).length - (para_.match(/\)/g) ?? []).length;
  if (/:$/.test(p) && upper && open <= 0) return true;
  // a heading ("1. Công tác …", "a) Kinh phí đầu tư năm 2025") then a capitalised sentence
  // (a heading may itself wrap: "1. Công tác lãnh đạo … khoa học, công \n nghệ, … chuyển đổi số")
  const pStart = firstNonSpace(body, para, prev.end);
  const heading = pStart >= 0 && prev.end - pStart < 300 && /^(?:[ivxlc]+\.|\d{1,2}(?:\.\d{1,2})*\.|[a-z]\)|\*)[ \t]/.test(body.slice(pStart, prev.end));
  if (heading && upper && !CONTINUES.test(p) && !/[.;]/.test(body.slice(pStart + 3, prev.end))) return true;
  return false;
}

const ABBREVIATIONS = new Set(['tp', 'tx', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'tt', 'v.v', 'vv', 'st']);

/** Splits a paragraph into sentences: ". " (or "!", "?", "…") before a capital, a list sign or the end. */
function splitSentences(ft: FoldedText, body: string, start: number, end: number, out: { start: number; end: number }[]) {
  let s = start;
  for (let i = start; i < end; i++) {
    const c = body[i];
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    // "86.6%", "3.781", "1.2." keep going: a dot between digits is part of a number
    if (c === '.' && /\d/.test(body[i - 1] ?? '') && /\d/.test(body[i + 1] ?? '')) continue;
    let j = i + 1;
    while (j < end && /["')\]]/.test(body[j])) j++;
    let k = j;
    while (k < end && /\s/.test(body[k])) k++;
    if (k >= end) continue; // the paragraph's end closes it anyway
    const spaced = k > j;
    const nextUpper = isUpperAt(ft, k);
    const nextItem = /[-+•*]/.test(body[k]) && /\s/.test(body[k + 1] ?? '');
    // "33 chứng thư số.Việc triển khai": a capital glued to the full stop after a word
    const glued = !spaced && nextUpper && /\p{L}/u.test(body[i - 1] ?? '');
    // "… được thực hiện tốt. 100% văn bản …": a figure opens the next sentence
    const nextFigure = spaced && /\d/.test(body[k]) && !/\d/.test(body[i - 1] ?? '');
    if (!((spaced && (nextUpper || nextItem)) || glued || nextFigure)) continue;
    // "I. ", "5.1. " open a heading: the number is not a sentence
    if (c === '.' && i - s < 16 && /^\s*(?:[ivxlc]+|\d{1,2}(?:\.\d{1,2})*)$/.test(body.slice(s, i))) continue;
    if (c === '.') {
      const word = /([a-z.]+)$/.exec(body.slice(Math.max(start, i - 6), i))?.[1] ?? '';
      if (ABBREVIATIONS.has(word)) continue;
    }
    out.push({ start: s, end: j });
    s = k;
    i = k - 1;
  }
  out.push({ start: s, end });
}

function trimSpan(body: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  return [start, end];
}

function headingDepth(body: string, start: number, end: number, ft: FoldedText): number {
  const t = body.slice(start, Math.min(end, start + 12));
  let m = /^([ivxlc]+)\.\s/.exec(t);
  if (m && isUpperAt(ft, start)) return 1;
  m = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s/.exec(t);
  if (m && !/^\d{1,2}\s/.test(t)) return 1 + m[1].split('.').length;
  if (/^[a-z]\)\s/.test(t)) return 5;
  if (/^\*\s/.test(t)) return 6;
  return 0;
}

/** Paragraphs and sentences of a report, footnotes and links blanked. */
export function segmentReport(text: string): Segmented {
  const ft = foldWithMap(text);
  const masks = findMasks(ft);
  const body = blankMasks(ft.folded, masks);
  const lines = linesOf(body);
  const wrapped = isWrapped(ft, body, lines);
  const paragraphs: { start: number; end: number }[] = [];
  let cur: Line | null = null;
  let paraStart = -1;
  for (const line of lines) {
    if (line.blank) {
      // in one-paragraph-per-line text a blank line ends the paragraph; in wrapped text the
      // exports put a blank line after every line, so only the words decide
      if (!wrapped && cur) {
        paragraphs.push({ start: paraStart, end: cur.end });
        cur = null;
      }
      continue;
    }
    if (cur && hardBreak(ft, body, paraStart, cur, line, wrapped)) {
      paragraphs.push({ start: paraStart, end: cur.end });
      cur = null;
    }
    if (!cur) paraStart = line.start;
    cur = line;
  }
  if (cur) paragraphs.push({ start: paraStart, end: cur.end });

  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const spans: { start: number; end: number }[] = [];
    splitSentences(ft, body, p.start, p.end, spans);
    spans.forEach((sp, k) => {
      const [a, b] = trimSpan(body, sp.start, sp.end);
      if (a >= b) return;
      const bullet = /^([-+•])\s/.exec(body.slice(a, a + 2))?.[1] ?? '';
      sentences.push({
        start: a,
        end: b,
        paragraph: pi,
        heading: headingDepth(body, a, b, ft),
        introducer: k === spans.length - 1 && body[b - 1] === ':',
        bullet,
      });
    });
  });
  return { ft, body, markedBody: blankMasks(ft.marked, masks), masks, paragraphs, sentences };
}

/**
 * Text for reading and display: the lines of a wrapped paragraph joined back with a space,
 * one paragraph per line, footnote markers and footnote bodies removed, NFC (so that a search
 * for "trưởng" finds it whichever way Word composed it). Links are kept: they are body text.
 * The reader works on the text as given too; call this first when the text will be shown, and
 * read the text that is shown, so that offsets match what the person sees.
 */
export function joinWrappedLines(text: string): string {
  const seg = segmentReport(text);
  const { ft } = seg;
  const footnotes = seg.masks.filter((m) => m.kind === 'footnote');
  const out: string[] = [];
  for (const p of seg.paragraphs) {
    let piece = '';
    let i = p.start;
    for (const m of footnotes) {
      if (m.end <= p.start || m.start >= p.end) continue;
      piece += ft.text.slice(ft.at[i], ft.at[Math.max(i, m.start)]);
      i = Math.max(i, m.end);
    }
    if (i < p.end) piece += ft.text.slice(ft.at[i], ft.at[p.end]);
    const line = piece
      .normalize('NFC')
      .replace(/[ \t\u00a0]*(?:\r?\n|\f)[ \t\u00a0\r\n\f]*/g, ' ')
      .replace(/[ \t\u00a0]{2,}/g, ' ')
      .replace(/ +([,.;:)])/g, '$1')
      .trim();
    if (line) out.push(line);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Old Vietnamese font encodings

// Letters of Vietnamese in Unicode that also sit in Latin-1 (à á â ã è é ê ì í ò ó ô õ ù ú ý).
const VI_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ'.split(''));
// Signs a Unicode Vietnamese report may carry in that range without being mojibake.
const LATIN1_OK = new Set(['\u00a0', '°', '«', '»', '©', '®', '±', '·', '×', '§', '¼', '½', '¾', '²', '³', '¹']);

/**
 * A text typed in a TCVN3 (ABC, ".Vn" fonts) or VNI font and saved without conversion reads as
 * "Ch­¬ng tr×nh" or "Chöông trình": Latin-1 letters Vietnamese does not have (¬ ® ¸ µ ¶ ö ø ï ñ …)
 * where its letters should be. Such a text must be flagged and never read as numbers: its
 * digits survive, but not the words that say what they count.
 */
export function looksLikeLegacyFont(text: string): boolean {
  let odd = 0;
  let vietnamese = 0;
  let letters = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\p{L}/u.test(ch)) letters++;
    if (cp >= 0xa1 && cp <= 0xff) {
      if (VI_LATIN1.has(ch)) vietnamese++;
      else if (!LATIN1_OK.has(ch)) odd++;
    } else if (ch === '\u00ad') {
      odd++; // TCVN3's "ư"
    } else if ((cp >= 0x1ea0 && cp <= 0x1ef9) || cp === 0x0102 || cp === 0x0103 || cp === 0x0110 || cp === 0x0111 || cp === 0x01a0 || cp === 0x01a1 || cp === 0x01af || cp === 0x01b0) {
      vietnamese++;
    }
  }
  if (letters === 0) return false;
  // a handful of stray signs is a typo; mojibake puts one in every few words
  return odd >= 3 && odd / letters >= 0.01 && odd >= vietnamese * 0.5;
}

// ---------------------------------------------------------------------------------------------
// The commune and the date of the report

export interface DetectedCommune {
  code: string;
  name: string;
  /** the words of the report that name it ("UBND Xã Xốp", "Khánh Cường , ngày") */
  evidence: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "xa xop" → a pattern that lets any run of spaces and line breaks stand between the words. */
function wordsPattern(folded: string): string {
  return folded.split(' ').filter(Boolean).map(escapeRe).join('\\s+');
}

const UNIT_WORDS = '(?:xa|phuong|dac\\s+khu)';
const COUNCIL = '(?:ubnd|uy\\s+ban\\s+nhan\\s+dan)';

/**
 * Which commune wrote the report. The header says it best ("ỦY BAN NHÂN DÂN / XÃ XỐP",
 * "Xã Xốp, ngày 06 tháng 12 năm 2025", "Khánh Cường , ngày … tháng 12 năm 2025"); failing that
 * the body ("UBND xã Mỏ Cày báo cáo …"). A commune only mentioned in passing ("số 52 Hùng Vương,
 * xã Cẩm Thành") scores far lower. Null when nothing names a known commune or two are equally
 * named: a person then chooses, which beats filing one commune's figures under another.
 */
export function detectCommune(text: string, communes: MatchableCommune[]): DetectedCommune | null {
  const seg = segmentReport(text);
  const s = seg.body;
  const headEnd = Math.min(s.length, Math.max(800, s.indexOf('bao cao') + 400));
  const matcher = createCommuneMatcher(communes);
  const scores: { commune: MatchableCommune; score: number; evidence: string; first: number }[] = [];
  for (const c of communes) {
    const bare = foldVietnamese(c.name).replace(/^(?:xa|phuong|dac khu)\s+/, '');
    if (!bare) continue;
    const name = `(?<name>${wordsPattern(bare)})`;
    let score = 0;
    let evidence = '';
    let first = Infinity;
    const note = (re: RegExp, inHead: number, elsewhere: number) => {
      for (const m of s.matchAll(re)) {
        const at = m.index!;
        const [ns, ne] = m.indices!.groups!.name!;
        // the name as written must be this commune's: "Sơn Hà" is not "Sơn Hạ", and an unmarked
        // "SON HA" fits both (then the tie below asks a person)
        const written = text.slice(seg.ft.at[ns], seg.ft.at[ne]);
        const r = matcher.matchName(written);
        const fits = r.status === 'ok' ? r.code === c.code : r.status === 'ambiguous' && r.candidates.includes(c.name);
        if (!fits) continue;
        score += at < headEnd ? inHead : elsewhere;
        if (at < first) {
          first = at;
          evidence = text.slice(seg.ft.at[at], seg.ft.at[at + m[0].length]).normalize('NFC').replace(/\s+/g, ' ').trim();
        }
      }
    };
    note(new RegExp(`${COUNCIL}\\s+${UNIT_WORDS}\\s+${name}(?![a-z0-9])`, 'gd'), 10, 4);
    note(new RegExp(`(?<![a-z0-9])(?:${UNIT_WORDS}\\s+)?${name}\\s*,\\s*ngay(?![a-z])`, 'gd'), 10, 0);
    note(new RegExp(`(?<![a-z0-9])${UNIT_WORDS}\\s+${name}(?![a-z0-9])`, 'gd'), 2, 1);
    if (score > 0) scores.push({ commune: c, score, evidence, first });
  }
  if (scores.length === 0) return null;
  scores.sort((a, b) => b.score - a.score || a.first - b.first);
  const [best, second] = scores;
  // two communes named about as often (or an unmarked name that fits two): ask a person
  if (second && second.score * 2 > best.score) return null;
  return { code: best.commune.code, name: best.commune.name, evidence: best.evidence };
}

/**
 * The date the report is signed, from its header: "Xốp, ngày 06 tháng 12 năm 2025" → "2025-12-06".
 * Null when the day is left blank for the signature ("ngày    tháng 12 năm 2025"), as drafts are.
 */
export function findReportDate(text: string): string | null {
  const s = foldWithMap(text).folded.slice(0, 3000);
  const m = /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(s);
  return m ? parseViDate(`${m[1]}/${m[2]}/${m[3]}`) : null;
}

/** The year the report speaks of, for dates written without one ("đến ngày 18/11"). */
export function findReportYear(text: string): number | null {
  const s = foldWithMap(text).folded;
  const head = /ngay\s+[\d ]*thang\s+[\d ]*nam\s+(\d{4})/.exec(s.slice(0, 3000));
  if (head) return Number(head[1]);
  const years = new Map<number, number>();
  for (const m of s.matchAll(/\b\d{1,2}\/\d{1,2}\/(20\d{2})\b/g)) years.set(Number(m[1]), (years.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of years) if (best === null || n > (years.get(best) ?? 0) || (n === years.get(best) && y > best)) best = y;
  return best;
}
