import { parseCsv } from '@nq57/shared';

/** The catalogue's CSV (seed/communes.csv) as objects keyed by its header line; blank lines are skipped. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, ',').filter((r) => r.some((f) => f !== ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}
