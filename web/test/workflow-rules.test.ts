import { describe, expect, it } from 'vitest';
import { homeFor, loginHref, navFor, safeNext } from '../src/workflow/session';
import { filterRows, parseFilter, timingLabel } from '../src/workflow/progress';
import { formElements, roundBody, roundFromName, suggestCode, type RoundDraft } from '../src/workflow/rounds';
import type { CompletenessRow, DataElement } from '@nq57/shared/schemas';

describe('who sees what in the header', () => {
  it('gives each role its entries', () => {
    expect(navFor(null)).toEqual([]);
    expect(navFor('commune').map((n) => n.label)).toEqual(['Nhập liệu', 'Đọc báo cáo']);
    expect(navFor('leader').map((n) => n.label)).toEqual(['Tiến độ']);
    expect(navFor('admin').map((n) => n.href)).toEqual(['/nhap-lieu', '/doc-bao-cao', '/tien-do', '/quan-tri']);
  });

  it('sends each role to its own start page after signing in', () => {
    expect(homeFor('commune')).toBe('/nhap-lieu');
    expect(homeFor('admin')).toBe('/tien-do');
    expect(homeFor('leader')).toBe('/');
  });
});

describe('?tiep=: back to where the user came from, never to another site', () => {
  it('accepts a path of this site', () => {
    expect(safeNext('/nhap-lieu?ky=thang-10-2026')).toBe('/nhap-lieu?ky=thang-10-2026');
  });

  it('refuses anything that leaves the site or loops to the sign-in page', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, '/dang-nhap', '/dang-nhap?tiep=/x', '/a\nb']) {
      expect(safeNext(bad)).toBeNull();
    }
  });

  it('builds the sign-in link with the way back', () => {
    expect(loginHref('/nhap-lieu?ky=q1')).toBe('/dang-nhap?tiep=%2Fnhap-lieu%3Fky%3Dq1');
    expect(loginHref('/')).toBe('/dang-nhap');
  });
});

const row = (code: string, name: string, status: CompletenessRow['status'], over: Partial<CompletenessRow> = {}): CompletenessRow => ({
  communeCode: code,
  communeName: name,
  formerDistrict: 'Huyện Sơn Tịnh',
  status,
  submittedAt: null,
  importedAt: null,
  timeliness: 'not_due',
  daysLate: null,
  late: false,
  source: null,
  filled: 0,
  required: 30,
  contacts: [],
  ...over,
});

describe('progress list', () => {
  const rows = [
    row('1', 'Xã Đông Trà', 'approved', { submittedAt: '2026-11-01T02:00:00Z', timeliness: 'on_time' }),
    row('2', 'Xã Tịnh Khê', 'draft', { late: true, daysLate: 3, timeliness: 'overdue' }),
    row('3', 'Phường Trương Quang Trọng', 'submitted', { submittedAt: '2026-11-09T02:00:00Z', late: true, daysLate: 4, timeliness: 'late' }),
    row('4', 'Xã Dục Nội', 'not_started'),
  ];

  it('sorts names the Vietnamese way, without "Xã"/"Phường": D before Đ', () => {
    expect(filterRows(rows, 'all', '').map((r) => r.communeName)).toEqual(['Xã Dục Nội', 'Xã Đông Trà', 'Xã Tịnh Khê', 'Phường Trương Quang Trọng']);
  });

  it('filters by state, by lateness, and by name typed without diacritics', () => {
    expect(filterRows(rows, 'draft', '').map((r) => r.communeCode)).toEqual(['2']);
    expect(filterRows(rows, 'late', '').map((r) => r.communeCode)).toEqual(['2', '3']);
    expect(filterRows(rows, 'all', 'tinh khe').map((r) => r.communeCode)).toEqual(['2']);
    expect(filterRows(rows, 'all', 'dong tra').map((r) => r.communeCode)).toEqual(['1']);
  });

  it('reads an unknown filter as "all"', () => {
    expect(parseFilter('returned')).toBe('returned');
    expect(parseFilter('late')).toBe('late');
    expect(parseFilter('xyz')).toBe('all');
    expect(parseFilter(null)).toBe('all');
  });

  it('says on time, N days late, or overdue and not yet submitted: the shared words', () => {
    expect(timingLabel(rows[0])).toEqual({ text: 'Đúng hạn', tone: 'good' });
    expect(timingLabel(rows[2])).toEqual({ text: 'Muộn 4 ngày', tone: 'bad' });
    expect(timingLabel(rows[1])).toEqual({ text: 'Quá hạn 3 ngày, chưa nộp', tone: 'bad' });
    expect(timingLabel(rows[3])).toEqual({ text: 'Chưa đến hạn', tone: 'none' });
    expect(timingLabel({ timeliness: 'unjudged', daysLate: null })).toEqual({ text: 'Không xét hạn', tone: 'none' });
  });
});

describe('opening a round', () => {
  const els = [
    { code: 'a', name: 'A', unit: 'count', group: 'g', groupName: 'G', description: '', computed: false },
    { code: 'b', name: 'B', unit: 'count', group: 'g', groupName: 'G', description: '', computed: false },
    { code: 'reports_due', name: 'R', unit: 'count', group: 'bao_cao', groupName: 'Báo cáo', description: '', computed: true },
  ] as DataElement[];
  const draft: RoundDraft = { name: 'Quý I/2027', code: 'quy-i-2027', kind: 'quarter', startDate: '2027-01-01', endDate: '2027-03-31', deadline: '2027-04-10', elements: ['a', 'b'] };

  it('never offers an element the system computes', () => {
    expect(formElements(els).map((e) => e.code)).toEqual(['a', 'b']);
  });

  it('suggests a code like the existing rounds (m10-2026, q3-2026, 9m-2025, year-2025)', () => {
    const named = (name: string) => suggestCode({ name, kind: 'quarter', endDate: '' });
    expect(named('Tháng 11/2026')).toBe('m11-2026');
    expect(named('Tháng 11 năm 2026')).toBe('m11-2026');
    expect(named('Quý IV/2026')).toBe('q4-2026');
    expect(named('Quý I/2027')).toBe('q1-2027');
    expect(named('Quý 2 năm 2027')).toBe('q2-2027');
    expect(named('9 tháng 2026')).toBe('9m-2026');
    expect(named('  Báo cáo 9 tháng năm 2026 ')).toBe('9m-2026');
    expect(named('Năm 2026')).toBe('year-2026');
    // a name that does not say the round: from the kind and the end date
    expect(suggestCode({ name: 'Họp BCĐ cuối năm', kind: 'month', endDate: '2026-12-31' })).toBe('m12-2026');
    expect(suggestCode({ name: 'Họp BCĐ cuối năm', kind: 'quarter', endDate: '2026-12-31' })).toBe('q4-2026');
    expect(suggestCode({ name: 'Họp BCĐ cuối năm', kind: 'nine_months', endDate: '2026-09-30' })).toBe('9m-2026');
    expect(suggestCode({ name: 'Họp BCĐ cuối năm', kind: 'year', endDate: '2026-12-31' })).toBe('year-2026');
    // and neither: the name without its marks
    expect(suggestCode({ name: 'Họp BCĐ cuối năm', kind: 'year', endDate: '' })).toBe('hop-bcd-cuoi-nam');
  });

  it('reads the kind and the dates from a name that says the round', () => {
    expect(roundFromName('Tháng 2/2028')).toEqual({ kind: 'month', code: 'm2-2028', startDate: '2028-02-01', endDate: '2028-02-29' });
    expect(roundFromName('Quý III/2026')).toEqual({ kind: 'quarter', code: 'q3-2026', startDate: '2026-07-01', endDate: '2026-09-30' });
    expect(roundFromName('9 tháng đầu năm 2026')).toEqual({ kind: 'nine_months', code: '9m-2026', startDate: '2026-01-01', endDate: '2026-09-30' });
    expect(roundFromName('Năm 2025')).toEqual({ kind: 'year', code: 'year-2025', startDate: '2025-01-01', endDate: '2025-12-31' });
    expect(roundFromName('Tháng 13/2026')).toBeNull();
    expect(roundFromName('Họp BCĐ tháng 12')).toBeNull();
  });

  it('leaves the list out when every element is chosen (the server then asks for all of them)', () => {
    expect(roundBody(draft, ['a', 'b'])).toEqual({
      body: { code: 'quy-i-2027', name: 'Quý I/2027', kind: 'quarter', startDate: '2027-01-01', endDate: '2027-03-31', deadline: '2027-04-10' },
    });
    expect(roundBody({ ...draft, elements: ['b'] }, ['a', 'b'])).toMatchObject({ body: { elements: ['b'] } });
  });

  it('names the first problem in Vietnamese', () => {
    expect(roundBody({ ...draft, name: ' ' }, ['a'])).toMatchObject({ field: 'name' });
    expect(roundBody({ ...draft, code: 'Quý 1' }, ['a'])).toMatchObject({ field: 'code', message: expect.stringContaining('chữ thường') });
    expect(roundBody({ ...draft, endDate: '2026-12-31' }, ['a'])).toMatchObject({ field: 'endDate' });
    expect(roundBody({ ...draft, deadline: '2026-12-01' }, ['a'])).toMatchObject({ field: 'deadline' });
    // a date still being typed (components/DateInput hands over its text until it is a real day)
    expect(roundBody({ ...draft, startDate: '31/02/2027' }, ['a'])).toMatchObject({ field: 'startDate', message: expect.stringContaining('ngày/tháng/năm') });
    expect(roundBody({ ...draft, elements: [] }, ['a'])).toMatchObject({ field: 'elements', message: 'Chọn ít nhất một số liệu.' });
  });
});
