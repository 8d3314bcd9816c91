// Whom to write to and call in each commune (issue 14): the UBND's official e-mail and phone, and
// the officer in charge of digital transformation (name, e-mail, phone). One set of rules for the
// admin page, the spreadsheet import and the API, so a number the page accepts is never refused by
// the import, and the reminders go to addresses that passed the same check.

export interface CommuneContact {
  ubndEmail: string | null;
  ubndPhone: string | null;
  officerName: string | null;
  officerEmail: string | null;
  officerPhone: string | null;
}

export type ContactField = keyof CommuneContact;

export const CONTACT_FIELDS: ContactField[] = ['ubndEmail', 'ubndPhone', 'officerName', 'officerEmail', 'officerPhone'];

/** The words of each field: the admin page, the import's headers and its messages say the same. */
export const CONTACT_LABELS: Record<ContactField, string> = {
  ubndEmail: 'E-mail UBND',
  ubndPhone: 'Điện thoại UBND',
  officerName: 'Cán bộ phụ trách',
  officerEmail: 'E-mail cán bộ',
  officerPhone: 'Điện thoại cán bộ',
};

/** Every field empty: a commune nobody has entered contacts for yet. */
export const noContact = (): CommuneContact => ({ ubndEmail: null, ubndPhone: null, officerName: null, officerEmail: null, officerPhone: null });

// An address a mail server will take: one @, a dotted domain, no spaces or commas (a comma would
// turn one address into two in a To: header). Deliberately not the full RFC 5322 grammar: quoted
// local parts and IP literals are legal there and never seen on an UBND's letterhead.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The address in the form it is kept: trimmed, the domain in lower case (it is case-blind). */
export function normalizeEmail(text: string): string | null {
  const s = text.trim();
  if (s.length > 254 || !EMAIL.test(s) || s.includes('..')) return null;
  const at = s.lastIndexOf('@');
  return s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}

/**
 * A Vietnamese phone number as it is kept: ten or eleven digits from the leading 0
 * ("0905123456", "02553822123"), or null when it is not one. People write them "0905 123 456",
 * "0255.3822.123", "(0255) 3822 123", "+84 905 123 456" or "84905123456"; Excel drops the
 * leading 0 of a number typed in a cell (905123456), so nine or ten digits without it are read
 * as if it were there. Since 2017-2018 a mobile is 0 + 3/5/7/8/9 + eight digits, and a fixed line
 * 0 + 2 + the rest of its area code and the subscriber number, eleven digits in all.
 */
export function normalizePhone(text: string): string | null {
  let s = text.trim().replace(/[\s.()-]/g, '');
  if (s.startsWith('+84')) s = '0' + s.slice(3);
  else if (/^84\d{9,10}$/.test(s)) s = '0' + s.slice(2);
  else if (/^[235789]\d{8,9}$/.test(s)) s = '0' + s;
  return /^0(?:[35789]\d{8}|2\d{9})$/.test(s) ? s : null;
}

/** "0905 123 456", "0255 3822 123", "024 3822 1234": as printed on a letterhead. */
export function formatPhone(phone: string): string {
  if (phone.length === 10) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  // Hà Nội (024) and TP HCM (028) have two-digit area codes and eight-digit numbers
  if (/^02[48]/.test(phone)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
}

/** The tel: link that dials from any phone, in Vietnam or abroad: "tel:+84905123456". */
export const phoneHref = (phone: string) => `tel:+84${phone.slice(1)}`;

export interface ContactProblem {
  field: ContactField;
  message: string;
}

const NAME_MAX = 100;

/**
 * Reads what a person typed (or a spreadsheet held) into a contact: empty text is "none", e-mails
 * and phones are normalised, and each value that is not one says so in Vietnamese, naming the
 * field and repeating what was written. All the problems at once, so one pass fixes a row.
 */
export function readContact(input: Partial<Record<ContactField, string | null | undefined>>): { contact: CommuneContact; problems: ContactProblem[] } {
  const contact = noContact();
  const problems: ContactProblem[] = [];
  for (const field of CONTACT_FIELDS) {
    const raw = (input[field] ?? '').normalize('NFC').trim();
    if (!raw) continue;
    const label = CONTACT_LABELS[field];
    if (field === 'officerName') {
      if (raw.length > NAME_MAX) problems.push({ field, message: `${label} dài quá ${NAME_MAX} ký tự` });
      else contact.officerName = raw.replace(/\s+/g, ' ');
    } else if (field === 'ubndEmail' || field === 'officerEmail') {
      const email = normalizeEmail(raw);
      if (email) contact[field] = email;
      else problems.push({ field, message: `${label} "${raw}" không phải địa chỉ e-mail (dạng ten@donvi.gov.vn)` });
    } else {
      const phone = normalizePhone(raw);
      if (phone) contact[field] = phone;
      else
        problems.push({
          field,
          message: `${label} "${raw}" không phải số điện thoại Việt Nam (di động 10 số như 0905 123 456, cố định 11 số như 0255 3822 123)`,
        });
    }
  }
  return { contact, problems };
}

/** The addresses a reminder goes to: the UBND's and the officer's, each once. */
export function contactEmails(c: Pick<CommuneContact, 'ubndEmail' | 'officerEmail'> | null): string[] {
  if (!c) return [];
  const out: string[] = [];
  for (const e of [c.ubndEmail, c.officerEmail]) if (e && !out.some((x) => x.toLowerCase() === e.toLowerCase())) out.push(e);
  return out;
}

// ── The spreadsheet ───────────────────────────────────────────────────────────────────────

/** The columns of the contacts file, in order: what the export writes and the import reads first. */
export const CONTACT_FILE_HEADERS = ['Mã xã', 'Tên xã', ...CONTACT_FIELDS.map((f) => CONTACT_LABELS[f])];

export type ContactColumn = ContactField | 'communeCode' | 'communeName';

// Headers as people write them, compared by headerKey (folded, punctuation to spaces): "E-mail
// UBND", "Email UBND xã", "SĐT cán bộ", "Họ tên cán bộ phụ trách CĐS". A header is read when its
// key is one of these, or starts with one followed by a word ("email ubnd xa").
const HEADER_ALIASES: [ContactColumn, string[]][] = [
  ['communeCode', ['ma xa', 'ma', 'ma don vi', 'ma dvhc', 'ma xa phuong']],
  ['communeName', ['ten xa', 'xa', 'ten don vi', 'don vi', 'xa phuong', 'xa phuong dac khu', 'ten']],
  ['ubndEmail', ['e mail ubnd', 'email ubnd', 'thu dien tu ubnd', 'e mail uy ban', 'email uy ban']],
  ['ubndPhone', ['dien thoai ubnd', 'sdt ubnd', 'so dien thoai ubnd', 'dt ubnd']],
  ['officerEmail', ['e mail can bo', 'email can bo', 'thu dien tu can bo', 'e mail can bo phu trach', 'email can bo phu trach']],
  ['officerPhone', ['dien thoai can bo', 'sdt can bo', 'so dien thoai can bo', 'dt can bo', 'dien thoai can bo phu trach']],
  ['officerName', ['can bo phu trach', 'ho ten can bo', 'ho va ten can bo', 'can bo', 'nguoi phu trach', 'ho ten can bo phu trach']],
];

/** What a column of the contacts file holds, from its header key (shared headerKey), or null. */
export function contactColumnOf(key: string): ContactColumn | null {
  for (const [column, aliases] of HEADER_ALIASES) if (aliases.includes(key)) return column;
  for (const [column, aliases] of HEADER_ALIASES) if (aliases.some((a) => a.includes(' ') && key.startsWith(a + ' '))) return column;
  return null;
}
