// /doc-bao-cao as pure functions (tested in web/test/reports.test.ts): the report's text cut into
// plain runs and highlighted figures, the person's decision on each proposal, and the figures
// those decisions write. Nothing is accepted until the person says so.
import type { Unit } from '@nq57/shared';
import type { ReportCandidate, ReportReadOut } from '@nq57/shared/schemas';
import { parseField, toInputText } from '../workflow/entry/model';

// ── The text with its figures highlighted ─────────────────────────────────────────────────

export interface Segment {
  text: string;
  /** index in `candidates` of the proposal this figure belongs to; absent = plain text */
  proposal?: number;
  /** the first highlight of its proposal (where "Xem trong văn bản" scrolls to) */
  first?: boolean;
}

/**
 * The text as runs: every proposal's figure (each part of a sum) is its own run, in text order.
 * Overlapping spans cannot come from the reader; if one did, the later is left plain rather than
 * cut the text wrong.
 */
export function segments(text: string, candidates: Pick<ReportCandidate, 'start' | 'end' | 'parts'>[]): Segment[] {
  const spans: { start: number; end: number; proposal: number }[] = [];
  candidates.forEach((c, i) => {
    const parts = c.parts.length ? c.parts : [c];
    for (const p of parts) if (p.start >= 0 && p.end <= text.length && p.start < p.end) spans.push({ start: p.start, end: p.end, proposal: i });
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  const seen = new Set<number>();
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start) });
    out.push({ text: text.slice(s.start, s.end), proposal: s.proposal, first: !seen.has(s.proposal) });
    seen.add(s.proposal);
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The quote with its figure apart, to show it in bold: [before, figure, after]. */
export function quoteParts(c: Pick<ReportCandidate, 'quote' | 'quoteStart' | 'start' | 'end'>): [string, string, string] {
  const a = Math.max(0, c.start - c.quoteStart);
  const b = Math.min(c.quote.length, c.end - c.quoteStart);
  return [c.quote.slice(0, a), c.quote.slice(a, b), c.quote.slice(b)];
}

// ── The person's decisions ────────────────────────────────────────────────────────────────

export type DecisionKind = 'pending' | 'accept' | 'edit' | 'reject';

export interface Decision {
  kind: DecisionKind;
  /** the edited value as typed (kind 'edit') */
  input: string;
}

export type Decisions = Record<string, Decision>;

export type ReviewAction =
  | { type: 'decide'; element: string; kind: DecisionKind; unit: Unit; value: number }
  | { type: 'input'; element: string; input: string }
  | { type: 'acceptAll'; elements: string[] }
  | { type: 'reset' };

export const PENDING: Decision = { kind: 'pending', input: '' };

export function reviewReducer(state: Decisions, action: ReviewAction): Decisions {
  switch (action.type) {
    case 'decide': {
      const old = state[action.element] ?? PENDING;
      // "Sửa" opens the box with the proposed value (or what was typed before), ready to change
      const input = action.kind === 'edit' ? old.input || toInputText(action.value, action.unit) : old.input;
      return { ...state, [action.element]: { kind: action.kind, input } };
    }
    case 'input':
      return { ...state, [action.element]: { kind: 'edit', input: action.input } };
    case 'acceptAll': {
      const next = { ...state };
      // a proposal already rejected or edited keeps the person's decision
      for (const e of action.elements) if ((next[e] ?? PENDING).kind === 'pending') next[e] = { kind: 'accept', input: next[e]?.input ?? '' };
      return next;
    }
    case 'reset':
      return {};
  }
}

export interface ToWrite {
  figures: { element: string; value: number }[];
  /** names of edited proposals whose box cannot be read as a number */
  invalid: string[];
}

/** The figures to send: accepted ones as proposed, edited ones as typed; only what the round asks for. */
export function figuresToWrite(candidates: ReportCandidate[], decisions: Decisions): ToWrite {
  const figures: ToWrite['figures'] = [];
  const invalid: string[] = [];
  for (const c of candidates) {
    if (!c.asked) continue;
    const d = decisions[c.element] ?? PENDING;
    if (d.kind === 'accept') figures.push({ element: c.element, value: c.value });
    if (d.kind === 'edit') {
      const p = parseField(d.input, c.unit as Unit);
      if (p.kind === 'number') figures.push({ element: c.element, value: p.value });
      else invalid.push(c.name);
    }
  }
  return { figures, invalid };
}

/** The last value written into the form from this read, per element. */
export function lastWritten(read: Pick<ReportReadOut, 'written'>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const w of read.written) out.set(w.element, w.value);
  return out;
}
