// Pure component: what pulls a commune's composite score down, as plain HTML bars (they print
// cleanly and need no chart library).
import { t } from '../../i18n/dashboard';
import type { PullItem } from './transform';

export function Pulls({ items }: { items: PullItem[] }) {
  if (items.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.commune.noPulls}</p>
      </div>
    );
  }
  return (
    <ol className="pulls">
      {items.map((p) => (
        <li key={p.code}>
          <span className="pulls-name">
            {p.name} <span className="c-sub num">({p.value})</span>
          </span>
          <span className="pulls-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(2, p.share * 100)}%` }} />
          </span>
          <span className={p.missing ? 'pulls-value pulls-missing' : 'pulls-value num'}>{p.shortfallLabel}</span>
        </li>
      ))}
    </ol>
  );
}
