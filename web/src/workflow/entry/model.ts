// The commune's form as pure functions: reading what the officer types, what still needs saving,
// the copy kept in the browser (localStorage) and how it is put back after the tab closed or
// another person saved, which checks to show beside each field, and which round the page opens.
// No React here, so every rule is unit-tested (web/test/entry.test.ts); ./useEntry.ts wires them.
import { checkFigures, daysUntil, formatDateTime, formatNumber, parseViNumber, timelinessLabel, unexplained } from '@nq57/shared';
import type { CheckIssue, CheckResult, FigureSet, Unit } from '@nq57/shared';
import type { DataElement, SubmissionOut } from '@nq57/shared/schemas';
import { tw } from '../../i18n/workflow';
import { localDraftPrefix, type FormChange, type OutboxRecord } from '../../offline/outbox';

// ── Fields and groups ─────────────────────────────────────────────────────────────────────

export interface FieldDef {
  code: string;
  name: string;
  unit: Unit;
  group: string;
  groupName: string;
  description: string;
  /** the catalogue's plausible limits (decision 011): beyond them the field shows a blocking error */
  max: number | null;
  maxPerHead: number | null;
}

export interface FieldGroup {
  code: string;
  name: string;
  fields: FieldDef[];
}

/**
 * The round's fields grouped like the reports (dịch vụ công, tổ công nghệ số, …), in the
 * catalogue's order. An element the round asks for but the catalogue does not know is still
 * shown (under "Khác"), never dropped: its figure would otherwise be invisible.
 */
export function groupFields(catalogue: DataElement[], asked: string[]): FieldGroup[] {
  const want = new Set(asked);
  const groups: FieldGroup[] = [];
  const byCode = new Map<string, FieldGroup>();
  for (const e of catalogue) {
    if (!want.has(e.code)) continue;
    let g = byCode.get(e.group);
    if (!g) {
      g = { code: e.group, name: e.groupName, fields: [] };
      byCode.set(e.group, g);
      groups.push(g);
    }
    g.fields.push({
      code: e.code,
      name: e.name,
      unit: e.unit,
      group: e.group,
      groupName: e.groupName,
      description: e.description,
      max: e.max,
      maxPerHead: e.maxPerHead,
    });
    want.delete(e.code);
  }
  if (want.size > 0) {
    groups.push({
      code: 'khac',
      name: tw.entry.otherGroup,
      fields: [...want].map((code) => ({ code, name: code, unit: 'count' as Unit, group: 'khac', groupName: tw.entry.otherGroup, description: '', max: null, maxPerHead: null })),
    });
  }
  return groups;
}

// ── Reading one field ─────────────────────────────────────────────────────────────────────

export type ParsedField = { kind: 'empty' } | { kind: 'number'; value: number; approximate: boolean } | { kind: 'invalid' };

/**
 * What the officer typed, read the Vietnamese way ("3.781", "86,6", "7.630.404.000", "không có").
 * An empty box is "not reported" (null), never zero; text we cannot read is 'invalid' and is
 * never sent, so a typo can never become a figure.
 */
export function parseField(raw: string, unit: Unit): ParsedField {
  const s = raw.trim();
  if (s === '') return { kind: 'empty' };
  if (unit === 'boolean') {
    const f = s.toLowerCase();
    if (f === 'có' || f === '1') return { kind: 'number', value: 1, approximate: false };
    if (f === 'không' || f === '0') return { kind: 'number', value: 0, approximate: false };
    return { kind: 'invalid' };
  }
  const p = parseViNumber(s);
  if (!p) return { kind: 'invalid' };
  return { kind: 'number', value: p.value, approximate: p.approximate };
}

/** number | null for a field, or undefined when the text cannot be read. */
export function fieldValue(raw: string, unit: Unit): number | null | undefined {
  const p = parseField(raw, unit);
  return p.kind === 'empty' ? null : p.kind === 'number' ? p.value : undefined;
}

/** Decimal places of a stored value, so 86.6 is shown as "86,6" and 3781 as "3.781". */
function decimalsOf(v: number): number {
  const s = String(Math.abs(v));
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(10, s.length - dot - 1);
}

/** The text a stored value is shown as in its box: parseField(toInputText(v)) gives v back. */
export function toInputText(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (unit === 'boolean') return value ? 'Có' : 'Không';
  return formatNumber(value, decimalsOf(value));
}

/** "Đọc là: 3.781" feedback: shown only when the reading differs from what was typed. */
export function readBack(raw: string, unit: Unit): string | null {
  const p = parseField(raw, unit);
  if (p.kind !== 'number' || unit === 'boolean') return null;
  const text = toInputText(p.value, unit);
  if (raw.trim() === text && !p.approximate) return null;
  return text + (unit === 'percent' ? '%' : unit === 'vnd' ? ' đ' : '');
}

// ── The form's state ──────────────────────────────────────────────────────────────────────

export interface FormState {
  /** the server's version the inputs are based on (sent with each save) */
  version: number;
  /** the values the server holds (from the last load or successful save) */
  saved: Record<string, number | null>;
  savedExplanations: Record<string, string>;
  /** what is in the boxes, as typed */
  inputs: Record<string, string>;
  explanations: Record<string, string>;
}

export type Units = Record<string, Unit>;

export function formFromSubmission(sub: SubmissionOut, units: Units): FormState {
  const saved: Record<string, number | null> = {};
  const savedExplanations: Record<string, string> = {};
  const inputs: Record<string, string> = {};
  const explanations: Record<string, string> = {};
  for (const v of sub.values) {
    saved[v.element] = v.value;
    inputs[v.element] = toInputText(v.value, units[v.element] ?? 'count');
    savedExplanations[v.element] = v.explanation ?? '';
    explanations[v.element] = v.explanation ?? '';
  }
  return { version: sub.version, saved, savedExplanations, inputs, explanations };
}

/** The values on screen that can be read (for the checks), and the fields that cannot. */
export function currentValues(state: FormState, units: Units): { values: FigureSet; invalid: string[] } {
  const values: FigureSet = {};
  const invalid: string[] = [];
  for (const [code, raw] of Object.entries(state.inputs)) {
    const v = fieldValue(raw, units[code] ?? 'count');
    if (v === undefined) invalid.push(code);
    else values[code] = v;
  }
  return { values, invalid };
}

export interface PendingChanges {
  values: Record<string, number | null>;
  explanations: Record<string, string>;
  /** fields whose text cannot be read: not sent until corrected */
  invalid: string[];
  count: number;
}

/** What differs from the server's copy: exactly what the next save sends. */
export function pendingChanges(state: FormState, units: Units): PendingChanges {
  const values: Record<string, number | null> = {};
  const explanations: Record<string, string> = {};
  const invalid: string[] = [];
  for (const [code, raw] of Object.entries(state.inputs)) {
    const v = fieldValue(raw, units[code] ?? 'count');
    if (v === undefined) {
      if (raw.trim() !== toInputText(state.saved[code] ?? null, units[code] ?? 'count')) invalid.push(code);
      continue;
    }
    if (v !== (state.saved[code] ?? null)) values[code] = v;
  }
  for (const [code, text] of Object.entries(state.explanations)) {
    if (text.trim() !== (state.savedExplanations[code] ?? '').trim()) explanations[code] = text.trim();
  }
  return { values, explanations, invalid, count: Object.keys(values).length + Object.keys(explanations).length };
}

/** After a successful save of `sent`, the server holds those values at `version`. */
export function applySaved(state: FormState, sent: { values: Record<string, number | null>; explanations: Record<string, string> }, version: number): FormState {
  return {
    ...state,
    version,
    saved: { ...state.saved, ...sent.values },
    savedExplanations: { ...state.savedExplanations, ...sent.explanations },
  };
}

// ── The copy kept in the browser ──────────────────────────────────────────────────────────

/**
 * Unsaved changes, with the server value each one was typed over (its "base"). The base is what
 * lets a later load tell "the server still has what I typed over" (put mine back) from "someone
 * else changed it meanwhile" (a conflict: show both, overwrite nothing).
 */
export interface LocalDraft {
  v: 1;
  savedAt: string;
  version: number;
  changes: Record<string, { raw: string; base: number | null }>;
  explanations: Record<string, { text: string; base: string }>;
}

export function draftKey(username: string, period: string, commune: string): string {
  return `${localDraftPrefix(username)}${period}:${commune}`;
}

/** null when nothing is unsaved (the stored copy is then removed). */
export function makeLocalDraft(state: FormState, units: Units, now: Date): LocalDraft | null {
  const changes: LocalDraft['changes'] = {};
  const explanations: LocalDraft['explanations'] = {};
  for (const [code, raw] of Object.entries(state.inputs)) {
    const unit = units[code] ?? 'count';
    const base = state.saved[code] ?? null;
    const v = fieldValue(raw, unit);
    const differs = v === undefined ? raw.trim() !== toInputText(base, unit) : v !== base;
    if (differs) changes[code] = { raw, base };
  }
  for (const [code, text] of Object.entries(state.explanations)) {
    const base = state.savedExplanations[code] ?? '';
    if (text.trim() !== base.trim()) explanations[code] = { text, base };
  }
  if (Object.keys(changes).length === 0 && Object.keys(explanations).length === 0) return null;
  return { v: 1, savedAt: now.toISOString(), version: state.version, changes, explanations };
}

/** Reads a stored copy defensively: anything malformed is ignored rather than trusted. */
export function parseLocalDraft(json: string | null): LocalDraft | null {
  if (!json) return null;
  try {
    const d = JSON.parse(json) as Partial<LocalDraft>;
    if (d?.v !== 1 || typeof d.version !== 'number' || typeof d.savedAt !== 'string' || typeof d.changes !== 'object' || d.changes === null) return null;
    const changes: LocalDraft['changes'] = {};
    for (const [k, c] of Object.entries(d.changes)) {
      if (c && typeof c.raw === 'string' && (c.base === null || typeof c.base === 'number')) changes[k] = { raw: c.raw, base: c.base };
    }
    const explanations: LocalDraft['explanations'] = {};
    for (const [k, c] of Object.entries(d.explanations ?? {})) {
      if (c && typeof c.text === 'string' && typeof c.base === 'string') explanations[k] = { text: c.text, base: c.base };
    }
    return { v: 1, savedAt: d.savedAt, version: d.version, changes, explanations };
  } catch {
    return null;
  }
}

/**
 * The outbox's record of this form, read as a local copy: what waits there (and the request on
 * its way) is put back like what localStorage kept, so the figures come back even when only one
 * of the two survived. The localStorage copy wins field by field: it has what was typed, as typed.
 */
export function withOutbox(local: LocalDraft | null, rec: OutboxRecord | null, units: Units): LocalDraft | null {
  if (!rec) return local;
  const changes: LocalDraft['changes'] = { ...(local?.changes ?? {}) };
  const explanations: LocalDraft['explanations'] = { ...(local?.explanations ?? {}) };
  const times: string[] = [];
  for (const c of [rec.sending?.values ?? {}, rec.values]) {
    for (const [code, f] of Object.entries(c)) {
      if (local?.changes[code]) continue;
      changes[code] = { raw: toInputText(f.value, units[code] ?? 'count'), base: f.base };
      times.push(f.at);
    }
  }
  for (const c of [rec.sending?.explanations ?? {}, rec.explanations]) {
    for (const [code, e] of Object.entries(c)) {
      if (local?.explanations[code]) continue;
      explanations[code] = { text: e.text, base: e.base };
      times.push(e.at);
    }
  }
  if (!local && times.length === 0) return null;
  return { v: 1, savedAt: local?.savedAt ?? times.sort()[0], version: local?.version ?? rec.version, changes, explanations };
}

/** What the form hands to the outbox: what differs from the server copy, each with what it was typed over. */
export function formChange(state: FormState, units: Units, at: { owner: string; period: string; commune: string }): FormChange {
  const p = pendingChanges(state, units);
  return {
    ...at,
    version: state.version,
    values: Object.fromEntries(Object.entries(p.values).map(([code, value]) => [code, { value, base: state.saved[code] ?? null }])),
    explanations: Object.fromEntries(Object.entries(p.explanations).map(([code, text]) => [code, { text, base: state.savedExplanations[code] ?? '' }])),
  };
}

/** Why the form takes no figures now, in the words the server would use (the outbox keeps typed figures under it). */
export function lockedReason(sub: Pick<SubmissionOut, 'status' | 'locked'>, roundOpen: boolean): { code: string; message: string } {
  // a copy is locked when its round is closed or it is approved (SubmissionOut.locked)
  if (!roundOpen || (sub.locked && sub.status !== 'approved')) return { code: 'ROUND_CLOSED', message: tw.entry.closedRound };
  if (sub.status === 'approved') return { code: 'LOCKED', message: tw.entry.lockedApproved };
  if (sub.status === 'submitted') return { code: 'AWAITING_REVIEW', message: tw.entry.lockedSubmitted };
  return { code: 'LOCKED', message: tw.entry.lockedBanner };
}

export interface Conflict {
  element: string;
  /** what this browser had typed */
  mine: string;
  /** what the server now holds */
  theirs: number | null;
}

export interface Restored {
  state: FormState;
  /** fields put back from the local copy (now pending, so autosave sends them) */
  restored: string[];
  /** fields someone else changed meanwhile: the server's value is kept and mine is reported */
  conflicts: Conflict[];
  /** fields whose change reached the server meanwhile (the outbox sent it while no form was open) */
  arrived: string[];
}

/**
 * Puts a local copy back over a fresh server state (on opening the form, and on "Tải lại" after
 * a 409). Three-way, per field: already equal → nothing to do (`arrived` when the server took it
 * meanwhile, from the outbox); the server still holds the base
 * the change was typed over → mine goes back in; the server changed too → conflict, the server's
 * value stays and mine is listed for the officer. Nothing is overwritten silently.
 */
export function restoreLocalDraft(server: FormState, draft: LocalDraft, units: Units, known?: Set<string>): Restored {
  const inputs = { ...server.inputs };
  const explanations = { ...server.explanations };
  const restored: string[] = [];
  const conflicts: Conflict[] = [];
  const arrived: string[] = [];
  for (const [code, c] of Object.entries(draft.changes)) {
    if (known && !known.has(code)) continue; // the round no longer asks for it
    const unit = units[code] ?? 'count';
    const theirs = server.saved[code] ?? null;
    const mine = fieldValue(c.raw, unit);
    if (mine !== undefined && mine === theirs) {
      if (theirs !== c.base) {
        arrived.push(code);
        inputs[code] = c.raw; // the same figure, as the officer wrote it
      }
      continue;
    }
    if (theirs === c.base) {
      inputs[code] = c.raw;
      restored.push(code);
    } else {
      conflicts.push({ element: code, mine: c.raw, theirs });
    }
  }
  for (const [code, c] of Object.entries(draft.explanations)) {
    if (known && !known.has(code)) continue;
    const theirs = server.savedExplanations[code] ?? '';
    if (theirs.trim() === c.text.trim()) continue;
    if (theirs.trim() === c.base.trim()) {
      explanations[code] = c.text;
      if (!restored.includes(code)) restored.push(code);
    }
    // a changed explanation on both sides: the server's stays; explanations are not figures,
    // and the warning beside the field asks again if one is still needed
  }
  return { state: { ...server, inputs, explanations }, restored, conflicts, arrived };
}

// ── Checks beside the fields ──────────────────────────────────────────────────────────────

export interface CheckInput {
  fields: FieldDef[];
  values: FigureSet;
  /** undefined when no round of the same kind precedes: nothing to compare with (formView, decision 009) */
  previous: FigureSet | undefined;
  villages: number | null;
  /** the commune's population: the per-head limits need it, as on the server */
  population?: number | null;
}

/** The same checkFigures the server runs, on what is on screen now (without the peers). */
export function liveChecks(input: CheckInput): CheckResult {
  return checkFigures(input.values, {
    elements: input.fields.map((f) => ({ code: f.code, name: f.name, unit: f.unit, max: f.max, maxPerHead: f.maxPerHead })),
    previous: input.previous,
    villages: input.villages,
    population: input.population,
  });
}

/** Checks only the server can run: it alone knows the figures of similar communes. */
export const SERVER_ONLY_CHECKS = new Set(['outlier']);

/**
 * What to show: the live checks, plus what the server reported on the last save where it still
 * applies. With nothing pending the server saw exactly what is on screen, so all its issues count;
 * with edits pending only its server-only checks on fields not touched since are kept (the live
 * checks already cover everything else, and a stale cross-field error must not linger).
 */
export function mergeChecks(live: CheckResult, server: CheckResult | null, pendingFields: Set<string>): CheckResult {
  if (!server) return live;
  const key = (i: CheckIssue) => `${i.element}|${i.code}`;
  const have = new Set([...live.errors, ...live.warnings].map(key));
  const keep = (i: CheckIssue) =>
    !have.has(key(i)) && (pendingFields.size === 0 || (SERVER_ONLY_CHECKS.has(i.code) && !pendingFields.has(i.element)));
  return {
    errors: [...live.errors, ...server.errors.filter(keep)],
    warnings: [...live.warnings, ...server.warnings.filter(keep)],
  };
}

export interface Readiness {
  errors: CheckIssue[];
  unexplained: CheckIssue[];
  invalid: string[];
  empty: number;
  filled: number;
  ok: boolean;
}

/** May the form be submitted? Errors, unreadable boxes and unexplained warnings block it. */
export function readiness(checks: CheckResult, state: FormState, units: Units, fields: string[]): Readiness {
  const { values, invalid } = currentValues(state, units);
  const open = unexplained(checks.warnings, state.explanations);
  const filled = fields.filter((f) => values[f] !== null && values[f] !== undefined).length;
  return {
    errors: checks.errors,
    unexplained: open,
    invalid,
    empty: fields.length - filled - invalid.filter((f) => fields.includes(f)).length,
    filled,
    ok: checks.errors.length === 0 && open.length === 0 && invalid.length === 0,
  };
}

/** issues by field, for the messages beside each box */
export function byElement(issues: CheckIssue[]): Map<string, CheckIssue[]> {
  const m = new Map<string, CheckIssue[]>();
  for (const i of issues) m.set(i.element, [...(m.get(i.element) ?? []), i]);
  return m;
}

// ── What the form shows ───────────────────────────────────────────────────────────────────

/** The round's form for one commune: its fields as the reports group them, and last round's figures. */
export interface RoundForm {
  groups: FieldGroup[];
  fields: FieldDef[];
  /** the fields' codes, in the form's order */
  codes: string[];
  units: Units;
  /** the figure beside each field */
  previous: Record<string, number | null>;
  /** the round those figures come from; null when no round of the same kind precedes (decision 009) */
  comparedWith: SubmissionOut['comparedWith'];
}

export function roundForm(catalogue: DataElement[], sub: SubmissionOut | undefined): RoundForm {
  const groups = groupFields(catalogue, sub?.values.map((v) => v.element) ?? []);
  const fields = groups.flatMap((g) => g.fields);
  return {
    groups,
    fields,
    codes: fields.map((f) => f.code),
    units: Object.fromEntries(fields.map((f) => [f.code, f.unit])),
    previous: Object.fromEntries((sub?.values ?? []).map((v) => [v.element, v.previousValue])),
    comparedWith: sub?.comparedWith ?? null,
  };
}

/** What is on screen now, read: the figures, what is unsaved, the checks beside each field, whether it may be submitted. */
export interface FormView {
  values: { values: FigureSet; invalid: string[] } | null;
  pending: PendingChanges | null;
  checks: CheckResult;
  errorsBy: Map<string, CheckIssue[]>;
  warningsBy: Map<string, CheckIssue[]>;
  ready: Readiness | null;
}

export function formView(
  state: FormState | null,
  round: RoundForm,
  commune: { villages: number | null; population?: number | null },
  server: CheckResult | null,
): FormView {
  if (!state) return { values: null, pending: null, checks: { errors: [], warnings: [] }, errorsBy: new Map(), warningsBy: new Map(), ready: null };
  const values = currentValues(state, round.units);
  const pending = pendingChanges(state, round.units);
  // the 3× rule and the figures beside the fields compare with the same round, or with none
  const previous = round.comparedWith ? round.previous : undefined;
  const live = liveChecks({ fields: round.fields, values: values.values, previous, villages: commune.villages, population: commune.population });
  const checks = mergeChecks(live, server, new Set([...Object.keys(pending.values), ...pending.invalid]));
  return {
    values,
    pending,
    checks,
    errorsBy: byElement(checks.errors),
    warningsBy: byElement(checks.warnings),
    ready: readiness(checks, state, round.units, round.codes),
  };
}

/**
 * Where "Nộp báo cáo" sends the focus when the form cannot go yet (the id of a box): the first
 * unreadable figure, else the first error, else the explanation the first warning asks for.
 */
export function firstProblem(ready: Readiness): string | null {
  const first = ready.invalid[0] ?? ready.errors[0]?.element ?? ready.unexplained[0]?.element;
  if (!first) return null;
  return ready.unexplained[0]?.element === first && !ready.errors.length && !ready.invalid.length ? `expl-${first}` : `f-${first}`;
}

/**
 * The round /nhap-lieu opens: the one asked for (?ky=); else the oldest open round where action is
 * needed (the server's `landing`, shared landingRound), else the open one. undefined while the
 * landing is still being read (`waiting`), so the page does not open one round and jump to another.
 */
export function entryRound<P extends { code: string; status: string }>(rounds: P[], asked: string | null, landing: string | null | undefined, waiting: boolean): P | undefined {
  if (asked) return rounds.find((p) => p.code === asked);
  if (waiting) return undefined;
  return rounds.find((p) => p.code === landing) ?? rounds.find((p) => p.status === 'open');
}

/**
 * The line beside the deadline on the officer's form, from the server's timeliness (the same rule
 * and words as /tien-do): "còn 3 ngày" before the deadline, then "Đúng hạn", "Muộn 7 ngày" or
 * "Quá hạn 22 ngày, chưa nộp". `bad` colours it (the words carry the meaning on their own).
 */
export function timelinessNote(t: SubmissionOut['timeliness'], deadline: string | null, now: Date): { text: string; bad: boolean } | null {
  if (!deadline) return null;
  if (t.kind === 'not_due') {
    const days = daysUntil(deadline, now);
    return { text: days === 0 ? tw.entry.dueToday : tw.entry.daysLeft(days), bad: false };
  }
  if (t.kind === 'unjudged') return null;
  return { text: timelinessLabel(t), bad: t.kind === 'late' || t.kind === 'overdue' };
}

/** Where a commune may edit: its own draft, not submitted, not approved, not locked. */
export function isEditable(sub: Pick<SubmissionOut, 'status' | 'locked'>, role: 'admin' | 'leader' | 'commune'): boolean {
  if (role === 'leader' || sub.locked) return false;
  return sub.status === 'not_started' || sub.status === 'draft' || sub.status === 'returned';
}

/** "14:05" for a save today, "03/11/2026 14:05" for an older one (Vietnam time). */
export function savedTime(at: Date | string, now: Date): string {
  const full = formatDateTime(at);
  return full.slice(0, 10) === formatDateTime(now).slice(0, 10) ? full.slice(11) : full;
}
