// The reminders' pure rules on the web side (unit-tested in web/test/contacts.test.ts): who a
// confirmation names, what the log's note says, and a commune's contacts as /tien-do lists them.
import { formatDateTime, formatPhone, phoneHref } from '@nq57/shared';
import type { CommuneContactOut, ReminderOut, ReminderRecipient } from '@nq57/shared/schemas';
import { tr } from '../../i18n/reminders';

/** "Xã A, Xã B, Xã C và 33 xã khác": a confirmation names a few, counts the rest. */
export function namesOf(recipients: Pick<ReminderRecipient, 'communeName'>[], shown = 5): string {
  const names = recipients.slice(0, shown).map((r) => r.communeName);
  const rest = recipients.length - names.length;
  return rest > 0 ? `${names.join(', ')} và ${rest} xã khác` : names.join(', ');
}

/** Communes the press cannot reach: no e-mail entered. */
export const withoutEmail = (recipients: Pick<ReminderRecipient, 'emails'>[]) => recipients.filter((r) => r.emails.length === 0).length;

/** The log's last column: why not sent, or the error of the last attempt, and how many attempts. */
export function reminderNote(r: Pick<ReminderOut, 'status' | 'error' | 'attempts'>): string {
  const parts: string[] = [];
  if (r.error) parts.push(r.error);
  if (r.status === 'pending' && r.attempts.length > 0) parts.push(tr.reminders.retry);
  if (r.attempts.length > 1) parts.push(tr.reminders.attempts(r.attempts.length));
  return parts.join(' · ');
}

export const reminderTime = (r: Pick<ReminderOut, 'at'>) => formatDateTime(r.at);

export interface ContactLine {
  /** "UBND" or the officer's name */
  who: string;
  phone: { text: string; href: string } | null;
  email: { text: string; href: string } | null;
}

/** A commune's contacts on /tien-do: the UBND's line and the officer's, each with what is known. */
export function contactLines(c: Pick<CommuneContactOut, 'ubndEmail' | 'ubndPhone' | 'officerName' | 'officerEmail' | 'officerPhone'> | undefined): ContactLine[] {
  if (!c) return [];
  const line = (who: string, phone: string | null, email: string | null): ContactLine | null =>
    phone || email
      ? { who, phone: phone ? { text: formatPhone(phone), href: phoneHref(phone) } : null, email: email ? { text: email, href: `mailto:${email}` } : null }
      : null;
  return [line(tr.progress.ubnd, c.ubndPhone, c.ubndEmail), line(c.officerName ?? tr.progress.officer, c.officerPhone, c.officerEmail)].filter((l): l is ContactLine => l !== null);
}
