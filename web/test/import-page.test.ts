// /nhap-file's state as a reducer and its rules as pure functions: what a new file or round
// clears, when a dry run is stale, when the import may be written and what it then sends.
import { describe, expect, it } from 'vitest';
import type { ImportProblem, ImportResult } from '@nq57/shared/schemas';
import { UploadError } from '../src/api/upload';
import {
  importReducer,
  importView,
  initialImport,
  MAX_UPLOAD_BYTES,
  UNCHOSEN,
  mergedMapping,
  sortProblems,
  uploadRequest,
  type ImportAction,
  type ImportState,
} from '../src/files/import/model';

const p = (row: number | null, level: 'error' | 'warning', message = ''): ImportProblem => ({ row, column: null, message, level, element: null, commune: null });

describe('import page helpers', () => {
  it('sends the columns mapped on the page on top of the saved mapping, leaving unchosen ones out', () => {
    const saved = { 'Đơn vị': '@commune_name', 'Số tài khoản học': 'bdhvs_learners' };
    expect(mergedMapping(saved, { 'Số tài khoản học': 'bdhvs_certificates', 'Xếp hạng': '', 'Ghi chú': UNCHOSEN })).toEqual({
      'Đơn vị': '@commune_name',
      'Số tài khoản học': 'bdhvs_certificates',
      'Xếp hạng': '', // "bỏ qua cột này" is a choice, kept
    });
    expect(mergedMapping(null, {})).toEqual({});
  });

  it('lists errors before warnings, each by row, whole-file problems first', () => {
    const sorted = sortProblems([p(9, 'warning'), p(7, 'error'), p(null, 'error'), p(3, 'warning'), p(2, 'error')]);
    expect(sorted.map((x) => `${x.level}:${x.row}`)).toEqual(['error:null', 'error:2', 'error:7', 'warning:3', 'warning:9']);
  });
});

describe('the import page\'s state', () => {
  const file = new File(['Mã xã;Tên xã\n'], 'so-lieu.csv');
  const other = new File(['Mã xã;Tên xã\n'], 'so-lieu-2.csv');
  const result = (over: Partial<ImportResult> = {}): ImportResult => ({
    dryRun: true,
    fileName: 'so-lieu.csv',
    sha256: '',
    mode: 'submitted',
    summary: { create: 4, update: 0, unchanged: 0, rejected: 0, rows: 2, rowsRejected: 0, communes: 2 },
    columns: [],
    unknownColumns: [],
    problems: [],
    approval: null,
    ...over,
  });
  const run = (...actions: ImportAction[]) => actions.reduce(importReducer, initialImport);
  /** a round chosen, a file, and the dry run made with them */
  const checked = (over: Partial<ImportResult> = {}, s: ImportState = run({ type: 'roundDefault', code: 'q4-2026' }, { type: 'fileChosen', file })) =>
    importReducer(s, { type: 'checked', result: result(over), sent: { file, mode: s.mode, mapping: importView(s, []).mappingToSend, period: s.period } });

  it('starts with nothing approved: figures from a file count as submitted until the Sở chooses otherwise', () => {
    expect(initialImport.mode).toBe('submitted');
    expect(uploadRequest(initialImport, true, '')).toBeNull(); // no file, no round: nothing to send
  });

  it('refuses a file over 10 MB before sending it, and a new file or round clears the dry run and what was said', () => {
    const big = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'lon.xlsx');
    const refused = run({ type: 'fileChosen', file: big });
    expect(refused).toMatchObject({ file: null, fileTooLarge: true });
    const s = importReducer(checked(), { type: 'nameNeeded' });
    expect(s.result).not.toBeNull();
    for (const a of [{ type: 'fileChosen', file: other }, { type: 'roundChosen', code: 'm10-2026' }] as ImportAction[]) {
      expect(importReducer(s, a)).toMatchObject({ result: null, error: null, done: null, notice: null, approvalConfirmed: false, fileTooLarge: false });
    }
    // the mode does not clear the answer: the dry run is then stale, and says so
    expect(importReducer(s, { type: 'mode', mode: 'approved' }).result).not.toBeNull();
  });

  it('a dry run made with other choices is stale and cannot be written', () => {
    const s = checked();
    expect(importView(s, [])).toMatchObject({ stale: false, canCommit: true });
    expect(importView({ ...s, file: other }, []).canCommit).toBe(false);
    expect(importView(importReducer(s, { type: 'mode', mode: 'approved' }), []).stale).toBe(true);
    expect(importView(importReducer(s, { type: 'mapping', name: 'BDHVS' }), []).stale).toBe(true);
    // busy or with errors, it cannot be written either
    expect(importView(importReducer(s, { type: 'sending', what: 'commit' }), []).canCommit).toBe(false);
    const withError = checked({ problems: [p(3, 'error', 'Không đọc được số')] });
    expect(importView(withError, [])).toMatchObject({ canCommit: false, errors: [expect.objectContaining({ row: 3 })] });
  });

  it('unknown columns keep the choice made for them across checks; a known column\'s is dropped', () => {
    let s = checked({ unknownColumns: ['Số tài khoản học', 'Xếp hạng'] });
    expect(s.choices).toEqual({ 'Số tài khoản học': UNCHOSEN, 'Xếp hạng': UNCHOSEN });
    s = importReducer(s, { type: 'column', header: 'Xếp hạng', code: '' });
    expect(importView(s, []).mappingToSend).toBe(JSON.stringify({ 'Xếp hạng': '' }));
    s = checked({ unknownColumns: ['Xếp hạng'] }, s);
    expect(s.choices).toEqual({ 'Xếp hạng': '' });
    // a saved mapping's columns are sent under what was chosen here
    s = importReducer(s, { type: 'mapping', name: 'BDHVS' });
    expect(importView(s, [{ name: 'BDHVS', columns: { 'Đơn vị': '@commune_name' } } as never]).mappingToSend).toBe('BDHVS');
    s = importReducer(s, { type: 'column', header: 'Xếp hạng', code: '' });
    expect(importView(s, [{ name: 'BDHVS', columns: { 'Đơn vị': '@commune_name' } } as never]).mappingToSend).toBe(JSON.stringify({ 'Đơn vị': '@commune_name', 'Xếp hạng': '' }));
  });

  it('approving through a file needs the Sở\'s tick, and the import then carries the number of forms confirmed', () => {
    const approval = { forms: 2, notSubmitted: 2, unfinished: 2, overdue: 0, communes: [] };
    let s = checked({ approval }, run({ type: 'roundDefault', code: 'q4-2026' }, { type: 'fileChosen', file }, { type: 'mode', mode: 'approved' }));
    expect(importView(s, []).canCommit).toBe(false);
    s = importReducer(s, { type: 'approval', confirmed: true });
    expect(importView(s, []).canCommit).toBe(true);
    expect(uploadRequest(s, false, 'm')).toMatchObject({ period: 'q4-2026', file, dryRun: false, mode: 'approved', mapping: 'm', confirm: '2' });
    expect(uploadRequest(s, true, 'm')?.confirm).toBeUndefined();
    // a new dry run asks for the tick again
    expect(checked({ approval }, s).approvalConfirmed).toBe(false);
  });

  it('a refused import shows the problems that block it where the dry run\'s were; a failed check clears the answer', () => {
    const s = importReducer(checked(), { type: 'sending', what: 'commit' });
    const problems = [p(7, 'error', 'Xã đã duyệt')];
    const refused = importReducer(s, { type: 'failed', error: new UploadError('Không ghi được', 409, problems), dryRun: false });
    expect(refused.result?.problems).toEqual(problems);
    expect(refused.result?.summary.create).toBe(4);
    expect(refused.error?.message).toBe('Không ghi được');
    expect(importReducer(s, { type: 'failed', error: new UploadError('Mất mạng', 0), dryRun: true }).result).toBeNull();
    expect(importReducer({ ...refused, confirming: true }, { type: 'settled' })).toMatchObject({ busy: null, confirming: false });
  });

  it('once written: the result, and nothing left to write', () => {
    const s = importReducer(importReducer(checked(), { type: 'mappingSaved', name: 'BDHVS' }), { type: 'written', result: result({ dryRun: false, importId: 12 }) });
    expect(s).toMatchObject({ result: null, checked: null, notice: null, done: { importId: 12 } });
    expect(importView(s, []).canCommit).toBe(false);
  });

  it('the upload\'s progress moves only while something is sent', () => {
    expect(run({ type: 'progress', fraction: 0.5 }).busy).toBeNull();
    expect(run({ type: 'sending', what: 'dry' }, { type: 'progress', fraction: 0.5 }).busy).toEqual({ what: 'dry', progress: 0.5 });
  });
});
