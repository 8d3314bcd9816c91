// The proposals beside the text: each with its value, its sentence (the figure in bold), where it
// stands in the text, the other values the report gives, and the person's choice: accept, edit
// (a box read the Vietnamese way, as the form reads it) or leave out. A proposal the round does not
// ask for is shown, marked "kỳ này không thu", and offers no choice.
import { formatDate, formatValue, type Unit } from '@nq57/shared';
import type { ReportCandidate } from '@nq57/shared/schemas';
import { tr } from '../i18n/reports';
import { parseField, readBack } from '../workflow/entry/model';
import { PENDING, quoteParts, type Decision, type DecisionKind, type Decisions, type ReviewAction } from './model';

interface Props {
  candidates: ReportCandidate[];
  decisions: Decisions;
  written: Map<string, number | null>;
  selected: number | null;
  dispatch: (a: ReviewAction) => void;
  onShow: (index: number) => void;
  /** false when the form cannot take figures (closed round, approved, awaiting review) */
  canDecide: boolean;
}

export const proposalId = (i: number) => `rr-prop-${i}`;

const CHOICES: { kind: DecisionKind; label: string }[] = [
  { kind: 'accept', label: tr.accept },
  { kind: 'edit', label: tr.edit },
  { kind: 'reject', label: tr.reject },
];

export function Proposals({ candidates, decisions, written, selected, dispatch, onShow, canDecide }: Props) {
  return (
    <ol className="rr-proposals" aria-label={tr.proposalsLabel}>
      {candidates.map((c, i) => (
        <li key={c.element}>
          <Proposal c={c} index={i} decision={decisions[c.element] ?? PENDING} written={written} selected={selected === i} dispatch={dispatch} onShow={onShow} canDecide={canDecide} />
        </li>
      ))}
    </ol>
  );
}

interface OneProps extends Omit<Props, 'candidates' | 'decisions' | 'selected'> {
  c: ReportCandidate;
  index: number;
  decision: Decision;
  selected: boolean;
}

function Proposal({ c, index, decision, written, selected, dispatch, onShow, canDecide }: OneProps) {
  const unit = c.unit as Unit;
  const [before, figure, after] = quoteParts(c);
  const headingId = `${proposalId(index)}-h`;
  const state = c.asked ? decision.kind : 'not-asked';
  const editing = c.asked && decision.kind === 'edit';
  const back = editing ? readBack(decision.input, unit) : null;
  const invalid = editing && parseField(decision.input, unit).kind !== 'number';
  const notes = [
    c.approximate ? tr.approximate : null,
    c.asOf ? tr.asOf(formatDate(c.asOf)) : null,
    c.source === 'sum' ? tr.sum(c.parts.map((p) => formatValue(p.value, unit)).join(' + ')) : null,
    c.source === 'denominator' ? tr.denominator : null,
  ].filter(Boolean);
  return (
    <article id={proposalId(index)} tabIndex={-1} aria-labelledby={headingId} className={`rr-card rr-${state}${selected ? ' rr-selected' : ''}`} data-element={c.element}>
      <h3 id={headingId}>
        <span className="rr-name">{c.name}</span> <span className="rr-value">{formatValue(c.value, unit)}</span>
      </h3>
      {notes.length ? <p className="rr-notes">{notes.join(' · ')}</p> : null}
      <blockquote className="rr-quote">
        {before}
        <strong>{figure}</strong>
        {after}
      </blockquote>
      {c.alternatives.length ? (
        <div className="rr-alts">
          <p>{tr.alternatives}:</p>
          <ul>
            {c.alternatives.map((a) => (
              <li key={`${a.start}`}>
                <strong>{formatValue(a.value, unit)}</strong>
                {a.asOf ? ` (${tr.asOf(formatDate(a.asOf))})` : ''}: «{a.quote}»
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {written.has(c.element) ? <p className="rr-written">{tr.writtenBefore(formatValue(written.get(c.element) ?? null, unit))}</p> : null}
      <div className="rr-actions">
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onShow(index)}>
          {tr.showInText}
        </button>
        {!c.asked ? (
          <span className="rr-badge" title={tr.notCollectedHint}>
            {tr.notCollected}
          </span>
        ) : canDecide ? (
          <div className="rr-choice" role="group" aria-label={`${tr.decision}: ${c.name}`}>
            {CHOICES.map((k) => (
              <button
                key={k.kind}
                type="button"
                className={`btn btn-small rr-${k.kind}-btn`}
                aria-pressed={decision.kind === k.kind}
                onClick={() => dispatch({ type: 'decide', element: c.element, kind: k.kind, unit, value: c.value })}
              >
                {k.label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {editing ? (
        <div className="wf-field rr-edit">
          <label htmlFor={`${proposalId(index)}-in`}>{tr.editLabel(c.name)}</label>
          <input
            id={`${proposalId(index)}-in`}
            inputMode="decimal"
            value={decision.input}
            aria-invalid={invalid}
            onChange={(e) => dispatch({ type: 'input', element: c.element, input: e.target.value })}
            autoComplete="off"
          />
          {invalid ? (
            <p className="wf-bad" role="alert">
              {tr.invalid}
            </p>
          ) : back ? (
            <p className="wf-hint">{tr.readAs(back)}</p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
