// Pure component: the province's headline figures, each with the move since the last round in
// an arrow and words.
import { t } from '../../i18n/dashboard';
import type { KpiCard } from './transform';

export function KpiCards({ cards, comparedWith }: { cards: KpiCard[]; comparedWith: string | null }) {
  if (cards.length === 0) {
    return (
      <div className="panel-state panel-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  return (
    <ul className="kpis">
      {cards.map((c) => (
        <li key={c.code} className="kpi" data-kpi={c.code}>
          <h3 className="kpi-name">{c.name}</h3>
          <p className={c.notCollected ? 'kpi-value kpi-value-text' : 'kpi-value num'}>{c.notCollected ? t.status.not_collected : c.value}</p>
          <p className="kpi-fraction num">{c.fraction ?? '\u00a0'}</p>
          <p className={`kpi-delta trend-${c.trend}`}>
            {c.notCollected ? t.overview.notCollectedWhy : c.missing ? t.overview.noFigure : (c.delta ?? t.overview.noPrevious)}
            {c.previous !== null && comparedWith ? <span className="kpi-prev"> · {comparedWith}: {c.previous}</span> : null}
          </p>
          {c.target ? (
            <p className="kpi-target">
              {t.ranking.target}: <span className="num">{c.target}</span>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
