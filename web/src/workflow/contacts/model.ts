// The contacts' pure rules on the web side (unit-tested in web/test/contacts.test.ts): the list
// filtered by name, a commune's contacts as the form shows them, and the form read back with the
// shared rules (readContact) before it is sent, so the page refuses what the API would refuse,
// with the same words.
import { CONTACT_FIELDS, compareVi, formatPhone, matchesSearch, readContact, type ContactField, type ContactProblem } from '@nq57/shared';
import type { CommuneContactBody, CommuneContactOut } from '@nq57/shared/schemas';

const bare = (n: string) => n.replace(/^(Xã|Phường|Đặc khu)\s+/u, '');

/** The communes whose name matches, in Vietnamese alphabetical order (without "Xã"/"Phường"). */
export function filterContacts(rows: CommuneContactOut[], q: string): CommuneContactOut[] {
  return rows.filter((r) => matchesSearch(r.communeName, q) || r.commune === q.trim()).sort((a, b) => compareVi(bare(a.communeName), bare(b.communeName)));
}

export type ContactForm = Record<ContactField, string>;

const isPhone = (f: ContactField) => f === 'ubndPhone' || f === 'officerPhone';

/** A commune's contacts as the form's text boxes show them: phones spaced as on a letterhead. */
export function contactForm(c: CommuneContactOut): ContactForm {
  return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, c[f] === null ? '' : isPhone(f) ? formatPhone(c[f]!) : c[f]!])) as ContactForm;
}

/** The form read with the shared rules: the body to send, or the problems to show beside the fields. */
export function contactBody(form: ContactForm): { body: CommuneContactBody; problems: ContactProblem[] } {
  const { contact, problems } = readContact(form);
  return { body: contact, problems };
}

/** How many communes have at least one e-mail (a reminder can reach them). */
export const withEmail = (rows: CommuneContactOut[]) => rows.filter((r) => r.ubndEmail || r.officerEmail).length;
