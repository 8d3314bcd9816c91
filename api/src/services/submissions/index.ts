// The write side of the figures: a commune's report for a round, from first draft to approval,
// and the published figures (data_values) the rankings read. Every change to a figure writes its
// audit row in the same transaction as the change, so the log can never miss one.
//
//   context.ts       WriteContext: one per transaction, holding its repositories and the reads
//                    made once in it (the import checks 96 communes against one baseline)
//   write.ts         the write path the import and closing a round reuse (below)
//   checks.ts        what checkFigures needs for one commune (loadCheckContext)
//   workflow.ts      read / save / submit / approve / return / reopen, the officer's open rounds
//   completeness.ts  who has reported in a round (/tien-do and its CSV)
//
// ── Reusable by the Excel import (issue 6) and by closing a round ───────────────────────────
// Each takes the CALLER's WriteContext (`w = writeContext(tx)`, made where the transaction
// opens), so an import of 96 communes is one transaction. After it commits, the caller must
// `await app.dataVersion.changed()`.
//
//   publishFigures(w, { periodId, communeId, values, actor, how, importId?, comment?, updatedBy?, source? })
//       → { changed: FigureChange[] }
//     Writes the published figures: a number upserts data_values, null deletes it, an absent key
//     is left alone. One audit_log row per changed figure (old → new) with `how`
//     ('approval' | 'import' | 'system'). Does not touch the submission.
//
//   importPublished(w, { periodId, communeId, values, actor, importId?, comment? })
//       → { changed: FigureChange[] }
//     An import the Sở publishes directly: publishFigures(how 'import') AND the commune's
//     submission mirrored to 'approved' with the same values, so the form, completeness and the
//     audit agree with what is published. Checks are the caller's business (see loadCheckContext).
//     Never touches firstSubmittedAt (whether and when the commune submitted): the first import
//     of a commune's figures is kept as firstImportedAt, so a commune that had not reported by the
//     deadline stays late (decision 010). Works on closed rounds too (the Sở loading past rounds
//     from its own spreadsheets).
//
//   submitFigures(w, { periodId, communeId, values, explanations?, actor, how?: 'import', importId?, comment? })
//       → { status, version, errors, warnings, changed, submitted }
//     An import "for review": merges the values into the commune's submission (created if
//     needed; audit per changed figure, how 'import'), runs the checks; when nothing blocks, the
//     submission becomes 'submitted' for the Sở to approve, else it is kept as a draft and the
//     errors/warnings are returned (submitted = false). Like importPublished it records
//     firstImportedAt, never firstSubmittedAt. Throws ApiError 409 when the submission is
//     approved (needs a reopen) and ApiError 409 when the round is closed.
//
//   loadCheckContext(w, periodId, communeId) → { round, elements, context, previousByCode, comparedWith }
//     what checkFigures needs for this commune in this round (previous round, peers, villages).
// ───────────────────────────────────────────────────────────────────────────────────────────
import type { Database } from '../../db/client';
import { completeness } from './completeness';
import { createWorkflow, type ReturnHook } from './workflow';

export { elementIndex, inTransaction, roundElements, writeContext, type WriteContext } from './context';
export { publishFigures, importPublished, submitFigures } from './write';
export type { Figures, FigureChange, PublishOptions, SubmitFiguresOptions, SubmitFiguresResult } from './write';
export { loadCheckContext, checkElementOf, comparedWithOf, type LoadedContext } from './checks';
export { completenessCsv } from './completeness';
export type { Actor, ReportOrigin, ReturnHook } from './workflow';

export interface SubmissionServiceOptions {
  /** the clock for "overdue" (tests and the demo may fix it) */
  now?: () => Date;
  /** called inside the transaction that returns a form: the reminders queue the e-mail with the comment (issue 14) */
  onReturn?: ReturnHook;
}

/** The service the routes use (decorated once as `app.submissions`). */
export function createSubmissionService(database: Database, opts: SubmissionServiceOptions = {}) {
  const now = opts.now ?? (() => new Date());
  return {
    ...createWorkflow(database, now, opts.onReturn),
    /** `at`: the instant judged (the reminder letter's date, so the letter and its list agree); now otherwise */
    completeness: (periodCode: string, onlyCommune?: string, at: Date = now()) => completeness(database.db, at, periodCode, onlyCommune),
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
