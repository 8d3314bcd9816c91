// Loads the catalogue that ships in seed/ (the 96 communes, the data elements, the
// indicators) into the database. Idempotent: it upserts by code, so a second start and an
// edited catalogue.json both land cleanly without touching reported values.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { POPULATION, parseFormerDistricts, type FormerDistrict, type IndicatorDef } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { communes, dataElements, elementGroups, indicators } from '../db/schema';
import { parseCsvObjects } from './csv';

export const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

export interface CatalogueFile {
  groups: { code: string; name: string }[];
  elements: {
    code: string;
    group: string;
    unit: string;
    name: string;
    description: string;
    computed?: boolean;
    /** plausible limits (decision 011): a figure beyond them is a blocking error */
    max?: number | null;
    maxPerHead?: number | null;
  }[];
  indicators: (Omit<IndicatorDef, 'denominator'> & { denominator: string | null; description?: string })[];
}

export interface CommuneRow {
  code: string;
  name: string;
  type: string;
  areaKm2: string | null;
  population: number | null;
  populationBasis: string | null;
  formerDistrict: string;
  formerDistricts: FormerDistrict[];
  formerProvince: string;
  mergedFrom: string | null;
  sortOrder: number;
}

export function readCatalogue(): CatalogueFile {
  return JSON.parse(readFileSync(path.join(seedDir, 'catalogue.json'), 'utf8'));
}

export function readCommunes(): CommuneRow[] {
  const rows = parseCsvObjects(readFileSync(path.join(seedDir, 'communes.csv'), 'utf8'));
  return rows.map((r, i) => ({
    code: r.code,
    name: r.name,
    type: r.type,
    areaKm2: r.area_km2 || null,
    population: r.population ? Number(r.population) : null,
    populationBasis: r.population_basis || null,
    formerDistrict: r.former_district,
    formerDistricts: parseFormerDistricts(r.former_district),
    formerProvince: r.former_province,
    mergedFrom: r.merged_from || null,
    sortOrder: i + 1,
  }));
}

export async function upsertCatalogue(tx: DbOrTx, catalogue = readCatalogue(), communeRows = readCommunes()) {
  await tx
    .insert(communes)
    .values(communeRows)
    .onConflictDoUpdate({
      target: communes.code,
      set: excluded('name', 'type', 'area_km2', 'population', 'population_basis', 'former_district', 'former_districts', 'former_province', 'merged_from', 'sort_order'),
    });
  await tx
    .insert(elementGroups)
    .values(catalogue.groups.map((g, i) => ({ ...g, sortOrder: i + 1 })))
    .onConflictDoUpdate({ target: elementGroups.code, set: excluded('name', 'sort_order') });
  const elementIds = new Map(
    (
      await tx
        .insert(dataElements)
        .values(
          catalogue.elements.map((e, i) => ({
            code: e.code,
            name: e.name,
            unit: e.unit,
            groupCode: e.group,
            description: e.description,
            computed: e.computed ?? false,
            maxValue: e.max == null ? null : String(e.max),
            maxPerHead: e.maxPerHead == null ? null : String(e.maxPerHead),
            sortOrder: i + 1,
          })),
        )
        .onConflictDoUpdate({
          target: dataElements.code,
          set: excluded('name', 'unit', 'group_code', 'description', 'computed', 'max_value', 'max_per_head', 'sort_order'),
        })
        .returning({ id: dataElements.id, code: dataElements.code })
    ).map((r) => [r.code, r.id]),
  );
  const elementId = (code: string, indicator: string) => {
    const id = elementIds.get(code);
    if (id === undefined) throw new Error(`Chỉ tiêu ${indicator}: không có dữ liệu thành phần "${code}" trong danh mục`);
    return id;
  };
  await tx
    .insert(indicators)
    .values(
      catalogue.indicators.map((ind, i) => ({
        code: ind.code,
        name: ind.name,
        kind: ind.kind,
        unit: ind.unit,
        numeratorElementId: elementId(ind.numerator, ind.code),
        denominatorElementId:
          ind.denominator && ind.denominator !== POPULATION ? elementId(ind.denominator, ind.code) : null,
        denominatorPopulation: ind.denominator === POPULATION,
        factor: String(ind.factor),
        direction: ind.direction,
        target: ind.target === null ? null : String(ind.target),
        minDenominator: String(ind.minDenominator),
        weight: String(ind.weight),
        description: ind.description ?? '',
        sortOrder: i + 1,
      })),
    )
    .onConflictDoUpdate({
      target: indicators.code,
      set: excluded(
        'name', 'kind', 'unit', 'numerator_element_id', 'denominator_element_id', 'denominator_population',
        'factor', 'direction', 'target', 'min_denominator', 'weight', 'description', 'sort_order',
      ),
    });
  return { elementIds };
}

/** `set` of an upsert: each listed column takes the incoming row's value */
function excluded(...columns: string[]) {
  return Object.fromEntries(columns.map((c) => [c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()), sql.raw(`excluded.${c}`)]));
}
