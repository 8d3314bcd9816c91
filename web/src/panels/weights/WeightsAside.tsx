// Where the weights sit. Beside the ranking on a wide screen; on a phone or a tablet (below
// 1100 px, styles.css) the twelve sliders would push the table 2 000 px down, so they wait behind
// a button above it and the ranking comes first. The button says when the weights are not the
// official ones, since the order below then depends on them.
import { useId, useState, type ReactNode } from 'react';
import { t } from '../../i18n/dashboard';

export function WeightsAside({ custom, children }: { custom: boolean; children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <aside className={open ? 'ranking-side weights-open' : 'ranking-side'}>
      <button type="button" className="btn weights-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {t.ranking.weightsShow}
        {custom ? <span className="badge weights-custom-badge">{t.ranking.weightsShownCustom}</span> : null}
        <span aria-hidden="true" className="weights-caret">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div id={id} className="weights-body">
        {children}
      </div>
    </aside>
  );
}
