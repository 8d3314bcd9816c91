import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyHeader, createCommuneMatcher, foldVietnamese, headerKey } from '../src/index';

// the 96 real communes: their near-twins are what makes the matcher's job hard
const communes = readFileSync(new URL('../../seed/communes.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => {
    const [code, name] = l.split(',');
    return { code, name };
  });
const m = createCommuneMatcher(communes);
const codeOf = (name: string) => communes.find((c) => c.name === name)!.code;

describe('createCommuneMatcher', () => {
  it('matches "TINH KHE" and the other ways people write Xã Tịnh Khê', () => {
    for (const typed of ['TINH KHE', 'tinh khe', 'Tịnh Khê', 'Xã Tịnh Khê', 'xã  tịnh   khê', 'XA TINH KHE', 'UBND xã Tịnh Khê', 'Xa Tinh Khe', ' Tịnh khê ']) {
      expect(m.matchName(typed), typed).toEqual({ status: 'ok', code: '21211', name: 'Xã Tịnh Khê' });
    }
  });

  it('matches by code, also when Excel made the code a number or the name column holds a code', () => {
    expect(m.match('21211', null)).toMatchObject({ status: 'ok', name: 'Xã Tịnh Khê' });
    expect(m.match(null, '21211')).toMatchObject({ status: 'ok', name: 'Xã Tịnh Khê' });
    expect(m.match('99999', 'Xã Tịnh Khê')).toMatchObject({ status: 'unknown' });
  });

  it('calls a name without diacritics that fits two communes ambiguous, naming both, never guessing', () => {
    const r = m.matchName('SON HA');
    expect(r.status).toBe('ambiguous');
    if (r.status !== 'ambiguous') return;
    expect(r.candidates.sort()).toEqual(['Xã Sơn Hà', 'Xã Sơn Hạ'].sort());
    expect(r.message).toContain('khớp với nhiều đơn vị');
    expect(m.matchName('ba to').status).toBe('ambiguous');
  });

  it('settles a near-twin with the diacritics the writer gave, even partly', () => {
    expect(m.matchName('Sơn Hà')).toMatchObject({ status: 'ok', code: codeOf('Xã Sơn Hà') });
    expect(m.matchName('Sơn Hạ')).toMatchObject({ status: 'ok', code: codeOf('Xã Sơn Hạ') });
    expect(m.matchName('son hà')).toMatchObject({ status: 'ok', code: codeOf('Xã Sơn Hà') });
    expect(m.matchName('Ba Tơ')).toMatchObject({ status: 'ok', code: codeOf('Xã Ba Tơ') });
    // a mark that contradicts the name is not that name
    expect(m.matchName('Tình Khê').status).toBe('unknown');
  });

  it('answers unknown for a name that is not a commune, with a Vietnamese message', () => {
    const r = m.matchName('Xã Không Có Thật');
    expect(r).toMatchObject({ status: 'unknown' });
    expect(r.status === 'unknown' && r.message).toContain('Không tìm thấy');
    expect(m.match('', '').status).toBe('unknown');
  });

  it('finds every one of the 96 by its official name, by its name without diacritics when that is unique, and by code', () => {
    for (const c of communes) {
      expect(m.matchName(c.name)).toMatchObject({ status: 'ok', code: c.code });
      expect(m.matchCode(c.code)).toMatchObject({ status: 'ok', code: c.code });
      const bare = m.matchName(foldVietnamese(c.name).toUpperCase());
      if (bare.status === 'ambiguous') expect(bare.candidates).toContain(c.name);
      else expect(bare).toMatchObject({ status: 'ok', code: c.code });
    }
  });

  it('never matches a name to a commune whose folded name differs (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...communes), fc.string({ maxLength: 6 }), (c, noise) => {
        const r = m.matchName(c.name + noise);
        if (r.status === 'ok') expect(foldVietnamese(r.name).replace(/[^a-z0-9]+/g, '')).toBe(foldVietnamese(c.name + noise).replace(/[^a-z0-9]+/g, ''));
      }),
    );
  });
});

describe('classifyHeader', () => {
  const elements = [
    { code: 'dossiers_received', name: 'Số hồ sơ TTHC tiếp nhận' },
    { code: 'dossiers_online', name: 'Số hồ sơ tiếp nhận trực tuyến' },
  ];

  it('reads codes, Vietnamese names with or without diacritics and units, and the commune columns', () => {
    expect(classifyHeader('dossiers_received', elements)).toEqual({ kind: 'element', element: 'dossiers_received' });
    expect(classifyHeader('Số hồ sơ TTHC tiếp nhận (hồ sơ)', elements)).toEqual({ kind: 'element', element: 'dossiers_received' });
    expect(classifyHeader('SO HO SO TIEP NHAN TRUC TUYEN', elements)).toEqual({ kind: 'element', element: 'dossiers_online' });
    expect(classifyHeader('Mã xã', elements)).toEqual({ kind: 'communeCode' });
    expect(classifyHeader('ma_xa', elements)).toEqual({ kind: 'communeCode' });
    expect(classifyHeader('Tên xã, phường, đặc khu', elements)).toEqual({ kind: 'communeName' });
    expect(classifyHeader('STT', elements)).toEqual({ kind: 'ignore' });
    expect(classifyHeader('Số lượt truy cập', elements)).toEqual({ kind: 'unknown' });
  });

  it('lets a saved mapping speak first, "" meaning ignore', () => {
    const mapping = { 'Tổng số hồ sơ': 'dossiers_received', 'Số lượt truy cập': '', 'Đơn vị báo cáo': '@commune_name' };
    expect(classifyHeader('TONG SO HO SO', elements, mapping)).toEqual({ kind: 'element', element: 'dossiers_received' });
    expect(classifyHeader('Số lượt truy cập', elements, mapping)).toEqual({ kind: 'ignore' });
    expect(classifyHeader('Đơn vị báo cáo', elements, mapping)).toEqual({ kind: 'communeName' });
  });

  it('headerKey drops units and punctuation', () => {
    expect(headerKey('Tỷ lệ hồ sơ được số hóa (%)')).toBe('ty le ho so duoc so hoa');
  });
});
