// One commune's contacts, edited beside the list: checked with the shared rules before it is sent
// (the same words as the API's), saved through contactMutations.save.
import { useEffect, useId, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { CONTACT_FIELDS, type ContactField } from '@nq57/shared';
import type { CommuneContactOut } from '@nq57/shared/schemas';
import { contactMutations } from '../../api/mutations';
import { WriteResult } from '../../components/LoadState';
import { tr } from '../../i18n/reminders';
import { tw } from '../../i18n/workflow';
import { contactBody, contactForm, type ContactForm as Form } from './model';

const hint = (f: ContactField) => (f === 'ubndEmail' || f === 'officerEmail' ? tr.contacts.hintEmail : f === 'ubndPhone' || f === 'officerPhone' ? tr.contacts.hintPhone : tr.contacts.empty);
const inputType = (f: ContactField) => (f === 'ubndEmail' || f === 'officerEmail' ? 'email' : f === 'officerName' ? 'text' : 'tel');

export function ContactForm({ contact, onClose }: { contact: CommuneContactOut; onClose: () => void }) {
  const id = useId();
  const [form, setForm] = useState<Form>(() => contactForm(contact));
  const [problems, setProblems] = useState<Partial<Record<ContactField, string>>>({});
  const save = useMutation(contactMutations.save());
  const title = useRef<HTMLHeadingElement>(null);

  // a new commune chosen: its contacts, and the form in view (on a phone it is below the list)
  useEffect(() => {
    setForm(contactForm(contact));
    setProblems({});
    save.reset();
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another commune is chosen
  }, [contact.commune]);

  return (
    <form
      className="panel wf-form"
      aria-labelledby={`${id}-title`}
      noValidate
      data-contact-form={contact.commune}
      onSubmit={(e) => {
        e.preventDefault();
        save.reset();
        const { body, problems: found } = contactBody(form);
        setProblems(Object.fromEntries(found.map((p) => [p.field, p.message])));
        if (found.length) return;
        // the form then shows what was kept: "+84 905 123 456" comes back as "0905 123 456"
        save.mutate({ commune: contact.commune, body }, { onSuccess: (saved) => setForm(contactForm(saved)) });
      }}
    >
      <h2 id={`${id}-title`} className="panel-title" tabIndex={-1} ref={title}>
        {tr.contacts.editTitle(contact.communeName)}
      </h2>
      {CONTACT_FIELDS.map((f) => (
        <div className="wf-field" key={f}>
          <label htmlFor={`${id}-${f}`}>{tr.field[f]}</label>
          <input
            id={`${id}-${f}`}
            type={inputType(f)}
            inputMode={inputType(f) === 'tel' ? 'tel' : undefined}
            autoComplete="off"
            spellCheck={false}
            value={form[f]}
            maxLength={f === 'officerName' ? 100 : 254}
            aria-invalid={problems[f] ? true : undefined}
            aria-describedby={`${id}-${f}-h`}
            onChange={(e) => setForm({ ...form, [f]: e.target.value })}
          />
          <span id={`${id}-${f}-h`} className={problems[f] ? 'wf-bad' : 'wf-hint'}>
            {problems[f] ?? hint(f)}
          </span>
        </div>
      ))}
      <WriteResult error={save.error?.message} done={save.isSuccess ? tr.contacts.saved(contact.communeName) : null} />
      <div className="wf-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {tw.common.close}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? tr.contacts.saving : tr.contacts.save}
        </button>
      </div>
    </form>
  );
}
