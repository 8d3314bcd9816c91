// The import page's state and rules as pure functions (tested in web/test/import-page.test.ts):
// one reducer owns what the admin has chosen and what the server answered, and importView derives
// what the page offers from it (is the dry run stale, may it be written). ./useImport.ts wires it
// to the queries and to the upload, a write like any other (api/mutations.ts → api/upload.ts).
import type { ImportMode, ImportProblem, ImportResult, MappingOut } from '@nq57/shared/schemas';
import type { UploadError, UploadOptions } from '../../api/upload';

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

// ── The page's state ──────────────────────────────────────────────────────────────────────

/** What a request was made with: a commit sends exactly what its dry run checked. */
export interface Sent {
  file: File;
  mode: ImportMode;
  mapping: string;
  period: string;
}

export interface ImportState {
  /** the open round the figures go to ('' until the rounds are read) */
  period: string;
  file: File | null;
  /** the chosen file is over MAX_UPLOAD_BYTES: it was refused before sending */
  fileTooLarge: boolean;
  /** never approve by default: approving through a file is a deliberate, confirmed choice */
  mode: ImportMode;
  /** the Sở's tick under the list of forms the import would approve */
  approvalConfirmed: boolean;
  /** a saved mapping, by name ('' = the template's own columns) */
  mappingName: string;
  /** the column each unknown header is mapped to on this page (UNCHOSEN until chosen) */
  choices: Record<string, string>;
  /** the name to save the mapping under */
  saveName: string;
  /** the last dry run's answer (or a refused commit's problems) */
  result: ImportResult | null;
  checked: Sent | null;
  error: UploadError | null;
  /** the last import written */
  done: ImportResult | null;
  busy: { what: 'dry' | 'commit'; progress: number } | null;
  /** the commit's confirmation is open */
  confirming: boolean;
  notice: { kind: 'saved'; name: string } | { kind: 'nameNeeded' } | null;
}

export const initialImport: ImportState = {
  period: '',
  file: null,
  fileTooLarge: false,
  mode: 'submitted',
  approvalConfirmed: false,
  mappingName: '',
  choices: {},
  saveName: '',
  result: null,
  checked: null,
  error: null,
  done: null,
  busy: null,
  confirming: false,
  notice: null,
};

export type ImportAction =
  /** the round the page opens on: the one chosen elsewhere (?ky=) when open, else the first open one */
  | { type: 'roundDefault'; code: string }
  | { type: 'roundChosen'; code: string }
  | { type: 'fileChosen'; file: File | null }
  | { type: 'mode'; mode: ImportMode }
  | { type: 'mapping'; name: string }
  | { type: 'column'; header: string; code: string }
  | { type: 'saveName'; name: string }
  | { type: 'nameNeeded' }
  | { type: 'mappingSaved'; name: string }
  | { type: 'approval'; confirmed: boolean }
  | { type: 'confirm'; open: boolean }
  | { type: 'sending'; what: 'dry' | 'commit' }
  | { type: 'progress'; fraction: number }
  | { type: 'checked'; result: ImportResult; sent: Sent }
  | { type: 'written'; result: ImportResult }
  | { type: 'failed'; error: UploadError; dryRun: boolean }
  | { type: 'settled' };

/** Another round or another file: what was checked, confirmed or said no longer applies. */
const cleared = (s: ImportState): ImportState => ({ ...s, approvalConfirmed: false, result: null, error: null, done: null, notice: null });

export function importReducer(s: ImportState, a: ImportAction): ImportState {
  switch (a.type) {
    case 'roundDefault':
      return { ...s, period: a.code };
    case 'roundChosen':
      return { ...cleared(s), period: a.code };
    case 'fileChosen': {
      const tooLarge = !!a.file && a.file.size > MAX_UPLOAD_BYTES;
      return { ...cleared(s), file: tooLarge ? null : a.file, fileTooLarge: tooLarge };
    }
    case 'mode':
      return { ...s, mode: a.mode };
    case 'mapping':
      return { ...s, mappingName: a.name, choices: {} };
    case 'column':
      return { ...s, choices: { ...s.choices, [a.header]: a.code } };
    case 'saveName':
      return { ...s, saveName: a.name };
    case 'nameNeeded':
      return { ...s, notice: { kind: 'nameNeeded' } };
    case 'mappingSaved':
      return { ...s, mappingName: a.name, choices: {}, saveName: '', notice: { kind: 'saved', name: a.name } };
    case 'approval':
      return { ...s, approvalConfirmed: a.confirmed };
    case 'confirm':
      return { ...s, confirming: a.open };
    case 'sending':
      return { ...s, busy: { what: a.what, progress: 0 }, error: null, done: null };
    case 'progress':
      return { ...s, busy: s.busy ? { ...s.busy, progress: a.fraction } : s.busy };
    case 'checked':
      // columns still unknown keep their choice; the others are settled
      return {
        ...s,
        approvalConfirmed: false,
        result: a.result,
        checked: a.sent,
        choices: Object.fromEntries(a.result.unknownColumns.map((h) => [h, s.choices[h] ?? UNCHOSEN])),
      };
    case 'written':
      return { ...s, done: a.result, notice: null, result: null, checked: null };
    case 'failed':
      // a refused commit brings the problems that block it: shown where the dry run's were
      if (!a.dryRun && a.error.problems.length && s.result) {
        return { ...s, error: a.error, result: { ...s.result, problems: a.error.problems, summary: a.error.summary ?? s.result.summary } };
      }
      return { ...s, error: a.error, result: a.dryRun ? null : s.result };
    case 'settled':
      return { ...s, busy: null, confirming: false };
  }
}

/** What the page offers, from its state and the saved mappings. */
export function importView(s: ImportState, mappings: MappingOut[]) {
  const saved = mappings.find((m) => m.name === s.mappingName);
  const chosen = Object.values(s.choices).some((c) => c !== UNCHOSEN);
  /** a saved mapping by name, or — once columns are mapped here — the whole mapping as JSON */
  const mappingToSend = chosen ? JSON.stringify(mergedMapping(saved?.columns ?? null, s.choices)) : s.mappingName;
  /** the file, the mode, the mapping or the round changed since the dry run */
  const stale =
    !!s.result && (!s.checked || s.checked.file !== s.file || s.checked.mode !== s.mode || s.checked.mapping !== mappingToSend || s.checked.period !== s.period);
  const errors = s.result?.problems.filter((p) => p.level === 'error') ?? [];
  const needsApproval = !!s.result?.approval && s.result.approval.forms > 0;
  return {
    saved,
    mappingToSend,
    stale,
    errors,
    canCommit: !!s.result && errors.length === 0 && !stale && !s.busy && (!needsApproval || s.approvalConfirmed),
  };
}

/**
 * The request a check (dryRun) or a commit sends, or null without a file or a round. A commit in
 * mode 'approved' carries the number of forms the dry run said it would approve, as confirmed.
 */
export function uploadRequest(s: ImportState, dryRun: boolean, mapping: string): Omit<UploadOptions, 'onProgress'> | null {
  if (!s.file || !s.period) return null;
  return {
    period: s.period,
    file: s.file,
    dryRun,
    mode: s.mode,
    mapping,
    confirm: !dryRun && s.mode === 'approved' && s.result?.approval ? String(s.result.approval.forms) : undefined,
  };
}
