// The contacts of every commune, filtered by name, each with its "Sửa" (the form beside the list).
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatPhone } from '@nq57/shared';
import type { CommuneContactOut } from '@nq57/shared/schemas';
import { apiPaths } from '../../api/paths';
import { contactQueries } from '../../api/queries';
import { PanelFrame, panelState } from '../../components/PanelFrame';
import { tr } from '../../i18n/reminders';
import { Email } from '../reminders/Email';
import { filterContacts, withEmail } from './model';

export function ContactsList({ onEdit }: { onEdit: (c: CommuneContactOut) => void }) {
  const id = useId();
  const contacts = useQuery(contactQueries.list());
  const [q, setQ] = useState('');
  const all = contacts.data?.contacts ?? [];
  const rows = filterContacts(all, q);
  return (
    <PanelFrame
      id="contacts-list"
      title={tr.contacts.list}
      actions={
        contacts.data ? (
          <>
            <span className="muted">{tr.contacts.count(withEmail(all), all.length)}</span>
            <a className="btn btn-quiet" href={apiPaths.contactsCsv} download={tr.contacts.fileName}>
              {tr.contacts.download}
            </a>
          </>
        ) : null
      }
      state={panelState(contacts)}
      minHeight={300}
    >
      <form className="wf-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="wf-field">
          <label htmlFor={`${id}-q`}>{tr.contacts.search}</label>
          <input id={`${id}-q`} type="search" value={q} placeholder={tr.contacts.searchPh} autoComplete="off" spellCheck={false} onChange={(e) => setQ(e.target.value)} />
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="muted">{tr.contacts.noMatch}</p>
      ) : (
        <div className="wf-table-wrap">
          <table className="wf-table rm-contacts">
            <thead>
              <tr>
                <th scope="col">{tr.contacts.cols.name}</th>
                <th scope="col">{tr.contacts.cols.ubnd}</th>
                <th scope="col">{tr.contacts.cols.officer}</th>
                <th scope="col">{tr.contacts.cols.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.commune} data-contact={c.commune}>
                  <th scope="row">{c.communeName}</th>
                  <td data-label={tr.contacts.cols.ubnd}>
                    <Value v={c.ubndEmail} email />
                    <Value v={c.ubndPhone && formatPhone(c.ubndPhone)} />
                  </td>
                  <td data-label={tr.contacts.cols.officer}>
                    <Value v={c.officerName} />
                    <Value v={c.officerEmail} email />
                    <Value v={c.officerPhone && formatPhone(c.officerPhone)} />
                  </td>
                  <td className="wf-row-actions">
                    <button type="button" className="btn btn-quiet btn-small" onClick={() => onEdit(c)} aria-label={tr.contacts.editOf(c.communeName)}>
                      {tr.contacts.edit}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PanelFrame>
  );
}

function Value({ v, email }: { v: string | null; email?: boolean }) {
  if (!v) return <div className="muted">{tr.contacts.none}</div>;
  return <div className="rm-value">{email ? <Email address={v} /> : v}</div>;
}
