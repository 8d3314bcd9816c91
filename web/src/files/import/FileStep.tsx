// Step 2: the file, whether its figures count as submitted or approved, a saved column mapping,
// and "Kiểm tra tệp" (a dry run: nothing is written), with the upload's progress.
import { formatPercent } from '@nq57/shared';
import type { ImportMode, MappingOut } from '@nq57/shared/schemas';
import { FilePicker } from '../../components/FilePicker';
import { tf } from '../../i18n/files';
import type { ImportState } from './model';

interface Props {
  id: string;
  state: ImportState;
  mappings: MappingOut[];
  onFile: (file: File | null) => void;
  onMode: (mode: ImportMode) => void;
  onMapping: (name: string) => void;
  onCheck: () => void;
}

export function FileStep({ id, state, mappings, onFile, onMode, onMapping, onCheck }: Props) {
  return (
    <section className="imp-step" aria-labelledby={`${id}-s2`}>
      <h2 id={`${id}-s2`}>{tf.step2}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onCheck();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-file`}>{tf.file}</label>
          <FilePicker
            id={`${id}-file`}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            fileName={state.file?.name ?? null}
            chooseLabel={tf.chooseFile}
            noneLabel={tf.noFile}
            onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          />
          {state.fileTooLarge ? (
            <p className="wf-bad" role="alert">
              {tf.fileTooLarge}
            </p>
          ) : null}
        </div>
        <fieldset className="imp-mode">
          <legend>{tf.mode}</legend>
          {(['submitted', 'approved'] as const).map((m) => (
            <label key={m} className="inline-field">
              <input type="radio" name={`${id}-mode`} value={m} checked={state.mode === m} onChange={() => onMode(m)} />
              {m === 'approved' ? tf.modeApproved : tf.modeSubmitted}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-mapping`}>{tf.mapping}</label>
          <select id={`${id}-mapping`} value={state.mappingName} onChange={(e) => onMapping(e.target.value)}>
            <option value="">{tf.mappingNone}</option>
            {mappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
          <p className="wf-hint">{tf.mappingHint}</p>
        </div>
        <button type="submit" className="btn btn-primary" disabled={!state.file || !state.period || !!state.busy}>
          {state.result ? tf.recheck : tf.check}
        </button>
      </form>
      {state.busy ? <UploadProgress busy={state.busy} /> : null}
    </section>
  );
}

function UploadProgress({ busy }: { busy: NonNullable<ImportState['busy']> }) {
  const sending = busy.progress < 1;
  const label = sending ? tf.sending(formatPercent(busy.progress * 100, 0)) : busy.what === 'commit' ? tf.writing : tf.reading;
  return (
    <div className="imp-progress" role="status" aria-live="polite">
      <progress max={1} value={sending ? busy.progress : undefined} aria-label={tf.progressLabel} />
      <span>{label}</span>
    </div>
  );
}
