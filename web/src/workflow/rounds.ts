// Opening a round, as pure functions (tested in web/test/rounds.test.ts): which data elements a
// form may ask for, the code suggested from the name, and the checks before sending.
import { foldVietnamese } from '@nq57/shared';
import type { DataElement, PeriodCreateBody } from '@nq57/shared/schemas';
import { tw } from '../i18n-workflow';

/**
 * Elements a commune types in. `computed` ones (the on-time reporting counts) are written by the
 * system and never belong in a form; the server refuses them (400 COMPUTED_ELEMENT).
 */
export function formElements(elements: DataElement[]): DataElement[] {
  return elements.filter((e) => !e.computed);
}

/** "Quý I/2026" → "quy-i-2026" (a suggestion the admin can change). */
export function suggestCode(name: string): string {
  return foldVietnamese(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
}

export interface RoundDraft {
  name: string;
  code: string;
  kind: PeriodCreateBody['kind'];
  startDate: string;
  endDate: string;
  deadline: string;
  /** chosen element codes */
  elements: string[];
}

/**
 * The request body, or the first problem in Vietnamese. When every offered element is chosen the
 * list is left out, so the server applies its own "all form elements" rule.
 */
export function roundBody(d: RoundDraft, offered: string[]): { body: PeriodCreateBody } | { field: keyof RoundDraft; message: string } {
  const name = d.name.trim();
  const code = d.code.trim();
  if (!name || !code || !d.startDate || !d.endDate || !d.deadline) {
    const field = (!name ? 'name' : !code ? 'code' : !d.startDate ? 'startDate' : !d.endDate ? 'endDate' : 'deadline') as keyof RoundDraft;
    return { field, message: tw.rounds.missing };
  }
  if (!/^[a-z0-9-]{1,32}$/.test(code)) return { field: 'code', message: tw.rounds.codeRule };
  if (d.endDate < d.startDate) return { field: 'endDate', message: tw.rounds.dateOrder };
  if (d.deadline < d.startDate) return { field: 'deadline', message: tw.rounds.deadlineOrder };
  const chosen = offered.filter((c) => d.elements.includes(c));
  if (chosen.length === 0) return { field: 'elements', message: tw.rounds.noElements };
  const all = chosen.length === offered.length;
  return {
    body: {
      code,
      name,
      kind: d.kind,
      startDate: d.startDate,
      endDate: d.endDate,
      deadline: d.deadline,
      ...(all ? {} : { elements: chosen }),
    },
  };
}
