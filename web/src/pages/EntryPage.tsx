// /nhap-lieu: a commune's form for the open round (?ky= another round; ?xa=CODE for the admin
// and the leader). Fields grouped like the reports, each with its unit and last round's figure,
// Vietnamese number input, live checks (the server's own checkFigures), autosave with a copy in
// the browser, and the submit → return / approve → reopen steps with their comments.
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate, formatDateTime, formatValue, isReported } from '@nq57/shared';
import type { CheckIssue } from '@nq57/shared';
import type { Commune, CommuneReports, Period, UserOut } from '@nq57/shared/schemas';
import { submissionMutations, type StepVariables } from '../api/mutations';
import { auditQueries, catalogueQueries, communeQueries, periodQueries, submissionQueries } from '../api/queries';
import { pageTitle, t } from '../i18n';
import { tw } from '../i18n-workflow';
import { FieldHistoryList } from '../workflow/AuditList';
import { CommuneSelect } from '../workflow/CommuneSelect';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import {
  byElement,
  currentValues,
  fieldValue,
  groupFields,
  isEditable,
  liveChecks,
  mergeChecks,
  pendingChanges,
  readBack,
  readiness,
  savedTime,
  timelinessNote,
  type FieldDef,
  type Units,
} from '../workflow/entry/model';
import { RequireRole } from '../workflow/RequireRole';
import { SubmissionBadge } from '../workflow/SubmissionBadge';
import { useEntryForm, type SaveStatus } from '../workflow/entry/useEntryForm';
import { setParam, withPeriod } from '../url';
import '../workflow.css';

export default function EntryPage() {
  useEffect(() => {
    document.title = pageTitle(tw.entry.title);
  }, []);
  return (
    <div className="page wf-page wf-entry">
      <RequireRole roles={['admin', 'leader', 'commune']}>{(user) => <EntryRoute user={user} />}</RequireRole>
    </div>
  );
}

/** Picks the round (?ky= or the open one) and the commune (the officer's own, or ?xa=). */
function EntryRoute({ user }: { user: UserOut }) {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const periods = useQuery(periodQueries.list());
  const communes = useQuery(communeQueries.list());
  const askedPeriod = params.get('ky');
  const askedCommune = params.get('xa');
  const list = periods.data?.periods ?? [];
  const communeCode = user.role === 'commune' ? user.communeCode : askedCommune;
  const commune = communes.data?.communes.find((c) => c.code === communeCode);
  // where action is needed: the oldest open round with a returned or overdue report (shared landingRound)
  const reports = useQuery({ ...submissionQueries.ofCommune(communeCode ?? ''), enabled: !!communeCode });
  const landing = reports.isError ? null : reports.data?.landing;
  const waitingForLanding = !askedPeriod && !!communeCode && reports.isPending;
  const period: Period | undefined = askedPeriod
    ? list.find((p) => p.code === askedPeriod)
    : waitingForLanding
      ? undefined
      : (list.find((p) => p.code === landing) ?? list.find((p) => p.status === 'open'));

  // the header's round picker reads ?ky=: write the chosen round there so both agree
  useEffect(() => {
    if (!askedPeriod && period) navigate(`${location}${setParam(search, 'ky', period.code)}`, { replace: true });
  }, [askedPeriod, period, location, search, navigate]);

  const head = (
    <div className="page-head">
      <h1>
        {tw.entry.title}
        {commune || period ? (
          <span className="h1-sub">
            {[commune?.name, period?.name].filter(Boolean).join(' · ')}
          </span>
        ) : null}
      </h1>
    </div>
  );

  if (periods.isPending || communes.isPending || waitingForLanding) {
    return (
      <>
        {head}
        <div className="page-fallback" role="status">
          <span className="sr-only">{t.state.loading}</span>
        </div>
      </>
    );
  }
  if (periods.isError || communes.isError) {
    const err = periods.error ?? communes.error;
    return (
      <>
        {head}
        <div className="wf-alert wf-alert-error" role="alert">
          <p>
            <strong>{t.state.error}</strong> {err?.message}
          </p>
          <button type="button" className="btn" onClick={() => void (periods.isError ? periods.refetch() : communes.refetch())}>
            {t.state.retry}
          </button>
        </div>
      </>
    );
  }
  if (!period) {
    return (
      <>
        {head}
        <div className="wf-alert wf-alert-info" role="status">
          <p>{askedPeriod ? tw.progress.unknownRound(askedPeriod) : tw.entry.noOpenRound}</p>
          {user.role === 'admin' ? (
            <p>
              <Link href="/quan-tri/ky-bao-cao">{tw.rounds.open}</Link>
            </p>
          ) : null}
        </div>
      </>
    );
  }
  if (user.role === 'commune' && !user.communeCode) {
    return (
      <>
        {head}
        <div className="wf-alert wf-alert-error" role="alert">
          <p>{tw.entry.noCommune}</p>
        </div>
      </>
    );
  }
  if (!communeCode || !commune) {
    return (
      <>
        {head}
        <ChooseCommune communes={communes.data.communes} onChoose={(code) => navigate(`${location}${setParam(search, 'xa', code)}`)} />
      </>
    );
  }
  return (
    <>
      {head}
      {user.role === 'commune' && askedCommune && askedCommune !== user.communeCode ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.notYourCommune}
        </p>
      ) : null}
      {reports.data ? <OtherRounds rounds={reports.data.rounds} current={period.code} /> : null}
      <EntryForm key={`${period.code}:${commune.code}`} user={user} period={period} commune={commune} />
    </>
  );
}

/** The other open rounds where this commune still has to report, the urgent ones first. */
function OtherRounds({ rounds, current }: { rounds: CommuneReports['rounds']; current: string }) {
  const search = useSearch();
  const [location] = useLocation();
  const others = rounds.filter((r) => r.period.code !== current && !isReported(r.state)).sort((a, b) => Number(b.needsAction) - Number(a.needsAction));
  if (!others.length) return null;
  return (
    <section className={`wf-alert ${others.some((r) => r.needsAction) ? 'wf-alert-returned' : 'wf-alert-info'}`} aria-labelledby="other-rounds" data-other-rounds>
      <h2 id="other-rounds">{tw.entry.otherRounds(others.length)}</h2>
      <ul>
        {others.map((r) => {
          const note = timelinessNote(r.timeliness, r.period.deadline, new Date());
          return (
            <li key={r.period.code}>
              <Link href={`${location}${setParam(search, 'ky', r.period.code)}`}>{r.period.name}</Link>: {tw.status[r.state]}
              {note ? <span className={note.bad ? 'wf-bad' : undefined}> · {note.text}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ChooseCommune({ communes, onChoose }: { communes: Commune[]; onChoose: (code: string) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      className="panel wf-form wf-narrow"
      onSubmit={(e) => {
        e.preventDefault();
        if (code) onChoose(code);
      }}
    >
      <h2 className="panel-title">{tw.entry.chooseCommune}</h2>
      <p className="wf-hint">{tw.entry.chooseCommuneIntro}</p>
      <CommuneSelect label={tw.entry.commune} communes={communes} value={code} onChange={setCode} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={!code}>
          {tw.entry.open}
        </button>
      </div>
    </form>
  );
}

type Action = 'submit' | 'approve' | 'return' | 'reopen' | null;

function EntryForm({ user, period, commune }: { user: UserOut; period: Period; commune: Commune }) {
  const sub = useQuery(submissionQueries.detail(period.code, commune.code));
  const catalogue = useQuery(catalogueQueries.indicators());
  const [action, setAction] = useState<Action>(null);
  const [blocked, setBlocked] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  const asked = useMemo(() => sub.data?.values.map((v) => v.element) ?? [], [sub.data]);
  const groups = useMemo(() => groupFields(catalogue.data?.elements ?? [], asked), [catalogue.data, asked]);
  const fields = useMemo(() => groups.flatMap((g) => g.fields), [groups]);
  const fieldCodes = useMemo(() => fields.map((f) => f.code), [fields]);
  const units: Units = useMemo(() => Object.fromEntries(fields.map((f) => [f.code, f.unit])), [fields]);
  const previous = useMemo(() => Object.fromEntries((sub.data?.values ?? []).map((v) => [v.element, v.previousValue])), [sub.data]);
  // the server says which round "previous" is: only ever the previous round of the same kind
  // (decision 009), so the 3× rule and the values shown beside the fields agree
  const comparedWith = sub.data?.comparedWith ?? null;
  const checkPrevious = comparedWith ? previous : undefined;

  const roundOpen = period.status === 'open';
  const editable = !!sub.data && roundOpen && isEditable(sub.data, user.role);
  const form = useEntryForm({
    period: period.code,
    commune: commune.code,
    username: user.username,
    sub: catalogue.data ? sub.data : undefined,
    units,
    fields: fieldCodes,
    editable,
    refetch: async () => (await sub.refetch()).data,
  });

  const values = useMemo(() => (form.state ? currentValues(form.state, units) : null), [form.state, units]);
  const pending = useMemo(() => (form.state ? pendingChanges(form.state, units) : null), [form.state, units]);
  const checks = useMemo(() => {
    if (!values || !pending) return { errors: [], warnings: [] };
    const live = liveChecks({ fields, values: values.values, previous: checkPrevious, villages: commune.villages, population: commune.population });
    return mergeChecks(live, form.serverChecks, new Set([...Object.keys(pending.values), ...pending.invalid]));
  }, [values, pending, fields, checkPrevious, commune.villages, commune.population, form.serverChecks]);
  const errorsBy = useMemo(() => byElement(checks.errors), [checks.errors]);
  const warningsBy = useMemo(() => byElement(checks.warnings), [checks.warnings]);
  const ready = form.state ? readiness(checks, form.state, units, fieldCodes) : null;

  const step = useMutation(
    submissionMutations.step(period.code, commune.code, {
      // everything on screen must be on the server before it is submitted
      beforeSubmit: async () => {
        const saved = await form.flush();
        if (!saved) throw new Error(tw.entry.submitBlocked);
        return { version: form.currentVersion() };
      },
    }),
  );
  const act = (kind: Exclude<Action, null>, text: string) => {
    const vars: StepVariables =
      kind === 'submit'
        ? { step: 'submit', body: {} } // the version is the one the save before it made (beforeSubmit)
        : // the version the admin is looking at: approving a form that changed meanwhile is a 409
          kind === 'approve'
          ? { step: 'approve', body: { version: sub.data?.version } }
          : kind === 'return'
            ? { step: 'return', body: { comment: text } }
            : { step: 'reopen', body: { reason: text } };
    step.mutate(vars, {
      onSuccess: () => {
        setFlash(kind === 'submit' ? tw.entry.submitted : kind === 'approve' ? tw.entry.approved : kind === 'return' ? tw.entry.returned : tw.entry.reopened);
        setAction(null);
        window.scrollTo({ top: 0 });
      },
    });
  };

  if (sub.isPending || catalogue.isPending || (sub.data && !form.state)) {
    return (
      <div className="page-fallback" role="status">
        <span className="sr-only">{t.state.loading}</span>
      </div>
    );
  }
  if (sub.isError || catalogue.isError) {
    const err = sub.error ?? catalogue.error;
    return (
      <div className="wf-alert wf-alert-error" role="alert">
        <p>
          <strong>{t.state.error}</strong> {err?.message}
        </p>
        <button type="button" className="btn" onClick={() => void sub.refetch()}>
          {t.state.retry}
        </button>
      </div>
    );
  }
  const s = sub.data!;
  const state = form.state!;
  const lastReturn = [...s.comments].reverse().find((c) => c.kind === 'return');
  const timing = timelinessNote(s.timeliness, s.deadline, new Date());
  const isAdmin = user.role === 'admin';
  const nameOf = (code: string) => fields.find((f) => f.code === code)?.name ?? code;

  const focusFirstProblem = () => {
    const first = ready?.invalid[0] ?? ready?.errors[0]?.element ?? ready?.unexplained[0]?.element;
    if (!first) return;
    const target = ready?.unexplained[0]?.element === first && !ready?.errors.length && !ready?.invalid.length ? `expl-${first}` : `f-${first}`;
    document.getElementById(target)?.focus();
  };

  return (
    <>
      <div className="wf-entry-status panel">
        <div className="wf-entry-status-main">
          <SubmissionBadge status={s.status} timeliness={s.timeliness.kind} />
          {s.deadline ? (
            <span>
              {tw.entry.deadline(formatDate(s.deadline))}
              {timing ? <span className={timing.bad ? 'wf-bad' : undefined}> ({timing.text})</span> : null}
            </span>
          ) : null}
          {ready ? <span className="muted">{tw.entry.filled(ready.filled, fieldCodes.length)}</span> : null}
        </div>
        <div className="wf-entry-links">
          <Link href={`/nhat-ky?xa=${commune.code}&ky=${period.code}`}>{tw.entry.auditLink}</Link>
          <Link href={withPeriod(`/xa/${commune.code}`, period.code)}>{tw.entry.standingLink}</Link>
        </div>
      </div>

      {flash ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {flash}
        </p>
      ) : null}

      {s.source ? (
        <p className="wf-alert wf-alert-info" role="status" data-imported>
          {tw.entry.importedBy(s.source.fileName, formatDateTime(s.source.at))}
        </p>
      ) : null}
      {s.status === 'returned' && lastReturn ? (
        <section className="wf-alert wf-alert-returned" aria-labelledby="returned-title" data-returned>
          <h2 id="returned-title">{tw.entry.returnedBanner}</h2>
          <blockquote>
            <p>{lastReturn.body}</p>
            <footer>{tw.entry.commentBy(lastReturn.author, formatDateTime(lastReturn.at))}</footer>
          </blockquote>
          {editable ? <p>{tw.entry.returnedHint}</p> : null}
        </section>
      ) : null}
      {s.status === 'submitted' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.submittedBanner(formatDateTime(s.submittedAt))}
        </p>
      ) : null}
      {s.status === 'approved' ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {tw.entry.approvedBanner(formatDateTime(s.approvedAt))}
        </p>
      ) : null}
      {!roundOpen ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.closedRound}
        </p>
      ) : s.locked && s.status !== 'approved' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.lockedBanner}
        </p>
      ) : null}
      {user.role === 'leader' ? (
        <p className="wf-alert wf-alert-info" role="status">
          {tw.entry.readOnlyLeader}
        </p>
      ) : null}

      {form.notice ? (
        <section className="wf-alert wf-alert-info" role="status" data-restored>
          {form.notice.restored.length ? <p>{tw.entry.restored(form.notice.restored.length, formatDateTime(form.notice.at))}</p> : null}
          {form.notice.conflicts.length ? (
            <>
              <p>{tw.entry.restoreConflicts}</p>
              <ul>
                {form.notice.conflicts.map((c) => (
                  <li key={c.element}>{tw.entry.conflictLine(nameOf(c.element), c.mine, formatValue(c.theirs, units[c.element] ?? 'count'))}</li>
                ))}
              </ul>
            </>
          ) : null}
          <button type="button" className="btn btn-quiet btn-small" onClick={form.dismissNotice}>
            {tw.entry.dismiss}
          </button>
        </section>
      ) : null}

      {form.save.kind === 'conflict' ? (
        <section className="wf-alert wf-alert-error" role="alert" data-conflict>
          <h2>{tw.entry.conflictTitle}</h2>
          <p>{form.save.message}</p>
          <p>{tw.entry.conflictBody}</p>
          <button type="button" className="btn btn-primary" onClick={() => void form.reload()}>
            {tw.entry.reload}
          </button>
        </section>
      ) : null}

      {isAdmin && (s.status === 'submitted' || s.status === 'approved') && roundOpen ? (
        <section className="panel wf-review" aria-labelledby="review-title">
          <h2 id="review-title" className="panel-title">
            {tw.entry.review}
          </h2>
          <div className="wf-actions">
            {s.status === 'submitted' ? (
              <>
                <button type="button" className="btn btn-primary" onClick={() => (step.reset(), setAction('approve'))}>
                  {tw.entry.approve}
                </button>
                <button type="button" className="btn" onClick={() => (step.reset(), setAction('return'))}>
                  {tw.entry.return}
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => (step.reset(), setAction('reopen'))}>
                {tw.entry.reopen}
              </button>
            )}
          </div>
        </section>
      ) : null}

      {fields.length === 0 ? <p className="wf-alert wf-alert-info">{tw.entry.noFields}</p> : null}

      <form
        className="wf-entry-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        {groups.map((g) => (
          <fieldset key={g.code} className="panel wf-group" data-group={g.code}>
            <legend>{g.name}</legend>
            <div className="wf-fields">
              {g.fields.map((f) => (
                <Field
                  key={f.code}
                  field={f}
                  raw={state.inputs[f.code] ?? ''}
                  explanation={state.explanations[f.code] ?? ''}
                  previous={previous[f.code] ?? null}
                  previousRound={comparedWith?.name}
                  errors={errorsBy.get(f.code) ?? []}
                  warnings={warningsBy.get(f.code) ?? []}
                  invalid={values?.invalid.includes(f.code) ?? false}
                  editable={editable}
                  period={period.code}
                  commune={commune.code}
                  onInput={(raw) => form.setInput(f.code, raw)}
                  onExplain={(text) => form.setExplanation(f.code, text)}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </form>

      {s.comments.length ? (
        <section className="panel" aria-labelledby="comments-title">
          <h2 id="comments-title" className="panel-title">
            {tw.entry.comments}
          </h2>
          <ol className="wf-comments">
            {s.comments.map((c, i) => (
              <li key={i} data-kind={c.kind}>
                <span className={`badge wf-comment-kind wf-comment-${c.kind}`}>{tw.entry.commentKinds[c.kind] ?? c.kind}</span>{' '}
                <span className="muted">{tw.entry.commentBy(c.author, formatDateTime(c.at))}</span>
                {c.body ? <p>{c.body}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {editable || form.save.kind !== 'idle' ? (
        <div className="wf-bar" role="region" aria-label={tw.entry.submit}>
          <SaveIndicator save={form.save} pendingCount={pending?.count ?? 0} invalid={pending?.invalid.length ?? 0} lastSaved={s.updatedAt} onSaveNow={form.saveNow} onReload={() => void form.reload()} />
          {editable && ready ? (
            <div className="wf-bar-right">
              <span className="wf-bar-summary" aria-live="polite">
                {ready.errors.length || ready.invalid.length ? <span className="wf-bad">{tw.entry.errorsCount(ready.errors.length + ready.invalid.length)}</span> : null}
                {ready.unexplained.length ? <span className="wf-warn">{tw.entry.warningsCount(ready.unexplained.length)}</span> : null}
                {ready.ok ? <span className="wf-good">{tw.entry.ready}</span> : null}
              </span>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  step.reset();
                  if (!ready.ok) {
                    setBlocked(true);
                    focusFirstProblem();
                    return;
                  }
                  setBlocked(false);
                  setAction('submit');
                }}
              >
                {tw.entry.submit}
              </button>
            </div>
          ) : null}
          {blocked && ready && !ready.ok ? (
            <p className="wf-bar-blocked" role="alert">
              {tw.entry.submitBlocked}
            </p>
          ) : null}
        </div>
      ) : null}

      <ConfirmDialog
        open={action !== null}
        title={
          action === 'submit' ? tw.entry.submitTitle : action === 'approve' ? tw.entry.approveTitle : action === 'return' ? tw.entry.returnTitle : tw.entry.reopenTitle
        }
        body={
          action === 'submit' ? (
            <>
              <p>{tw.entry.submitBody}</p>
              {ready && ready.empty > 0 ? <p>{tw.entry.submitEmpty(ready.empty)}</p> : null}
            </>
          ) : action === 'approve' ? (
            tw.entry.approveBody
          ) : action === 'return' ? (
            tw.entry.returnBody
          ) : (
            tw.entry.reopenBody
          )
        }
        confirmLabel={action === 'submit' ? tw.entry.submit : action === 'approve' ? tw.entry.approve : action === 'return' ? tw.entry.return : tw.entry.reopen}
        input={
          action === 'return'
            ? { label: tw.entry.returnInput, kind: 'textarea' }
            : action === 'reopen'
              ? { label: tw.entry.reopenInput, kind: 'textarea' }
              : undefined
        }
        busy={step.isPending}
        error={step.isError ? step.error.message : null}
        onCancel={() => setAction(null)}
        onConfirm={(text) => action && act(action, text)}
      />
    </>
  );
}

function SaveIndicator({
  save,
  pendingCount,
  invalid,
  lastSaved,
  onSaveNow,
  onReload,
}: {
  save: SaveStatus;
  pendingCount: number;
  invalid: number;
  /** when the server last saved this form (before this visit) */
  lastSaved: string | null;
  onSaveNow: () => void;
  onReload: () => void;
}) {
  let text: string;
  let tone = '';
  let retry = false;
  switch (save.kind) {
    case 'saving':
      text = tw.entry.saving;
      break;
    case 'retry':
      text = save.offline ? tw.entry.offline : tw.entry.retrying;
      tone = 'wf-warn';
      retry = true;
      break;
    case 'conflict':
      text = tw.entry.conflictTitle;
      tone = 'wf-bad';
      break;
    case 'rejected':
      text = `${tw.entry.rejected} ${save.message}`;
      tone = 'wf-bad';
      retry = true;
      break;
    case 'signedOut':
      text = tw.entry.signedOut;
      tone = 'wf-bad';
      retry = true;
      break;
    case 'saved':
      text = pendingCount > 0 ? tw.entry.unsaved : tw.entry.savedAt(savedTime(save.at, new Date()));
      break;
    default:
      text = pendingCount > 0 ? tw.entry.unsaved : lastSaved ? tw.entry.savedAt(savedTime(lastSaved, new Date())) : '';
  }
  return (
    <div className="wf-save">
      <span className={`wf-save-text ${tone}`} role="status" aria-live="polite" data-save={save.kind}>
        {text}
        {invalid > 0 ? <span className="wf-bad"> {tw.entry.invalidNotSaved(invalid)}</span> : null}
      </span>
      {retry ? (
        <button type="button" className="btn btn-quiet btn-small" onClick={onSaveNow}>
          {tw.entry.saveNow}
        </button>
      ) : null}
      {/* the officer may be far down the form when the conflict happens: the way out is here too */}
      {save.kind === 'conflict' ? (
        <button type="button" className="btn btn-primary btn-small" onClick={onReload}>
          {tw.entry.reload}
        </button>
      ) : null}
    </div>
  );
}

interface FieldProps {
  field: FieldDef;
  raw: string;
  explanation: string;
  previous: number | null;
  /** the name of the round the previous value comes from ("Quý III/2026") */
  previousRound?: string;
  errors: CheckIssue[];
  warnings: CheckIssue[];
  invalid: boolean;
  editable: boolean;
  period: string;
  commune: string;
  onInput: (raw: string) => void;
  onExplain: (text: string) => void;
}

function Field({ field, raw, explanation, previous, previousRound, errors, warnings, invalid, editable, period, commune, onInput, onExplain }: FieldProps) {
  const id = `f-${field.code}`;
  const [historyOpen, setHistoryOpen] = useState(false);
  const history = useQuery({ ...auditQueries.list({ commune, period, element: field.code }), enabled: historyOpen });
  const unit = tw.entry.units[field.unit] ?? '';
  const read = invalid ? null : readBack(raw, field.unit);
  const isZero = fieldValue(raw, field.unit) === 0;
  const needsExplanation = warnings.length > 0;
  const describedBy = [
    `${id}-prev`,
    read ? `${id}-read` : '',
    invalid || errors.length ? `${id}-err` : '',
    warnings.length ? `${id}-warn` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const state = invalid || errors.length ? 'error' : warnings.length ? (explanation.trim() ? 'explained' : 'warning') : 'ok';

  return (
    <div className={`wf-fieldrow wf-state-${state}`} data-element={field.code}>
      <label htmlFor={id} className="wf-fieldname">
        {field.name}
        {unit ? <span className="wf-unit"> ({unit})</span> : null}
      </label>
      <div className="wf-inputline">
        {field.unit === 'boolean' ? (
          <select id={id} value={raw === '' ? '' : raw} disabled={!editable} onChange={(e) => onInput(e.target.value)} aria-describedby={describedBy}>
            <option value="">{tw.entry.booleanChoose}</option>
            <option value="Có">{tw.common.yes}</option>
            <option value="Không">{tw.common.no}</option>
          </select>
        ) : (
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={raw}
            placeholder={editable ? tw.entry.emptyPh : ''}
            readOnly={!editable}
            aria-invalid={invalid || errors.length > 0}
            aria-describedby={describedBy}
            onChange={(e) => onInput(e.target.value)}
          />
        )}
        {unit ? (
          <span className="wf-unit-tag" aria-hidden="true">
            {unit}
          </span>
        ) : null}
        {editable && field.unit !== 'boolean' ? (
          <span className="wf-field-tools">
            <button type="button" className={`btn btn-quiet btn-small${isZero ? ' wf-pressed' : ''}`} aria-pressed={isZero} title={tw.entry.noneTitle(field.name)} aria-label={tw.entry.noneTitle(field.name)} onClick={() => onInput(isZero ? '' : '0')}>
              {tw.entry.none}
            </button>
            <button type="button" className="btn btn-quiet btn-small" aria-label={tw.entry.clearTitle(field.name)} title={tw.entry.clearTitle(field.name)} disabled={raw === ''} onClick={() => onInput('')}>
              {tw.entry.clear}
            </button>
          </span>
        ) : null}
      </div>
      <p id={`${id}-prev`} className="wf-prev">
        {previous === null ? tw.entry.noPrevious : tw.entry.previous(formatValue(previous, field.unit), previousRound)}
        {isZero ? <span className="wf-zero"> · {tw.entry.zeroNote}</span> : null}
      </p>
      {read ? (
        <p id={`${id}-read`} className="wf-read">
          {tw.entry.readAs(read)}
        </p>
      ) : null}
      {invalid || errors.length ? (
        <div id={`${id}-err`} className="wf-msg wf-msg-error">
          {invalid ? <p>{tw.entry.notANumber}</p> : null}
          {errors.map((e) => (
            <p key={e.code}>{e.message}</p>
          ))}
        </div>
      ) : null}
      {needsExplanation ? (
        <div id={`${id}-warn`} className="wf-msg wf-msg-warning">
          {warnings.map((w) => (
            <p key={w.code}>{w.message}</p>
          ))}
        </div>
      ) : null}
      {needsExplanation || explanation.trim() ? (
        <div className="wf-explain">
          <label htmlFor={`expl-${field.code}`}>{tw.entry.explanation(field.name)}</label>
          <input
            id={`expl-${field.code}`}
            type="text"
            maxLength={500}
            value={explanation}
            placeholder={tw.entry.explanationPh}
            readOnly={!editable}
            aria-invalid={needsExplanation && !explanation.trim()}
            onChange={(e) => onExplain(e.target.value)}
          />
        </div>
      ) : null}
      <details className="wf-field-history" onToggle={(e) => setHistoryOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          {tw.entry.history}
          <span className="sr-only">: {field.name}</span>
        </summary>
        {historyOpen ? (
          history.isPending ? (
            <p className="muted">{t.state.loading}</p>
          ) : history.isError ? (
            <p className="wf-bad">{history.error.message}</p>
          ) : (
            <FieldHistoryList entries={history.data.entries} unit={field.unit} />
          )
        ) : null}
      </details>
    </div>
  );
}
