// The checks on a commune's figures. One function, run by the form in the browser (next to
// each field, as the officer types) and by the server on every save, submit and import, so
// the two can never disagree.
//
// Errors block submission: a figure that cannot be true (more online dossiers than dossiers
// received, a percent of 130). Warnings ask for a one-line explanation: a figure that may be
// true but looks wrong (three times last round's, far outside what similar communes report).
//
// Limits (issue 10): each element may carry a plausible maximum from the catalogue, absolute
// and per head of population. A figure beyond it is an ERROR, not a warning: an explanation
// cannot make 1e308 dossiers true, and one such figure would own the province total and the
// top of the ranking. The limits are generous on purpose (docs/decisions/011): they catch a
// slipped key or extra zeros, never a large but real commune.
import { formatNumber, formatValue, formatVnd } from './numbers';
import type { Unit } from './types';

export interface CheckElement {
  code: string;
  name: string;
  unit: Unit;
  /** the largest plausible figure whatever the commune (catalogue); null/absent = none */
  max?: number | null;
  /** the largest plausible figure per inhabitant, used when the commune's population is known */
  maxPerHead?: number | null;
}

/**
 * A similar commune's figure for the outlier check. With its population, counts and money are
 * compared per head: a ward of 56 000 people files more dossiers than a mountain commune of
 * 6 000, and that is not "far from similar communes".
 */
export type PeerFigure = number | { value: number; population: number | null };

/** element code → value; null or absent = the field is empty */
export type FigureSet = Record<string, number | null | undefined>;

export interface CheckContext {
  /** the elements the round asks for (only these are checked) */
  elements: CheckElement[];
  /** the commune's approved figures of the previous round */
  previous?: FigureSet;
  /** for the outlier warning: each element's values in similar communes this round or the last */
  peers?: Record<string, PeerFigure[]>;
  /** the commune's population: counts and money are compared with peers per head when known */
  population?: number | null;
  /** the commune's number of villages from the catalogue, when the form does not ask for it */
  villages?: number | null;
}

export interface CheckIssue {
  element: string;
  code: string;
  message: string;
}

export interface CheckResult {
  errors: CheckIssue[];
  warnings: CheckIssue[];
}

/** part ≤ whole pairs: [part, whole, code, message] */
const PARTS: [string, string, string, (part: string, whole: string) => string][] = [
  ['dossiers_online', 'dossiers_received', 'online_gt_received', (p, w) => `Số hồ sơ trực tuyến (${p}) lớn hơn số hồ sơ tiếp nhận (${w})`],
  ['dossiers_on_time', 'dossiers_resolved', 'on_time_gt_resolved', (p, w) => `Số hồ sơ giải quyết đúng hạn (${p}) lớn hơn số hồ sơ đã giải quyết (${w})`],
  ['dossiers_late', 'dossiers_resolved', 'late_gt_resolved', (p, w) => `Số hồ sơ trễ hạn (${p}) lớn hơn số hồ sơ đã giải quyết (${w})`],
  ['cdt_village_teams', 'villages', 'teams_gt_villages', (p, w) => `Số Tổ công nghệ số cộng đồng (${p}) nhiều hơn số thôn, tổ dân phố (${w})`],
  ['bdhvs_certificates', 'bdhvs_learners', 'certificates_gt_learners', (p, w) => `Số chứng nhận (${p}) nhiều hơn số người học (${w})`],
  ['kh02_criteria_met', 'kh02_criteria_total', 'criteria_met_gt_total', (p, w) => `Số tiêu chí đạt (${p}) nhiều hơn tổng số tiêu chí (${w})`],
  ['nq71_tasks_done', 'nq71_tasks_assigned', 'tasks_done_gt_assigned', (p, w) => `Số nhiệm vụ hoàn thành (${p}) nhiều hơn số nhiệm vụ được giao (${w})`],
];

/** The shortest password an account may have (the API schema and the web forms both use it). */
export const PASSWORD_MIN_LENGTH = 10;

/** A text rule both the API schema (TypeBox) and the web form apply: the same pattern and lengths. */
export interface TextRule {
  readonly pattern: string;
  readonly minLength: number;
  readonly maxLength: number;
}

/** A round's code (it appears in addresses: /api/periods/q4-2026): lower-case ASCII, digits, dashes. */
export const ROUND_CODE_RULE: TextRule = { pattern: '^[a-z0-9-]+$', minLength: 1, maxLength: 32 };

/** A username: lower-case ASCII, digits, dot, dash, underscore. */
export const USERNAME_RULE: TextRule = { pattern: '^[a-z0-9._-]+$', minLength: 3, maxLength: 40 };

/** Does `s` pass `rule`, as the API's schema would judge it? */
export function fitsRule(s: string, rule: TextRule): boolean {
  return s.length >= rule.minLength && s.length <= rule.maxLength && new RegExp(rule.pattern).test(s);
}

/** How far from similar communes is "far": beyond this many robust standard deviations … */
export const OUTLIER_MADS = 5;
/** … and only when there are enough similar communes to say so. */
export const OUTLIER_MIN_PEERS = 8;
/** A figure more than this many times (or less than 1/this of) last round's is a warning. */
export const JUMP_FACTOR = 3;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export interface FigureLimit {
  /** the largest figure accepted */
  limit: number;
  /** which catalogue limit binds: the absolute one, or the per-head one times the population */
  kind: 'absolute' | 'per_head';
}

/**
 * The limit that binds for this element in a commune of this population: the smaller of the
 * absolute maximum and maxPerHead × population (rounded down for counts and money, which are
 * whole). null when the catalogue sets none that applies.
 */
export function figureLimit(e: Pick<CheckElement, 'unit' | 'max' | 'maxPerHead'>, population?: number | null): FigureLimit | null {
  const whole = e.unit === 'count' || e.unit === 'vnd';
  const abs = isNum(e.max) ? e.max : null;
  const perHead = isNum(e.maxPerHead) && isNum(population) && population > 0 ? e.maxPerHead * population : null;
  const ph = perHead === null ? null : whole ? Math.floor(perHead + 1e-9) : perHead;
  if (ph !== null && (abs === null || ph < abs)) return { limit: ph, kind: 'per_head' };
  return abs === null ? null : { limit: abs, kind: 'absolute' };
}

/**
 * A figure as the limit message shows it. Beyond 10^15 (no real figure is) the full digits of
 * "1e308" would fill the screen, so it stays in exponent form, with a decimal comma.
 */
function shownFigure(v: number, unit: Unit): string {
  if (Math.abs(v) < 1e15) return formatValue(v, unit);
  const [mantissa, exponent] = v.toExponential().split('e');
  return `${formatNumber(Number(mantissa), 3).replace(/,?0+$/, '')}e${Number(exponent)}`;
}

/** "20", "0,5", "50.000.000 đ": the per-head limit as the catalogue states it */
function shownPerHead(n: number, unit: Unit): string {
  return unit === 'vnd' ? formatVnd(n) : formatNumber(n, 3).replace(/,?0+$/, '');
}

function limitIssue(e: CheckElement, v: number, population: number | null | undefined): CheckIssue | null {
  const bound = figureLimit(e, population);
  if (!bound || v <= bound.limit) return null;
  const hint = 'kiểm tra lại (có thể thừa chữ số 0)';
  if (bound.kind === 'absolute') {
    return {
      element: e.code,
      code: 'above_limit',
      message: `${e.name} ${shownFigure(v, e.unit)} vượt giới hạn hợp lý ${formatValue(bound.limit, e.unit)}; ${hint}`,
    };
  }
  return {
    element: e.code,
    code: 'above_limit_per_head',
    message: `${e.name} ${shownFigure(v, e.unit)} vượt giới hạn hợp lý ${shownPerHead(e.maxPerHead!, e.unit)} mỗi người dân (tối đa ${formatValue(bound.limit, e.unit)} với dân số ${formatNumber(population)}); ${hint}`,
  };
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function checkFigures(values: FigureSet, ctx: CheckContext): CheckResult {
  const errors: CheckIssue[] = [];
  const warnings: CheckIssue[] = [];
  const asked = new Map(ctx.elements.map((e) => [e.code, e]));
  const fmt = (code: string, v: number) => formatValue(v, asked.get(code)?.unit ?? 'count');

  for (const e of ctx.elements) {
    const v = values[e.code];
    if (!isNum(v)) continue;
    if (v < 0) {
      errors.push({ element: e.code, code: 'negative', message: 'Số liệu không được âm' });
      continue;
    }
    if (e.unit === 'percent' && v > 100) {
      errors.push({ element: e.code, code: 'percent_range', message: `Tỷ lệ phải từ 0 đến 100%, đang là ${formatNumber(v, 1)}%` });
      continue;
    }
    if (e.unit === 'boolean' && v !== 0 && v !== 1) {
      errors.push({ element: e.code, code: 'boolean', message: 'Chỉ nhận Có (1) hoặc Không (0)' });
      continue;
    }
    if ((e.unit === 'count' || e.unit === 'vnd') && !Number.isInteger(v)) {
      errors.push({
        element: e.code,
        code: 'not_integer',
        message: e.unit === 'vnd' ? 'Số tiền phải là số đồng nguyên' : 'Số đếm phải là số nguyên',
      });
    }
    const beyond = limitIssue(e, v, ctx.population);
    if (beyond) errors.push(beyond);
  }

  for (const [part, whole, code, message] of PARTS) {
    if (!asked.has(part)) continue;
    const p = values[part];
    const w = whole === 'villages' && !isNum(values.villages) ? ctx.villages : values[whole];
    if (isNum(p) && isNum(w) && p > w && p >= 0 && w >= 0) {
      errors.push({ element: part, code, message: message(fmt(part, p), formatNumber(w)) });
    }
  }
  const onTime = values.dossiers_on_time;
  const late = values.dossiers_late;
  const resolved = values.dossiers_resolved;
  if (isNum(onTime) && isNum(late) && isNum(resolved) && onTime <= resolved && late <= resolved && onTime + late > resolved) {
    errors.push({
      element: 'dossiers_late',
      code: 'on_time_plus_late_gt_resolved',
      message: `Đúng hạn (${formatNumber(onTime)}) cộng trễ hạn (${formatNumber(late)}) lớn hơn số hồ sơ đã giải quyết (${formatNumber(resolved)})`,
    });
  }

  const blocked = new Set(errors.map((e) => e.element));
  for (const e of ctx.elements) {
    const v = values[e.code];
    if (!isNum(v) || blocked.has(e.code) || e.unit === 'boolean') continue;
    const prev = ctx.previous?.[e.code];
    if (isNum(prev) && prev > 0) {
      if (v > prev * JUMP_FACTOR) {
        warnings.push({ element: e.code, code: 'jump_up', message: `Gấp hơn ${JUMP_FACTOR} lần kỳ trước (${fmt(e.code, prev)}): cần giải trình` });
        continue;
      }
      if (v < prev / JUMP_FACTOR) {
        warnings.push({ element: e.code, code: 'jump_down', message: `Chưa bằng một phần ba kỳ trước (${fmt(e.code, prev)}): cần giải trình` });
        continue;
      }
    }
    const outlier = peerRange(v, e.unit, ctx.peers?.[e.code], ctx.population);
    if (outlier) {
      warnings.push({
        element: e.code,
        code: 'outlier',
        message: `Khác xa các xã tương tự (thường từ ${fmt(e.code, outlier.lo)} đến ${fmt(e.code, outlier.hi)}${outlier.perHead ? ' với số dân như xã' : ''}): cần giải trình`,
      });
    }
  }
  return { errors, warnings };
}

/**
 * Is v far outside what similar communes report? Outside all of them and more than OUTLIER_MADS
 * robust deviations from their middle. Counts and money are compared per head when this commune's
 * and enough peers' populations are known; the range in the message is then scaled back to this
 * commune's population, so the officer reads figures of their own size.
 */
function peerRange(
  v: number,
  unit: Unit,
  peers: PeerFigure[] | undefined,
  population: number | null | undefined,
): { lo: number; hi: number; perHead: boolean } | null {
  if (!peers?.length) return null;
  const scalable = (unit === 'count' || unit === 'vnd') && isNum(population) && population > 0;
  const perHead = scalable
    ? peers.flatMap((p) => (typeof p === 'object' && isNum(p.value) && isNum(p.population) && p.population > 0 ? [p.value / p.population] : []))
    : [];
  const usePerHead = perHead.length >= OUTLIER_MIN_PEERS;
  const values = usePerHead ? perHead : peers.map((p) => (typeof p === 'object' ? p.value : p)).filter(isNum);
  if (values.length < OUTLIER_MIN_PEERS) return null;
  const x = usePerHead ? v / population! : v;
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const mad = quantile(
    sorted.map((y) => Math.abs(y - median)).sort((a, b) => a - b),
    0.5,
  );
  const far = mad > 0 ? Math.abs(x - median) > OUTLIER_MADS * 1.4826 * mad : x !== median;
  if (!far || (x <= sorted[sorted.length - 1] && x >= sorted[0])) return null;
  const scale = usePerHead ? population! : 1;
  const round = (n: number) => (unit === 'count' || unit === 'vnd' ? Math.round(n) : n);
  return { lo: round(quantile(sorted, 0.1) * scale), hi: round(quantile(sorted, 0.9) * scale), perHead: usePerHead };
}

/** Warnings whose field has no explanation yet: these, with errors, block submission. */
export function unexplained(warnings: CheckIssue[], explanations: Record<string, string | null | undefined>): CheckIssue[] {
  return warnings.filter((w) => !(explanations[w.element] ?? '').trim());
}
