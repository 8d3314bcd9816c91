import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareVi, compareViFallback, foldVietnamese, matchesSearch } from '../src/index';
import { communeNames } from './fixtures';

describe('foldVietnamese', () => {
  it('drops case and diacritics, đ → d, collapses spaces', () => {
    expect(foldVietnamese('Xã Tịnh Khê')).toBe('xa tinh khe');
    expect(foldVietnamese('  Đặc khu   Lý Sơn ')).toBe('dac khu ly son');
    expect(foldVietnamese('Xã Đăk Rơ Wa')).toBe('xa dak ro wa');
    expect(foldVietnamese('Phường Trương Quang Trọng')).toBe('phuong truong quang trong');
    expect(foldVietnamese('Xã Ngọk Tụ')).toBe('xa ngok tu');
    expect(foldVietnamese('ỮỪỰĐđ')).toBe('uuudd');
  });

  it('NFC and NFD input fold the same', () => {
    const name = 'Xã Dục Nông';
    expect(foldVietnamese(name.normalize('NFD'))).toBe(foldVietnamese(name.normalize('NFC')));
  });

  it('is idempotent and leaves no combining mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const f = foldVietnamese(s);
        expect(foldVietnamese(f)).toBe(f);
        expect(/\p{M}/u.test(f.normalize('NFD'))).toBe(false);
      }),
    );
  });
});

describe('matchesSearch', () => {
  it('finds names typed without diacritics', () => {
    expect(matchesSearch('Xã Tịnh Khê', 'tinh khe')).toBe(true);
    expect(matchesSearch('Xã Tịnh Khê', 'TỊNH KHÊ')).toBe(true);
    expect(matchesSearch('Xã Tịnh Khê', 'khe tinh')).toBe(true);
    expect(matchesSearch('Xã Tịnh Khê', 'tinh kh')).toBe(true);
    expect(matchesSearch('Xã Đăk Tô', 'dak to')).toBe(true);
    expect(matchesSearch('Xã Tịnh Khê', 'tinh an')).toBe(false);
  });

  it('ignores the unit type typed in front', () => {
    expect(matchesSearch('Xã Tịnh Khê', 'xã tịnh khê')).toBe(true);
    expect(matchesSearch('Xã Tịnh Khê', 'xa tinh khe')).toBe(true);
    expect(matchesSearch('Phường Cẩm Thành', 'phường cẩm thành')).toBe(true);
    expect(matchesSearch('Phường Cẩm Thành', 'cam thanh')).toBe(true);
    expect(matchesSearch('Đặc khu Lý Sơn', 'đặc khu lý sơn')).toBe(true);
    expect(matchesSearch('Đặc khu Lý Sơn', 'ly son')).toBe(true);
  });

  it('an empty query matches everything', () => {
    expect(matchesSearch('Xã Xốp', '')).toBe(true);
    expect(matchesSearch('Xã Xốp', '   ')).toBe(true);
  });

  it('"son tay" narrows the real list to the Sơn Tây communes', () => {
    const found = communeNames.filter((n) => matchesSearch(n, 'son tay'));
    expect(found.sort(compareVi)).toEqual(['Xã Sơn Tây', 'Xã Sơn Tây Hạ', 'Xã Sơn Tây Thượng']);
  });

  it('every commune is found by its own name folded, with and without the prefix', () => {
    for (const name of communeNames) {
      expect(matchesSearch(name, foldVietnamese(name))).toBe(true);
      expect(matchesSearch(name, name.replace(/^(Xã|Phường|Đặc khu) /, ''))).toBe(true);
    }
  });
});

describe('compareVi', () => {
  it('puts Đ after D, whatever follows', () => {
    expect(compareVi('Đăk Tô', 'Dục Nông')).toBeGreaterThan(0);
    expect(compareVi('Đa', 'Dz')).toBeGreaterThan(0);
    expect(['Xã Đăk Hà', 'Xã Dục Nông', 'Xã Ea'].sort(compareVi)).toEqual(['Xã Dục Nông', 'Xã Đăk Hà', 'Xã Ea']);
  });

  it('treats ă â ê ô ơ ư as letters and tones as secondary', () => {
    expect(['Ba Tơ', 'Ba Tô', 'Ba To', 'Ba Tu', 'Ba Tư'].sort(compareVi)).toEqual(['Ba To', 'Ba Tô', 'Ba Tơ', 'Ba Tu', 'Ba Tư']);
    expect(['Dũng', 'Dung', 'Dục'].sort(compareVi)).toEqual(['Dục', 'Dung', 'Dũng']);
    expect(['ma', 'mạ', 'má', 'mã', 'mả', 'mà'].sort(compareVi)).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('the fallback comparator orders the 96 real names exactly as a Vietnamese collator', () => {
    expect(communeNames).toHaveLength(96);
    const viaCompareVi = [...communeNames].sort(compareVi);
    const viaFallback = [...communeNames].sort(compareViFallback);
    expect(viaFallback).toEqual(viaCompareVi);
  });

  it('the fallback passes the same Đ/Ơ/Ư checks', () => {
    expect(compareViFallback('Đăk', 'Dục')).toBeGreaterThan(0);
    expect(compareViFallback('Ơ', 'Ô')).toBeGreaterThan(0);
    expect(compareViFallback('Ư', 'U')).toBeGreaterThan(0);
    expect(compareViFallback('Ăn', 'Az')).toBeGreaterThan(0);
    expect(compareViFallback('a', 'A')).toBeLessThan(0);
    expect(compareViFallback('Xã Sơn Tây', 'Xã Sơn Tây Hạ')).toBeLessThan(0);
  });

  it('the fallback is a consistent order (antisymmetric, zero only for equal strings)', () => {
    const viChars = fc.constantFrom(...'aăâbdđeêioôơuưyAĂĐƠ àáảãạằắẳẵặầấẩẫậ'.split(''));
    const viString = fc.array(viChars, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(viString, viString, (a, b) => {
        expect(Math.sign(compareViFallback(a, b))).toBe(-Math.sign(compareViFallback(b, a)) || 0);
        expect(compareViFallback(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
