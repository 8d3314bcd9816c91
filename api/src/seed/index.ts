// First-start filling of the database: the catalogue always (upserted, so an edited
// catalogue.json lands on the next start), the demo rounds only into an empty database.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { appMeta, communes, dataElements, dataValues, periods } from '../db/schema';
import { readCatalogue, readCommunes, upsertCatalogue } from './catalogue';
import { DEMO_PERIODS, generateDemoValues, type DemoPeriod } from './demo';

export interface SeedResult {
  demoSeeded: boolean;
  values: number;
}

export async function seedDatabase(database: Database, opts: { demo: boolean; periods?: DemoPeriod[] }): Promise<SeedResult> {
  const communeRows = readCommunes();
  return database.db.transaction(async (tx) => {
    await upsertCatalogue(tx, readCatalogue(), communeRows);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(periods);
    if (!opts.demo || n > 0) return { demoSeeded: false, values: 0 };

    const demoPeriods = opts.periods ?? DEMO_PERIODS;
    const periodIds = new Map(
      (await tx.insert(periods).values(demoPeriods).returning({ id: periods.id, code: periods.code })).map((r) => [r.code, r.id]),
    );
    const communeIds = new Map((await tx.select({ id: communes.id, code: communes.code }).from(communes)).map((r) => [r.code, r.id]));
    const elementIds = new Map(
      (await tx.select({ id: dataElements.id, code: dataElements.code }).from(dataElements)).map((r) => [r.code, r.id]),
    );
    const values = generateDemoValues(communeRows, demoPeriods);
    const rows = values.map((v) => ({
      periodId: periodIds.get(v.periodCode)!,
      communeId: communeIds.get(v.communeCode)!,
      elementId: elementIds.get(v.element)!,
      value: String(v.value),
      approximate: v.approximate,
      asOf: v.asOf,
      source: v.source,
      note: v.note,
      updatedBy: 'demo',
      updatedAt: v.updatedAt,
    }));
    // batches keep each statement's parameter count well under PostgreSQL's 65 535 limit
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(dataValues).values(rows.slice(i, i + 2000));

    // villages "once known": the latest reported count becomes the catalogue figure
    const villagesId = elementIds.get('villages');
    if (villagesId !== undefined) {
      await tx.execute(sql`
        update communes c set villages = v.value::int
        from (
          select distinct on (dv.commune_id) dv.commune_id, dv.value
          from data_values dv join periods p on p.id = dv.period_id
          where dv.element_id = ${villagesId}
          order by dv.commune_id, p.end_date desc
        ) v
        where v.commune_id = c.id`);
    }
    await tx
      .insert(appMeta)
      .values({ key: 'demo', value: { demo: true, seededAt: new Date().toISOString() } })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: sql`excluded.value` } });
    return { demoSeeded: true, values: rows.length };
  });
}

export async function isDemo(database: Database): Promise<boolean> {
  const rows = await database.db.select().from(appMeta).where(eq(appMeta.key, 'demo'));
  return Boolean((rows[0]?.value as { demo?: boolean } | undefined)?.demo);
}
