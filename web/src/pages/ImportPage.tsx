// /nhap-file (admin): run a round from Excel. Pick the round, download its template, upload the
// filled file (progress bar), choose whether the figures count as approved or submitted, map the
// columns of a file from another system (and save the mapping by name), read the dry run's
// summary and every problem with its row and column, then write — all or nothing.
import { useEffect, useId, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from 'wouter';
import { formatDateTime, formatNumber, formatPercent } from '@nq57/shared';
import type { DataElement, ImportApproval, ImportMode, ImportResult, MappingOut } from '@nq57/shared/schemas';
import { importMutations } from '../api/mutations';
import { apiPaths } from '../api/paths';
import { UploadError } from '../api/upload';
import { catalogueQueries, importQueries, periodQueries } from '../api/queries';
import { pageTitle } from '../i18n';
import { tf } from '../i18n-files';
import { MAX_UPLOAD_BYTES, UNCHOSEN, mergedMapping, sortProblems } from '../files/import/model';
import { FilePicker } from '../components/FilePicker';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { RequireRole } from '../workflow/RequireRole';
import { periodFromSearch } from '../url';
import '../workflow.css';
import './import-page.css';

const SHOWN_PROBLEMS = 500;

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

type Busy = { what: 'dry' | 'commit'; progress: number } | null;

function Importer() {
  const id = useId();
  const search = useSearch();
  const periods = useQuery(periodQueries.list());
  const catalogue = useQuery(catalogueQueries.indicators());
  const mappings = useQuery(importQueries.mappings());

  const open = useMemo(() => (periods.data?.periods ?? []).filter((p) => p.status === 'open'), [periods.data]);
  const wanted = periodFromSearch(search);
  const [period, setPeriod] = useState<string>('');
  useEffect(() => {
    if (!period && open.length) setPeriod(open.find((p) => p.code === wanted)?.code ?? open[0].code);
  }, [open, wanted, period]);
  const round = open.find((p) => p.code === period);
  // the round chosen elsewhere cannot take figures: say so rather than switch without a word
  const wantedClosed = (periods.data?.periods ?? []).find((p) => p.code === wanted && p.status === 'closed');

  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // never approve by default: approving through a file is a deliberate, confirmed choice
  const [mode, setMode] = useState<ImportMode>('submitted');
  const [approvalConfirmed, setApprovalConfirmed] = useState(false);
  const [mappingName, setMappingName] = useState('');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [saveName, setSaveName] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  /** what the dry run was made with: a commit sends exactly the same */
  const [checked, setChecked] = useState<{ file: File; mode: ImportMode; mapping: string; period: string } | null>(null);
  const [error, setError] = useState<UploadError | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const saved: MappingOut | undefined = mappings.data?.mappings.find((m) => m.name === mappingName);
  const chosen = Object.values(choices).some((c) => c !== UNCHOSEN);
  /** a saved mapping by name, or — once columns are mapped here — the whole mapping as JSON */
  const mappingToSend = chosen ? JSON.stringify(mergedMapping(saved?.columns ?? null, choices)) : mappingName;
  const stale = !!result && (!checked || checked.file !== file || checked.mode !== mode || checked.mapping !== mappingToSend || checked.period !== period);

  function reset() {
    setApprovalConfirmed(false);
    setResult(null);
    setError(null);
    setDone(null);
    setNotice(null);
  }

  async function send(dryRun: boolean, mapping = mappingToSend) {
    if (!file || !period) return;
    setBusy({ what: dryRun ? 'dry' : 'commit', progress: 0 });
    setError(null);
    setDone(null);
    try {
      const r = await upload.mutateAsync({
        period,
        file,
        dryRun,
        mode,
        mapping,
        confirm: !dryRun && mode === 'approved' && result?.approval ? String(result.approval.forms) : undefined,
        onProgress: (f) => setBusy((b) => (b ? { ...b, progress: f } : b)),
      });
      if (dryRun) {
        setApprovalConfirmed(false);
        setResult(r);
        setChecked({ file, mode, mapping, period });
        // columns still unknown keep their choice; the others are settled
        setChoices((c) => Object.fromEntries(r.unknownColumns.map((h) => [h, c[h] ?? UNCHOSEN])));
      } else {
        setDone(r);
        setNotice(null);
        setResult(null);
        setChecked(null);
      }
    } catch (e) {
      const err = e instanceof UploadError ? e : new UploadError(tf.network, 0);
      setError(err);
      if (!dryRun && err.problems.length && result) setResult({ ...result, problems: err.problems, summary: err.summary ?? result.summary });
      else if (dryRun) setResult(null);
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  }

  const upload = useMutation(importMutations.upload({ network: tf.network, server: tf.server }));
  const saveMapping = useMutation(importMutations.saveMapping());
  const saveAndRecheck = (body: { name: string; columns: Record<string, string> }) =>
    saveMapping.mutate(body, {
      // the list of mappings is fresh by now (the mutation waits for it): pick the new one by name
      onSuccess: (m) => {
        setMappingName(m.name);
        setChoices({});
        setSaveName('');
        setNotice(tf.saved(m.name));
        void send(true, m.name);
      },
    });

  const errors = result?.problems.filter((p) => p.level === 'error') ?? [];
  const canCommit = !!result && errors.length === 0 && !stale && !busy && (!result.approval || result.approval.forms === 0 || approvalConfirmed);

  if (periods.isPending) return <p role="status">{tf.reading}</p>;
  if (periods.isError) return <p className="wf-alert wf-alert-error">{periods.error.message}</p>;
  if (!open.length) {
    return (
      <div className="wf-alert wf-alert-info">
        <p>{tf.noOpenRound}</p>
        <p>
          <Link href="/quan-tri/ky-bao-cao">{tf.openRounds}</Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <section className="imp-step" aria-labelledby={`${id}-s1`}>
        <h2 id={`${id}-s1`}>{tf.step1}</h2>
        <div className="imp-row">
          <div className="field">
            <label htmlFor={`${id}-period`}>{tf.period}</label>
            <select
              id={`${id}-period`}
              value={period}
              onChange={(e) => {
                setPeriod(e.target.value);
                reset();
              }}
            >
              {open.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {period ? (
            <a className="btn" href={apiPaths.roundFile(period, 'template.xlsx')} download>
              {tf.template}
            </a>
          ) : null}
        </div>
        <p className="wf-hint">{tf.templateHint}</p>
        {wantedClosed ? (
          <p className="wf-alert wf-alert-info" role="status">
            {tf.roundClosed(wantedClosed.name, round?.name ?? '')}
          </p>
        ) : null}
      </section>

      <section className="imp-step" aria-labelledby={`${id}-s2`}>
        <h2 id={`${id}-s2`}>{tf.step2}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send(true);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{tf.file}</label>
            <FilePicker
              id={`${id}-file`}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              fileName={file?.name ?? null}
              chooseLabel={tf.chooseFile}
              noneLabel={tf.noFile}
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                reset();
                if (f && f.size > MAX_UPLOAD_BYTES) {
                  setFile(null);
                  setFileError(tf.fileTooLarge);
                  return;
                }
                setFileError(null);
                setFile(f);
              }}
            />
            {fileError ? (
              <p className="wf-bad" role="alert">
                {fileError}
              </p>
            ) : null}
          </div>
          <fieldset className="imp-mode">
            <legend>{tf.mode}</legend>
            {(['submitted', 'approved'] as const).map((m) => (
              <label key={m} className="inline-field">
                <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'approved' ? tf.modeApproved : tf.modeSubmitted}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-mapping`}>{tf.mapping}</label>
            <select
              id={`${id}-mapping`}
              value={mappingName}
              onChange={(e) => {
                setMappingName(e.target.value);
                setChoices({});
              }}
            >
              <option value="">{tf.mappingNone}</option>
              {(mappings.data?.mappings ?? []).map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
            <p className="wf-hint">{tf.mappingHint}</p>
          </div>
          <button type="submit" className="btn btn-primary" disabled={!file || !period || !!busy}>
            {result ? tf.recheck : tf.check}
          </button>
        </form>
        {busy ? <Progress busy={busy} /> : null}
      </section>

      {error ? (
        <div className="wf-alert wf-alert-error" role="alert">
          <p>{error.message}</p>
        </div>
      ) : null}
      {notice ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      {done ? (
        <div className="wf-alert wf-alert-ok" role="status" data-testid="import-done">
          <p>
            <strong>
              {tf.done(formatNumber(done.summary.create), formatNumber(done.summary.update), formatNumber(done.summary.unchanged), String(done.importId))}
            </strong>
          </p>
        </div>
      ) : null}

      {result ? (
        <section className="imp-step" aria-labelledby={`${id}-s3`}>
          <h2 id={`${id}-s3`}>{tf.step3}</h2>
          <p className="wf-hint">{tf.dryRunNote}</p>
          <Summary result={result} />
          {result.unknownColumns.length ? (
            <ColumnMapper
              unknown={result.unknownColumns}
              elements={catalogue.data?.elements ?? []}
              choices={choices}
              onChoose={(h, c) => setChoices((x) => ({ ...x, [h]: c }))}
              saveName={saveName}
              onSaveName={setSaveName}
              busy={!!busy || saveMapping.isPending}
              saveError={saveMapping.error?.message ?? null}
              onRecheck={() => void send(true)}
              onSave={() => {
                if (!saveName.trim()) return setNotice(tf.nameNeeded);
                saveAndRecheck({ name: saveName.trim(), columns: mergedMapping(saved?.columns ?? null, choices) });
              }}
            />
          ) : null}
          <Problems result={result} />
          {result.approval && result.approval.forms > 0 ? (
            <ApprovalPreview approval={result.approval} confirmed={approvalConfirmed} onConfirm={setApprovalConfirmed} />
          ) : null}
          {stale ? <p className="wf-warn">{tf.fileChanged}</p> : null}
          {errors.length ? (
            <p className="wf-bad">{tf.blocked(formatNumber(errors.length))}</p>
          ) : result.problems.length ? (
            <p className="wf-hint">{tf.warningsOnly}</p>
          ) : null}
          <button type="button" className="btn btn-primary" disabled={!canCommit} onClick={() => setConfirming(true)}>
            {tf.commit}
          </button>
        </section>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title={tf.confirmTitle}
        body={
          result ? (
            <>
              <p>
                {result.summary.create + result.summary.update === 0
                  ? tf.nothingToWrite
                  : tf.confirmBody(formatNumber(result.summary.create), formatNumber(result.summary.update), formatNumber(result.summary.communes), round?.name ?? period)}
              </p>
              <p>{mode === 'approved' ? tf.confirmApproved : tf.confirmSubmitted}</p>
            </>
          ) : null
        }
        confirmLabel={tf.commit}
        busy={busy?.what === 'commit'}
        error={confirming && error ? error.message : null}
        onConfirm={() => void send(false, checked?.mapping ?? mappingToSend)}
        onCancel={() => setConfirming(false)}
      />

      {period ? <History period={period} /> : null}
    </>
  );
}

/** Mode "Sở duyệt ngay": what the dry run says would be approved, and the Sở's confirmation. */
function ApprovalPreview({ approval, confirmed, onConfirm }: { approval: ImportApproval; confirmed: boolean; onConfirm: (v: boolean) => void }) {
  const shown = approval.communes.slice(0, 10);
  return (
    <section className="wf-alert wf-alert-returned imp-approval" aria-labelledby="imp-approval-title" data-approval>
      <h3 id="imp-approval-title">{tf.approvalTitle(formatNumber(approval.forms))}</h3>
      <p>{tf.approvalIntro}</p>
      <p>
        <strong>{tf.approvalCounts(formatNumber(approval.notSubmitted), formatNumber(approval.unfinished), formatNumber(approval.overdue))}</strong>
      </p>
      {shown.length ? (
        <ul>
          {shown.map((c) => (
            <li key={c.communeCode}>
              {tf.approvalRow(c.communeName, c.state, formatNumber(c.filled), formatNumber(c.required), c.daysOverdue === null ? null : formatNumber(c.daysOverdue))}
            </li>
          ))}
          {approval.communes.length > shown.length ? <li>{tf.approvalMore(formatNumber(approval.communes.length - shown.length))}</li> : null}
        </ul>
      ) : null}
      <label className="inline-field">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
        {tf.approvalConfirm(formatNumber(approval.forms))}
      </label>
    </section>
  );
}

function Progress({ busy }: { busy: NonNullable<Busy> }) {
  const sending = busy.progress < 1;
  const label = sending ? tf.sending(formatPercent(busy.progress * 100, 0)) : busy.what === 'commit' ? tf.writing : tf.reading;
  return (
    <div className="imp-progress" role="status" aria-live="polite">
      <progress max={1} value={sending ? busy.progress : undefined} aria-label={tf.progressLabel} />
      <span>{label}</span>
    </div>
  );
}

function Summary({ result }: { result: ImportResult }) {
  const s = result.summary;
  const items = [
    { key: 'create', label: tf.summary.create, value: s.create },
    { key: 'update', label: tf.summary.update, value: s.update },
    { key: 'unchanged', label: tf.summary.unchanged, value: s.unchanged },
    { key: 'rejected', label: tf.summary.rejected, value: s.rejected },
  ];
  return (
    <>
      <dl className="imp-summary" data-testid="import-summary">
        {items.map((i) => (
          <div key={i.key} className={`imp-count imp-${i.key}`} data-count={i.key}>
            <dt>{i.label}</dt>
            <dd>
              <strong>{formatNumber(i.value)}</strong> <span className="muted">{tf.summary.unit}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="wf-hint">{tf.summary.rows(formatNumber(s.rows), formatNumber(s.communes))}</p>
    </>
  );
}

function Problems({ result }: { result: ImportResult }) {
  const sorted = useMemo(() => sortProblems(result.problems), [result.problems]);
  if (!sorted.length) return <p className="wf-good">{tf.noProblems}</p>;
  const shown = sorted.slice(0, SHOWN_PROBLEMS);
  return (
    <div className="imp-problems">
      <h3>{tf.problemsTitle(formatNumber(sorted.length))}</h3>
      <div className="table-scroll">
        <table data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{tf.cols.row}</th>
              <th scope="col">{tf.cols.column}</th>
              <th scope="col">{tf.cols.level}</th>
              <th scope="col">{tf.cols.message}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i} className={p.level === 'error' ? 'imp-error' : 'imp-warning'}>
                <td className="num">{p.row ?? tf.whole}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.level === 'error' ? tf.levelError : tf.levelWarning}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? <p className="wf-hint">{tf.moreProblems(formatNumber(sorted.length - shown.length))}</p> : null}
    </div>
  );
}

interface MapperProps {
  unknown: string[];
  elements: DataElement[];
  choices: Record<string, string>;
  onChoose: (header: string, code: string) => void;
  saveName: string;
  onSaveName: (s: string) => void;
  busy: boolean;
  saveError: string | null;
  onRecheck: () => void;
  onSave: () => void;
}

function ColumnMapper({ unknown, elements, choices, onChoose, saveName, onSaveName, busy, saveError, onRecheck, onSave }: MapperProps) {
  const id = useId();
  const groups = useMemo(() => {
    const m = new Map<string, DataElement[]>();
    // figures the system computes (on-time reporting) are never imported
    for (const e of elements) if (!e.computed) m.set(e.groupName, [...(m.get(e.groupName) ?? []), e]);
    return [...m];
  }, [elements]);
  const allChosen = unknown.every((h) => (choices[h] ?? UNCHOSEN) !== UNCHOSEN);
  return (
    <div className="imp-mapper wf-alert wf-alert-info">
      <h3>{tf.unknownTitle}</h3>
      <p>{tf.unknownIntro}</p>
      <ul>
        {unknown.map((h, i) => (
          <li key={h} className="field">
            <label htmlFor={`${id}-${i}`}>{h}</label>
            <select id={`${id}-${i}`} value={choices[h] ?? UNCHOSEN} onChange={(e) => onChoose(h, e.target.value)}>
              <option value={UNCHOSEN}>{tf.choose}</option>
              <option value="">{tf.ignore}</option>
              <option value="@commune_code">{tf.communeCode}</option>
              <option value="@commune_name">{tf.communeName}</option>
              {groups.map(([g, els]) => (
                <optgroup key={g} label={g}>
                  {els.map((e) => (
                    <option key={e.code} value={e.code}>
                      {e.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <div className="imp-row">
        <button type="button" className="btn" disabled={busy || !allChosen} onClick={onRecheck}>
          {tf.recheck}
        </button>
        <div className="field">
          <label htmlFor={`${id}-name`}>{tf.saveAs}</label>
          <input id={`${id}-name`} value={saveName} placeholder={tf.saveAsPlaceholder} maxLength={100} onChange={(e) => onSaveName(e.target.value)} />
        </div>
        <button type="button" className="btn" disabled={busy || !allChosen || !saveName.trim()} onClick={onSave}>
          {tf.saveAndCheck}
        </button>
      </div>
      {saveError ? (
        <p className="wf-bad" role="alert">
          {saveError}
        </p>
      ) : null}
    </div>
  );
}

function History({ period }: { period: string }) {
  const q = useQuery(importQueries.list(period));
  const rows = q.data?.imports ?? [];
  return (
    <section className="imp-step" aria-labelledby="imp-history">
      <h2 id="imp-history">{tf.historyTitle}</h2>
      {q.isError ? <p className="wf-bad">{q.error.message}</p> : null}
      {q.isSuccess && !rows.length ? <p className="muted">{tf.historyEmpty}</p> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{tf.historyCols.at}</th>
                <th scope="col">{tf.historyCols.file}</th>
                <th scope="col">{tf.historyCols.by}</th>
                <th scope="col">{tf.historyCols.mode}</th>
                <th scope="col">{tf.historyCols.counts}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>
                    {r.fileName}
                    {r.mappingName ? <span className="muted"> ({r.mappingName})</span> : null}
                  </td>
                  <td>{r.importedBy}</td>
                  <td>{tf.modeShort[r.mode]}</td>
                  <td className="num">
                    {formatNumber(r.summary.create)} / {formatNumber(r.summary.update)} / {formatNumber(r.summary.unchanged)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
