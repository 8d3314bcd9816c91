// One figure of the form: its name and unit, the box (Vietnamese numbers, "Có/Không" for a yes or
// no), last round's figure, how the box was read, the checks beside it, the explanation a warning
// asks for, and the field's history on demand. The ids (f-CODE, expl-CODE) are what "Nộp báo cáo"
// focuses when something is missing.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatValue } from '@nq57/shared';
import type { CheckIssue } from '@nq57/shared';
import { auditQueries } from '../../api/queries';
import { LoadState } from '../../components/LoadState';
import { panelState } from '../../components/PanelFrame';
import { tw } from '../../i18n/workflow';
import { FieldHistoryList } from '../AuditList';
import { fieldValue, readBack, type FieldDef } from './model';

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

export function FieldRow({ field, raw, explanation, previous, previousRound, errors, warnings, invalid, editable, period, commune, onInput, onExplain }: FieldProps) {
  const id = `f-${field.code}`;
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
      <FieldHistory field={field} period={period} commune={commune} />
    </div>
  );
}

/** Every change to this figure, read from the audit log only once the person opens it. */
function FieldHistory({ field, period, commune }: { field: FieldDef; period: string; commune: string }) {
  const [open, setOpen] = useState(false);
  const history = useQuery({ ...auditQueries.list({ commune, period, element: field.code }), enabled: open });
  return (
    <details className="wf-field-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {tw.entry.history}
        <span className="sr-only">: {field.name}</span>
      </summary>
      {open ? (
        history.isPending || history.isError ? (
          <LoadState variant="inline" state={panelState(history)} />
        ) : (
          <FieldHistoryList entries={history.data.entries} unit={field.unit} />
        )
      ) : null}
    </details>
  );
}
