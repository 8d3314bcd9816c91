// A commune's contacts in /tien-do's "Liên hệ" column: the UBND's and the officer's phone (tel:)
// and e-mail (mailto:), each on a line that says whose it is, then the commune's accounts.
import type { CommuneContactOut } from '@nq57/shared/schemas';
import { tr } from '../../i18n/reminders';
import { Email } from './Email';
import { contactLines } from './model';

export function ContactLines({ contact, accounts }: { contact: CommuneContactOut | undefined; accounts: string[] }) {
  const lines = contactLines(contact);
  return (
    <>
      {lines.length === 0 ? <div className="muted">{tr.progress.noContact}</div> : null}
      {lines.map((l) => (
        <div key={l.who} className="rm-line">
          <span className="rm-who">{l.who}: </span>
          {l.phone ? (
            <a href={l.phone.href} aria-label={tr.progress.call(l.who, l.phone.text)}>
              {l.phone.text}
            </a>
          ) : null}
          {l.phone && l.email ? ' · ' : null}
          {l.email ? (
            <a href={l.email.href} aria-label={tr.progress.write(l.who, l.email.text)}>
              <Email address={l.email.text} />
            </a>
          ) : null}
        </div>
      ))}
      {accounts.length ? <div className="c-sub">{tr.progress.accounts(accounts.join(', '))}</div> : null}
    </>
  );
}
