import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { districtDetail, districtLabel, districtNames, inDistrict, parseFormerDistricts } from '../src/domain/districts';

const DONG_SON = 'Huyện Bình Sơn (xã Bình Hiệp, xã Bình Thanh, xã Bình Tân Phú, xã Bình Châu); Thành phố Quảng Ngãi (xã Tịnh Hòa)';

describe('parseFormerDistricts', () => {
  it('reads a commune that took wards from two former districts (21109 Xã Đông Sơn)', () => {
    expect(parseFormerDistricts(DONG_SON)).toEqual([
      { name: 'Huyện Bình Sơn', part: 'xã Bình Hiệp, xã Bình Thanh, xã Bình Tân Phú, xã Bình Châu' },
      { name: 'Thành phố Quảng Ngãi', part: 'xã Tịnh Hòa' },
    ]);
  });

  it('reads a plain single name as the whole commune in one district', () => {
    expect(parseFormerDistricts('Huyện Ia H\'Drai')).toEqual([{ name: "Huyện Ia H'Drai", part: null }]);
  });

  it('forgives odd spacing around names, parentheses, commas and semicolons', () => {
    expect(parseFormerDistricts('  Huyện   Bình Sơn(  xã Bình Hiệp ,xã  Bình Châu ) ;Thành phố Quảng Ngãi ( xã Tịnh Hòa);  ')).toEqual([
      { name: 'Huyện Bình Sơn', part: 'xã Bình Hiệp, xã Bình Châu' },
      { name: 'Thành phố Quảng Ngãi', part: 'xã Tịnh Hòa' },
    ]);
  });

  it('does not split at a semicolon inside parentheses, keeps an unclosed part, ignores empty pieces', () => {
    expect(parseFormerDistricts('Huyện A (xã B; xã C); ; Huyện D (xã E')).toEqual([
      { name: 'Huyện A', part: 'xã B; xã C' },
      { name: 'Huyện D', part: 'xã E' },
    ]);
    expect(parseFormerDistricts('')).toEqual([]);
    expect(parseFormerDistricts(null)).toEqual([]);
  });

  it('lists a district named twice once (whole wins over a part)', () => {
    expect(parseFormerDistricts('Huyện A (xã B); Huyện A (xã C)')).toEqual([{ name: 'Huyện A', part: 'xã B, xã C' }]);
    expect(parseFormerDistricts('Huyện A; Huyện A (xã C)')).toEqual([{ name: 'Huyện A', part: null }]);
  });

  it('NFC-normalises, so a name typed with combining marks is the same district', () => {
    const nfd = 'Huyện Bình Sơn'.normalize('NFD');
    expect(parseFormerDistricts(nfd)[0].name).toBe('Huyện Bình Sơn');
  });

  it('every district of the real catalogue has a clean name: no ";", "(" or ")" and no edge spaces', () => {
    const csv = readFileSync(new URL('../../seed/communes.csv', import.meta.url), 'utf8');
    const [head, ...rows] = csv.trim().split('\n');
    const col = head.split(',').indexOf('former_district');
    // former_district has no comma-free guarantee: take the field by a small CSV reader
    const field = (line: string) => {
      const out: string[] = [];
      let cur = '';
      let q = false;
      for (const ch of line) {
        if (ch === '"') q = !q;
        else if (ch === ',' && !q) (out.push(cur), (cur = ''));
        else cur += ch;
      }
      out.push(cur);
      return out[col];
    };
    // what the ranking page's "Huyện cũ" filter lists
    const names = districtNames(rows.map((r) => ({ formerDistricts: parseFormerDistricts(field(r)) })));
    for (const n of names) expect(n).toMatch(/^[^;()]+$/);
    expect(names).toHaveLength(23);
    // Vietnamese order: Đ is a letter of its own, between D and E (so before I); "Thành phố" and
    // "Thị xã" come after every "Huyện"
    expect(names.slice(0, 4)).toEqual(['Huyện Ba Tơ', 'Huyện Bình Sơn', 'Huyện Đăk Glei', 'Huyện Đăk Hà']);
    expect(names.indexOf('Huyện Đăk Tô')).toBeLessThan(names.indexOf("Huyện Ia H'Drai"));
    expect(names.slice(-3)).toEqual(['Thành phố Kon Tum', 'Thành phố Quảng Ngãi', 'Thị xã Đức Phổ']);
  });

  it('property: the names of any list written the catalogue way come back as written', () => {
    // Vietnamese letters spelled out: a range like À-ỹ also holds combining marks, which NFC folds
    // into the neighbouring letter and makes two generated names collide
    const L = 'A-Za-zÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ';
    const word = fc.stringMatching(new RegExp(`^[${L}][${L}' ]{0,12}[${L}]$`));
    const district = fc.record({ name: word, part: fc.option(fc.array(word, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(', ')), { nil: null }) });
    fc.assert(
      fc.property(fc.uniqueArray(district, { selector: (d) => d.name.normalize('NFC').replace(/\s+/g, ' '), minLength: 1, maxLength: 4 }), (list) => {
        const raw = list.map((d) => (d.part ? `${d.name} (${d.part})` : d.name)).join('; ');
        const parsed = parseFormerDistricts(raw);
        expect(parsed.map((d) => d.name)).toEqual(list.map((d) => d.name.normalize('NFC').replace(/\s+/g, ' ')));
        for (const d of parsed) expect(inDistrict(parsed, d.name)).toBe(true);
      }),
    );
  });
});

describe('districtLabel and districtDetail', () => {
  const list = parseFormerDistricts(DONG_SON);

  it('label: the names only, in the catalogue order', () => {
    expect(districtLabel(list)).toBe('Huyện Bình Sơn, Thành phố Quảng Ngãi');
    expect(districtLabel(parseFormerDistricts('Huyện Lý Sơn'))).toBe('Huyện Lý Sơn');
    expect(districtLabel([])).toBe('');
  });

  it('detail: each district with the wards it gave, joined with "và"', () => {
    expect(districtDetail(list)).toBe(
      'Huyện Bình Sơn (xã Bình Hiệp, xã Bình Thanh, xã Bình Tân Phú, xã Bình Châu) và Thành phố Quảng Ngãi (xã Tịnh Hòa)',
    );
    expect(districtDetail(parseFormerDistricts('Huyện Lý Sơn'))).toBe('Huyện Lý Sơn');
    expect(districtDetail(parseFormerDistricts('A (x); B (y); C'))).toBe('A (x), B (y) và C');
  });

  it('inDistrict matches any of the names, not a substring of the label', () => {
    expect(inDistrict(list, 'Thành phố Quảng Ngãi')).toBe(true);
    expect(inDistrict(list, 'Huyện Bình Sơn')).toBe(true);
    expect(inDistrict(list, 'Quảng Ngãi')).toBe(false);
  });
});
