// The contacts from a spreadsheet: check (a dry run: what would change, or every problem by row
// and column), then import the same file, all or nothing.
import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ContactsImportProblem, ContactsImportResult } from '@nq57/shared/schemas';
import { contactMutations } from '../../api/mutations';
import { UploadError } from '../../api/upload';
import { WriteResult } from '../../components/LoadState';
import { FilePicker } from '../../components/FilePicker';
import { tr } from '../../i18n/reminders';

const messages = { network: tr.importer.network, server: tr.importer.server };

export function ContactsImport() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ContactsImportResult | null>(null);
  const [done, setDone] = useState<ContactsImportResult | null>(null);
  const [needFile, setNeedFile] = useState(false);
  const upload = useMutation(contactMutations.upload(messages));
  const failed = upload.error instanceof UploadError ? (upload.error as UploadError<ContactsImportProblem>) : null;

  const send = (dryRun: boolean) => {
    if (!file) return setNeedFile(true);
    setNeedFile(false);
    setDone(null);
    if (dryRun) setChecked(null);
    upload.mutate({ file, dryRun }, { onSuccess: (r) => (dryRun ? setChecked(r) : (setDone(r), setChecked(null))) });
  };

  return (
    <section className="panel wf-form" aria-labelledby={`${id}-title`} data-panel="contacts-import">
      <h2 id={`${id}-title`} className="panel-title">
        {tr.importer.title}
      </h2>
      <p className="wf-hint">{tr.importer.intro}</p>
      <div className="wf-field">
        <label htmlFor={`${id}-f`}>{tr.importer.file}</label>
        <FilePicker
          id={`${id}-f`}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          fileName={file?.name ?? null}
          chooseLabel={tr.importer.choose}
          noneLabel={tr.importer.noFile}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setChecked(null);
            setDone(null);
            upload.reset();
          }}
        />
      </div>
      {failed && failed.problems.length ? (
        <div className="wf-alert wf-alert-error" role="alert">
          <p>{tr.importer.problems(failed.problems.length)}</p>
          <ul>
            {failed.problems.map((p, i) => (
              <li key={i}>
                {tr.importer.problemAt(p.row, p.column) ? <strong>{tr.importer.problemAt(p.row, p.column)}: </strong> : null}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <WriteResult error={needFile ? tr.importer.needFile : upload.error?.message} />
      )}
      {checked ? (
        <div className="wf-alert wf-alert-info" role="status">
          <p>{tr.importer.checked(checked.rows, checked.changed, checked.unchanged)}</p>
          {checked.ignoredColumns.length ? <p>{tr.importer.ignored(checked.ignoredColumns)}</p> : null}
          {checked.changed ? (
            <ul>
              {checked.communes
                .filter((c) => c.change !== 'unchanged')
                .map((c) => (
                  <li key={c.commune}>
                    {c.communeName}: {tr.importer.change[c.change]}
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <WriteResult done={done ? (done.changed ? tr.importer.done(done.changed) : tr.importer.nothing) : null} />
      <div className="wf-actions">
        <button type="button" className="btn" onClick={() => send(true)} disabled={upload.isPending}>
          {upload.isPending && upload.variables?.dryRun ? tr.importer.checking : tr.importer.check}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => send(false)} disabled={upload.isPending || !checked || checked.changed === 0}>
          {upload.isPending && !upload.variables?.dryRun ? tr.importer.committing : tr.importer.commit}
        </button>
      </div>
    </section>
  );
}
