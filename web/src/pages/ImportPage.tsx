// /nhap-file (admin): run a round from Excel. Pick the round, download its template, upload the
// filled file (progress bar), choose whether the figures count as approved or submitted, map the
// columns of a file from another system (and save the mapping by name), read the dry run's
// summary and every problem with its row and column, then write — all or nothing.
// This route lays the steps out; their state is ../files/import/useImport.ts (a reducer in
// model.ts), each step a component beside it.
import { useEffect, useId } from 'react';
import { Link } from 'wouter';
import { formatNumber } from '@nq57/shared';
import { LoadState, WriteResult } from '../components/LoadState';
import { panelState } from '../components/PanelFrame';
import { ColumnMapper } from '../files/import/ColumnMapper';
import { FileStep } from '../files/import/FileStep';
import { ImportHistory } from '../files/import/ImportHistory';
import { ResultStep } from '../files/import/ResultStep';
import { RoundStep } from '../files/import/RoundStep';
import { useImport } from '../files/import/useImport';
import { pageTitle } from '../i18n/dashboard';
import { tf } from '../i18n/files';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';
import './import-page.css';

export default function ImportPage() {
  useEffect(() => {
    document.title = pageTitle(tf.title);
  }, []);
  return (
    <div className="page wf-page import-page">
      <div className="page-head">
        <h1>{tf.title}</h1>
        <p className="wf-intro">{tf.intro}</p>
      </div>
      <RequireRole roles={['admin']} refusal={tf.adminOnly}>
        {() => <Importer />}
      </RequireRole>
    </div>
  );
}

function Importer() {
  const id = useId();
  const imp = useImport();
  const { state: s, view, dispatch } = imp;

  const load = panelState(imp.periods, imp.open.length === 0, tf.noOpenRound);
  if (load.status !== 'ready') {
    return (
      <LoadState state={load}>
        <p>
          <Link href="/quan-tri/ky-bao-cao">{tf.openRounds}</Link>
        </p>
      </LoadState>
    );
  }

  return (
    <>
      <RoundStep id={id} open={imp.open} period={s.period} wantedClosed={imp.wantedClosed} roundName={imp.round?.name ?? ''} onChoose={(code) => dispatch({ type: 'roundChosen', code })} />
      <FileStep
        id={id}
        state={s}
        mappings={imp.mappings}
        onFile={(file) => dispatch({ type: 'fileChosen', file })}
        onMode={(mode) => dispatch({ type: 'mode', mode })}
        onMapping={(name) => dispatch({ type: 'mapping', name })}
        onCheck={imp.check}
      />

      <WriteResult error={s.error?.message} done={s.notice ? (s.notice.kind === 'saved' ? tf.saved(s.notice.name) : tf.nameNeeded) : null} />
      {s.done ? (
        <div className="wf-alert wf-alert-ok" role="status" data-testid="import-done">
          <p>
            <strong>{tf.done(formatNumber(s.done.summary.create), formatNumber(s.done.summary.update), formatNumber(s.done.summary.unchanged), String(s.done.importId))}</strong>
          </p>
        </div>
      ) : null}

      {s.result ? (
        <ResultStep
          id={id}
          result={s.result}
          mapper={
            s.result.unknownColumns.length ? (
              <ColumnMapper
                unknown={s.result.unknownColumns}
                elements={imp.elements}
                choices={s.choices}
                onChoose={(header, code) => dispatch({ type: 'column', header, code })}
                saveName={s.saveName}
                onSaveName={(name) => dispatch({ type: 'saveName', name })}
                busy={!!s.busy || imp.savingMapping}
                saveError={imp.saveMappingError}
                onRecheck={imp.check}
                onSave={imp.saveAndRecheck}
              />
            ) : null
          }
          stale={view.stale}
          errorCount={view.errors.length}
          approvalConfirmed={s.approvalConfirmed}
          onApprovalConfirmed={(confirmed) => dispatch({ type: 'approval', confirmed })}
          canCommit={view.canCommit}
          onCommit={() => dispatch({ type: 'confirm', open: true })}
        />
      ) : null}

      <ConfirmDialog
        open={s.confirming}
        title={tf.confirmTitle}
        body={
          s.result ? (
            <>
              <p>
                {s.result.summary.create + s.result.summary.update === 0
                  ? tf.nothingToWrite
                  : tf.confirmBody(formatNumber(s.result.summary.create), formatNumber(s.result.summary.update), formatNumber(s.result.summary.communes), imp.round?.name ?? s.period)}
              </p>
              <p>{s.mode === 'approved' ? tf.confirmApproved : tf.confirmSubmitted}</p>
            </>
          ) : null
        }
        confirmLabel={tf.commit}
        busy={s.busy?.what === 'commit'}
        error={s.confirming && s.error ? s.error.message : null}
        onConfirm={imp.commit}
        onCancel={() => dispatch({ type: 'confirm', open: false })}
      />

      {s.period ? <ImportHistory period={s.period} /> : null}
    </>
  );
}
