// /quan-tri/ky-bao-cao (admin): open a round (name, code, kind, dates, deadline, which data
// elements, grouped like the reports), see the rounds, close an open one, and publish a closed one
// or reopen it for a correction (issue 12, ../releases/RoundReleaseActions.tsx).
import { useEffect, useId, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { formatDate } from '@nq57/shared';
import type { Period, PeriodCreateBody } from '@nq57/shared/schemas';
import { roundMutations } from '../api/mutations';
import { catalogueQueries, periodQueries } from '../api/queries';
import { LoadState, WriteResult } from '../components/LoadState';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { AdminNav } from '../workflow/AdminNav';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { groupFields } from '../workflow/entry/model';
import { RequireRole } from '../workflow/RequireRole';
import { formElements, roundBody, roundFromName, suggestCode, type RoundDraft } from '../workflow/rounds';
import { DateInput } from '../components/DateInput';
import { withPeriod } from '../url';
import { ReleaseCell, RoundReleaseActions } from '../releases/RoundReleaseActions';
import { tr } from '../i18n/releases';
import '../workflow.css';

const KINDS: PeriodCreateBody['kind'][] = ['quarter', 'nine_months', 'year', 'month'];

export default function RoundsAdminPage() {
  useEffect(() => {
    document.title = pageTitle(tw.rounds.title);
  }, []);
  return (
    <div className="page wf-page">
      <div className="page-head">
        <h1>{tw.rounds.title}</h1>
        <p className="wf-intro">{tw.rounds.intro}</p>
      </div>
      <RequireRole roles={['admin']} refusal={tw.common.adminOnly}>
        {() => (
          <>
            <AdminNav />
            <div className="wf-grid-admin">
              <RoundList />
              <OpenRound />
            </div>
          </>
        )}
      </RequireRole>
    </div>
  );
}

function RoundList() {
  const periods = useQuery(periodQueries.list());
  const [closing, setClosing] = useState<Period | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const close = useMutation(roundMutations.close());
  const list = periods.data?.periods ?? [];
  return (
    <PanelFrame id="rounds-list" title={tw.rounds.list} state={panelState(periods, list.length === 0, tw.rounds.empty)} minHeight={200}>
      <WriteResult done={done} />
      <div className="wf-table-wrap">
        <table className="wf-table wf-rounds">
          <thead>
            <tr>
              <th scope="col">{tw.rounds.cols.name}</th>
              <th scope="col">{tw.rounds.cols.range}</th>
              <th scope="col">{tw.rounds.cols.deadline}</th>
              <th scope="col">{tw.rounds.cols.status}</th>
              <th scope="col" className="num">
                {tw.rounds.cols.reported}
              </th>
              <th scope="col">{tr.col}</th>
              <th scope="col">{tw.rounds.cols.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.code} data-round={p.code}>
                <th scope="row">
                  {p.name}
                  <span className="c-sub">{p.code}</span>
                </th>
                <td data-label={tw.rounds.cols.range}>
                  {formatDate(p.startDate)} – {formatDate(p.endDate)}
                </td>
                <td data-label={tw.rounds.cols.deadline}>{p.deadline ? formatDate(p.deadline) : tw.rounds.noDeadline}</td>
                <td data-label={tw.rounds.cols.status}>
                  <span className={`badge ${p.status === 'open' ? 'wf-badge-on' : 'wf-badge-off'}`}>{p.status === 'open' ? tw.rounds.statusOpen : tw.rounds.statusClosed}</span>
                </td>
                <td className="num" data-label={tw.rounds.cols.reported}>
                  {p.communesReported}
                </td>
                <td data-label={tr.col}>
                  <ReleaseCell round={p} />
                </td>
                <td className="wf-row-actions">
                  <Link href={withPeriod('/tien-do', p.code)} className="btn btn-quiet btn-small">
                    {tw.rounds.progress}
                  </Link>
                  {p.status === 'open' ? (
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      aria-label={`${tw.rounds.close} ${p.name}`}
                      onClick={() => {
                        close.reset();
                        setClosing(p);
                      }}
                    >
                      {tw.rounds.close}
                    </button>
                  ) : null}
                  <RoundReleaseActions round={p} onDone={setDone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={closing !== null}
        title={closing ? tw.rounds.closeTitle(closing.name) : ''}
        body={tw.rounds.closeBody}
        confirmLabel={tw.rounds.close}
        danger
        busy={close.isPending}
        error={close.error?.message}
        onCancel={() => setClosing(null)}
        onConfirm={() =>
          closing &&
          close.mutate(closing.code, {
            onSuccess: () => {
              setDone(tw.rounds.closed(closing.name));
              setClosing(null);
            },
          })
        }
      />
    </PanelFrame>
  );
}

function OpenRound() {
  const id = useId();
  const catalogue = useQuery(catalogueQueries.indicators());
  const offeredElements = useMemo(() => formElements(catalogue.data?.elements ?? []), [catalogue.data]);
  const offered = useMemo(() => offeredElements.map((e) => e.code), [offeredElements]);
  const groups = useMemo(() => groupFields(offeredElements, offered), [offeredElements, offered]);
  const [draft, setDraft] = useState<RoundDraft>({ name: '', code: '', kind: 'quarter', startDate: '', endDate: '', deadline: '', elements: [] });
  const [codeTouched, setCodeTouched] = useState(false);
  // the kind and the dates follow a name that says the round ("Tháng 11/2026") until the admin sets them
  const [followName, setFollowName] = useState(true);
  const [chosenInit, setChosenInit] = useState(false);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);

  // every form element is asked for until the admin says otherwise
  useEffect(() => {
    if (!chosenInit && offered.length > 0) {
      setDraft((d) => ({ ...d, elements: offered }));
      setChosenInit(true);
    }
  }, [offered, chosenInit]);

  const open = useMutation(roundMutations.open());
  // the suggested code follows the name, the kind and the dates until the admin types one
  const set = (patch: Partial<RoundDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      return codeTouched || 'code' in patch ? next : { ...next, code: suggestCode(next) };
    });
  const setName = (name: string) => {
    const guess = followName ? roundFromName(name) : null;
    set(guess ? { name, kind: guess.kind, startDate: guess.startDate, endDate: guess.endDate } : { name });
  };
  const chosen = new Set(draft.elements);
  const error = problem?.message ?? open.error?.message;
  const inv = (f: string) => problem?.field === f;

  return (
    <form
      className="panel wf-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        open.reset();
        const r = roundBody(draft, offered);
        if ('message' in r) return setProblem({ field: r.field, message: r.message });
        setProblem(null);
        open.mutate(r.body, {
          onSuccess: () => {
            setDraft({ name: '', code: '', kind: draft.kind, startDate: '', endDate: '', deadline: '', elements: offered });
            setCodeTouched(false);
            setFollowName(true);
          },
        });
      }}
    >
      <h2 id={`${id}-title`} className="panel-title">
        {tw.rounds.open}
      </h2>
      <div className="wf-field">
        <label htmlFor={`${id}-name`}>{tw.rounds.name}</label>
        <input
          id={`${id}-name`}
          value={draft.name}
          placeholder={tw.rounds.namePh}
          maxLength={100}
          aria-invalid={inv('name')}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="wf-row">
        <div className="wf-field">
          <label htmlFor={`${id}-code`}>{tw.rounds.code}</label>
          <input
            id={`${id}-code`}
            value={draft.code}
            maxLength={32}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={inv('code')}
            aria-describedby={`${id}-codeh`}
            onChange={(e) => {
              setCodeTouched(true);
              set({ code: e.target.value });
            }}
          />
          <span id={`${id}-codeh`} className="wf-hint">
            {tw.rounds.codeHint}
          </span>
        </div>
        <div className="wf-field">
          <label htmlFor={`${id}-kind`}>{tw.rounds.kind}</label>
          <select
            id={`${id}-kind`}
            value={draft.kind}
            onChange={(e) => {
              setFollowName(false);
              set({ kind: e.target.value as RoundDraft['kind'] });
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tw.rounds.kinds[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="wf-row wf-row-3">
        <div className="wf-field">
          <label htmlFor={`${id}-start`}>{tw.rounds.startDate}</label>
          <DateInput id={`${id}-start`} value={draft.startDate} aria-invalid={inv('startDate')} onChange={(v) => (setFollowName(false), set({ startDate: v }))} />
        </div>
        <div className="wf-field">
          <label htmlFor={`${id}-end`}>{tw.rounds.endDate}</label>
          <DateInput id={`${id}-end`} value={draft.endDate} aria-invalid={inv('endDate')} onChange={(v) => (setFollowName(false), set({ endDate: v }))} />
        </div>
        <div className="wf-field">
          <label htmlFor={`${id}-due`}>{tw.rounds.deadline}</label>
          <DateInput id={`${id}-due`} value={draft.deadline} aria-invalid={inv('deadline')} onChange={(v) => set({ deadline: v })} />
        </div>
      </div>
      <fieldset className="wf-elements" aria-invalid={inv('elements')}>
        <legend>{tw.rounds.elements}</legend>
        <p className="wf-hint">{tw.rounds.elementsHint}</p>
        <div className="wf-elements-tools">
          <span className="muted" aria-live="polite">
            {tw.rounds.chosen(offered.filter((c) => chosen.has(c)).length, offered.length)}
          </span>
          <button type="button" className="link-btn" onClick={() => set({ elements: offered })}>
            {tw.rounds.all}
          </button>
          <button type="button" className="link-btn" onClick={() => set({ elements: [] })}>
            {tw.rounds.none}
          </button>
        </div>
        <LoadState variant="inline" state={panelState(catalogue)} />
        {groups.map((g) => {
          const n = g.fields.filter((f) => chosen.has(f.code)).length;
          const all = n === g.fields.length;
          return (
            <div key={g.code} className="wf-element-group">
              <label className="wf-check wf-check-group">
                <input
                  type="checkbox"
                  checked={all}
                  ref={(el) => {
                    if (el) el.indeterminate = n > 0 && !all;
                  }}
                  aria-label={tw.rounds.selectGroup(g.name)}
                  onChange={(e) => {
                    const codes = new Set(g.fields.map((f) => f.code));
                    const rest = draft.elements.filter((c) => !codes.has(c));
                    set({ elements: e.target.checked ? [...rest, ...codes] : rest });
                  }}
                />
                <strong>{tw.rounds.group(g.name, n, g.fields.length)}</strong>
              </label>
              <ul>
                {g.fields.map((f) => (
                  <li key={f.code}>
                    <label className="wf-check">
                      <input
                        type="checkbox"
                        checked={chosen.has(f.code)}
                        onChange={(e) => set({ elements: e.target.checked ? [...draft.elements, f.code] : draft.elements.filter((c) => c !== f.code) })}
                      />
                      {f.name}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </fieldset>
      <WriteResult error={error} done={open.isSuccess ? tw.rounds.opened(open.data.name) : null} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={open.isPending || catalogue.isPending}>
          {open.isPending ? tw.common.working : tw.rounds.submit}
        </button>
      </div>
    </form>
  );
}
