// Reading a commune's narrative report: text in, proposed figures out, each with the sentence it
// came from, for a person to confirm. Nothing here writes a figure.
//
// Contract:
// - readReport(text, catalogue, opts) is pure. `text` is the text as the person will see it (the
//   API stores and returns it); every offset points into it: text.slice(start, end) is the figure
//   as written ("trên 90%", "7.630.404.000 đồng", "3.679"), and it lies inside
//   text.slice(quoteStart, quoteEnd) === quote, the sentence it came from. A sum of parts in one
//   sentence (source 'sum', "05 … và … 33 chứng thư số") spans its first to its last part, and
//   each part in `parts` reads back on its own.
// - `value` is in the element's unit: percent 0–100, money in whole đồng, counts as integers.
// - Which phrases point at which data element is data: the `reader` object of each element in
//   seed/catalogue.json (nouns, cues, words that rule it out; see ElementReader). This module
//   knows Vietnamese, not the catalogue: how figures, dates, document numbers, hedges and targets
//   are written.
// - Never guess (issue 11): a figure is proposed only when its own words say what it counts. A
//   number that fits two elements, a target ("phấn đấu"), a date, a document number, a rank, a
//   share where a count is asked, money allocated where money requested is asked: none of these
//   is proposed. A figure the report gives twice is proposed once, the latest (its as-of date,
//   then its place in the text), with the other values as alternatives. What a person should
//   know (an old font, a number that fits two elements) is a warning, in Vietnamese.
import { APPROX_PREFIXES, parseViDate, parseViNumber } from './numbers';
import type { MatchableCommune } from './match';
import {
  detectCommune,
  findReportDate,
  findReportYear,
  looksLikeLegacyFont,
  placeTones,
  segmentReport,
  type Segmented,
  type Sentence,
} from './reportText';

// ---------------------------------------------------------------------------------------------
// The catalogue's cues (seed/catalogue.json → elements[].reader)

/**
 * One way a report states an element. Phrases are matched without diacritics or case, as whole
 * words; "a + b" means both a and b; a list means any one of them.
 */
export interface ReaderPattern {
  /** what the number counts, written right after it ("3.118 học viên"); for a percent, what may
   *  follow the sign ("100% hồ sơ"). Defaults to the element's nouns */
  nouns?: string[];
  /** in the figure's own phrase: the words before it back to the previous figure or ";", and
   *  the words after it up to the next "," */
  cues?: string[];
  /** in the sentence before the figure */
  lead?: string[];
  /** anywhere in the sentence */
  sentence?: string[];
  /** in the sentence, the sentence before it, or the headings it sits under */
  context?: string[];
  /** the words right before the figure ("Tổ công nghệ số cộng đồng xã và | 11 thôn") */
  labelEnds?: string[];
  /** in the figure's phrase: not this element */
  exclude?: string[];
  /** right after the noun: not this element ("01 Tổ công nghệ số cộng đồng | xã") */
  notFollowedBy?: string[];
  /** after the noun, up to the next comma or through the bracket that follows it: not this
   *  element ("15 Tổ công nghệ số cộng đồng (01 tổ cấp xã, 14 tổ thôn)") */
  excludeAfter?: string[];
  /** only the second number of a pair "a/b" ("11/11 thôn": the villages) */
  as?: 'denominator';
  /** only the first number of a pair "a/b" ("14 tổ/14 thôn": a coverage, so the teams) */
  pairOnly?: boolean;
  /** not one item of a list of such counts ("xã có 12 thôn, 3 tổ dân phố" gives no total) */
  alone?: boolean;
}

export interface ElementReader {
  $comment?: string;
  nouns?: string[];
  /** for every pattern: in the figure's phrase, rules the element out */
  exclude?: string[];
  /** in the sentence before the figure ("Trong đó: …" makes a part, not the total) */
  excludeLead?: string[];
  /** in the headings and the list lead-in the figure sits under ("* Dịch vụ công một phần:") */
  excludeContext?: string[];
  /** required for every pattern, in the sentence, the sentence before or the headings */
  context?: string[];
  patterns: ReaderPattern[];
  /** in "a/b" (or "14 Tổ … tại 14 thôn"), b is this element's figure */
  denominator?: string;
  /** figures of this element in one sentence add up ("05 chứng thư số … và … 33 chứng thư số") */
  sum?: boolean;
  /** with sum: in the words before the figure, it is only one part of the element ("Tổ … cấp xã
   *  gồm 15 thành viên" is not all the teams' members): proposed only added to another part of
   *  the same sentence, never alone */
  part?: string[];
  /** the figure is a plan by nature (a budget request), so target words do not rule it out */
  future?: boolean;
}

export interface ReaderElement {
  code: string;
  unit: string;
  name?: string;
  reader?: ElementReader;
}

export interface ReaderCatalogue {
  elements: ReaderElement[];
}

// ---------------------------------------------------------------------------------------------
// What comes out

export interface FigureSpan {
  value: number;
  approximate: boolean;
  start: number;
  end: number;
}

export interface Alternative {
  value: number;
  approximate: boolean;
  asOf: string | null;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  start: number;
  end: number;
  /** stated outright, the second number of a pair "a/b", or the sum of parts in one sentence */
  source: 'stated' | 'denominator' | 'sum';
  /** for a sum, each figure added */
  parts?: FigureSpan[];
}

export interface Candidate extends Alternative {
  element: string;
  /** the same element given elsewhere in the report with another value */
  alternatives?: Alternative[];
}

export interface ReadOptions {
  /** year for dates written without one ("đến ngày 18/11"); default: the report's year */
  year?: number;
  /** the day the report speaks of "đến thời điểm báo cáo"; default: the date in its header */
  reportDate?: string | null;
  /** to recognise the commune (code and name) rather than only give the words that name it */
  communes?: MatchableCommune[];
}

export interface ReadResult {
  commune: { hint: string; code: string | null; name: string | null } | null;
  reportDate: string | null;
  candidates: Candidate[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Vietnamese, not the catalogue: words that make a number something other than a figure

// Words are matched with their diacritics, lower case, tone placed one way (reportText.placeTones)
const mk = (s: string) => placeTones(s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim());
const alt = (words: string[]) => words.map((w) => mk(w).split(' ').map(escapeRe).join('\\s+')).join('|');
// not a letter or digit before / after: a whole word
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// "Quyết định số 846/…", "Nghị quyết 57", "Điều 25", "số 52 Hùng Vương": identifiers, not figures
const DOC_BEFORE = new RegExp(
  `${L}(?:${alt([
    'nghị quyết',
    'quyết định',
    'kế hoạch',
    'kế hoạch hành động',
    'công văn',
    'thông tư',
    'nghị định',
    'chỉ thị',
    'quy chế',
    'quy định',
    'thông báo',
    'đề án',
    'điều',
    'khoản',
    'chương',
    'mục',
    'phụ lục',
    'luật',
    'báo cáo',
    'tờ trình',
    'hướng dẫn',
    'kết luận',
    'văn bản',
    'số hiệu',
    'mã số',
    'mã',
    'nq',
    'qđ',
    'kh',
    'cv',
  ])})(?:\\s+(?:${alt(['hành động', 'liên tịch'])}))?\\s*(?:${alt(['số'])})?\\s*$`,
  'u',
);
// "Số: 08", "tại số 52 Hùng Vương": a number, not a figure. Only after a sign or these words:
// elsewhere "số" is "digital" ("phụ trách chuyển đổi số: 02 người") or "tổng số 500 hồ sơ".
const SO_BEFORE = new RegExp(`(?:^|[,.;:(]\\s*|(?:^|\\s)(?:${alt(['tại', 'ở', 'địa chỉ', 'nhà', 'ký hiệu', 'văn bản'])})\\s+)số\\s*:?\\s*$`, 'u');
// dates, ranks and ordinals: "ngày 06", "tháng 12", "năm 2025", "xếp hạng 7/96", "lần thứ 2"
const ORDINAL_BEFORE = new RegExp(
  `${L}(?:${alt([
    'ngày',
    'tháng',
    'năm',
    'quý',
    'tuần',
    'đợt',
    'lần',
    'lần thứ',
    'khóa',
    'giai đoạn',
    'nhiệm kỳ',
    'hạng',
    'xếp hạng',
    'đứng thứ',
    'thứ',
    'top',
    'cấp độ',
    'mức độ',
    'phiên bản',
    'lớp',
    'khu vực',
    'vùng',
    'tổ',
    'thôn',
    'phòng',
  ])})\\s*$`,
  'u',
);
const PHONE_BEFORE = new RegExp(`${L}(?:${alt(['điện thoại', 'fax', 'hotline', 'đường dây nóng', 'sđt', 'đt'])})\\s*:?[\\s\\d.]*$`, 'u');
// a change, not a level: "tăng 5%", "giảm 12 hồ sơ", "thành lập thêm 3 tổ", "thành lập mới 3 tổ"
// ("tăng lên 90%", "giảm còn 2%" are levels and stay)
const CHANGE_BEFORE = new RegExp(`${L}(?:${alt(['tăng', 'giảm', 'tăng thêm', 'thêm', 'mới'])})\\s*$`, 'u');
// a number right after these is the start of a date: "đến 18/11", "từ 01/7"
const DATE_LEAD = new RegExp(`${L}(?:${alt(['ngày', 'đến', 'tới', 'từ', 'hết', 'sáng', 'chiều', 'tối', 'lúc', 'trước', 'sau', 'vào', 'hôm'])})\\s*$`, 'u');

// Targets and plans: what a commune means to reach is not what it reports having reached.
// In the figure's own clause only: "chỉ tiêu được giao" is also the heading of a report's section
// of results (Xốp: "đánh giá đầy đủ các chỉ tiêu được giao … Kết quả tổng hợp như sau"), so it is
// not a TARGET_CONTEXT. "Sẽ" (will), a pledge ("cam kết", "đăng ký thi đua"), a share of the plan
// ("đạt 100% so với kế hoạch") are not results either.
const TARGET_PHRASE = [
  'phấn đấu',
  'mục tiêu',
  'dự kiến',
  'chỉ tiêu đề ra',
  'kế hoạch đề ra',
  'chỉ tiêu giao',
  'chỉ tiêu được giao',
  'chỉ tiêu tỉnh giao',
  'chỉ tiêu huyện giao',
  'giao chỉ tiêu',
  'chỉ tiêu năm',
  'kế hoạch giao',
  'kế hoạch được giao',
  'đăng ký thi đua',
  'cam kết',
  'định hướng',
  'sẽ',
  'so với kế hoạch',
  'so với chỉ tiêu',
];
const TARGET_CONTEXT = [
  'phấn đấu',
  'mục tiêu',
  'nhiệm vụ trọng tâm',
  'giải pháp trọng tâm',
  'nhiệm vụ, giải pháp',
  'phương hướng',
  'thời gian tới',
];

// After a number, words that are not a noun: "… 1.234; trong đó …", "đạt 100% so với kế hoạch"
const NOT_NOUN = new Set(
  [
    'và',
    'trong',
    'đạt',
    'chiếm',
    'so',
    'tăng',
    'giảm',
    'bằng',
    'là',
    'gồm',
    'của',
    'tại',
    'ở',
    'cho',
    'trên',
    'dưới',
    'thông',
    'qua',
    'trở',
    'theo',
    'được',
    'đã',
    'với',
    'nhưng',
    'hoặc',
    'còn',
    'khi',
    'nên',
    'vì',
    'do',
    'để',
    'kể',
    'từ',
    'đến',
    'tính',
    'như',
  ].map(mk),
);
const DETERMINERS = /^(?:các|những|tổng\s+số|số|mọi|toàn\s+bộ)\s+/u;
// Words that close a figure's phrase on the right: a purpose or a consequence starts
const TAIL_STOP = new RegExp(`\\s(?:${alt(['để', 'nhằm', 'giúp', 'góp phần', 'bảo đảm', 'đảm bảo', 'phục vụ', 'trong đó', 'nhưng'])})${R}`, 'u');
// "14 Tổ công nghệ số cộng đồng tại 14 thôn": the second number counts the places of the first
const PLACE_LINK = new RegExp(`^\\s*(?:${alt(['tại', 'của', 'ở', 'cho', 'trên', 'tại các', 'ở các'])})\\s*$`, 'u');

// Nouns that are not any element's but must win a longest match over one ("tổ dân phố" is not
// "tổ …", "người dân" is not "người").
const EXTRA_NOUNS = [
  'tổ bảo vệ',
  'tổ an ninh',
  'tổ tự quản',
  'tổ hợp tác',
  'tổ liên gia',
  'tổ dân vận',
  'người dân',
  'lượt người',
  'lượt',
  'tổ chức chính trị',
  'tổ công tác',
  'tổ giúp việc',
  'tổ ứng cứu',
  'tổ phản ứng nhanh',
  'buổi',
  'lớp',
  'hội nghị',
  'quyết định',
  'kế hoạch',
  'văn bản',
  'sản phẩm',
  'máy tính',
  'xã',
  'sao',
  'nhà mạng',
  'đường truyền',
  'km',
  'ha',
];

const HEDGES = [...APPROX_PREFIXES].map(mk).sort((a, b) => b.length - a.length);

// ---------------------------------------------------------------------------------------------
// Phrase matching

type Matcher = RegExp[][]; // any of (all of)

function compileCue(phrase: string): RegExp {
  const m = mk(phrase);
  const body = m.split(' ').filter(Boolean).map(escapeRe).join('\\s+');
  const left = /^[\p{L}\p{N}]/u.test(m) ? L : '';
  const right = /[\p{L}\p{N}]$/u.test(m) ? R : '';
  return new RegExp(left + body + right, 'u');
}

function compile(list: string[] | undefined): Matcher | null {
  if (!list || list.length === 0) return null;
  return list.map((cue) => cue.split(' + ').map(compileCue));
}

function matches(m: Matcher | null, text: string): boolean {
  return !!m && m.some((all) => all.every((re) => re.test(text)));
}

function endsWithAny(m: Matcher | null, text: string): boolean {
  if (!m) return false;
  const t = text.replace(/[\s:]+$/, '');
  return m.some((all) => all.length === 1 && new RegExp(`(?:${all[0].source})$`).test(t));
}

interface CompiledPattern {
  nouns: string[];
  cues: Matcher | null;
  lead: Matcher | null;
  sentence: Matcher | null;
  context: Matcher | null;
  labelEnds: Matcher | null;
  exclude: Matcher | null;
  notFollowedBy: Matcher | null;
  excludeAfter: Matcher | null;
  denominatorOnly: boolean;
  pairOnly: boolean;
  alone: boolean;
}

interface CompiledElement {
  code: string;
  unit: 'count' | 'percent' | 'vnd';
  order: number;
  nouns: string[];
  exclude: Matcher | null;
  excludeLead: Matcher | null;
  excludeContext: Matcher | null;
  context: Matcher | null;
  patterns: CompiledPattern[];
  denominator: string | null;
  sum: boolean;
  part: Matcher | null;
  future: boolean;
}

interface Compiled {
  elements: CompiledElement[];
  byCode: Map<string, CompiledElement>;
  /** every noun any element counts, plus EXTRA_NOUNS, longest first */
  nouns: { noun: string; re: RegExp }[];
}

const COMPILED = new WeakMap<ReaderCatalogue, Compiled>();

function compileCatalogue(cat: ReaderCatalogue): Compiled {
  const hit = COMPILED.get(cat);
  if (hit) return hit;
  const elements: CompiledElement[] = [];
  const nounSet = new Set(EXTRA_NOUNS.map(mk));
  cat.elements.forEach((e, order) => {
    const r = e.reader;
    if (!r || !Array.isArray(r.patterns) || r.patterns.length === 0) return;
    if (e.unit !== 'count' && e.unit !== 'percent' && e.unit !== 'vnd') return;
    const nouns = (r.nouns ?? []).map(mk);
    nouns.forEach((n) => nounSet.add(n));
    const patterns = r.patterns.map((p) => {
      const pn = (p.nouns ?? r.nouns ?? []).map(mk);
      pn.forEach((n) => nounSet.add(n));
      return {
        nouns: pn,
        cues: compile(p.cues),
        lead: compile(p.lead),
        sentence: compile(p.sentence),
        context: compile(p.context),
        labelEnds: compile(p.labelEnds),
        exclude: compile(p.exclude),
        notFollowedBy: compile(p.notFollowedBy),
        excludeAfter: compile(p.excludeAfter),
        denominatorOnly: p.as === 'denominator',
        pairOnly: !!p.pairOnly,
        alone: !!p.alone,
      };
    });
    elements.push({
      code: e.code,
      unit: e.unit,
      order,
      nouns,
      exclude: compile(r.exclude),
      excludeLead: compile(r.excludeLead),
      excludeContext: compile(r.excludeContext),
      context: compile(r.context),
      patterns,
      denominator: r.denominator ?? null,
      sum: !!r.sum,
      part: r.sum ? compile(r.part) : null,
      future: !!r.future,
    });
  });
  const nouns = [...nounSet]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((noun) => ({ noun, re: new RegExp(`^${noun.split(' ').map(escapeRe).join('\\s+')}${R}`, 'u') }));
  const compiled = { elements, byCode: new Map(elements.map((e) => [e.code, e])), nouns };
  COMPILED.set(cat, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Numbers in a sentence

type Kind = 'count' | 'percent' | 'money';

interface Figure {
  /** span of the figure as written, hedge included (offsets of the segmented text, see reportText) */
  s: number;
  e: number;
  /** where its digits start */
  digits: number;
  value: number;
  approximate: boolean;
  kind: Kind;
  /** the noun right after it, and where that noun ends (= e when none) */
  noun: string | null;
  nounEnd: number;
}

interface Unit {
  main: Figure;
  /** "a/b": main is a, den is b */
  den: Figure | null;
  /** where the unit's own words end (after the denominator's noun) */
  end: number;
}

// "3.781", "5.687,4", "86.6", and "3 781" (thousands spaced, groups of three only)
const NUMBER = /(?<![\p{L}\p{N}])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*)/gu;
const COMPOUND_MONEY = /^\s?(?:tỷ|tỉ|triệu)(?:\s+\d[\d.,]*\s?(?:triệu|nghìn|ngàn)(?!\p{L})){1,2}(?:\s*(?:đồng|vnđ|vnd|đ)(?![\p{L}\p{N}]))?/u;
const MONEY_SUFFIX = /^\s*(?:(nghìn\s+tỷ|ngàn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn)(?!\p{L}))?\s*(?:(đồng|vnđ|vnd|đ)(?![\p{L}\p{N}]))?/u;

interface Reading {
  seg: Segmented;
  body: string;
  compiled: Compiled;
  year: number | null;
  reportDate: string | null;
}

function originalSlice(r: Reading, s: number, e: number): string {
  return r.seg.ft.text.slice(r.seg.ft.at[s], r.seg.ft.at[e]);
}

function nounAt(r: Reading, i: number): { noun: string | null; end: number } {
  const rest = r.body.slice(i, i + 80);
  const lead = /^\s*/.exec(rest)![0].length;
  const t = rest.slice(lead);
  for (const n of r.compiled.nouns) {
    const m = n.re.exec(t);
    if (m) return { noun: n.noun, end: i + lead + m[0].length };
  }
  return { noun: null, end: i };
}

/** The next word after i (letters only), or null when punctuation, a digit or the end comes first. */
function nextWord(body: string, i: number, end: number): string | null {
  const m = /^\s*(\p{L}+)/u.exec(body.slice(i, Math.min(end, i + 40)));
  return m ? m[1] : null;
}

/**
 * Reads the number whose digits span [p, q) of the body, or null when it is not a figure
 * (a date, a document number, a rank, a phone number, a heading's number, a year).
 */
function readFigure(r: Reading, sent: Sentence, p: number, q: number, prevDocEnd: number): Figure | null | 'doc' {
  const body = r.body;
  const digits = body.slice(p, q);
  if (digits.length > 24) return null; // no figure of a commune has more digits than this
  const before = body.slice(Math.max(sent.start, p - 60), p);
  const after = body.slice(q, Math.min(sent.end, q + 40));
  // glued to a word or a sign: "5g", "57-nq", "846/qd", "2021-2025", "71/2025/nq-cp"
  if (/^\p{L}/u.test(after) && !/^(?:đ|vnđ|vnd|đồng)(?!\p{L})/u.test(after)) return null;
  if (/^\s?-\s*\p{L}/u.test(after) || /^\s?\/\s*\p{L}/u.test(after) || /^\/\d+\/\s*\p{L}/u.test(after)) return 'doc';
  if (/[\d][-/.]$/.test(before) || /\p{L}-$/u.test(before)) return null;
  // dates: d/m/yyyy, d-m-yyyy, and d/m after "ngày", "đến", "từ"…
  if (/^\/\d{1,2}\/\d{2,4}(?!\d)/.test(after) || /^-\d{1,2}-\d{4}(?!\d)/.test(after)) return null;
  const dm = /^\/(\d{1,2})(?![\d.,])/.exec(after);
  if (dm && /^\d{1,2}$/.test(digits) && Number(digits) <= 31 && Number(dm[1]) <= 12 && (DATE_LEAD.test(before) || !/^\s*\p{L}/u.test(after.slice(dm[0].length)))) return null;
  if (DOC_BEFORE.test(before) || SO_BEFORE.test(before)) return 'doc';
  // "Điều 25, 26 và 27": the numbers listed after an identifier are identifiers too
  if (prevDocEnd >= 0 && /^\s*(?:,|và|hoặc)\s*$/u.test(body.slice(prevDocEnd, p))) return 'doc';
  if (ORDINAL_BEFORE.test(before)) return null;
  if (PHONE_BEFORE.test(before)) return null;
  if (CHANGE_BEFORE.test(before)) return null;
  if (/^\d{4}$/.test(digits) && Number(digits) >= 1900 && Number(digits) <= 2100) return null;
  if (/^0\d{2,}/.test(digits.replace(/[.,]/g, '')) && !/^0,/.test(digits)) return null;
  // the number of a heading or a list item: "1. ", "2.4. ", "a) 1."
  if (/^\s*[-+•*]?\s*$/.test(body.slice(sent.start, p)) && /^[.)]\s/.test(after)) return null;
  if (/^(?:\d{1,2}\.)+\d{1,2}$/.test(digits) && /^\.\s/.test(after)) return null;

  let e = q;
  let kind: Kind = 'count';
  const pct = /^\s?%/.exec(after);
  if (pct) {
    e = q + pct[0].length;
    kind = 'percent';
  } else if (COMPOUND_MONEY.test(after)) {
    // "2 tỷ 350 triệu đồng": the whole amount (parseViNumber adds the parts)
    e = q + COMPOUND_MONEY.exec(after)![0].replace(/\s+$/, '').length;
    kind = 'money';
  } else {
    const m = MONEY_SUFFIX.exec(after);
    if (m && (m[1] || m[2])) {
      // "2 triệu lượt truy cập" counts visits, not money
      const tail = after.slice(m[0].length);
      if (m[2] || !/^\s*\p{L}/u.test(tail)) {
        e = q + m[0].replace(/\s+$/, '').length;
        kind = 'money';
      } else {
        return null;
      }
    }
  }
  // a hedge right before: "trên 90%", "gần 56.000", "khoảng 479.000.000 đồng"
  const s = hedgeStart(body, sent.start, p);
  const parsed = parseViNumber(originalSlice(r, s, e));
  if (!parsed) return null;
  let { value } = parsed;
  if (kind === 'count' && (!Number.isInteger(value) || value < 0 || /,/.test(digits))) return null;
  if (kind === 'percent' && (value < 0 || value > 100)) return null;
  if (kind === 'money' && (!Number.isInteger(value) || value < 0)) return null;
  value = kind === 'percent' ? value : Math.round(value);
  const { noun, end } = kind === 'money' ? { noun: null, end: e } : nounAt(r, e);
  return { s, e, digits: p, value, approximate: parsed.approximate, kind, noun, nounEnd: noun ? end : e };
}

/** Where a run of hedges before p begins ("khoảng trên 90%"), or p. */
function hedgeStart(body: string, floor: number, p: number): number {
  let s = p;
  for (;;) {
    const base = Math.max(floor, s - 24);
    const head = body.slice(base, s).replace(/\s+$/, '');
    const hit = HEDGES.find((h) => head.endsWith(h) && !(/[\p{L}\p{N}]/u.test(h[0]) && /[\p{L}\p{N}]/u.test(head[head.length - h.length - 1] ?? '')));
    if (!hit) return s;
    s = base + head.length - hit.length;
  }
}

/** The figures of one sentence, pairs "a/b" and "a trên b" joined into one unit. */
function unitsOf(r: Reading, sent: Sentence): Unit[] {
  const body = r.body;
  const text = body.slice(sent.start, sent.end);
  const units: Unit[] = [];
  let skipUntil = -1;
  let prevDocEnd = -1;
  for (const m of text.matchAll(NUMBER)) {
    const p = sent.start + m.index!;
    const q = p + m[0].length;
    if (p < skipUntil) continue;
    const fig = readFigure(r, sent, p, q, prevDocEnd);
    if (fig === 'doc') {
      prevDocEnd = q;
      continue;
    }
    if (!fig) continue;
    let den: Figure | null = null;
    if (fig.kind === 'count') {
      // "3.679/3.681 hồ sơ", "14 Tổ công nghệ số cộng đồng/14 thôn", "3.679 trên tổng số 3.681"
      const link = /^\s*(?:\/|trên\s+(?:tổng\s+số\s+)?)\s*(?=\d)/u.exec(body.slice(fig.nounEnd, Math.min(sent.end, fig.nounEnd + 40)));
      if (link) {
        const dp = fig.nounEnd + link[0].length;
        const dq = dp + /^\d+(?:[.,]\d+)*/.exec(body.slice(dp, dp + 40))![0].length;
        const d = readFigureAsDenominator(r, sent, dp, dq);
        if (d && d.kind === 'count' && d.value >= fig.value) {
          den = d;
          if (!fig.noun && d.noun) fig.noun = d.noun;
          skipUntil = dq;
        } else if (link[0].includes('/')) {
          continue; // "11/7" and the like: not a figure we can read
        }
      }
    }
    units.push({ main: fig, den, end: den ? den.nounEnd : fig.nounEnd });
  }
  return units;
}

function readFigureAsDenominator(r: Reading, sent: Sentence, p: number, q: number): Figure | null {
  const after = r.body.slice(q, q + 10);
  if (/^\p{L}/u.test(after) || /^\s?-\s*\p{L}/u.test(after) || /^\/\s*[\p{L}\d]/u.test(after)) return null;
  const parsed = parseViNumber(originalSlice(r, p, q));
  if (!parsed || !Number.isInteger(parsed.value) || /,/.test(r.body.slice(p, q))) return null;
  const { noun, end } = nounAt(r, q);
  void sent;
  return { s: p, e: q, digits: p, value: parsed.value, approximate: false, kind: 'count', noun, nounEnd: noun ? end : q };
}

// ---------------------------------------------------------------------------------------------
// Where a figure sits: its phrase, its sentence, the headings above it

interface Place {
  sent: Sentence;
  index: number;
  /** offset where the label starts */
  labelStart: number;
  /** the words before the figure back to the previous figure or ";" (lower case, marks kept) */
  label: string;
  /** the figure's phrase (label, figure, words after it) */
  phrase: string;
  /** the sentence up to the figure */
  lead: string;
  sentenceText: string;
  /** the sentence, the sentence before, the list lead-in and the headings above */
  context: string;
  /** the headings and the lead-in only */
  headings: string;
  /** the clause up to the end of the figure's phrase: a target or another scope said earlier in
   *  the clause governs its whole list ("Phấn đấu 100% hồ sơ được số hóa, 100% văn bản được ký số") */
  scope: string;
  /** texts to look for an as-of date in, nearest first */
  dateSources: string[];
  /** the figures listed right before and after it ("12 thôn, 3 tổ dân phố") */
  neighbours: Figure[];
}

/** How far around a figure its words are read (characters). */
const WINDOW = 600;

interface Frame {
  /** heading sentences by depth */
  stack: Sentence[];
  introducer: { sent: Sentence; prev: Sentence | null; bullet: string | null; paragraph: number } | null;
}

function placeUnits(r: Reading, sent: Sentence, index: number, prev: Sentence | null, frame: Frame, units: Unit[]) {
  const body = r.body;
  const clauses: [number, number][] = [];
  let c = sent.start;
  for (let i = sent.start; i < sent.end; i++) {
    if (body[i] === ';') {
      clauses.push([c, i]);
      c = i + 1;
    }
  }
  clauses.push([c, sent.end]);
  let ci = 0;
  // units come in order, so the clause index only moves forward
  const clauseOf = (i: number) => {
    while (ci < clauses.length - 1 && i >= clauses[ci][1]) ci++;
    return clauses[ci];
  };

  // windows: a "sentence" of thousands of characters is a table or a dump, and words far from a
  // figure say nothing about it (and reading them for every figure would be quadratic)
  const text = (s: Sentence | null) => (s ? body.slice(s.start, Math.min(s.end, s.start + WINDOW)) : '');
  const headingTexts = frame.stack.map(text);
  const intro = frame.introducer ? text(frame.introducer.sent) : '';
  const headings = [...headingTexts, intro].join(' \n ');
  const context = [text(sent), text(prev), frame.introducer ? text(frame.introducer.prev) : '', headings].join(' \n ');
  const sentenceText = text(sent);
  const around = (a: number, b: number) => body.slice(Math.max(sent.start, a - WINDOW), Math.min(sent.end, b + WINDOW));

  const places: Place[] = [];
  units.forEach((u, k) => {
    const [ca, cb] = clauseOf(u.main.s);
    // the words before a figure reach back to the previous figure's own words; the text between
    // two figures belongs to both ("05 lớp tập huấn … cho 250 học viên") unless a "," or "và"
    // closes the first ("143 thủ tục toàn trình và 238 thủ tục một phần")
    const before = units[k - 1];
    let labelStart = ca;
    if (before && before.end > ca) {
      const gap = body.slice(before.end, u.main.s);
      const sep = /,|;|\svà\s/u.exec(gap);
      labelStart = before.end + (sep ? sep.index : 0);
    }
    const next = units[k + 1];
    let tailEnd = Math.min(cb, u.end + WINDOW);
    const stop = /[,;:()]/.exec(body.slice(u.end, Math.min(cb, u.end + WINDOW)));
    if (stop) tailEnd = Math.min(tailEnd, u.end + stop.index);
    const purpose = TAIL_STOP.exec(body.slice(u.end, tailEnd));
    if (purpose) tailEnd = u.end + purpose.index;
    if (next && next.main.s < tailEnd) {
      tailEnd = next.main.s;
      // "143 thủ tục toàn trình và 238 thủ tục một phần": "và" closes the first figure's phrase
      const between = body.slice(u.end, tailEnd);
      const va = between.lastIndexOf(' và ');
      if (va >= 0) tailEnd = u.end + va;
    }
    tailEnd = Math.max(tailEnd, u.end);
    const label = body.slice(Math.max(labelStart, u.main.s - WINDOW), u.main.s);
    places.push({
      sent,
      index,
      labelStart: Math.max(labelStart, u.main.s - WINDOW),
      label,
      phrase: body.slice(Math.max(labelStart, u.main.s - WINDOW), tailEnd),
      scope: body.slice(Math.max(ca, u.main.s - WINDOW), tailEnd),
      lead: body.slice(Math.max(sent.start, u.main.s - WINDOW), u.main.s),
      sentenceText: sent.end - sent.start > 2 * WINDOW ? around(u.main.s, tailEnd) : sentenceText,
      context,
      headings,
      dateSources: [body.slice(Math.max(labelStart, u.main.s - WINDOW), tailEnd), sentenceText, intro, ...[...headingTexts].reverse()],
      neighbours: [units[k - 1], next]
        .filter((n): n is Unit => !!n && n.main.s >= ca && n.main.s < cb)
        .filter((n) => /^\s*(?:,|và)\s*$/u.test(n.main.s > u.main.s ? body.slice(u.end, n.main.s) : body.slice(n.end, u.main.s)))
        .map((n) => n.main),
    });
  });
  return places;
}

// ---------------------------------------------------------------------------------------------
// Matching a figure to an element

// A comparison with an earlier period is not this period's figure ("năm 2024 tiếp nhận 3.200 hồ
// sơ", "so với cùng kỳ năm trước").
const PAST_PHRASE = new RegExp(`${L}(?:${alt(['cùng kỳ', 'năm trước', 'năm ngoái', 'kỳ trước', 'năm qua'])})${R}`, 'u');
// Another scope than the commune's own total: the province's, the country's, an average, a per-unit
// figure ("toàn tỉnh có 1.500 Tổ", "mỗi tổ có 8 thành viên", "bình quân 120 hồ sơ mỗi tháng").
const OTHER_SCOPE = new RegExp(
  `${L}(?:${alt(['toàn tỉnh', 'cả tỉnh', 'của tỉnh', 'toàn huyện', 'toàn quốc', 'cả nước', 'các xã', 'mỗi', 'bình quân', 'trung bình'])})${R}`,
  'u',
);
// One village's figure is not the commune's: "Thôn 3 có 45 người …", "tổ công nghệ số thôn Kon Xốp"
const ONE_VILLAGE = /(?<![\p{L}\p{N}])(?:thôn|làng|tổ\s+dân\s+phố|khu\s+phố|khối\s+phố)\s+(?=\S)/gu;

/** A later year than the report's ("Đến năm 2026, 100% hồ sơ …", "Kế hoạch năm 2026: …"): a plan. */
function isLaterYear(r: Reading, place: Place): boolean {
  if (r.year === null) return false;
  for (const m of place.scope.matchAll(YEAR_IN)) if (Number(m[1]) > r.year) return true;
  return false;
}

/** The report's year or an earlier one: this year's money, not a request for the next. */
function isThisYearOrEarlier(r: Reading, place: Place): boolean {
  if (r.year === null) return false;
  for (const m of place.phrase.matchAll(YEAR_IN)) if (Number(m[1]) <= r.year) return true;
  return false;
}

// "năm 2025", not "năm 2025-2026" (a period) nor a date's year
const YEAR_IN = /(?<![\p{L}\p{N}])năm\s+(\d{4})(?![\d/–-])/gu;

function isPast(r: Reading, place: Place): boolean {
  if (PAST_PHRASE.test(place.phrase)) return true;
  if (r.year === null) return false;
  for (const m of place.phrase.matchAll(/(?<![\p{L}\p{N}])năm\s+(\d{4})(?![\d/])/gu)) if (Number(m[1]) < r.year) return true;
  return false;
}

function aboutOneVillage(r: Reading, place: Place): boolean {
  for (const m of place.label.matchAll(ONE_VILLAGE)) {
    const at = place.labelStart + m.index! + m[0].length;
    // a number or a capitalised name after the word: "thôn 3", "thôn Kon Xốp"; "các thôn" is all of them
    if (/\d/.test(r.body[at]) || isUpperOriginal(r, at)) return true;
  }
  return false;
}

function isUpperOriginal(r: Reading, i: number): boolean {
  const ch = String.fromCodePoint(r.seg.ft.text.codePointAt(r.seg.ft.at[i]) ?? 32);
  return /\p{Lu}/u.test(ch);
}

const TARGET_PHRASE_RE = TARGET_PHRASE.map(compileCue);
const TARGET_CONTEXT_RE = TARGET_CONTEXT.map(compileCue);

// "Kết quả thực hiện các chỉ tiêu được giao: …", "hoàn thành các chỉ tiêu tỉnh giao, …": the
// results against the targets, not the targets themselves
const RESULTS_OF_TARGETS = new RegExp(
  `${L}(?:${alt(['kết quả', 'thực hiện', 'hoàn thành', 'vượt'])})\\s+(?:(?:${alt(['các', 'những', 'nhóm'])})\\s+)?(?:${alt(['chỉ tiêu', 'kế hoạch'])})${R}`,
  'gu',
);

function isTarget(place: Place): boolean {
  const scope = place.scope.replace(RESULTS_OF_TARGETS, ' ');
  return TARGET_PHRASE_RE.some((re) => re.test(scope)) || TARGET_CONTEXT_RE.some((re) => re.test(place.headings));
}

/** What follows a percent sign, when it is a noun ("100% hồ sơ", "100% cán bộ"), else null. */
function percentSubject(r: Reading, fig: Figure, limit: number): string | null {
  let t = r.body.slice(fig.e, Math.min(limit, fig.e + 60)).replace(/^\s+/, '');
  t = t.replace(DETERMINERS, '');
  const w = /^(\p{L}+)/u.exec(t);
  if (!w || NOT_NOUN.has(w[1])) return null;
  return t;
}

const WORDS_RE = new Map<string, RegExp>();
/** A phrase (already lower case) as a whole-word pattern, cached. */
function wordsRe(phrase: string): RegExp {
  let re = WORDS_RE.get(phrase);
  if (!re) WORDS_RE.set(phrase, (re = compileCue(phrase)));
  return re;
}

function startsWithWords(text: string, phrase: string): boolean {
  return new RegExp(`^${phrase.split(' ').map(escapeRe).join('\\s+')}${R}`, 'u').test(text);
}

function nounOk(r: Reading, el: CompiledElement, pat: CompiledPattern, fig: Figure, place: Place, limit: number): boolean {
  const nouns = pat.nouns;
  if (el.unit === 'count') {
    if (fig.noun) return nouns.includes(fig.noun);
    // "Tổng số hồ sơ tiếp nhận: 1.234; trực tuyến: 1.100": no noun after, the sentence named it
    const w = nextWord(r.body, fig.e, limit);
    if (w && !NOT_NOUN.has(w)) return false;
    if (/^\s*\d/.test(r.body.slice(fig.e, fig.e + 4))) return false; // another number follows: not read
    return nouns.some((n) => wordsRe(n).test(place.lead));
  }
  if (el.unit === 'percent') {
    const subject = percentSubject(r, fig, limit);
    if (!subject) return true;
    return nouns.some((n) => startsWithWords(subject, n));
  }
  return true;
}

/** The pattern's phrases (its noun is checked first, by nounOk). */
function patternFits(r: Reading, el: CompiledElement, pat: CompiledPattern, fig: Figure, place: Place, limit: number): boolean {
  if (pat.cues && !matches(pat.cues, place.phrase)) return false;
  if (pat.lead && !matches(pat.lead, place.lead)) return false;
  if (pat.sentence && !matches(pat.sentence, place.sentenceText)) return false;
  if (pat.context && !matches(pat.context, place.context)) return false;
  if (pat.labelEnds && !endsWithAny(pat.labelEnds, place.label)) return false;
  if (pat.exclude && matches(pat.exclude, place.phrase)) return false;
  if (pat.notFollowedBy && fig.noun) {
    const after = r.body.slice(fig.nounEnd, Math.min(limit, fig.nounEnd + 80)).replace(/^\s+/, '');
    if (pat.notFollowedBy.some((all) => all.every((re) => new RegExp(`^(?:${re.source})`).test(after)))) return false;
  }
  if (pat.excludeAfter) {
    // the words after the noun: a bracket right after it whole, else up to the next comma
    const rest = r.body.slice(fig.nounEnd, Math.min(limit, fig.nounEnd + WINDOW));
    const after = /^\s*\(/.test(rest) ? rest.slice(0, rest.indexOf(')') + 1 || rest.length) : rest.slice(0, rest.search(/[,;.]|$/));
    if (matches(pat.excludeAfter, after)) return false;
  }
  if (pat.alone && place.neighbours.some((n) => n.noun !== null && pat.nouns.includes(n.noun))) return false;
  return true;
}

function elementFits(r: Reading, el: CompiledElement, place: Place, target: boolean): boolean {
  if (target && !el.future) return false;
  if (el.future && isThisYearOrEarlier(r, place)) return false;
  if (el.exclude && matches(el.exclude, place.phrase)) return false;
  if (el.excludeLead && matches(el.excludeLead, place.lead)) return false;
  if (el.excludeContext && matches(el.excludeContext, place.headings)) return false;
  if (el.context && !matches(el.context, place.context)) return false;
  return true;
}

const KIND_OF_UNIT: Record<CompiledElement['unit'], Kind> = { count: 'count', percent: 'percent', vnd: 'money' };

function elementsFor(r: Reading, fig: Figure, place: Place, limit: number, denominator: boolean, paired = false): CompiledElement[] {
  if (isPast(r, place) || aboutOneVillage(r, place) || OTHER_SCOPE.test(place.scope)) return [];
  const target = isTarget(place) || isLaterYear(r, place);
  // cheapest tests first: the kind of number, then its noun, then the phrases
  return r.compiled.elements.filter((el) => {
    if (KIND_OF_UNIT[el.unit] !== fig.kind) return false;
    const patterns = el.patterns.filter((p) => p.denominatorOnly === denominator && (paired || !p.pairOnly) && nounOk(r, el, p, fig, place, limit));
    return patterns.length > 0 && elementFits(r, el, place, target) && patterns.some((p) => patternFits(r, el, p, fig, place, limit));
  });
}

// ---------------------------------------------------------------------------------------------
// As-of dates

function asOfIn(r: Reading, text: string): string | null {
  let m = /(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])/u.exec(text);
  if (m) {
    const y = m[3] ? Number(m[3]) : r.year;
    return y ? parseViDate(`${m[1]}/${m[2]}/${y}`) : null;
  }
  m = /(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})/u.exec(text);
  if (m) {
    const last = new Date(Date.UTC(Number(m[2]), Number(m[1]), 0)).getUTCDate();
    return parseViDate(`${last}/${m[1]}/${m[2]}`);
  }
  if (/(?:đến|tới)\s+(?:thời\s+điểm|ngày)\s+báo\s+cáo/u.test(text)) return r.reportDate;
  return null;
}

function asOfFor(r: Reading, place: Place): string | null {
  for (const t of place.dateSources) {
    if (!t) continue;
    const d = asOfIn(r, t);
    if (d) return d;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The reader

interface Found {
  element: CompiledElement;
  alt: Alternative;
  sentence: number;
  pos: number;
  /** one part of the element only (CompiledElement.part): proposed only in a sum */
  part?: boolean;
}

function quoteOf(r: Reading, sent: Sentence): { quote: string; quoteStart: number; quoteEnd: number } {
  let s = sent.start;
  const bullet = /^[-+•*]\s*/.exec(r.body.slice(s, s + 4));
  if (bullet && s + bullet[0].length < sent.end) s += bullet[0].length;
  const quoteStart = r.seg.ft.at[s];
  const quoteEnd = r.seg.ft.at[sent.end];
  return { quote: r.seg.ft.text.slice(quoteStart, quoteEnd), quoteStart, quoteEnd };
}

function spanOf(r: Reading, fig: Figure): { start: number; end: number } {
  return { start: r.seg.ft.at[fig.s], end: r.seg.ft.at[fig.e] };
}

/**
 * Reads a report's text and proposes figures for the catalogue's data elements. See the header
 * of this file for the contract.
 */
export function readReport(text: string, catalogue: ReaderCatalogue, opts: ReadOptions = {}): ReadResult {
  const warnings: string[] = [];
  if (typeof text !== 'string' || text.trim() === '') {
    return { commune: null, reportDate: null, candidates: [], warnings: ['Văn bản trống: không có chữ nào để đọc.'] };
  }
  const reportDate = opts.reportDate !== undefined ? opts.reportDate : findReportDate(text);
  const commune = communeOf(text, opts.communes);
  if (looksLikeLegacyFont(text)) {
    return {
      commune,
      reportDate,
      candidates: [],
      warnings: [
        'Văn bản gõ bằng phông chữ cũ (TCVN3 hoặc VNI), chữ hiện thành ký tự lạ nên không đọc số liệu: hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại.',
      ],
    };
  }
  const seg = segmentReport(text);
  const r: Reading = {
    seg,
    body: seg.markedBody,
    compiled: compileCatalogue(catalogue),
    year: opts.year ?? (reportDate ? Number(reportDate.slice(0, 4)) : findReportYear(text)),
    reportDate,
  };

  const found: Found[] = [];
  const frame: Frame = { stack: [], introducer: null };
  let prev: Sentence | null = null;
  seg.sentences.forEach((sent, index) => {
    // headings and list lead-ins in force for this sentence
    if (sent.heading > 0) {
      frame.stack = frame.stack.filter((h) => h.heading < sent.heading);
      frame.introducer = null;
    } else if (frame.introducer) {
      const intro = frame.introducer;
      if (intro.bullet === null) intro.bullet = sent.bullet;
      else if (sent.bullet !== intro.bullet || (sent.bullet === '' && sent.paragraph !== intro.paragraph)) frame.introducer = null;
      if (frame.introducer && intro.bullet === '') intro.paragraph = sent.paragraph;
    }
    const prevInPara = prev && prev.paragraph === sent.paragraph ? prev : null;
    readSentence(r, sent, index, prevInPara, frame, found, warnings);
    if (sent.heading > 0) frame.stack.push(sent);
    else if (sent.introducer) frame.introducer = { sent, prev, bullet: null, paragraph: sent.paragraph };
    prev = sent;
  });

  return { commune, reportDate, candidates: choose(found, warnings), warnings };
}

function communeOf(text: string, communes: MatchableCommune[] | undefined): ReadResult['commune'] {
  if (communes && communes.length) {
    const c = detectCommune(text, communes);
    if (c) return { hint: c.evidence, code: c.code, name: c.name };
  }
  const head = text.slice(0, 4000).normalize('NFC');
  const m =
    /(?:UBND|Ủy ban nhân dân|ỦY BAN NHÂN DÂN|Uỷ ban nhân dân)\s+((?:xã|Xã|XÃ|phường|Phường|PHƯỜNG|đặc khu|Đặc khu|ĐẶC KHU)\s+(?:\p{Lu}[\p{L}\p{M}'-]*\s?){1,4})/u.exec(head) ??
    /((?:Xã|Phường|Đặc khu)\s+(?:\p{Lu}[\p{L}\p{M}'-]*\s?){1,4}),\s*ngày/u.exec(head);
  return m ? { hint: m[1].replace(/\s+/g, ' ').trim(), code: null, name: null } : null;
}

function readSentence(r: Reading, sent: Sentence, index: number, prev: Sentence | null, frame: Frame, found: Found[], warnings: string[]) {
  const units = unitsOf(r, sent);
  if (units.length === 0) return;
  const places = placeUnits(r, sent, index, prev, frame, units);
  const quote = quoteOf(r, sent);
  const consumed = new Set<number>();
  units.forEach((u, k) => {
    if (consumed.has(k)) return;
    const place = places[k];
    const limit = sent.end;
    const matched = elementsFor(r, u.main, place, limit, false, !!u.den);
    if (matched.length > 1) {
      const names = matched.map((e) => e.code).join(', ');
      warnings.push(`Số "${originalSlice(r, u.main.s, u.main.e)}" trong câu "${quote.quote.replace(/\s+/g, ' ').slice(0, 120)}" khớp nhiều chỉ tiêu (${names}): không đề xuất, hãy nhập tay nếu đúng.`);
      return;
    }
    const asOf = asOfFor(r, place);
    const make = (fig: Figure, source: Alternative['source']): Alternative => ({
      value: fig.value,
      approximate: fig.approximate,
      asOf,
      ...quote,
      ...spanOf(r, fig),
      source,
    });
    const el = matched[0];
    if (el) found.push({ element: el, alt: make(u.main, 'stated'), sentence: index, pos: u.main.s, part: matches(el.part, place.label) });
    // the second number of a pair
    if (u.den) {
      const via = el?.denominator ? r.compiled.byCode.get(el.denominator) : undefined;
      const dens = via ? [via] : elementsFor(r, u.den, place, limit, true);
      if (dens.length === 1) found.push({ element: dens[0], alt: make(u.den, 'denominator'), sentence: index, pos: u.den.s });
    } else if (el?.denominator) {
      // "14 Tổ công nghệ số cộng đồng tại 14 thôn": one in each place, so the places number the same
      const next = units[k + 1];
      const den = r.compiled.byCode.get(el.denominator);
      if (next && den && !next.den && next.main.kind === 'count' && next.main.value === u.main.value && next.main.noun && den.nouns.includes(next.main.noun) && PLACE_LINK.test(r.body.slice(u.main.nounEnd, next.main.s))) {
        found.push({ element: den, alt: make(next.main, 'denominator'), sentence: index, pos: next.main.s });
        consumed.add(k + 1);
      }
    }
  });
}

const SOURCE_RANK: Record<Alternative['source'], number> = { stated: 2, sum: 2, denominator: 1 };

/** Sums parts, then keeps one proposal per element: the latest, the others as alternatives. */
function choose(found: Found[], warnings: string[]): Candidate[] {
  // two different figures for one element in one sentence ("2 công chức phụ trách CNTT, 1 công
  // chức phụ trách văn hóa"): the words do not say which is meant, so neither is proposed
  const bySentence = new Map<string, Found[]>();
  for (const x of found) {
    if (x.element.sum || x.alt.source !== 'stated') continue;
    const key = `${x.element.code}|${x.sentence}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), x]);
  }
  const dropped = new Set<Found>();
  for (const g of bySentence.values()) {
    if (new Set(g.map((x) => x.alt.value)).size < 2) continue;
    g.forEach((x) => dropped.add(x));
    warnings.push(
      `Câu "${g[0].alt.quote.replace(/\s+/g, ' ').slice(0, 120)}" nêu nhiều số cho cùng một chỉ tiêu (${g[0].element.code}: ${g.map((x) => x.alt.value).join(', ')}): không đề xuất, hãy nhập tay nếu đúng.`,
    );
  }
  found = found.filter((x) => !dropped.has(x));

  // parts of one element in one sentence add up ("05 … và … 33 chứng thư số"), unless one of
  // them is the total of the others ("38 chứng thư số, gồm 05 … và 33 …")
  const merged: Found[] = [];
  const groups = new Map<string, Found[]>();
  for (const x of found) {
    if (x.element.sum && x.alt.source === 'stated') {
      const key = `${x.element.code}|${x.sentence}`;
      groups.set(key, [...(groups.get(key) ?? []), x]);
    } else merged.push(x);
  }
  for (const g of groups.values()) {
    if (g.length === 1) {
      if (g[0].part) {
        warnings.push(
          `Số "${g[0].alt.quote.slice(g[0].alt.start - g[0].alt.quoteStart, g[0].alt.end - g[0].alt.quoteStart)}" trong câu "${g[0].alt.quote.replace(/\s+/g, ' ').slice(0, 120)}" chỉ là một phần của chỉ tiêu ${g[0].element.code} (ví dụ chỉ tổ cấp xã): không đề xuất, hãy nhập tổng số nếu báo cáo có.`,
        );
      } else merged.push(g[0]);
      continue;
    }
    const total = g.reduce((s, x) => s + x.alt.value, 0);
    const whole = g.find((x) => x.alt.value * 2 === total);
    if (whole) {
      merged.push(whole);
      continue;
    }
    const first = g[0];
    const last = g[g.length - 1];
    merged.push({
      ...first,
      alt: {
        ...first.alt,
        value: total,
        approximate: g.some((x) => x.alt.approximate),
        start: first.alt.start,
        end: last.alt.end,
        source: 'sum',
        parts: g.map((x) => ({ value: x.alt.value, approximate: x.alt.approximate, start: x.alt.start, end: x.alt.end })),
      },
    });
  }

  const byElement = new Map<string, Found[]>();
  for (const x of merged) byElement.set(x.element.code, [...(byElement.get(x.element.code) ?? []), x]);
  const out: Candidate[] = [];
  for (const list of byElement.values()) {
    // latest as-of date first (an undated figure is older than any dated one), then a figure
    // stated outright over one read off a pair, then the later in the text
    list.sort(
      (a, b) =>
        (b.alt.asOf ?? '').localeCompare(a.alt.asOf ?? '') ||
        SOURCE_RANK[b.alt.source] - SOURCE_RANK[a.alt.source] ||
        b.pos - a.pos,
    );
    const [best, ...rest] = list;
    const alternatives: Alternative[] = [];
    const seen = new Set([best.alt.value]);
    for (const x of rest) {
      if (seen.has(x.alt.value)) continue;
      seen.add(x.alt.value);
      alternatives.push(x.alt);
    }
    out.push({ element: best.element.code, ...best.alt, ...(alternatives.length ? { alternatives } : {}) });
  }
  return out.sort((a, b) => a.start - b.start);
}
