// The commune reports read (issue 11): the file, its text and what the reader proposed, and which
// of its figures a person has written into the form since (the audit rows that point back here).
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditLog, communes, dataElements, reportUploads } from '../db/schema';
import { instant } from './timestamps';

export interface ReportUploadRecord {
  id: number;
  periodId: number;
  communeId: number | null;
  communeCode: string | null;
  communeName: string | null;
  fileName: string;
  format: 'docx' | 'pdf' | 'txt';
  size: number;
  sha256: string;
  text: string;
  /** the reader's answer as stored (services/reports says its shape) */
  reading: unknown;
  uploadedBy: string;
  /** ISO instant */
  uploadedAt: string;
}

export interface WrittenFigure {
  element: string;
  value: number | null;
  actor: string;
  /** ISO instant */
  at: string;
}

export function createReportsRepository(db: DbOrTx) {
  return {
    async create(r: {
      periodId: number;
      communeId: number | null;
      fileName: string;
      format: 'docx' | 'pdf' | 'txt';
      size: number;
      sha256: string;
      content: Buffer;
      text: string;
      reading: unknown;
      uploadedBy: string;
    }): Promise<number> {
      const [row] = await db.insert(reportUploads).values(r).returning({ id: reportUploads.id });
      return row.id;
    },

    /** One read of a round, without its file's bytes; null when there is none of that id in the round. */
    async get(periodId: number, id: number): Promise<ReportUploadRecord | null> {
      const [r] = await db
        .select({
          id: reportUploads.id,
          periodId: reportUploads.periodId,
          communeId: reportUploads.communeId,
          communeCode: communes.code,
          communeName: communes.name,
          fileName: reportUploads.fileName,
          format: reportUploads.format,
          size: reportUploads.size,
          sha256: reportUploads.sha256,
          text: reportUploads.text,
          reading: reportUploads.reading,
          uploadedBy: reportUploads.uploadedBy,
          uploadedAt: reportUploads.uploadedAt,
        })
        .from(reportUploads)
        .leftJoin(communes, eq(communes.id, reportUploads.communeId))
        .where(and(eq(reportUploads.id, id), eq(reportUploads.periodId, periodId)));
      return r ? { ...r, format: r.format as ReportUploadRecord['format'], uploadedAt: instant(r.uploadedAt) } : null;
    },

    /** The file as uploaded. */
    async content(id: number): Promise<Buffer | null> {
      const [r] = await db.select({ content: reportUploads.content }).from(reportUploads).where(eq(reportUploads.id, id));
      return r?.content ?? null;
    },

    /** The figures written into a form from this report, oldest first (a later write replaces an earlier one). */
    async written(id: number): Promise<WrittenFigure[]> {
      const rows = await db
        .select({ element: dataElements.code, value: auditLog.newValue, actor: auditLog.actor, at: auditLog.at })
        .from(auditLog)
        .innerJoin(dataElements, eq(dataElements.id, auditLog.elementId))
        .where(and(eq(auditLog.reportId, id), eq(auditLog.how, 'report')))
        .orderBy(asc(auditLog.id));
      return rows.map((r) => ({ element: r.element, value: r.value === null ? null : Number(r.value), actor: r.actor, at: instant(r.at) }));
    },
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
