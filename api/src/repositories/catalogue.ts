// Reads the catalogue: communes, data elements, indicators, rounds. Small tables, read whole (or
// one commune by its code or id).
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { POPULATION, districtLabel, type FormerDistrict, type IndicatorDef } from '@nq57/shared';
import { roundColumns } from './rounds';
import type { DbOrTx } from '../db/client';
import { communes, dataElements, elementGroups, indicators, periods } from '../db/schema';

export interface CommuneRecord {
  id: number;
  code: string;
  name: string;
  type: 'xã' | 'phường' | 'đặc khu';
  /** the readable label, names only ("Huyện Bình Sơn, Thành phố Quảng Ngãi"): what tables and exports show */
  formerDistrict: string;
  /** each former district with the part of the commune it gave: what filters match on */
  formerDistricts: FormerDistrict[];
  formerProvince: string;
  areaKm2: number | null;
  population: number | null;
  populationBasis: string | null;
  mergedFrom: string | null;
  villages: number | null;
}

export interface ElementRecord {
  id: number;
  code: string;
  name: string;
  unit: IndicatorDef['unit'];
  group: string;
  groupName: string;
  description: string;
  /** written by the system (on-time reporting), never typed in a form */
  computed: boolean;
  /** plausible limits (decision 011); null = none */
  max: number | null;
  maxPerHead: number | null;
}

export interface IndicatorRecord extends IndicatorDef {
  id: number;
  description: string;
  numeratorId: number;
  denominatorId: number | null;
}

export interface PeriodRecord {
  id: number;
  code: string;
  name: string;
  kind: 'month' | 'quarter' | 'nine_months' | 'year';
  startDate: string;
  endDate: string;
  deadline: string | null;
  status: 'open' | 'closed';
  dataAsOf: string | null;
  /** communes with published figures of their own (not only computed ones): "has figures" */
  communesWithFigures: number;
}

export type StoredPeriod = Omit<PeriodRecord, 'communesWithFigures'>;

const toCommune = (r: typeof communes.$inferSelect): CommuneRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type as CommuneRecord['type'],
  formerDistrict: districtLabel(r.formerDistricts),
  formerDistricts: r.formerDistricts,
  formerProvince: r.formerProvince,
  areaKm2: r.areaKm2 === null ? null : Number(r.areaKm2),
  population: r.population,
  populationBasis: r.populationBasis,
  mergedFrom: r.mergedFrom,
  villages: r.villages,
});

export function createCatalogueRepository(db: DbOrTx) {
  return {
    async communes(): Promise<CommuneRecord[]> {
      return (await db.select().from(communes).orderBy(asc(communes.sortOrder), asc(communes.id))).map(toCommune);
    },

    async communeByCode(code: string): Promise<CommuneRecord | null> {
      const [r] = await db.select().from(communes).where(eq(communes.code, code));
      return r ? toCommune(r) : null;
    },

    async communeById(id: number): Promise<CommuneRecord | null> {
      const [r] = await db.select().from(communes).where(eq(communes.id, id));
      return r ? toCommune(r) : null;
    },

    async elements(): Promise<ElementRecord[]> {
      const rows = await db
        .select({
          id: dataElements.id,
          code: dataElements.code,
          name: dataElements.name,
          unit: dataElements.unit,
          group: dataElements.groupCode,
          groupName: elementGroups.name,
          description: dataElements.description,
          computed: dataElements.computed,
          maxValue: dataElements.maxValue,
          maxPerHead: dataElements.maxPerHead,
        })
        .from(dataElements)
        .innerJoin(elementGroups, sql`${elementGroups.code} = ${dataElements.groupCode}`)
        // form order: the group's, then the element's (the order of seed/catalogue.json)
        .orderBy(asc(elementGroups.sortOrder), asc(dataElements.sortOrder), asc(dataElements.id));
      return rows.map(({ maxValue, maxPerHead, ...r }) => ({
        ...r,
        unit: r.unit as ElementRecord['unit'],
        max: maxValue === null ? null : Number(maxValue),
        maxPerHead: maxPerHead === null ? null : Number(maxPerHead),
      }));
    },

    async indicators(elements: ElementRecord[]): Promise<IndicatorRecord[]> {
      const byId = new Map(elements.map((e) => [e.id, e.code]));
      const rows = await db.select().from(indicators).orderBy(asc(indicators.sortOrder), asc(indicators.id));
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind as IndicatorDef['kind'],
        unit: r.unit as IndicatorDef['unit'],
        numerator: byId.get(r.numeratorElementId)!,
        numeratorId: r.numeratorElementId,
        denominator: r.denominatorPopulation ? POPULATION : r.denominatorElementId === null ? null : byId.get(r.denominatorElementId)!,
        denominatorId: r.denominatorElementId,
        factor: Number(r.factor),
        direction: r.direction as IndicatorDef['direction'],
        target: r.target === null ? null : Number(r.target),
        minDenominator: Number(r.minDenominator),
        weight: Number(r.weight),
        description: r.description,
      }));
    },

    /** Every round, newest first, without its count of communes with figures (communesWithFigures). */
    async periods(): Promise<StoredPeriod[]> {
      const rows = await db
        .select({ ...roundColumns, dataAsOf: periods.dataAsOf })
        .from(periods)
        .orderBy(sql`${periods.endDate} desc, ${periods.startDate} desc, ${periods.code}`);
      return rows.map((r) => ({ ...r, kind: r.kind as PeriodRecord['kind'], status: r.status as PeriodRecord['status'] }));
    },

    /**
     * Per round, the communes with published figures of their own: counted through the
     * (commune, period) index, not the 8 M-row heap; figures the system computes (on-time
     * reporting, written for every commune) do not count. Asked only for the rounds that changed
     * (services/rankings.ts): at national scale all 60 rounds take seconds.
     */
    async communesWithFigures(periodIds: number[]): Promise<Map<number, number>> {
      if (!periodIds.length) return new Map();
      const rows = await db
        .select({
          id: periods.id,
          n: sql<number>`(select count(*)::int from communes c where exists (
              select 1 from data_values v where v.commune_id = c.id and v.period_id = "periods"."id"
              and v.element_id not in (select id from data_elements where computed)))`,
        })
        .from(periods)
        .where(inArray(periods.id, periodIds));
      return new Map(rows.map((r) => [r.id, r.n]));
    },
  };
}
export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
