// The unit of work of the write side. Whoever opens the transaction (a save, an approval, the
// import of 96 communes, closing a round) makes ONE WriteContext on it, with
// `inTransaction(db, (w) => …)` or `writeContext(tx)`, and passes it down; every function of the
// write path takes it as its first argument.
//
// It holds the repositories, bound to that transaction, and the reads that do not depend on the
// commune (the elements, a round's list, the rounds, the peers' figures), made once per context:
// an import checks 96 communes in one transaction, all against the same baseline (figures written
// earlier in that import do not shift the peers of later rows), and those reads are made once for
// the file rather than once per commune. A context made on the database for a read
// (`writeContext(db)`) keeps its reads for that request only: never share one across requests,
// it would serve yesterday's figures.
import type { Db, DbOrTx } from '../../db/client';
import { createAuditRepository, type AuditRepository } from '../../repositories/audit';
import { createCatalogueRepository, type CatalogueRepository, type ElementRecord } from '../../repositories/catalogue';
import { createPublishedRepository, type PublishedRepository } from '../../repositories/published';
import { createReportingRepository, type ReportingRepository } from '../../repositories/reporting';
import { createRoundsRepository, type RoundRecord, type RoundsRepository } from '../../repositories/rounds';
import { createSubmissionsRepository, type SubmissionsRepository } from '../../repositories/submissions';

export interface WriteContext {
  /** the transaction (or, for a read, the database) every repository below runs on */
  readonly db: DbOrTx;
  readonly audit: AuditRepository;
  readonly catalogue: CatalogueRepository;
  readonly published: PublishedRepository;
  readonly reporting: ReportingRepository;
  readonly rounds: RoundsRepository;
  readonly submissions: SubmissionsRepository;
  /** `load()` once in this context under `key`; later calls get the same answer */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function writeContext(db: DbOrTx): WriteContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    db,
    audit: createAuditRepository(db),
    catalogue: createCatalogueRepository(db),
    published: createPublishedRepository(db),
    reporting: createReportingRepository(db),
    rounds: createRoundsRepository(db),
    submissions: createSubmissionsRepository(db),
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) memo.set(key, (p = load()));
      return p;
    },
  };
}

/** Opens a transaction and runs `work` with its one WriteContext. */
export function inTransaction<T>(db: Db, work: (w: WriteContext) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(writeContext(tx)));
}

export interface ElementIndex {
  /** every element of the catalogue, in form order */
  all: ElementRecord[];
  byCode: Map<string, ElementRecord>;
  byId: Map<number, ElementRecord>;
}

/** The catalogue's elements, read once per context. */
export function elementIndex(w: WriteContext): Promise<ElementIndex> {
  return w.once('elements', async () => {
    const all = await w.catalogue.elements();
    return { all, byCode: new Map(all.map((e) => [e.code, e])), byId: new Map(all.map((e) => [e.id, e])) };
  });
}

/** The elements a round asks for, in form order (the rounds repository's rule), read once per context. */
export function roundElements(w: WriteContext, periodId: number): Promise<ElementRecord[]> {
  return w.once(`asked|${periodId}`, async () => {
    const [{ all }, asked] = await Promise.all([elementIndex(w), w.rounds.elementsOf(periodId)]);
    const ids = new Set(asked.ids);
    return all.filter((e) => ids.has(e.id));
  });
}

/** Every round, oldest first, read once per context. */
export function allRounds(w: WriteContext): Promise<RoundRecord[]> {
  return w.once('rounds', () => w.rounds.all());
}
