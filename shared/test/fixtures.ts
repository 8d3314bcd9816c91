// Test fixtures read from the real seed data, so the tests exercise the catalogue that ships.
import { readFileSync } from 'node:fs';
import type { IndicatorDef, IndicatorInput } from '../src/index';

const seed = (name: string) => new URL(`../../seed/${name}`, import.meta.url);

export const catalogue: { indicators: IndicatorDef[] } = JSON.parse(readFileSync(seed('catalogue.json'), 'utf8'));
export const indicators = catalogue.indicators;

export function ind(code: string): IndicatorDef {
  const found = indicators.find((i) => i.code === code);
  if (!found) throw new Error(`indicator ${code} missing from seed/catalogue.json`);
  return found;
}

/** Commune names from seed/communes.csv (second column; names contain no commas). */
export const communeNames: string[] = readFileSync(seed('communes.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',')[1]);

export const input = (communeCode: string, numerator: number | null, denominator: number | null = null): IndicatorInput => ({
  communeCode,
  numerator,
  denominator,
});
