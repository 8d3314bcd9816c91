// Test fixtures read from the real seed data, so the tests exercise the catalogue that ships.
import { readFileSync } from 'node:fs';
import type { IndicatorDef, IndicatorInput, ReaderCatalogue } from '../src/index';

export const seed = (name: string) => new URL(`../../seed/${name}`, import.meta.url);

/** The indicators, and the elements with their report-reading cues (`reader`). */
export const catalogue: { indicators: IndicatorDef[] } & ReaderCatalogue = JSON.parse(readFileSync(seed('catalogue.json'), 'utf8'));
export const indicators = catalogue.indicators;

export function ind(code: string): IndicatorDef {
  const found = indicators.find((i) => i.code === code);
  if (!found) throw new Error(`indicator ${code} missing from seed/catalogue.json`);
  return found;
}

/** Communes (code, name) from seed/communes.csv (names contain no commas). */
export const communes: { code: string; name: string }[] = readFileSync(seed('communes.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => ({ code: line.split(',')[0], name: line.split(',')[1] }));

export const communeNames: string[] = communes.map((c) => c.name);

export const input = (communeCode: string, numerator: number | null, denominator: number | null = null): IndicatorInput => ({
  communeCode,
  numerator,
  denominator,
});
