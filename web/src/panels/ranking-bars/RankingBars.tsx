// Pure component: geometry in, SVG out. Empty state first. See definition.ts for why this is not
// Recharts. The chart is the table's companion: pointing at a column names the commune and its
// exact value (as the table prints it), and a click opens the commune's page. Keyboard and screen
// reader users have the same in the table below, so the columns are not tab stops.
import { useRef, useState } from 'react';
import type { MouseEvent, PointerEvent } from 'react';
import { useLocation } from 'wouter';
import { t } from '../../i18n/dashboard';
import { withPeriod } from '../../url';
import type { BarsModel } from './transform';
import { VIEW } from './transform';

const pct = (y: number) => `${(y / VIEW.height) * 100}%`;

export function RankingBars({ model, label, period }: { model: BarsModel; label: string; period?: string }) {
  const [active, setActive] = useState<number | null>(null);
  // a finger has no hover: its first tap on a column names it, a second tap opens it
  const touch = useRef(false);
  const [, navigate] = useLocation();
  if (model.empty) {
    return (
      <div className="panel-state panel-empty bars-empty">
        <p>{t.state.empty}</p>
      </div>
    );
  }
  const n = model.bars.length;
  // the columns share the plot's width equally (transform.ts), so the pointer's x is the index
  const at = (e: PointerEvent<HTMLElement> | MouseEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.min(n - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * n)));
  };
  const dim = model.bars.some((b) => b.highlighted);
  const a = active !== null ? model.bars[active] : undefined;
  const centre = a ? ((a.x + a.width / 2) / VIEW.width) * 100 : 0;
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
        <div
          className="bars-canvas"
          onPointerDown={(e) => (touch.current = e.pointerType === 'touch')}
          onPointerMove={(e) => e.pointerType !== 'touch' && setActive(at(e))}
          onPointerLeave={(e) => e.pointerType !== 'touch' && setActive(null)}
          onClick={(e) => {
            const i = at(e);
            if (touch.current && active !== i) return setActive(i);
            navigate(withPeriod(`/xa/${model.bars[i].code}`, period));
          }}
        >
          <svg viewBox={`0 0 ${VIEW.width} ${VIEW.height}`} preserveAspectRatio="none" role="img" aria-label={label}>
            {model.ticks.map((tk) => (
              <line key={tk.value} x1={0} x2={VIEW.width} y1={tk.y} y2={tk.y} className="bars-grid" vectorEffect="non-scaling-stroke" />
            ))}
            <g>
              {model.bars.map((b, i) => (
                <rect
                  key={b.code}
                  data-code={b.code}
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  className={i === active ? 'bar bar-active' : b.highlighted ? 'bar bar-hl' : dim ? 'bar bar-dim' : 'bar'}
                />
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
          {a ? (
            <div
              className="bars-tip"
              role="tooltip"
              // near an edge the box leans inwards instead of leaving the card
              data-side={centre < 20 ? 'left' : centre > 80 ? 'right' : 'middle'}
              style={{ left: `${centre}%`, top: pct(a.y) }}
            >
              <strong>
                {a.rank}. {a.name}
              </strong>
              <span className="bars-tip-value num">{a.label}</span>
              <small>{touch.current ? t.ranking.barTapHint : t.ranking.barHint}</small>
            </div>
          ) : null}
        </div>
      </div>
    </figure>
  );
}
