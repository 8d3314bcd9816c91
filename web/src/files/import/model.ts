// The import page's rules as pure functions (tested in web/test/import-upload.test.ts): which
// problems come first, which mapping is sent, how large a file may be. The upload itself is a
// write like any other (api/mutations.ts → api/upload.ts).
import type { ImportProblem } from '@nq57/shared/schemas';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Errors first, then warnings; within each, by row. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || (a.row ?? 0) - (b.row ?? 0));
}

/** The mapping to send: the unknown columns the admin has mapped, on top of a saved mapping's columns. */
export function mergedMapping(saved: Record<string, string> | null, choices: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...(saved ?? {}) };
  for (const [header, code] of Object.entries(choices)) if (code !== UNCHOSEN) out[header] = code;
  return out;
}
export const UNCHOSEN = '?';
