// A commune's form for one round, laid out from top to bottom: where the report stands, what waits
// in this browser to be sent (and what the server could not take, and the fields to choose), what the
// autosave has to say, the Sở's review, the fields grouped like the reports, the exchange with the
// Sở, the bar with the save state and "Nộp báo cáo", and the step's confirmation. The state is
// useEntry's; this file only places it.
import type { Commune, Period, UserOut } from '@nq57/shared/schemas';
import { LoadState } from '../../components/LoadState';
import { tw } from '../../i18n/workflow';
import { Comments } from './Comments';
import { FieldRow } from './FieldRow';
import { ReportStatus } from './ReportStatus';
import { ReviewPanel } from './ReviewPanel';
import { SaveBar } from './SaveBar';
import { ConflictAlert, RestoredNotice } from './SaveNotices';
import { ConflictChooser, HeldPanel, OutboxLine } from './OutboxNotices';
import { useOnline, useOutboxState, useStoragePersistence } from '../../offline/useOutbox';
import { StepDialog } from './StepDialog';
import { useEntry } from './useEntry';

export function EntryForm({ user, period, commune }: { user: UserOut; period: Period; commune: Commune }) {
  const { load, sub: s, round, view, form, steps, roundOpen, editable } = useEntry({ user, period, commune });
  // what waits in this browser for the account (every form), and whether the browser keeps it for good
  const outbox = useOutboxState(user.username);
  const online = useOnline();
  const persistence = useStoragePersistence(editable);
  if (load.status !== 'ready' || !s || !form.state) return <LoadState state={load} />;
  const state = form.state;

  return (
    <>
      <ReportStatus s={s} user={user} period={period} commune={commune} ready={view.ready} fieldCount={round.codes.length} roundOpen={roundOpen} editable={editable} flash={steps.flash} />

      <OutboxLine outbox={outbox} online={online} persistence={persistence} editable={editable} onSendNow={form.saveNow} thisForm={form.record?.key ?? ''} />
      {form.record?.held && form.record.held.kind !== 'conflict' && (!editable || form.record.held.kind === 'rejected') ? (
        <HeldPanel record={form.record} round={round} serverValues={Object.fromEntries(s.values.map((v) => [v.element, v.value]))} onDiscard={form.discardHeld} />
      ) : null}
      {form.notice ? <RestoredNotice notice={form.notice} onDismiss={form.dismissNotice} /> : null}
      {form.save.kind === 'conflict' ? <ConflictAlert save={form.save} onReload={() => void form.reload()} /> : null}
      {editable && form.record?.conflicts.length ? <ConflictChooser record={form.record} round={round} onChoose={form.choose} /> : null}

      {user.role === 'admin' && (s.status === 'submitted' || s.status === 'approved') && roundOpen ? <ReviewPanel status={s.status} onAsk={steps.ask} /> : null}

      {round.fields.length === 0 ? <p className="wf-alert wf-alert-info">{tw.entry.noFields}</p> : null}

      <form
        className="wf-entry-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        {round.groups.map((g) => (
          <fieldset key={g.code} className="panel wf-group" data-group={g.code}>
            <legend>{g.name}</legend>
            <div className="wf-fields">
              {g.fields.map((f) => (
                <FieldRow
                  key={f.code}
                  field={f}
                  raw={state.inputs[f.code] ?? ''}
                  explanation={state.explanations[f.code] ?? ''}
                  previous={round.previous[f.code] ?? null}
                  previousRound={round.comparedWith?.name}
                  errors={view.errorsBy.get(f.code) ?? []}
                  warnings={view.warningsBy.get(f.code) ?? []}
                  invalid={view.values?.invalid.includes(f.code) ?? false}
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

      <Comments comments={s.comments} />

      {editable || form.save.kind !== 'idle' ? (
        <SaveBar
          save={form.save}
          pending={view.pending}
          lastSaved={s.updatedAt}
          ready={view.ready}
          canSubmit={editable}
          blocked={steps.blocked}
          onSaveNow={form.saveNow}
          onReload={() => void form.reload()}
          onSubmit={steps.askSubmit}
        />
      ) : null}

      <StepDialog step={steps.action} ready={view.ready} busy={steps.busy} error={steps.error} onConfirm={steps.confirm} onCancel={steps.cancel} />
    </>
  );
}
