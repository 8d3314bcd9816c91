// The one description of the database. drizzle-kit generates migrations/ from this file
// (`npm run db:generate`); the app applies them on start. TypeScript names are camelCase,
// SQL names snake_case (drizzle `casing: 'snake_case'`).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const communes = pgTable(
  'communes',
  {
    // A small integer key keeps the values table and its indexes compact (8 M rows at
    // national scale); the official 5-digit code is what every API speaks.
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    type: text().notNull(),
    formerDistrict: text().notNull(),
    formerProvince: text().notNull(),
    areaKm2: numeric({ precision: 10, scale: 2 }),
    population: integer(),
    populationBasis: text(),
    mergedFrom: text(),
    /** thôn / tổ dân phố, once known */
    villages: integer(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [check('communes_type_check', sql`${t.type} in ('xã', 'phường', 'đặc khu')`)],
);

export const elementGroups = pgTable('element_groups', {
  code: text().primaryKey(),
  name: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const dataElements = pgTable(
  'data_elements',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    unit: text().notNull(),
    groupCode: text()
      .notNull()
      .references(() => elementGroups.code),
    description: text().notNull().default(''),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [check('data_elements_unit_check', sql`${t.unit} in ('count', 'percent', 'vnd', 'boolean', 'per_1000')`)],
);

export const indicators = pgTable(
  'indicators',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull(),
    unit: text().notNull(),
    numeratorElementId: integer()
      .notNull()
      .references(() => dataElements.id),
    denominatorElementId: integer().references(() => dataElements.id),
    /** the denominator is the commune's population from the catalogue, not a data element */
    denominatorPopulation: boolean().notNull().default(false),
    factor: numeric().notNull().default('1'),
    direction: text().notNull(),
    target: numeric(),
    minDenominator: numeric().notNull().default('0'),
    weight: numeric().notNull().default('0'),
    description: text().notNull().default(''),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    check('indicators_kind_check', sql`${t.kind} in ('element', 'rate')`),
    check('indicators_direction_check', sql`${t.direction} in ('higher', 'lower')`),
    check(
      'indicators_rate_has_denominator',
      sql`${t.kind} = 'element' or ${t.denominatorElementId} is not null or ${t.denominatorPopulation}`,
    ),
  ],
);

export const periods = pgTable(
  'periods',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    deadline: date({ mode: 'string' }),
    status: text().notNull().default('open'),
    /** "số liệu đến ngày": the date the round's figures are current to */
    dataAsOf: date({ mode: 'string' }),
  },
  (t) => [
    check('periods_kind_check', sql`${t.kind} in ('month', 'quarter', 'nine_months', 'year')`),
    check('periods_status_check', sql`${t.status} in ('open', 'closed')`),
    check('periods_dates_check', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

export const dataValues = pgTable(
  'data_values',
  {
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    elementId: integer()
      .notNull()
      .references(() => dataElements.id),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    // numeric, not float: money is whole đồng (7.630.404.000) and must stay exact.
    value: numeric().notNull(),
    /** "trên 90%", "gần 20.000": the number is kept, with this flag */
    approximate: boolean().notNull().default(false),
    /** the date the figure is current to, when it differs from the round (Mỏ Cày: 30/10/2025) */
    asOf: date({ mode: 'string' }),
    source: text().notNull(),
    note: text(),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  // Key order (period, element, commune) is the order every ranking reads in.
  (t) => [
    primaryKey({ columns: [t.periodId, t.elementId, t.communeId] }),
    index('data_values_commune_idx').on(t.communeId, t.periodId),
  ],
);

/** Small facts about the installation: is this demo data, the data version, … */
export const appMeta = pgTable('app_meta', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
