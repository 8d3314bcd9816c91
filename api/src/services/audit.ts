// The audit log as people ask for it: by commune, round and element CODE (ids stay inside the
// database), each code that names nothing a 404 that says which.
import type { AuditOut } from '@nq57/shared/schemas';
import type { DbOrTx } from '../db/client';
import { ApiError, notFound } from '../errors';
import { createAuditRepository } from '../repositories/audit';
import { createCatalogueRepository } from '../repositories/catalogue';
import { createRoundsRepository } from '../repositories/rounds';

export async function auditEntries(db: DbOrTx, q: { commune?: string; period?: string; element?: string; limit?: number }): Promise<AuditOut> {
  const catalogue = createCatalogueRepository(db);
  let communeId: number | undefined;
  if (q.commune) {
    const c = await catalogue.communeByCode(q.commune);
    if (!c) throw notFound.commune(q.commune);
    communeId = c.id;
  }
  let periodId: number | undefined;
  if (q.period) {
    const p = await createRoundsRepository(db).byCode(q.period);
    if (!p) throw notFound.period(q.period);
    periodId = p.id;
  }
  let elementId: number | undefined;
  if (q.element) {
    const e = (await catalogue.elements()).find((x) => x.code === q.element);
    if (!e) throw new ApiError(404, 'ELEMENT_NOT_FOUND', `Không có dữ liệu mã "${q.element}"`);
    elementId = e.id;
  }
  return { entries: await createAuditRepository(db).list({ communeId, periodId, elementId, limit: q.limit ?? 200 }) };
}
