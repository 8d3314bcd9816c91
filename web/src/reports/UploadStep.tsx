// Step 1 of /doc-bao-cao: the round (open ones first; a closed one can be read, not written), the
// commune (the officer's own; the admin picks one or lets the report name it), the file, and the
// upload's progress.
import { formatPercent } from '@nq57/shared';
import { FilePicker } from '../components/FilePicker';
import { WriteResult } from '../components/LoadState';
import { tr } from '../i18n/reports';
import { CommuneSelect } from '../workflow/CommuneSelect';
import type { ReportReader } from './useReportReader';

export function UploadStep({ id, reader }: { id: string; reader: ReportReader }) {
  const { upload, period } = reader;
  const own = reader.communes.data?.communes.find((c) => c.code === reader.ownCommune);
  return (
    <section className="rr-step" aria-labelledby={`${id}-up`}>
      <h2 id={`${id}-up`}>{tr.uploadTitle}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          upload.start();
        }}
      >
        <div className="rr-row">
          <div className="field">
            <label htmlFor={`${id}-period`}>{tr.period}</label>
            <select id={`${id}-period`} value={period?.code ?? ''} onChange={(e) => reader.setPeriod(e.target.value)}>
              {reader.rounds.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.status === 'open' ? r.name : tr.closedRound(r.name)}
                </option>
              ))}
            </select>
          </div>
          {reader.ownCommune ? (
            <p className="rr-own">{tr.communeOwn(own?.name ?? reader.ownCommune)}</p>
          ) : (
            <CommuneSelect label={tr.commune} communes={reader.communes.data?.communes ?? []} value={reader.chosenCommune} onChange={reader.setCommune} emptyLabel={tr.communeAuto} />
          )}
        </div>
        {period?.status === 'closed' ? <p className="wf-hint">{tr.closedNote}</p> : null}
        <div className="field">
          <label htmlFor={`${id}-file`}>{tr.file}</label>
          <FilePicker
            id={`${id}-file`}
            accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            fileName={upload.file?.name ?? null}
            chooseLabel={tr.chooseFile}
            noneLabel={tr.noFile}
            onChange={(e) => upload.setFile(e.target.files?.[0] ?? null)}
          />
          {upload.tooLarge ? (
            <p className="wf-bad" role="alert">
              {tr.fileTooLarge}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={!upload.file || !period || upload.tooLarge || upload.busy}>
          {tr.read}
        </button>
      </form>
      {upload.progress !== null ? (
        <div className="rr-progress" role="status" aria-live="polite">
          <progress max={1} value={upload.progress < 1 ? upload.progress : undefined} aria-label={tr.progressLabel} />
          <span>{upload.progress < 1 ? tr.sending(formatPercent(upload.progress * 100, 0)) : tr.reading}</span>
        </div>
      ) : null}
      <WriteResult error={upload.error} />
    </section>
  );
}
