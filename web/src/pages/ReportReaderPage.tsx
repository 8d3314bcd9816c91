// /doc-bao-cao (issue 11): a commune's narrative report read into proposed figures, for the
// commune's officer (their own commune) and the Sở (any). The round, the file and its progress
// (../reports/UploadStep), then the text with each proposed figure highlighted beside the
// proposals, accept / edit / leave out, and one write into the commune's form
// (../reports/ReadView). State: ../reports/useReportReader.ts; rules: ../reports/model.ts.
import { useEffect, useId } from 'react';
import type { UserOut } from '@nq57/shared/schemas';
import { LoadState, queriesState } from '../components/LoadState';
import { pageTitle } from '../i18n/dashboard';
import { tr } from '../i18n/reports';
import { ReadView } from '../reports/ReadView';
import { UploadStep } from '../reports/UploadStep';
import { useReportReader } from '../reports/useReportReader';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';
import '../reports/reports.css';

export default function ReportReaderPage() {
  useEffect(() => {
    document.title = pageTitle(tr.title);
  }, []);
  return (
    <div className="page wf-page report-page">
      <div className="page-head">
        <h1>{tr.title}</h1>
        <p className="wf-intro">{tr.intro}</p>
      </div>
      <RequireRole roles={['admin', 'commune']} refusal={tr.refusal}>
        {(user) => <Reader user={user} />}
      </RequireRole>
    </div>
  );
}

function Reader({ user }: { user: UserOut }) {
  const id = useId();
  const reader = useReportReader(user);
  const load = queriesState([reader.periods, reader.communes]);
  if (load.status !== 'ready') return <LoadState state={load} />;
  if (!reader.period) return <LoadState state={{ status: 'empty', message: tr.noRound }} />;
  return (
    <>
      <UploadStep id={id} reader={reader} />
      {reader.docId !== null ? (
        reader.read.data ? (
          <ReadView key={reader.docId} id={id} reader={reader} read={reader.read.data} communes={reader.communes.data?.communes ?? []} />
        ) : (
          <LoadState state={queriesState([reader.read])} />
        )
      ) : null}
    </>
  );
}
