// Sending a file: a spreadsheet to POST /api/periods/:period/imports, the contacts' to
// POST /api/contacts/import, a commune's report to POST /api/periods/:period/reports.
// XMLHttpRequest rather than fetch: only XHR reports upload progress, and a 10 MB file on a
// commune's connection takes a while. Otherwise a write like any other: the address from paths.ts,
// the session's x-csrf-token from client.ts, and only mutations.ts (importMutations.upload,
// contactMutations.upload, reportMutations.read) calls it.
import type { ContactsImportProblem, ContactsImportResult, ImportMode, ImportProblem, ImportResult, ImportSummary, ReportReadOut } from '@nq57/shared/schemas';
import { csrfHeaders } from './client';
import { apiPaths } from './paths';

export interface UploadOptions {
  period: string;
  file: File;
  dryRun: boolean;
  mode: ImportMode;
  /** a saved mapping's name, or a JSON object as text; empty = none */
  mapping: string;
  /** mode 'approved': the number of forms the dry run said it would approve, confirmed by the Sở */
  confirm?: string;
  /** 0..1 while the file is sent; 1 once the server is reading it */
  onProgress?: (fraction: number) => void;
}

/** The page's words for a failure the API could not word itself (no answer, or not JSON). */
export interface UploadMessages {
  network: string;
  server: (status: number) => string;
}

/** A refusal: the API's Vietnamese message, and for a refused commit the problems that block it. */
export class UploadError<P = ImportProblem> extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: P[] = [],
    readonly summary: ImportSummary | null = null,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * POSTs a form with a file and resolves with the API's answer; a refusal rejects with an
 * UploadError carrying the API's Vietnamese message and, when the answer lists them, the problems.
 */
function postForm<T, P>(url: string, form: FormData, messages: UploadMessages, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new UploadError<P>(messages.network, 0));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as T);
      const b = (body ?? {}) as { message?: string; problems?: P[]; summary?: ImportSummary };
      reject(new UploadError<P>(b.message ?? messages.server(xhr.status), xhr.status, b.problems ?? [], b.summary ?? null));
    };
    xhr.send(form);
  });
}

export function uploadImport(o: UploadOptions, messages: UploadMessages): Promise<ImportResult> {
  const form = new FormData();
  form.append('mode', o.mode);
  if (o.mapping) form.append('mapping', o.mapping);
  if (o.confirm) form.append('confirm', o.confirm);
  form.append('file', o.file, o.file.name);
  return postForm<ImportResult, ImportProblem>(apiPaths.imports(o.period, o.dryRun), form, messages, o.onProgress);
}

/** The communes' contacts from a spreadsheet (issue 14): a dry run, or the import, all or nothing. */
export function uploadContacts(o: { file: File; dryRun: boolean }, messages: UploadMessages): Promise<ContactsImportResult> {
  const form = new FormData();
  form.append('file', o.file, o.file.name);
  return postForm<ContactsImportResult, ContactsImportProblem>(apiPaths.contactsImport(o.dryRun), form, messages);
}

export interface ReportUploadOptions {
  period: string;
  file: File;
  /** the commune chosen; empty = the officer's own, or (the admin) the one the report names */
  commune: string;
  onProgress?: (fraction: number) => void;
}

/** A commune's report, read into proposals (nothing is written to the figures). */
export function uploadReport(o: ReportUploadOptions, messages: UploadMessages): Promise<ReportReadOut> {
  const form = new FormData();
  if (o.commune) form.append('commune', o.commune);
  form.append('file', o.file, o.file.name);
  return postForm<ReportReadOut, ImportProblem>(apiPaths.reports(o.period), form, messages, o.onProgress);
}
