// Pure component: geometry in, SVG out. Empty state first. See definition.ts for why this is not
// Recharts.
import { t } from '../../i18n';
import type { BarsModel } from './transform';
import { VIEW } from './transform';

const pct = (y: number) => `${(y / VIEW.height) * 100}%`;

export function RankingBars({ model, label }: { model: BarsModel; label: string }) {
  if (model.empty) {
    return (
      <div className="panel-state panel-empty bars-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  const dim = model.bars.some((b) => b.highlighted);
  return (
    <figure className="bars" aria-label={label}>
      <div className="bars-plot">
        <div className="bars-axis" aria-hidden="true">
          {model.ticks.map((tk) => (
            <span key={tk.value} style={{ top: pct(tk.y) }}>
              {tk.label}
            </span>
          ))}
        </div>
        <div className="bars-canvas">
          <svg viewBox={`0 0 ${VIEW.width} ${VIEW.height}`} preserveAspectRatio="none" role="img" aria-label={label}>
            {model.ticks.map((tk) => (
              <line key={tk.value} x1={0} x2={VIEW.width} y1={tk.y} y2={tk.y} className="bars-grid" vectorEffect="non-scaling-stroke" />
            ))}
            <g>
              {model.bars.map((b) => (
                <rect
                  key={b.code}
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  className={b.highlighted ? 'bar bar-hl' : dim ? 'bar bar-dim' : 'bar'}
                >
                  <title>{`${b.rank}. ${b.name}: ${b.label}`}</title>
                </rect>
              ))}
            </g>
            {model.target ? (
              <line x1={0} x2={VIEW.width} y1={model.target.y} y2={model.target.y} className="bars-target" vectorEffect="non-scaling-stroke" />
            ) : null}
            {model.province ? (
              <line x1={0} x2={VIEW.width} y1={model.province.y} y2={model.province.y} className="bars-province" vectorEffect="non-scaling-stroke" />
            ) : null}
          </svg>
          {model.province ? (
            <span className="bars-rule-label bars-rule-province" style={{ top: pct(model.province.y) }}>
              <span aria-hidden="true">- - </span>
              {t.ranking.province} {model.province.label}
            </span>
          ) : null}
          {model.target ? (
            <span className="bars-rule-label bars-rule-target" style={{ top: pct(model.target.y) }}>
              <span aria-hidden="true">··· </span>
              {t.ranking.target} {model.target.label}
            </span>
          ) : null}
        </div>
      </div>
    </figure>
  );
}
