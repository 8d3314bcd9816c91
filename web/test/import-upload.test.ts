import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '@nq57/shared/schemas';
import { UNCHOSEN, mergedMapping, sortProblems } from '../src/files/import/model';

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
