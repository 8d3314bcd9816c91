// The contacts' and reminders' pure rules on the web side: the list's filter, the form read with
// the shared rules (the page refuses what the API refuses, in the same words), a commune's lines
// on /tien-do with their tel: and mailto: links, and what a confirmation and the log say.
import { describe, expect, it } from 'vitest';
import type { CommuneContactOut } from '@nq57/shared/schemas';
import { contactBody, contactForm, filterContacts, withEmail } from '../src/workflow/contacts/model';
import { contactLines, namesOf, reminderNote, withoutEmail } from '../src/workflow/reminders/model';

const contact = (over: Partial<CommuneContactOut> = {}): CommuneContactOut => ({
  commune: '21211',
  communeName: 'Xã Tịnh Khê',
  ubndEmail: 'ubnd.tinhkhe@quangngai.example',
  ubndPhone: '02553822123',
  officerName: 'Nguyễn Thị Hoa',
  officerEmail: null,
  officerPhone: '0905123456',
  updatedBy: 'admin',
  updatedAt: '2026-12-01T02:00:00.000Z',
  ...over,
});

describe('the contacts page', () => {
  it('filters by name without diacritics, in Vietnamese order, and counts who has an e-mail', () => {
    const rows = [contact(), contact({ commune: '23356', communeName: 'Xã Xốp', ubndEmail: null }), contact({ commune: '21034', communeName: 'Xã An Phú' })];
    expect(filterContacts(rows, '').map((r) => r.commune)).toEqual(['21034', '21211', '23356']);
    expect(filterContacts(rows, 'tinh khe').map((r) => r.commune)).toEqual(['21211']);
    expect(filterContacts(rows, '23356').map((r) => r.commune)).toEqual(['23356']);
    expect(withEmail(rows)).toBe(2);
  });
  it('shows the phones as on a letterhead, and reads the form back as the API would', () => {
    const form = contactForm(contact());
    expect(form).toMatchObject({ ubndPhone: '0255 3822 123', officerPhone: '0905 123 456', officerEmail: '' });
    expect(contactBody(form)).toEqual({
      body: { ubndEmail: 'ubnd.tinhkhe@quangngai.example', ubndPhone: '02553822123', officerName: 'Nguyễn Thị Hoa', officerEmail: null, officerPhone: '0905123456' },
      problems: [],
    });
    const bad = contactBody({ ...form, officerEmail: 'hoa@', ubndPhone: '123' });
    expect(bad.problems.map((p) => p.field)).toEqual(['ubndPhone', 'officerEmail']);
    expect(bad.problems[1].message).toBe('E-mail cán bộ "hoa@" không phải địa chỉ e-mail (dạng ten@donvi.gov.vn)');
  });
});

describe('/tien-do: contacts and reminders', () => {
  it('a line for the UBND and one for the officer, with tel: and mailto: links', () => {
    expect(contactLines(contact())).toEqual([
      { who: 'UBND', phone: { text: '0255 3822 123', href: 'tel:+842553822123' }, email: { text: 'ubnd.tinhkhe@quangngai.example', href: 'mailto:ubnd.tinhkhe@quangngai.example' } },
      { who: 'Nguyễn Thị Hoa', phone: { text: '0905 123 456', href: 'tel:+84905123456' }, email: null },
    ]);
    expect(contactLines(contact({ officerName: null, officerPhone: null, ubndPhone: null }))).toEqual([
      { who: 'UBND', phone: null, email: { text: 'ubnd.tinhkhe@quangngai.example', href: 'mailto:ubnd.tinhkhe@quangngai.example' } },
    ]);
    expect(contactLines(undefined)).toEqual([]);
  });
  it('a confirmation names a few communes and counts the rest, and says who cannot be reached', () => {
    const r = (n: number, emails: string[] = ['a@b.example']) => ({ communeName: `Xã ${n}`, emails });
    expect(namesOf([r(1), r(2)])).toBe('Xã 1, Xã 2');
    expect(namesOf(Array.from({ length: 36 }, (_, i) => r(i + 1)))).toBe('Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 và 31 xã khác');
    expect(withoutEmail([r(1), r(2, [])])).toBe(1);
  });
  it('the log says why a message was not sent, and that one will be tried again', () => {
    expect(reminderNote({ status: 'sent', error: null, attempts: [{ at: '', result: 'sent', error: null }] })).toBe('');
    expect(reminderNote({ status: 'pending', error: 'Máy chủ thư không nhận: 451', attempts: [{ at: '', result: 'failed', error: 'x' }] })).toBe('Máy chủ thư không nhận: 451 · sẽ thử lại');
    expect(reminderNote({ status: 'cancelled', error: 'Xã đã báo cáo', attempts: [{ at: '', result: 'cancelled', error: 'Xã đã báo cáo' }] })).toBe('Xã đã báo cáo');
    expect(
      reminderNote({ status: 'sent', error: null, attempts: [{ at: '', result: 'failed', error: 'x' }, { at: '', result: 'sent', error: null }] }),
    ).toBe('2 lần thử');
  });
});
