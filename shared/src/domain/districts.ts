// Former districts (huyện, thị xã, thành phố before 1 July 2025) as data, not as one string.
//
// The catalogue (seed/communes.csv, column former_district) writes a commune that took wards from
// two former districts as "Huyện Bình Sơn (xã Bình Hiệp, xã Bình Thanh, …); Thành phố Quảng Ngãi
// (xã Tịnh Hòa)". Shown raw, that string became a district of its own in the ranking filter and
// a column of parentheses in the tables. Parsed once, each district is a name a filter can match
// (a commune belongs to every district it took land from) and a label a table can show.
import { compareVi } from './text';

export interface FormerDistrict {
  /** "Huyện Bình Sơn", "Thành phố Quảng Ngãi" */
  name: string;
  /** the old communes that came from this district ("xã Tịnh Hòa"); null = the whole commune */
  part: string | null;
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** "xã A ,  xã B" → "xã A, xã B" */
const tidyList = (s: string) =>
  s
    .split(',')
    .map(squash)
    .filter(Boolean)
    .join(', ');

/** Splits at separators outside parentheses: "A (x; y); B" → ["A (x; y)", "B"]. */
function topLevel(raw: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * "Huyện Bình Sơn (xã Bình Hiệp, xã Bình Châu); Thành phố Quảng Ngãi (xã Tịnh Hòa)" →
 * [{ name: 'Huyện Bình Sơn', part: 'xã Bình Hiệp, xã Bình Châu' }, { name: 'Thành phố Quảng Ngãi', part: 'xã Tịnh Hòa' }].
 * A plain name is one district with part null. Spacing is forgiven; an unclosed parenthesis
 * keeps what follows it as the part rather than dropping it; the same district named twice is
 * listed once, its parts joined.
 */
export function parseFormerDistricts(raw: string | null | undefined): FormerDistrict[] {
  const out: FormerDistrict[] = [];
  for (const piece of topLevel(raw ?? '', ';')) {
    const s = squash(piece);
    if (!s) continue;
    const open = s.indexOf('(');
    const name = squash(open < 0 ? s : s.slice(0, open));
    if (!name) continue;
    let part: string | null = null;
    if (open >= 0) {
      const close = s.lastIndexOf(')');
      part = tidyList(s.slice(open + 1, close > open ? close : undefined)) || null;
    }
    const same = out.find((d) => d.name === name);
    if (same) same.part = same.part && part ? `${same.part}, ${part}` : null;
    else out.push({ name, part });
  }
  return out;
}

/** The names only, for tables, filters and exports: "Huyện Bình Sơn, Thành phố Quảng Ngãi". */
export function districtLabel(list: readonly FormerDistrict[]): string {
  return [...new Set(list.map((d) => d.name))].join(', ');
}

/**
 * With the parts, for a commune's own page: "Huyện Bình Sơn (xã Bình Hiệp, xã Bình Châu) và
 * Thành phố Quảng Ngãi (xã Tịnh Hòa)"; a single whole district is just its name.
 */
export function districtDetail(list: readonly FormerDistrict[]): string {
  const items = list.map((d) => (d.part ? `${d.name} (${d.part})` : d.name));
  return items.length <= 2 ? items.join(' và ') : `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

/** Every district named by some commune, once, in Vietnamese order: what a filter offers. */
export function districtNames(communes: readonly { formerDistricts: readonly FormerDistrict[] }[]): string[] {
  return [...new Set(communes.flatMap((c) => c.formerDistricts.map((d) => d.name)))].sort(compareVi);
}

/** Does the commune belong (wholly or in part) to the former district of that name? */
export function inDistrict(list: readonly FormerDistrict[], name: string): boolean {
  const want = squash(name);
  return list.some((d) => d.name === want);
}
