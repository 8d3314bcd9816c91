// The schema keeps timestamps as PostgreSQL writes them ("2026-11-22 09:30:00.12+00", mode
// 'string': the same text on PGlite and postgres-js); the API answers ISO 8601 instants.

/** PostgreSQL's text timestamp as ISO 8601 (an ISO string is returned as it is). */
export function toIso(t: string): string {
  return /^\d{4}-\d{2}-\d{2} /.test(t) ? t.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00') : t;
}

/** A stored timestamp as a UTC instant ("2026-11-22T09:30:00.120Z"), null kept. */
export function instant(t: string): string;
export function instant(t: string | null): string | null;
export function instant(t: string | null): string | null {
  return t === null ? null : new Date(toIso(t)).toISOString();
}
