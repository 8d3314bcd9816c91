import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CsvLimitExceeded, csvDelimiter, csvField, csvNumber, csvText, defuseFormula, parseCsv, parseViNumber } from '../src/index';

describe('csvNumber', () => {
  it('gives three decimals a fourth zero, so a Vietnamese reader does not see thousands', () => {
    expect(csvNumber(86.625)).toBe('86.6250');
    expect(csvNumber(-1.5)).toBe('-1.5');
    expect(csvNumber(3781)).toBe('3781');
    expect(csvNumber(1234.567)).toBe('1234.567'); // four digits before the point: not a thousands group
    expect(parseViNumber(csvNumber(86.625))?.value).toBe(86.625);
  });
});

describe('csvField and csvText', () => {
  it('quotes a field with a quote, a comma, a semicolon or a line break, doubling the quotes', () => {
    expect(csvField('Xã Đông Sơn, Bình Sơn')).toBe('"Xã Đông Sơn, Bình Sơn"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('12" TV')).toBe('"12"" TV"');
    expect(csvField('hai\r\ndòng')).toBe('"hai\r\ndòng"');
    expect(csvField('Tịnh Khê')).toBe('Tịnh Khê');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('writes a BOM first and CRLF after every line', () => {
    expect(csvText([['ma', 'ten'], ['21211', 'Xã Tịnh Khê']])).toBe('\uFEFFma,ten\r\n21211,Xã Tịnh Khê\r\n');
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,"b, c","say ""hi""","x\ny"\r\n1,2,3,4\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('a quote inside an unquoted field is a letter, as Excel reads it', () => {
    expect(parseCsv('12" TV,b\n', ',')).toEqual([['12" TV', 'b']]);
  });

  it('drops a BOM, keeps empty lines as rows (line numbers stay the file\'s) and ends at the last line break', () => {
    expect(parseCsv('\uFEFFma,ten\n\n21211,Tịnh Khê\n', ',')).toEqual([['ma', 'ten'], [''], ['21211', 'Tịnh Khê']]);
  });

  it('finds the separator of the first line: comma, semicolon (Vietnamese Excel) or tab', () => {
    expect(csvDelimiter('ma;ten;"a,b"\n1;2;3')).toBe(';');
    expect(csvDelimiter('ma\tten\n')).toBe('\t');
    expect(csvDelimiter('\nma,ten;x,y')).toBe(',');
    expect(parseCsv('ma;giá trị\n21211;86,6\n')).toEqual([['ma', 'giá trị'], ['21211', '86,6']]);
  });

  it('reads back every table it writes, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Đ', ',', ';', '"', '\n', '\r', ' ', '1', '=', '-') });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // a text that would start a formula comes back with its apostrophe, and only then
        expect(parseCsv(csvText(rows), ',')).toEqual(rows.map((r) => r.map(defuseFormula)));
      }),
    );
  });
});

describe('formulas never leave as formulas (issue 16)', () => {
  it('text beginning = + - @ tab or CR gets an apostrophe; numbers stay numbers', async () => {
    const { csvField, csvText, parseCsv } = await import('../src/index');
    expect(csvField('=HYPERLINK("http://x","Bấm")')).toBe(`"'=HYPERLINK(""http://x"",""Bấm"")"`);
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('Xã Tịnh Khê')).toBe('Xã Tịnh Khê');
    // and it reads back as the text a person sees
    expect(parseCsv(csvText([['=1+1', 2]]))).toEqual([["'=1+1", '2']]);
  });
});

describe('parseCsv with limits', () => {
  const refusal = (text: string, limits: Parameters<typeof parseCsv>[2]) => {
    try {
      parseCsv(text, ',', limits);
    } catch (e) {
      return e instanceof CsvLimitExceeded ? { limit: e.limit, max: e.max } : e;
    }
    return null;
  };

  it('reads a file exactly at the limits', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n', ',', { maxRows: 2, maxColumns: 3, maxCells: 6 })).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('stops at the first row, field or filled field past them', () => {
    expect(refusal('a\nb\nc\n', { maxRows: 2 })).toEqual({ limit: 'rows', max: 2 });
    expect(refusal('a,b,c,d', { maxColumns: 3 })).toEqual({ limit: 'columns', max: 3 });
    // empty fields are not cells: a sloppy export's trailing commas cost nothing
    expect(refusal('a,,,\n,,,b\nc', { maxCells: 2 })).toEqual({ limit: 'cells', max: 2 });
    expect(parseCsv('a,,,\n,,,b', ',', { maxCells: 2 })).toHaveLength(2);
  });

  it('a million columns on one line: refused at the limit', () => {
    expect(refusal('x,'.repeat(1_000_000), { maxColumns: 300 })).toEqual({ limit: 'columns', max: 300 });
  });
});
