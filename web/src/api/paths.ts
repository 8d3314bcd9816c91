// Every API address the web uses, built here and nowhere else: the reads (queries.ts), the writes
// (mutations.ts), the upload (upload.ts) and the download links take theirs from this object, so
// a path is spelled once and a code with a space or a slash is always encoded the same way.
const enc = encodeURIComponent;

/** The steps of the workflow after the form is filled (POST …/submissions/:commune/:step). */
export type SubmissionStep = 'submit' | 'approve' | 'return' | 'reopen';

/** The files of a round the API serves for download (plain links: the browser saves them). */
export type RoundFile = 'rankings.xlsx' | 'rankings.csv' | 'report.docx' | 'values.xlsx' | 'values.csv' | 'template.xlsx';

const period = (p: string) => `/api/periods/${enc(p)}`;
const submission = (p: string, commune: string) => `${period(p)}/submissions/${enc(commune)}`;

export const apiPaths = {
  // the session (decision 005: every write sends the token the sign-in returns)
  me: '/api/auth/me',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  password: '/api/auth/password',
  users: '/api/users',
  user: (username: string) => `/api/users/${enc(username)}`,

  // the read side
  indicators: '/api/indicators',
  communes: '/api/communes',
  standing: (commune: string) => `/api/communes/${enc(commune)}/standing`,
  rankings: '/api/rankings',
  composite: '/api/rankings/composite',
  overview: '/api/overview',

  // rounds and the commune's report in them
  periods: '/api/periods',
  period,
  round: (p: string) => `${period(p)}/round`,
  communeReports: (commune: string) => `/api/communes/${enc(commune)}/reports`,
  submission,
  submissionStep: (p: string, commune: string, step: SubmissionStep) => `${submission(p, commune)}/${step}`,
  completeness: (p: string) => `${period(p)}/completeness`,
  completenessCsv: (p: string) => `${period(p)}/completeness?format=csv`,
  audit: '/api/audit',

  // files (issue 6)
  roundFile: (p: string, file: RoundFile) => `${period(p)}/${file}`,
  imports: (p: string, dryRun = false) => `${period(p)}/imports${dryRun ? '?dryRun=true' : ''}`,
  importMappings: '/api/import-mappings',

  // a commune's narrative report read into proposed figures (issue 11)
  reports: (p: string) => `${period(p)}/reports`,
  report: (p: string, id: number) => `${period(p)}/reports/${id}`,
  reportFile: (p: string, id: number) => `${period(p)}/reports/${id}/file`,
  reportAccept: (p: string, id: number) => `${period(p)}/reports/${id}/accept`,
  // contacts and reminders (issue 14)
  contacts: '/api/contacts',
  contactsCsv: '/api/contacts?format=csv',
  contact: (commune: string) => `/api/contacts/${enc(commune)}`,
  contactsImport: (dryRun: boolean) => `/api/contacts/import${dryRun ? '?dryRun=true' : ''}`,
  reminders: (p: string, dryRun = false) => `${period(p)}/reminders${dryRun ? '?dryRun=true' : ''}`,
  reminderLetter: (p: string) => `${period(p)}/reminder-letter.docx`,

  // published rankings (issue 12)
  releases: (p: string) => `${period(p)}/releases`,
  release: (id: number) => `/api/releases/${id}`,
  releaseChanges: (id: number) => `/api/releases/${id}/changes`,

  // the live stream (issue 13): text/event-stream, read by ../live/stream.ts
  events: '/api/events',
  // the big screen (issue 5)
  playlists: '/api/playlists',
  playlist: (id: number) => `/api/playlists/${id}`,
  briefingTokens: '/api/briefing-tokens',
  briefingToken: (id: number) => `/api/briefing-tokens/${id}`,
} as const;
