// Step 2 and 3 of /doc-bao-cao: what was read (the file, the commune, the warnings), the text with
// its figures highlighted beside the proposals, and the one write of the accepted figures into the
// commune's form, with the form's own answer (its checks) and a link to it.
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { formatDate, formatDateTime, formatNumber } from '@nq57/shared';
import type { Commune, ReportReadOut } from '@nq57/shared/schemas';
import { apiPaths } from '../api/paths';
import { LoadState, WriteResult } from '../components/LoadState';
import { tr } from '../i18n/reports';
import { CommuneSelect } from '../workflow/CommuneSelect';
import { lastWritten } from './model';
import { Proposals, proposalId } from './Proposals';
import { markId, ReportText } from './ReportText';
import type { ReportReader } from './useReportReader';

/** Scrolls to an element and gives it the focus (a highlight, or a proposal's card). */
function reveal(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

export function ReadView({ id, reader, read, communes }: { id: string; reader: ReportReader; read: ReportReadOut; communes: Commune[] }) {
  const [selected, setSelected] = useState<number | null>(null);
  const toProposal = useCallback((i: number) => {
    setSelected(i);
    reveal(proposalId(i));
  }, []);
  const toText = (i: number) => {
    setSelected(i);
    reveal(markId(i));
  };
  const asked = read.candidates.filter((c) => c.asked);
  const canDecide = reader.editable;
  const written = lastWritten(read);
  const communeName = communes.find((c) => c.code === reader.writeCommune)?.name ?? reader.writeCommune;
  return (
    <>
      <section className="rr-step" aria-labelledby={`${id}-read`}>
        <h2 id={`${id}-read`}>{tr.readTitle}</h2>
        <p className="muted">
          {tr.fileLine(read.fileName, read.uploadedBy, formatDateTime(read.uploadedAt))} ·{' '}
          <a href={apiPaths.reportFile(read.period, read.id)} download>
            {tr.downloadFile}
          </a>
        </p>
        <p>
          <strong>
            {read.commune
              ? read.detected?.code === read.commune.code
                ? tr.communeFound(read.commune.name, read.detected.evidence)
                : tr.communeChosen(read.commune.name)
              : tr.communeUnknown}
          </strong>
          {read.reportDate ? ` · ${tr.reportDate(formatDate(read.reportDate))}` : ''}
        </p>
        {!read.commune ? <CommuneSelect label={tr.communeForWrite} communes={communes} value={reader.writeCommune} onChange={reader.pickCommune} /> : null}
        {read.warnings.length ? (
          <div className="wf-alert rr-warn" role="status">
            <p>
              <strong>{tr.warningsTitle}</strong>
            </p>
            <ul>
              {read.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {read.candidates.length === 0 ? <LoadState state={{ status: 'empty', message: tr.none }} /> : null}
        {read.candidates.length ? (
          <div className="rr-grid">
            <div className="rr-side">
              <div className="rr-side-head">
                <p>{tr.proposals(formatNumber(read.candidates.length))}</p>
                {canDecide && asked.length ? (
                  <button type="button" className="btn btn-quiet btn-small" onClick={() => reader.dispatch({ type: 'acceptAll', elements: asked.map((c) => c.element) })}>
                    {tr.acceptAll}
                  </button>
                ) : null}
              </div>
              <Proposals candidates={read.candidates} decisions={reader.decisions} written={written} selected={selected} dispatch={reader.dispatch} onShow={toText} canDecide={canDecide} />
            </div>
            <div className="rr-main">
              <h3>{tr.textTitle}</h3>
              <ReportText text={read.text} candidates={read.candidates} decisions={reader.decisions} selected={selected} onSelect={toProposal} />
            </div>
          </div>
        ) : null}
      </section>
      {asked.length ? <WriteStep id={id} reader={reader} total={asked.length} communeName={communeName} /> : null}
    </>
  );
}

function WriteStep({ id, reader, total, communeName }: { id: string; reader: ReportReader; total: number; communeName: string }) {
  const n = reader.toWrite.figures.length + reader.toWrite.invalid.length;
  const done = reader.written;
  const formHref = `/nhap-lieu?ky=${encodeURIComponent(reader.period?.code ?? '')}&xa=${encodeURIComponent(reader.writeCommune)}`;
  return (
    <section className="rr-step rr-write" aria-labelledby={`${id}-write`}>
      <h2 id={`${id}-write`}>{tr.writeTitle}</h2>
      <p>{tr.chosen(formatNumber(n), formatNumber(total))}</p>
      <p className="wf-hint">{tr.writeNote}</p>
      {!reader.writeCommune ? (
        <p className="wf-bad">{tr.chooseCommune}</p>
      ) : reader.form.isPending ? (
        <LoadState state={{ status: 'loading' }} variant="inline" />
      ) : reader.form.isError ? (
        <LoadState state={{ status: 'error', error: reader.form.error, retry: () => void reader.form.refetch() }} variant="inline" />
      ) : !reader.editable ? (
        <p className="wf-alert wf-alert-info">{tr.formLocked}</p>
      ) : null}
      <div className="rr-row">
        <button type="button" className="btn btn-primary" disabled={!reader.editable || n === 0 || reader.writing} onClick={reader.write}>
          {reader.writing ? tr.writing : tr.write}
        </button>
        <Link href={formHref} className="btn btn-quiet">
          {tr.openForm}
        </Link>
      </div>
      <WriteResult
        error={reader.writeError}
        done={
          done ? (
            <>
              {tr.written(formatNumber(reader.writtenCount), communeName)}{' '}
              <Link href={formHref}>{tr.openForm}</Link>
            </>
          ) : null
        }
      />
      {done && (done.errors.length || done.warnings.length) ? (
        <div className="wf-alert rr-warn" role="status">
          <p>{tr.checksAfter}</p>
          <ul>
            {[...done.errors, ...done.warnings].map((x) => (
              <li key={`${x.element}-${x.code}`}>{x.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
