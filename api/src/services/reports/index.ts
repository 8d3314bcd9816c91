// Reading the communes' narrative reports (issue 11, decision 014 for the reader itself).
//
// Contract:
// - read(): the file's kind from its bytes (sniff.ts), its text and the reader's proposals in a
//   worker with limits (sandbox.ts, read-job.ts), then ONE row in report_uploads: the file, the
//   text exactly as returned, what was proposed. No figure, no submission, no audit row is
//   written: a proposal reaches a form only when a person accepts it. Any round, open or closed.
// - accept(): the figures a person chose (element → value, possibly edited), each one of this
//   read's proposals, written into the commune's form through the form's own save
//   (app.submissions.save: the same checks, warnings, versions, 409s, closed round refused), with
//   audit how = 'report', the report's id, and the sentence each figure came from.
// - Who: the route says which roles; `authorize(communeCode)` (the route's assertCommuneAccess) is
//   called here on the commune the read is filed under, once it is known.
import { createHash } from 'node:crypto';
import { formatValue, type Candidate, type ReadResult, type ReaderCatalogue, type Unit } from '@nq57/shared';
import type { ReportAccepted, ReportAcceptBody, ReportCandidate, ReportReadOut } from '@nq57/shared/schemas';
import type { Database } from '../../db/client';
import { ApiError, notFound } from '../../errors';
import { createCatalogueRepository, type ElementRecord } from '../../repositories/catalogue';
import { createReportsRepository, type ReportUploadRecord } from '../../repositories/reports';
import { createRoundsRepository } from '../../repositories/rounds';
import { readCatalogue } from '../../seed/catalogue';
import type { Actor, SubmissionService } from '../submissions';
import { createReadSandbox, DEFAULT_LIMITS, type SandboxLimits } from './sandbox';
import { sniffReport } from './sniff';

/** What report_uploads.reading holds: the reader's answer and the commune it recognised. */
interface StoredReading {
  detected: { code: string; name: string; evidence: string } | null;
  reportDate: string | null;
  candidates: Candidate[];
  warnings: string[];
}

export interface ReportServiceOptions {
  limits?: Partial<SandboxLimits>;
  /** a reading that failed for a reason no refusal names (a bug, not a bad file): for the log */
  onUnexpected?: (detail: string) => void;
}

type Authorize = (communeCode: string) => void;

/** The audit comment: where the figure was read, and what the person changed. */
function auditComment(rec: ReportUploadRecord, c: Candidate, value: number, unit: Unit): string {
  const quote = c.quote.replace(/\s+/g, ' ').trim();
  const shown = quote.length > 1000 ? `${quote.slice(0, 1000)}…` : quote;
  const edited = value !== c.value ? ` Người xác nhận sửa ${formatValue(c.value, unit)} thành ${formatValue(value, unit)}.` : '';
  return `Đọc từ báo cáo "${rec.fileName}" (lần đọc số ${rec.id}): «${shown}».${edited}`;
}

export function createReportService(database: Database, submissions: SubmissionService, opts: ReportServiceOptions = {}) {
  const { db } = database;
  const rounds = createRoundsRepository(db);
  const catalogue = createCatalogueRepository(db);
  const reports = createReportsRepository(db);
  const sandbox = createReadSandbox({ ...DEFAULT_LIMITS, ...opts.limits }, opts.onUnexpected);

  async function roundOf(periodCode: string) {
    const round = await rounds.byCode(periodCode);
    if (!round) throw notFound.period(periodCode);
    return round;
  }

  async function communeOf(code: string) {
    const c = await catalogue.communeByCode(code);
    if (!c) throw notFound.commune(code);
    return c;
  }

  /** The stored read as the API answers it: names, units, and which proposals the round asks for. */
  async function answer(rec: ReportUploadRecord, periodCode: string, asked: Set<string>, elements: ElementRecord[]): Promise<ReportReadOut> {
    const reading = rec.reading as StoredReading;
    const byCode = new Map(elements.map((e) => [e.code, e]));
    const candidates: ReportCandidate[] = [];
    for (const c of reading.candidates) {
      const e = byCode.get(c.element);
      if (!e) continue; // an element the catalogue no longer has
      candidates.push({
        element: c.element,
        name: e.name,
        unit: e.unit,
        asked: asked.has(c.element) && !e.computed,
        value: c.value,
        approximate: c.approximate,
        asOf: c.asOf,
        source: c.source,
        quote: c.quote,
        quoteStart: c.quoteStart,
        quoteEnd: c.quoteEnd,
        start: c.start,
        end: c.end,
        parts: c.parts ?? [],
        alternatives: (c.alternatives ?? []).map((a) => ({
          value: a.value,
          approximate: a.approximate,
          asOf: a.asOf,
          source: a.source,
          quote: a.quote,
          quoteStart: a.quoteStart,
          quoteEnd: a.quoteEnd,
          start: a.start,
          end: a.end,
        })),
      });
    }
    return {
      id: rec.id,
      period: periodCode,
      fileName: rec.fileName,
      format: rec.format,
      size: rec.size,
      sha256: rec.sha256,
      uploadedBy: rec.uploadedBy,
      uploadedAt: rec.uploadedAt,
      commune: rec.communeCode && rec.communeName ? { code: rec.communeCode, name: rec.communeName } : null,
      detected: reading.detected,
      reportDate: reading.reportDate,
      text: rec.text,
      candidates,
      warnings: reading.warnings,
      written: await reports.written(rec.id),
    };
  }

  async function load(periodCode: string, id: number) {
    const round = await roundOf(periodCode);
    const rec = await reports.get(round.id, id);
    if (!rec) throw new ApiError(404, 'REPORT_NOT_FOUND', `Không có lần đọc báo cáo số ${id} trong kỳ "${periodCode}"`);
    return { round, rec };
  }

  async function out(rec: ReportUploadRecord, round: { id: number; code: string }) {
    const asked = new Set((await rounds.elementsOf(round.id)).codes);
    return answer(rec, round.code, asked, await catalogue.elements());
  }

  return {
    async read(o: {
      periodCode: string;
      /** the commune chosen (the officer's own when they choose none); null: recognise it */
      communeCode: string | null;
      file: { name: string; bytes: Buffer };
      actor: Actor;
      authorize: Authorize;
    }): Promise<ReportReadOut> {
      const round = await roundOf(o.periodCode);
      const chosen = o.communeCode ? await communeOf(o.communeCode) : null;
      if (chosen) o.authorize(chosen.code);
      const format = sniffReport(o.file.bytes);
      const communes = (await catalogue.communes()).map((c) => ({ code: c.code, name: c.name }));
      // the cues are read from the file each time: an edit of catalogue.json needs no restart
      const cues: ReaderCatalogue = readCatalogue();
      const { text, reading } = await sandbox.run({ format, bytes: o.file.bytes, catalogue: cues, communes });
      const detected = reading.commune?.code && reading.commune.name ? { code: reading.commune.code, name: reading.commune.name, evidence: reading.commune.hint } : null;
      const filed = chosen ?? (detected ? await communeOf(detected.code) : null);
      // an officer who chose nothing files under their own commune (the route passes it); a
      // recognised commune is checked too, so the admin's choice is the only way round it
      if (filed && !chosen) o.authorize(filed.code);
      const warnings = [...readingWarnings(reading, chosen, detected), ...reading.warnings];
      const stored: StoredReading = { detected, reportDate: reading.reportDate, candidates: reading.candidates, warnings };
      const id = await reports.create({
        periodId: round.id,
        communeId: filed?.id ?? null,
        fileName: o.file.name.slice(0, 255),
        format,
        size: o.file.bytes.length,
        sha256: createHash('sha256').update(o.file.bytes).digest('hex'),
        content: o.file.bytes,
        text,
        reading: stored,
        uploadedBy: o.actor.username,
      });
      return out((await reports.get(round.id, id))!, round);
    },

    async get(periodCode: string, id: number, authorize: Authorize): Promise<ReportReadOut> {
      const { round, rec } = await load(periodCode, id);
      // a read not yet filed under a commune is the Sở's: only the admin passes an empty code
      authorize(rec.communeCode ?? '');
      return out(rec, round);
    },

    async file(periodCode: string, id: number, authorize: Authorize) {
      const { rec } = await load(periodCode, id);
      authorize(rec.communeCode ?? '');
      return { name: rec.fileName, format: rec.format, bytes: (await reports.content(rec.id))! };
    },

    async accept(periodCode: string, id: number, actor: Actor, body: ReportAcceptBody, authorize: Authorize): Promise<ReportAccepted> {
      const { rec } = await load(periodCode, id);
      if (body.commune && rec.communeCode && body.commune !== rec.communeCode) {
        throw new ApiError(400, 'COMMUNE_MISMATCH', `Báo cáo này đã gắn với ${rec.communeName}; không ghi sang xã khác được. Hãy tải báo cáo lên lại và chọn xã.`);
      }
      const communeCode = rec.communeCode ?? body.commune;
      if (!communeCode) throw new ApiError(400, 'COMMUNE_REQUIRED', 'Chưa biết báo cáo của xã nào: hãy chọn xã (trường "commune") trước khi ghi số liệu.');
      await communeOf(communeCode);
      authorize(communeCode);
      const reading = rec.reading as StoredReading;
      const byElement = new Map(reading.candidates.map((c) => [c.element, c]));
      const units = new Map((await catalogue.elements()).map((e) => [e.code, e.unit]));
      const values: Record<string, number> = {};
      const comments: Record<string, string> = {};
      for (const f of body.figures) {
        const c = byElement.get(f.element);
        if (!c) throw new ApiError(400, 'NOT_PROPOSED', `"${f.element}" không có trong các số đề xuất của báo cáo này; số khác hãy nhập ở biểu mẫu.`);
        if (f.element in values) throw new ApiError(400, 'DUPLICATE_ELEMENT', `"${f.element}" được gửi hai lần`);
        values[f.element] = f.value;
        comments[f.element] = auditComment(rec, c, f.value, units.get(f.element) ?? 'count');
      }
      const saved = await submissions.save(periodCode, communeCode, actor, { version: body.version, values }, { how: 'report', reportId: rec.id, comments });
      return { commune: communeCode, ...saved, written: await reports.written(rec.id) };
    },

    /** for tests: readings running and waiting */
    load: () => sandbox.load(),
  };
}
export type ReportService = ReturnType<typeof createReportService>;

/** What the person should know about the commune before accepting anything. */
function readingWarnings(
  reading: ReadResult,
  chosen: { code: string; name: string } | null,
  detected: { code: string; name: string; evidence: string } | null,
): string[] {
  if (chosen && detected && detected.code !== chosen.code) {
    return [`Báo cáo có vẻ là của ${detected.name} ("${detected.evidence}"), không phải ${chosen.name} đã chọn: hãy kiểm tra trước khi ghi số liệu.`];
  }
  if (!chosen && !detected) {
    const hint = reading.commune?.hint ? ` (báo cáo ghi "${reading.commune.hint}")` : '';
    return [`Chưa nhận ra báo cáo của xã nào${hint}: hãy chọn xã trước khi ghi số liệu.`];
  }
  return [];
}
