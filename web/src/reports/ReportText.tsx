// The report's text as stored (the offsets of every proposal point into it), with each proposed
// figure a button: clicking it, or Enter on it, goes to its proposal. A long report scrolls inside
// its own box, so the proposals stay within reach on a phone.
import { memo, useMemo } from 'react';
import { formatValue, type Unit } from '@nq57/shared';
import type { ReportCandidate } from '@nq57/shared/schemas';
import { tr } from '../i18n/reports';
import { segments, type Decisions } from './model';

interface Props {
  text: string;
  candidates: ReportCandidate[];
  decisions: Decisions;
  selected: number | null;
  onSelect: (index: number) => void;
}

export const markId = (i: number) => `rr-mark-${i}`;

export const ReportText = memo(function ReportText({ text, candidates, decisions, selected, onSelect }: Props) {
  const runs = useMemo(() => segments(text, candidates), [text, candidates]);
  return (
    <div className="rr-text" tabIndex={0} role="region" aria-label={tr.textLabel} data-testid="report-text">
      {runs.map((r, k) => {
        if (r.proposal === undefined) return <span key={k}>{r.text}</span>;
        const c = candidates[r.proposal];
        const state = c.asked ? (decisions[c.element]?.kind ?? 'pending') : 'not-asked';
        return (
          <button
            key={k}
            type="button"
            id={r.first ? markId(r.proposal) : undefined}
            className={`rr-mark rr-${state}${selected === r.proposal ? ' rr-selected' : ''}`}
            aria-label={tr.markLabel(c.name, formatValue(c.value, c.unit as Unit))}
            onClick={() => onSelect(r.proposal!)}
          >
            {r.text}
          </button>
        );
      })}
    </div>
  );
});
