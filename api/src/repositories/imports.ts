// The record of every import (which file, by whom, what it counted) and the saved column mappings
// for files from other systems. What an import reads and writes otherwise goes through the
// repositories of what it touches (rounds, catalogue, published, submissions).
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { importMappings, imports, periods } from '../db/schema';
import { instant } from './timestamps';

export interface ImportRecord {
  id: number;
  periodCode: string;
  fileName: string;
  fileSha256: string;
  mode: string;
  mappingName: string | null;
  counts: unknown;
  importedBy: string;
  /** ISO instant */
  at: string;
}

export interface MappingRecord {
  name: string;
  columns: Record<string, string>;
  updatedBy: string;
  /** ISO instant */
  updatedAt: string;
}

const toMapping = (m: typeof importMappings.$inferSelect): MappingRecord => ({
  name: m.name,
  columns: m.columns as Record<string, string>,
  updatedBy: m.updatedBy,
  updatedAt: instant(m.updatedAt),
});

export function createImportsRepository(db: DbOrTx) {
  return {
    async mappings(): Promise<MappingRecord[]> {
      return (await db.select().from(importMappings).orderBy(asc(importMappings.name))).map(toMapping);
    },

    /** A saved mapping's columns, or null when there is none of that name. */
    async mapping(name: string): Promise<Record<string, string> | null> {
      const [m] = await db.select({ columns: importMappings.columns }).from(importMappings).where(eq(importMappings.name, name));
      return m ? (m.columns as Record<string, string>) : null;
    },

    /** Saves a mapping, or replaces the one of that name. */
    async saveMapping(m: { name: string; columns: Record<string, string>; updatedBy: string }): Promise<MappingRecord> {
      const [row] = await db
        .insert(importMappings)
        .values(m)
        .onConflictDoUpdate({ target: importMappings.name, set: { columns: m.columns, updatedBy: m.updatedBy, updatedAt: sql`now()` } })
        .returning();
      return toMapping(row);
    },

    async recordImport(r: { periodId: number; fileName: string; fileSha256: string; mode: string; mappingName: string | null; counts: unknown; importedBy: string }): Promise<number> {
      const [row] = await db.insert(imports).values(r).returning({ id: imports.id });
      return row.id;
    },

    /** The latest hundred imports (of one round, or of all). */
    async listImports(periodId?: number): Promise<ImportRecord[]> {
      const rows = await db
        .select({
          id: imports.id,
          periodCode: periods.code,
          fileName: imports.fileName,
          fileSha256: imports.fileSha256,
          mode: imports.mode,
          mappingName: imports.mappingName,
          counts: imports.counts,
          importedBy: imports.importedBy,
          at: imports.at,
        })
        .from(imports)
        .innerJoin(periods, eq(periods.id, imports.periodId))
        .where(periodId === undefined ? undefined : eq(imports.periodId, periodId))
        .orderBy(desc(imports.at), desc(imports.id))
        .limit(100);
      return rows.map((r) => ({ ...r, at: instant(r.at) }));
    },
  };
}
export type ImportsRepository = ReturnType<typeof createImportsRepository>;
