// Sending a spreadsheet to POST /api/periods/:period/imports. XMLHttpRequest rather than fetch:
// only XHR reports upload progress, and a 10 MB file on a commune's connection takes a while.
import type { ImportMode, ImportProblem, ImportResult, ImportSummary } from '@nq57/shared/schemas';

export interface UploadOptions {
  period: string;
  file: File;
  dryRun: boolean;
  mode: ImportMode;
  /** a saved mapping's name, or a JSON object as text; empty = none */
  mapping: string;
  /** mode 'approved': the number of forms the dry run said it would approve, confirmed by the Sở */
  confirm?: string;
  csrfToken: string | null;
  /** 0..1 while the file is sent; 1 once the server is reading it */
  onProgress?: (fraction: number) => void;
}

/** A refusal: the API's Vietnamese message, and for a refused commit the problems that block it. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: ImportProblem[] = [],
    readonly summary: ImportSummary | null = null,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function importUrl(period: string, dryRun: boolean): string {
  return `/api/periods/${encodeURIComponent(period)}/imports${dryRun ? '?dryRun=true' : ''}`;
}

export function uploadImport(o: UploadOptions, messages: { network: string; server: (status: number) => string }): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('mode', o.mode);
    if (o.mapping) form.append('mapping', o.mapping);
    if (o.confirm) form.append('confirm', o.confirm);
    form.append('file', o.file, o.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl(o.period, o.dryRun));
    xhr.setRequestHeader('accept', 'application/json');
    if (o.csrfToken) xhr.setRequestHeader('x-csrf-token', o.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) o.onProgress?.(e.loaded / e.total);
    };
    xhr.upload.onload = () => o.onProgress?.(1);
    xhr.onerror = () => reject(new UploadError(messages.network, 0));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as ImportResult);
      const b = (body ?? {}) as { message?: string; problems?: ImportProblem[]; summary?: ImportSummary };
      reject(new UploadError(b.message ?? messages.server(xhr.status), xhr.status, b.problems ?? [], b.summary ?? null));
    };
    xhr.send(form);
  });
}

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
