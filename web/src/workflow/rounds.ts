// Opening a round, as pure functions (tested in web/test/workflow-rules.test.ts): which data
// elements a form may ask for, the code suggested from the name, and the checks before sending.
import { fitsRule, foldVietnamese, ROUND_CODE_RULE, roundDatesProblem } from '@nq57/shared';
import type { DataElement, PeriodCreateBody } from '@nq57/shared/schemas';
import { tw } from '../i18n/workflow';

/**
 * Elements a commune types in. `computed` ones (the on-time reporting counts) are written by the
 * system and never belong in a form; the server refuses them (400 COMPUTED_ELEMENT).
 */
export function formElements(elements: DataElement[]): DataElement[] {
  return elements.filter((e) => !e.computed);
}

type Kind = PeriodCreateBody['kind'];

/** The house's round codes, as the existing rounds have them: m10-2026, q3-2026, 9m-2025, year-2025. */
function codeOf(kind: Kind, year: number, part: number): string {
  return kind === 'month' ? `m${part}-${year}` : kind === 'quarter' ? `q${part}-${year}` : kind === 'nine_months' ? `9m-${year}` : `year-${year}`;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

export interface RoundGuess {
  kind: Kind;
  code: string;
  startDate: string;
  endDate: string;
}

/**
 * The round a name says, as the Sở writes them: "Tháng 11/2026", "Quý IV/2026" (or "Quý 4 năm
 * 2026"), "9 tháng 2026" ("9 tháng đầu năm 2026"), "Năm 2026". Null for any other name ("Họp
 * BCĐ tháng 12"): the admin then picks the kind and the dates.
 */
export function roundFromName(name: string): RoundGuess | null {
  const s = foldVietnamese(name);
  let m = /\b9 thang (?:dau )?(?:nam )?(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { kind: 'nine_months', code: codeOf('nine_months', y, 0), startDate: iso(y, 1, 1), endDate: iso(y, 9, 30) };
  }
  m = /\bthang (\d{1,2}) ?(?:\/|-|nam) ?(\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    return { kind: 'month', code: codeOf('month', y, mo), startDate: iso(y, mo, 1), endDate: iso(y, mo, lastDay(y, mo)) };
  }
  m = /\bquy (iv|iii|ii|i|[1-4]) ?(?:\/|-|nam) ?(\d{4})$/.exec(s);
  if (m) {
    const [q, y] = [ROMAN[m[1]] ?? Number(m[1]), Number(m[2])];
    return { kind: 'quarter', code: codeOf('quarter', y, q), startDate: iso(y, q * 3 - 2, 1), endDate: iso(y, q * 3, lastDay(y, q * 3)) };
  }
  m = /^(?:bao cao )?nam (\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { kind: 'year', code: codeOf('year', y, 0), startDate: iso(y, 1, 1), endDate: iso(y, 12, 31) };
  }
  return null;
}

/**
 * The code suggested for a new round, following the existing ones (m11-2026, q4-2026, 9m-2026,
 * year-2026): from the name when it says the round, else from the kind and the end date, else
 * the name without marks ("hop-bcd-thang-12"). A suggestion the admin can change.
 */
export function suggestCode(d: Pick<RoundDraft, 'name' | 'kind' | 'endDate'>): string {
  const named = roundFromName(d.name);
  if (named) return named.code;
  const end = /^(\d{4})-(\d{2})-\d{2}$/.exec(d.endDate);
  if (end) {
    const [y, mo] = [Number(end[1]), Number(end[2])];
    return codeOf(d.kind, y, d.kind === 'quarter' ? Math.ceil(mo / 3) : mo);
  }
  return foldVietnamese(d.name)
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
  if (!fitsRule(code, ROUND_CODE_RULE)) return { field: 'code', message: tw.rounds.codeRule };
  // a date field holds its text until it is a real day (components/DateInput.tsx)
  for (const f of ['startDate', 'endDate', 'deadline'] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d[f])) return { field: f, message: tw.rounds.badDate };
  }
  const dates = roundDatesProblem(d);
  if (dates) return { field: dates, message: dates === 'endDate' ? tw.rounds.dateOrder : tw.rounds.deadlineOrder };
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
