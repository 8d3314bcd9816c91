// First-start filling of the database: the catalogue always (upserted, so an edited
// catalogue.json lands on the next start), the demo rounds only into an empty database.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Unit } from '@nq57/shared';
import {
  appMeta,
  auditLog,
  communeContacts,
  communes,
  dataElements,
  dataValues,
  periodElements,
  periods,
  submissionComments,
  submissionValues,
  submissions,
} from '../db/schema';
import { readCatalogue, readCommunes, upsertCatalogue } from './catalogue';
import { DEMO_PERIODS, generateDemoValues, type DemoPeriod } from './demo';
import { generateDemoWorkflow } from './demo-workflow';
import { demoContacts } from './demo-contacts';

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
    const catalogue = readCatalogue();
    const formElements = catalogue.elements.filter((e) => !e.computed).map((e) => e.code);
    const generated = generateDemoValues(communeRows, demoPeriods);
    const openRounds = new Set(demoPeriods.filter((p) => p.status === 'open').map((p) => p.code));
    const workflow = generateDemoWorkflow(
      communeRows,
      demoPeriods,
      generated,
      catalogue.elements.map((e) => ({ code: e.code, name: e.name, unit: e.unit as Unit })),
      formElements,
    );
    // an open round's figures are published only once approved (they come through the workflow)
    const values = [...generated.filter((v) => !openRounds.has(v.periodCode)), ...workflow.published];
    const rows = values.map((v) => ({
      periodId: periodIds.get(v.periodCode)!,
      communeId: communeIds.get(v.communeCode)!,
      elementId: elementIds.get(v.element)!,
      value: String(v.value),
      approximate: v.approximate,
      asOf: v.asOf,
      source: v.source,
      note: v.note,
      updatedBy: v.updatedBy ?? 'demo',
      updatedAt: v.updatedAt,
    }));
    // batches keep each statement's parameter count well under PostgreSQL's 65 535 limit
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(dataValues).values(rows.slice(i, i + 2000));
    await insertWorkflow(tx, workflow, periodIds, communeIds, elementIds);
    await tx
      .insert(communeContacts)
      .values(demoContacts(communeRows).map((d) => ({ communeId: communeIds.get(d.communeCode)!, ...d.contact, updatedBy: 'demo' })));

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

type SeedTx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/** The rounds' element lists, submissions with their values and comments, and the open round's audit trail. */
async function insertWorkflow(
  tx: SeedTx,
  wf: ReturnType<typeof generateDemoWorkflow>,
  periodIds: Map<string, number>,
  communeIds: Map<string, number>,
  elementIds: Map<string, number>,
) {
  const pe = [...wf.roundElements].flatMap(([code, els]) => els.map((e) => ({ periodId: periodIds.get(code)!, elementId: elementIds.get(e)! })));
  for (let i = 0; i < pe.length; i += 2000) await tx.insert(periodElements).values(pe.slice(i, i + 2000));
  const subRows = wf.submissions.map((s) => ({
    periodId: periodIds.get(s.periodCode)!,
    communeId: communeIds.get(s.communeCode)!,
    status: s.status,
    version: s.version,
    startedAt: s.startedAt,
    submittedAt: s.submittedAt,
    submittedBy: s.submittedBy,
    firstSubmittedAt: s.firstSubmittedAt,
    approvedAt: s.approvedAt,
    approvedBy: s.approvedBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  }));
  const subIds = new Map<string, number>();
  for (let i = 0; i < subRows.length; i += 1000) {
    const ids = await tx
      .insert(submissions)
      .values(subRows.slice(i, i + 1000))
      .returning({ id: submissions.id, periodId: submissions.periodId, communeId: submissions.communeId });
    for (const r of ids) subIds.set(`${r.periodId}|${r.communeId}`, r.id);
  }
  const idOf = (s: { periodCode: string; communeCode: string }) => subIds.get(`${periodIds.get(s.periodCode)}|${communeIds.get(s.communeCode)}`)!;
  const valueRows = wf.submissions.flatMap((s) => {
    const id = idOf(s);
    const codes = new Set([...Object.keys(s.values), ...Object.keys(s.explanations)]);
    return [...codes].map((e) => ({
      submissionId: id,
      elementId: elementIds.get(e)!,
      value: s.values[e] === undefined ? null : String(s.values[e]),
      explanation: s.explanations[e] ?? null,
    }));
  });
  for (let i = 0; i < valueRows.length; i += 4000) await tx.insert(submissionValues).values(valueRows.slice(i, i + 4000));
  const commentRows = wf.submissions.flatMap((s) => s.comments.map((c) => ({ submissionId: idOf(s), ...c })));
  if (commentRows.length) await tx.insert(submissionComments).values(commentRows);
  // the audit trail in time order, so "newest first" (by id) reads right across communes
  const auditRows = wf.submissions
    .flatMap((s) =>
      s.audit.map((a) => ({
        at: a.at,
        actor: a.actor,
        periodId: periodIds.get(s.periodCode)!,
        communeId: communeIds.get(s.communeCode)!,
        elementId: a.element === null ? null : elementIds.get(a.element)!,
        oldValue: a.oldValue === null ? null : String(a.oldValue),
        newValue: a.newValue === null ? null : String(a.newValue),
        how: a.how,
        comment: a.comment,
      })),
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (let i = 0; i < auditRows.length; i += 2000) await tx.insert(auditLog).values(auditRows.slice(i, i + 2000));
}

export async function isDemo(database: Database): Promise<boolean> {
  const rows = await database.db.select().from(appMeta).where(eq(appMeta.key, 'demo'));
  return Boolean((rows[0]?.value as { demo?: boolean } | undefined)?.demo);
}
