import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contactEmails, formatPhone, normalizeEmail, normalizePhone, phoneHref, readContact } from '../src/index';

describe('normalizePhone', () => {
  it('reads the ways people write a Vietnamese number', () => {
    expect(normalizePhone('0905 123 456')).toBe('0905123456');
    expect(normalizePhone('0905.123.456')).toBe('0905123456');
    expect(normalizePhone('+84 905 123 456')).toBe('0905123456');
    expect(normalizePhone('84905123456')).toBe('0905123456');
    expect(normalizePhone('(0255) 3822 123')).toBe('02553822123');
    expect(normalizePhone('0255-3822-123')).toBe('02553822123');
    expect(normalizePhone('024 3822 1234')).toBe('02438221234');
  });
  it('puts back the leading 0 that Excel drops from a number cell', () => {
    expect(normalizePhone('905123456')).toBe('0905123456');
    expect(normalizePhone('2553822123')).toBe('02553822123');
  });
  it('refuses what is not a Vietnamese number', () => {
    for (const bad of ['', '12345', '0105123456', '090512345', '09051234567', '0255382212', 'không có', '0905 123 45x', '+1 202 555 0100']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
  it('prints as on a letterhead and dials from anywhere', () => {
    expect(formatPhone('0905123456')).toBe('0905 123 456');
    expect(formatPhone('02553822123')).toBe('0255 3822 123');
    expect(formatPhone('02438221234')).toBe('024 3822 1234');
    expect(phoneHref('0905123456')).toBe('tel:+84905123456');
  });
  it('what it keeps reads back as itself, and its printed form too', () => {
    const phone = fc.oneof(
      fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/)).map(([a, b]) => `0${a}${b}`),
      fc.stringMatching(/^\d{9}$/).map((b) => `02${b}`),
    );
    fc.assert(
      fc.property(phone, (p) => {
        expect(normalizePhone(p)).toBe(p);
        expect(normalizePhone(formatPhone(p))).toBe(p);
      }),
    );
  });
});

describe('normalizeEmail', () => {
  it('keeps the address, the domain in lower case', () => {
    expect(normalizeEmail(' VanThu.TinhKhe@QuangNgai.GOV.VN ')).toBe('VanThu.TinhKhe@quangngai.gov.vn');
    expect(normalizeEmail('ubnd.tinhkhe@quangngai.example')).toBe('ubnd.tinhkhe@quangngai.example');
  });
  it('refuses what a mail server would not take, or would read as two addresses', () => {
    for (const bad of ['ubnd', 'ubnd@', '@quangngai.gov.vn', 'ubnd@quangngai', 'a b@x.vn', 'a@x.vn, b@x.vn', 'a..b@x.vn', 'ubnd@-x.vn', 'xã@x.vn']) {
      expect(normalizeEmail(bad), bad).toBeNull();
    }
  });
});

describe('readContact', () => {
  it('empty text is "none"; everything is normalised', () => {
    const { contact, problems } = readContact({ ubndEmail: ' ubnd@x.gov.vn ', ubndPhone: '0255 3822 123', officerName: '  Nguyễn  Văn An ', officerEmail: '', officerPhone: null });
    expect(problems).toEqual([]);
    expect(contact).toEqual({ ubndEmail: 'ubnd@x.gov.vn', ubndPhone: '02553822123', officerName: 'Nguyễn Văn An', officerEmail: null, officerPhone: null });
  });
  it('names every bad field at once, in Vietnamese, with what was written', () => {
    const { problems } = readContact({ ubndEmail: 'ubnd.x', officerPhone: '12345', officerName: 'x'.repeat(101) });
    expect(problems.map((p) => p.field)).toEqual(['ubndEmail', 'officerName', 'officerPhone']);
    expect(problems[0].message).toBe('E-mail UBND "ubnd.x" không phải địa chỉ e-mail (dạng ten@donvi.gov.vn)');
    expect(problems[2].message).toContain('Điện thoại cán bộ "12345" không phải số điện thoại Việt Nam');
  });
  it('a reminder goes to each address once', () => {
    expect(contactEmails({ ubndEmail: 'a@x.vn', officerEmail: 'A@x.vn' })).toEqual(['a@x.vn']);
    expect(contactEmails({ ubndEmail: null, officerEmail: 'b@x.vn' })).toEqual(['b@x.vn']);
    expect(contactEmails(null)).toEqual([]);
  });
});

describe('contactColumnOf', () => {
  it('reads the file\'s own headers and the usual ways of writing them', async () => {
    const { CONTACT_FILE_HEADERS, contactColumnOf, headerKey } = await import('../src/index');
    expect(CONTACT_FILE_HEADERS.map((h) => contactColumnOf(headerKey(h)))).toEqual(['communeCode', 'communeName', 'ubndEmail', 'ubndPhone', 'officerName', 'officerEmail', 'officerPhone']);
    expect(contactColumnOf(headerKey('Email UBND xã'))).toBe('ubndEmail');
    expect(contactColumnOf(headerKey('SĐT cán bộ'))).toBe('officerPhone');
    expect(contactColumnOf(headerKey('Họ tên cán bộ phụ trách CĐS'))).toBe('officerName');
    expect(contactColumnOf(headerKey('Ghi chú'))).toBeNull();
  });
});
