// Published rankings (issue 12, decision 019): the rules a release follows wherever it is shown.
// A release is stored as canonical JSON, so the same figures are the same bytes (and the same
// hash) on every engine and every instance; its changes against the previous release are the
// communes whose figure moved, indicator by indicator, with the reason the Sở wrote.
import { formatDate } from './numbers';

/** JSON with every object's keys sorted: one text per value, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** "Công bố lần 2 ngày 05/12/2026" (the day in Vietnam time). */
export function releaseLabel(r: { version: number; publishedAt: string }): string {
  return `Công bố lần ${r.version} ngày ${formatDate(r.publishedAt)}`;
}

/** What an export or a page says of where its figures come from: the release, or "Chưa công bố". */
export function publicationLine(r: { version: number; publishedAt: string } | null | undefined): string {
  return r ? releaseLabel(r) : 'Chưa công bố';
}

/**
 * What a file of a round's raw figures says of them. They are the figures approved now, not a
 * release's (a release freezes rankings, not every figure): the release's label when they are
 * what it was computed from, "Số liệu hiện tại, có thể khác Công bố lần N ngày …" when a
 * correction has moved them since, "Chưa công bố" for a round never published.
 */
export function currentFiguresLine(r: { version: number; publishedAt: string } | null | undefined, differs: boolean): string {
  if (!r) return publicationLine(null);
  return differs ? `Số liệu hiện tại, có thể khác ${releaseLabel(r)}` : releaseLabel(r);
}

/** A release of a round after a correction: its pages say "đã điều chỉnh". */
export const isRevision = (r: { version: number } | null | undefined) => !!r && r.version > 1;

/** The table of a release's changes that is the composite index, not an indicator. */
export const COMPOSITE_TABLE = 'composite';

/** What a release freezes of one table: each commune's figure and rank. */
export interface FrozenTable {
  code: string;
  name: string;
  rows: { communeCode: string; communeName: string; value: number | null; rank: number | null }[];
}

export interface Change {
  commune: string;
  communeName: string;
  indicator: string;
  indicatorName: string;
  before: number | null;
  after: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
  reason: string | null;
}

/**
 * The communes whose figure differs between two releases, table by table, in the order of the
 * new release's tables and, within one, of its rows. A commune whose rank moved only because
 * another's figure changed is not a change of its own (its new rank is in the release).
 * `reasons`: the Sở's reopen/return comments per commune code between the two releases.
 */
export function releaseChanges(before: FrozenTable[], after: FrozenTable[], reasons: ReadonlyMap<string, string> = new Map()): Change[] {
  const old = new Map(before.map((t) => [t.code, new Map(t.rows.map((r) => [r.communeCode, r]))]));
  const out: Change[] = [];
  for (const t of after) {
    const prev = old.get(t.code);
    for (const r of t.rows) {
      const b = prev?.get(r.communeCode);
      const valueBefore = b?.value ?? null;
      if (prev && valueBefore === r.value) continue;
      if (!prev && r.value === null) continue;
      out.push({
        commune: r.communeCode,
        communeName: r.communeName,
        indicator: t.code,
        indicatorName: t.name,
        before: valueBefore,
        after: r.value,
        rankBefore: b?.rank ?? null,
        rankAfter: r.rank,
        reason: reasons.get(r.communeCode) ?? null,
      });
    }
  }
  return out;
}
