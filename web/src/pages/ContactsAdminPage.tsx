// /quan-tri/lien-he (admin): each commune's contacts, the UBND's e-mail and phone and the officer
// in charge; edited one commune at a time beside the list, or imported from a spreadsheet.
import { useEffect, useState } from 'react';
import type { CommuneContactOut } from '@nq57/shared/schemas';
import { pageTitle } from '../i18n/dashboard';
import { tr } from '../i18n/reminders';
import { tw } from '../i18n/workflow';
import { AdminNav } from '../workflow/AdminNav';
import { ContactForm } from '../workflow/contacts/ContactForm';
import { ContactsImport } from '../workflow/contacts/ContactsImport';
import { ContactsList } from '../workflow/contacts/ContactsList';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';
import '../workflow/reminders/reminders.css';

export default function ContactsAdminPage() {
  useEffect(() => {
    document.title = pageTitle(tr.contacts.title);
  }, []);
  const [editing, setEditing] = useState<CommuneContactOut | null>(null);
  return (
    <div className="page wf-page">
      <div className="page-head">
        <h1>{tr.contacts.title}</h1>
        <p className="wf-intro">{tr.contacts.intro}</p>
      </div>
      <RequireRole roles={['admin']} refusal={tw.common.adminOnly}>
        {() => (
          <>
            <AdminNav />
            <div className="wf-grid-admin">
              <ContactsList onEdit={setEditing} />
              <div className="rm-side">
                {editing ? <ContactForm contact={editing} onClose={() => setEditing(null)} /> : null}
                <ContactsImport />
              </div>
            </div>
          </>
        )}
      </RequireRole>
    </div>
  );
}
