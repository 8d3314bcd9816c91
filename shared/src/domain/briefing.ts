// The briefing on the meeting room's big screen (issue 5): which slides a playlist may hold, the
// one-line message each slide puts in its title, the biggest movers, and the timer that turns the
// slides by itself. Pure: the web draws, the API stores, both check playlists with the same rules.
import { formatNumber, formatRound, formatValue, formatVndShort } from './numbers';
import type { Direction, RankStatus, Unit } from './types';

// ── Slides and playlists ────────────────────────────────────────────────────────────────

export const SLIDE_TYPES = ['overview', 'top', 'bottom', 'indicator', 'movers', 'not_reported', 'budget'] as const;
export type SlideType = (typeof SLIDE_TYPES)[number];

export interface SlideSpec {
  type: SlideType;
  /** indicator code; required for (and only for) type 'indicator' */
  indicator?: string;
  /** seconds on screen; absent = the playlist's default */
  seconds?: number;
}

/** How the Sở names each slide type when editing a playlist. */
export const SLIDE_TYPE_LABEL: Record<SlideType, string> = {
  overview: 'Tổng quan toàn tỉnh',
  top: '10 xã dẫn đầu chỉ số tổng hợp',
  bottom: '10 xã cuối bảng chỉ số tổng hợp',
  indicator: 'Xếp hạng một chỉ tiêu',
  movers: 'Tăng, giảm hạng nhiều nhất',
  not_reported: 'Xã chưa báo cáo',
  budget: 'Kinh phí đề xuất',
};

/** Limits on seconds per slide: 2 s lets a rehearsal run through fast; 10 minutes is plenty. */
export const SECONDS_MIN = 2;
export const SECONDS_MAX = 600;
export const DEFAULT_SECONDS = 20;
export const MAX_SLIDES = 40;

/**
 * The playlist `/trinh-chieu` shows when no playlist is chosen: one slide of every type, the two
 * indicators the reports lead with.
 */
export const DEFAULT_PLAYLIST: { name: string; defaultSeconds: number; slides: SlideSpec[] } = {
  name: 'Mặc định',
  defaultSeconds: DEFAULT_SECONDS,
  slides: [
    { type: 'overview' },
    { type: 'top' },
    { type: 'bottom' },
    { type: 'indicator', indicator: 'online_filing_rate' },
    { type: 'indicator', indicator: 'on_time_rate' },
    { type: 'movers' },
    { type: 'not_reported' },
    { type: 'budget' },
  ],
};

export interface PlaylistIssue {
  /** index of the slide the problem is on; null for the playlist as a whole */
  slide: number | null;
  message: string;
}

/**
 * What is wrong with a playlist, in Vietnamese, beyond its shape (which the schema checks): an
 * indicator slide without an indicator or with one the catalogue does not have, an indicator on
 * a slide that takes none, seconds out of range, a name that is only spaces.
 */
export function checkPlaylist(
  p: { name: string; defaultSeconds: number; slides: SlideSpec[] },
  ctx: { indicators: string[] },
): PlaylistIssue[] {
  const issues: PlaylistIssue[] = [];
  const known = new Set(ctx.indicators);
  if (p.name.trim() === '') issues.push({ slide: null, message: 'Tên danh sách trình chiếu không được để trống' });
  if (!secondsOk(p.defaultSeconds)) {
    issues.push({ slide: null, message: `Thời gian mặc định mỗi trang phải từ ${SECONDS_MIN} đến ${SECONDS_MAX} giây (số nguyên)` });
  }
  if (p.slides.length === 0) issues.push({ slide: null, message: 'Danh sách trình chiếu phải có ít nhất một trang' });
  if (p.slides.length > MAX_SLIDES) issues.push({ slide: null, message: `Danh sách trình chiếu có tối đa ${MAX_SLIDES} trang` });
  p.slides.forEach((s, i) => {
    const n = i + 1;
    if (!(SLIDE_TYPES as readonly string[]).includes(s.type)) {
      issues.push({ slide: i, message: `Trang ${n}: không có loại trang "${String(s.type)}"` });
      return;
    }
    if (s.type === 'indicator') {
      if (!s.indicator) issues.push({ slide: i, message: `Trang ${n}: hãy chọn chỉ tiêu để xếp hạng` });
      else if (!known.has(s.indicator)) issues.push({ slide: i, message: `Trang ${n}: không có chỉ tiêu "${s.indicator}"` });
    } else if (s.indicator !== undefined && s.indicator !== null) {
      issues.push({ slide: i, message: `Trang ${n} (${SLIDE_TYPE_LABEL[s.type]}) không chọn chỉ tiêu` });
    }
    if (s.seconds !== undefined && s.seconds !== null && !secondsOk(s.seconds)) {
      issues.push({ slide: i, message: `Trang ${n}: thời gian phải từ ${SECONDS_MIN} đến ${SECONDS_MAX} giây (số nguyên)` });
    }
  });
  return issues;
}

const secondsOk = (s: number) => Number.isInteger(s) && s >= SECONDS_MIN && s <= SECONDS_MAX;

/** `?giay=N` from the URL: whole seconds within the limits, otherwise ignored (null). */
export function parseSeconds(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const s = raw.trim();
  if (!/^\d{1,4}$/.test(s)) return null;
  const n = Number(s);
  return secondsOk(n) ? n : null;
}

/**
 * Seconds each slide stays on screen: the slide's own seconds win; otherwise `?giay=` from the URL,
 * otherwise the playlist's default.
 */
export function slideDurations(slides: SlideSpec[], playlistDefault: number, urlDefault: number | null): number[] {
  const dflt = urlDefault ?? playlistDefault;
  return slides.map((s) => (s.seconds != null && secondsOk(s.seconds) ? s.seconds : dflt));
}

/** An indicator slide whose indicator left the catalogue is skipped, not shown broken. */
export function playableSlides(slides: SlideSpec[], indicators: string[]): SlideSpec[] {
  const known = new Set(indicators);
  return slides.filter((s) => (SLIDE_TYPES as readonly string[]).includes(s.type) && (s.type !== 'indicator' || (!!s.indicator && known.has(s.indicator))));
}

// ── Which rounds a briefing shows ───────────────────────────────────────────────────────

/**
 * How far back the budget slide looks for a round with requests: two years of quarters (requests
 * come with the 9-month and annual reports, not every round).
 */
export const BUDGET_LOOKBACK = 8;

/** The rounds the budget slide looks through: `round` and the ones before it, newest first (GET /api/periods's order). */
export function budgetRounds(newestFirst: readonly string[], round: string): string[] {
  const from = newestFirst.indexOf(round);
  return from < 0 ? [] : newestFirst.slice(from, from + BUDGET_LOOKBACK);
}

/**
 * The rounds whose figures a briefing of these slides shows while it shows `round` (a briefing
 * link's live stream hears of changes to these only, issue 13): the round itself; the round it is
 * compared with (every figure slide shows a change or a rank change against it); and with a budget
 * slide, the rounds that slide looks through. Anything outside changes nothing on the screen.
 */
export function briefingRounds(
  slides: readonly Pick<SlideSpec, 'type'>[],
  at: { round: string; comparedWith: string | null; newestFirst: readonly string[] },
): Set<string> {
  const rounds = new Set([at.round]);
  if (at.comparedWith) rounds.add(at.comparedWith);
  if (slides.some((s) => s.type === 'budget')) for (const r of budgetRounds(at.newestFirst, at.round)) rounds.add(r);
  return rounds;
}

// ── Messages: one line per slide, the thing a committee member should remember ──────────

export interface IndicatorBrief {
  name: string;
  unit: Unit;
  direction: Direction;
  target: number | null;
}

/** "Tỷ lệ hồ sơ trực tuyến" → "hồ sơ trực tuyến": the subject of a sentence about the indicator. */
export function indicatorSubject(name: string): string {
  const rest = name.trim().replace(/^Tỷ lệ\s+/i, '');
  return rest.charAt(0).toLocaleLowerCase('vi') + rest.slice(1);
}

/** A target as it is said aloud: "80%", "300", "5 tỷ đ" (a round number: numbers.ts formatRound). */
export function formatTarget(v: number, unit: Unit): string {
  if (unit === 'percent' || unit === 'vnd') return formatRound(v, unit);
  return formatNumber(v, Number.isInteger(v) ? 0 : 1);
}

/** Meets the target: at or above it for "higher is better", at or below it for "lower is better". */
export function meetsTarget(value: number, ind: Pick<IndicatorBrief, 'direction' | 'target'>): boolean {
  if (ind.target === null) return true;
  return ind.direction === 'lower' ? value <= ind.target : value >= ind.target;
}

export interface RankedBrief {
  communeName: string;
  value: number | null;
  rank: number | null;
  status: RankStatus;
}

/** Ranked communes that miss the target. Unranked ones are not counted: missing is not zero. */
export function belowTarget<R extends RankedBrief>(rows: R[], ind: Pick<IndicatorBrief, 'direction' | 'target'>): R[] {
  if (ind.target === null) return [];
  return rows.filter((r) => r.status === 'ranked' && r.value !== null && !meetsTarget(r.value, ind));
}

/**
 * "12 xã chưa đạt 80% hồ sơ trực tuyến"; "Cả 90 xã đạt mục tiêu 98% giải quyết đúng hạn";
 * without a target, who leads: "Xã Tịnh Khê dẫn đầu số TTHC trực tuyến toàn trình: 143".
 */
export function indicatorMessage(ind: IndicatorBrief, rows: RankedBrief[], periodName?: string): string {
  const subject = indicatorSubject(ind.name);
  // a figure the round does not ask for: nobody is missing it (decision 009)
  if (rows.length > 0 && rows.every((r) => r.status === 'not_collected')) {
    return periodName ? `Kỳ ${periodName} không thu số liệu về ${subject}` : `Kỳ này không thu số liệu về ${subject}`;
  }
  const ranked = rows.filter((r) => r.status === 'ranked' && r.value !== null && r.rank !== null);
  if (ranked.length === 0) return `Chưa có xã nào đủ số liệu về ${subject}`;
  if (ind.target !== null) {
    const target = formatTarget(ind.target, ind.unit);
    const missing = belowTarget(ranked, ind).length;
    if (missing === 0) return `Cả ${formatNumber(ranked.length)} xã đạt mục tiêu ${target} ${subject}`;
    return ind.direction === 'lower'
      ? `${formatNumber(missing)} xã có ${subject} trên mức ${target}`
      : `${formatNumber(missing)} xã chưa đạt ${target} ${subject}`;
  }
  const first = [...ranked].sort((a, b) => (a.rank as number) - (b.rank as number))[0];
  const tied = ranked.filter((r) => r.rank === first.rank).length;
  const who = tied > 1 ? `${first.communeName} và ${formatNumber(tied - 1)} xã khác` : first.communeName;
  return `${who} dẫn đầu ${subject}: ${formatValue(first.value, ind.unit)}`;
}

/**
 * The overview's headline: the province's online filing rate against its target, or how many
 * communes reported when that figure is missing.
 */
export function overviewMessage(o: {
  communesReported: number;
  communesTotal: number;
  headline: { indicator: IndicatorBrief; value: number | null } | null;
}): string {
  const h = o.headline;
  if (h && h.value !== null) {
    const value = formatValue(h.value, h.indicator.unit);
    const subject = indicatorSubject(h.indicator.name);
    if (h.indicator.target === null) return `Toàn tỉnh: ${value} ${subject}`;
    const target = formatTarget(h.indicator.target, h.indicator.unit);
    return meetsTarget(h.value, h.indicator)
      ? `Toàn tỉnh đạt ${value} ${subject}, vượt mục tiêu ${target}`
      : `Toàn tỉnh đạt ${value} ${subject}, chưa đạt mục tiêu ${target}`;
  }
  return `${formatNumber(o.communesReported)}/${formatNumber(o.communesTotal)} xã đã báo cáo`;
}

export interface CompositeBrief {
  communeName: string;
  score: number | null;
  rank: number | null;
}

/** "Xã Tịnh Khê dẫn đầu chỉ số tổng hợp với 92,3 điểm" */
export function topMessage(rows: CompositeBrief[]): string {
  const first = rows.find((r) => r.score !== null);
  if (!first) return 'Chưa có xã nào đủ số liệu để tính chỉ số tổng hợp';
  const tied = rows.filter((r) => r.rank !== null && r.rank === first.rank).length;
  const who = tied > 1 ? `${first.communeName} và ${formatNumber(tied - 1)} xã đồng hạng` : first.communeName;
  return `${who} dẫn đầu chỉ số tổng hợp với ${formatNumber(first.score, 1)} điểm`;
}

/** `rows` lowest first: "Xã Mô Rai thấp nhất chỉ số tổng hợp: 41,2 điểm, cần hỗ trợ" */
export function bottomMessage(rows: CompositeBrief[]): string {
  const last = rows.find((r) => r.score !== null);
  if (!last) return 'Chưa có xã nào đủ số liệu để tính chỉ số tổng hợp';
  return `${last.communeName} thấp nhất chỉ số tổng hợp: ${formatNumber(last.score, 1)} điểm`;
}

/** "5 xã chưa báo cáo Quý III/2026", or "Cả 96 xã đã báo cáo Quý III/2026". */
export function notReportedMessage(o: { notReported: number; communesTotal: number; periodName: string }): string {
  if (o.notReported === 0) return `Cả ${formatNumber(o.communesTotal)} xã đã báo cáo ${o.periodName}`;
  return `${formatNumber(o.notReported)} xã chưa báo cáo ${o.periodName}`;
}

/** "Các xã đề xuất 123 tỷ đ cho chuyển đổi số (Năm 2025)" */
export function budgetMessage(o: { total: number | null; communes: number; periodName: string | null }): string {
  if (o.total === null || o.communes === 0 || o.periodName === null) return 'Chưa có xã nào đề xuất kinh phí';
  return `${formatNumber(o.communes)} xã đề xuất ${formatVndShort(o.total)} cho chuyển đổi số (${o.periodName})`;
}

// ── Movers: who climbed and who fell most since the round compared with ─────────────────

export interface MoverInput {
  communeCode: string;
  communeName: string;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

/**
 * The `n` communes that climbed most and the `n` that fell most. Bigger move first; on the same
 * move the better current rank first, then the name, so the order never depends on input order.
 * Communes without both ranks are neither.
 */
export function movers<R extends MoverInput>(rows: R[], n = 5): { up: R[]; down: R[] } {
  const moved = rows.filter((r) => r.rankChange !== null && r.rank !== null && r.previousRank !== null && r.rankChange !== 0);
  const tie = (a: R, b: R) => (a.rank as number) - (b.rank as number) || (a.communeName < b.communeName ? -1 : a.communeName > b.communeName ? 1 : 0);
  const up = moved.filter((r) => (r.rankChange as number) > 0).sort((a, b) => (b.rankChange as number) - (a.rankChange as number) || tie(a, b));
  const down = moved.filter((r) => (r.rankChange as number) < 0).sort((a, b) => (a.rankChange as number) - (b.rankChange as number) || tie(a, b));
  return { up: up.slice(0, n), down: down.slice(0, n) };
}

/** "Xã Ba Tơ tăng 23 bậc, nhiều nhất so với Quý II/2026" */
export function moversMessage(m: { up: MoverInput[]; down: MoverInput[] }, comparedWith: string | null): string {
  if (comparedWith === null) return 'Chưa có kỳ trước để so sánh thứ hạng';
  const up = m.up[0];
  const down = m.down[0];
  if (!up && !down) return `Không xã nào đổi hạng so với ${comparedWith}`;
  if (up) return `${up.communeName} tăng ${formatNumber(up.rankChange)} bậc, nhiều nhất so với ${comparedWith}`;
  return `${down!.communeName} giảm ${formatNumber(-(down!.rankChange as number))} bậc, nhiều nhất so với ${comparedWith}`;
}

/** As many names as fit, and how many more there are: a list never runs off the screen. */
export function fitList<T>(items: T[], capacity: number): { shown: T[]; more: number } {
  if (items.length <= capacity) return { shown: items, more: 0 };
  // the last place says "+ N xã khác"
  const keep = Math.max(0, capacity - 1);
  return { shown: items.slice(0, keep), more: items.length - keep };
}

// ── The timer: which slide, how far through it, paused or not ───────────────────────────

export interface Rotation {
  index: number;
  /** milliseconds per slide */
  durations: number[];
  paused: boolean;
  /** when the current slide began, moved forward on resume so that paused time does not count */
  startedAt: number;
  /** time spent on the current slide when it was paused */
  pausedElapsed: number;
}

export function startRotation(durationsMs: number[], now: number, index = 0): Rotation {
  const n = durationsMs.length;
  return { index: n === 0 ? 0 : ((index % n) + n) % n, durations: durationsMs, paused: false, startedAt: now, pausedElapsed: 0 };
}

export function elapsed(r: Rotation, now: number): number {
  return r.paused ? r.pausedElapsed : Math.max(0, now - r.startedAt);
}

/** 0 … 1 through the current slide (the progress bar). */
export function progress(r: Rotation, now: number): number {
  const d = r.durations[r.index];
  if (!d) return 0;
  return Math.min(1, elapsed(r, now) / d);
}

export function remaining(r: Rotation, now: number): number {
  const d = r.durations[r.index] ?? 0;
  return Math.max(0, d - elapsed(r, now));
}

/**
 * Moves on when the current slide's time is up; after a long gap (the computer slept) it lands
 * where the loop would be, not one slide later. Returns the same object when nothing changes.
 */
export function tick(r: Rotation, now: number): Rotation {
  const n = r.durations.length;
  if (r.paused || n === 0) return r;
  let spent = now - r.startedAt;
  if (spent < r.durations[r.index]) return r;
  const cycle = r.durations.reduce((a, b) => a + b, 0);
  if (cycle <= 0) return r;
  let index = r.index;
  let startedAt = r.startedAt;
  // whole loops change nothing but the start time
  const loops = Math.floor(spent / cycle);
  startedAt += loops * cycle;
  spent -= loops * cycle;
  while (spent >= r.durations[index]) {
    spent -= r.durations[index];
    startedAt += r.durations[index];
    index = (index + 1) % n;
  }
  return { ...r, index, startedAt };
}

/** Next (+1) or previous (−1) slide, looping; the new slide starts from zero, still paused if paused. */
export function step(r: Rotation, delta: number, now: number): Rotation {
  const n = r.durations.length;
  if (n === 0) return r;
  return { ...r, index: (((r.index + delta) % n) + n) % n, startedAt: now, pausedElapsed: 0 };
}

/** Jump to slide `index` (0-based); an index past the end is ignored. */
export function jump(r: Rotation, index: number, now: number): Rotation {
  if (!Number.isInteger(index) || index < 0 || index >= r.durations.length) return r;
  return { ...r, index, startedAt: now, pausedElapsed: 0 };
}

export function togglePause(r: Rotation, now: number): Rotation {
  if (r.paused) return { ...r, paused: false, startedAt: now - r.pausedElapsed, pausedElapsed: 0 };
  return { ...r, paused: true, pausedElapsed: elapsed(r, now) };
}

/**
 * New durations (the playlist was edited, or its slides arrived): the same slide stays on screen
 * with the time already spent, or the first slide when it no longer exists.
 */
export function withDurations(r: Rotation, durationsMs: number[], now: number): Rotation {
  if (durationsMs.length === r.durations.length && durationsMs.every((d, i) => d === r.durations[i])) return r;
  if (r.index >= durationsMs.length) return { ...startRotation(durationsMs, now), paused: r.paused };
  return { ...r, durations: durationsMs };
}

export type BriefingKeyAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'pause' }
  | { type: 'jump'; index: number }
  | { type: 'fullscreen' };

/**
 * Keyboard and presentation clickers (which send PageDown / PageUp, some the arrows): → ↓
 * PageDown next, ← ↑ PageUp previous, space (or K) pause, 1–9 jump to that slide, 0 to the 10th,
 * Home to the first, F full screen.
 */
export function keyAction(key: string): BriefingKeyAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return { type: 'prev' };
    case ' ':
    case 'Spacebar':
    case 'k':
    case 'K':
      return { type: 'pause' };
    case 'Home':
      return { type: 'jump', index: 0 };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
  }
  if (/^[0-9]$/.test(key)) return { type: 'jump', index: key === '0' ? 9 : Number(key) - 1 };
  return null;
}
