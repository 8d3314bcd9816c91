// Step 1: the open round the figures go to, and its template to fill in.
import { apiPaths } from '../../api/paths';
import { tf } from '../../i18n/files';
import type { Period } from '@nq57/shared/schemas';

interface Props {
  id: string;
  open: Period[];
  period: string;
  /** the round chosen elsewhere (?ky=) when it is closed: said, not silently replaced */
  wantedClosed: Period | undefined;
  roundName: string;
  onChoose: (code: string) => void;
}

export function RoundStep({ id, open, period, wantedClosed, roundName, onChoose }: Props) {
  return (
    <section className="imp-step" aria-labelledby={`${id}-s1`}>
      <h2 id={`${id}-s1`}>{tf.step1}</h2>
      <div className="imp-row">
        <div className="field">
          <label htmlFor={`${id}-period`}>{tf.period}</label>
          <select id={`${id}-period`} value={period} onChange={(e) => onChoose(e.target.value)}>
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
          {tf.roundClosed(wantedClosed.name, roundName)}
        </p>
      ) : null}
    </section>
  );
}
