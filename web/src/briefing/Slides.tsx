// One component per slide type. Pure: a model in (./model.ts), markup out; charts are plain SVG
// and HTML bars, labelled directly (no legend to hunt for from the back of the room). Sizes are
// in the stage unit of briefing.css, so the same slide fills 1920×1080 and 3840×2160.
import { Link } from 'wouter';
import { withPeriod } from '../url';
import type { BudgetSlide, CompositeSlide, IndicatorSlide, MoversSlide, NotReportedSlide, OverviewSlide, SlideModel } from './model';
import { tb } from '../i18n/briefing';

/**
 * A commune's name on a slide opens its standing page for the same round: someone at the meeting
 * asks "why is this one last?" and the answer is one click away. It reads as the name it was.
 */
function Commune({ code, name, period }: { code: string; name: string; period?: string }) {
  return (
    <Link href={withPeriod(`/xa/${code}`, period)} className="bf-commune">
      {name}
    </Link>
  );
}

function Overview({ m }: { m: OverviewSlide }) {
  return (
    <ul className="bf-tiles">
      {m.tiles.map((tile) => (
        <li key={tile.code} className="bf-tile" data-kpi={tile.code}>
          <span className="bf-tile-label">{tile.label}</span>
          <span className="bf-tile-value num">{tile.value}</span>
          <span className={`bf-tile-delta bf-trend-${tile.trend}`}>
            {tile.delta ?? '\u00a0'}
            {tile.target ? <span className="bf-tile-target"> · {tb.target.toLowerCase()} {tile.target}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Composite({ m, period }: { m: CompositeSlide; period?: string }) {
  return (
    <ol className="bf-bars" data-rows={m.rows.length}>
      {m.rows.map((r) => (
        <li key={r.code} className="bf-bar-row">
          <span className="bf-bar-rank num">{r.rank}</span>
          <span className="bf-bar-name">
            <Commune code={r.code} name={r.name} period={period} />
          </span>
          <span className="bf-bar-track" aria-hidden="true">
            <span className="bf-bar-fill" style={{ width: `${r.width}%` }} />
          </span>
          <span className="bf-bar-value num">
            {r.score} <span className="bf-unit">{tb.points}</span>
          </span>
          <span className="bf-bar-cov">{r.coverage}</span>
          <span className={`bf-bar-change bf-move-${r.trend}`}>{r.change}</span>
        </li>
      ))}
    </ol>
  );
}

function Indicator({ m, period }: { m: IndicatorSlide; period?: string }) {
  // two rule labels closer than this (in % of the plot height) would overlap: the lower one
  // goes under its line
  const close = m.province && m.target && Math.abs(m.province.y - m.target.y) < 9;
  const lower = close ? (m.province!.y < m.target!.y ? 'province' : 'target') : null;
  return (
    <div className="bf-indicator">
      <figure className="bf-chart" aria-label={`${m.name}: ${m.rankedCount}`}>
        <div className="bf-axis" aria-hidden="true">
          <span style={{ bottom: '100%' }}>{m.max}</span>
          <span style={{ bottom: '0%' }}>{m.min}</span>
        </div>
        <div className="bf-plot">
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label={m.rankedCount}>
            {m.columns.map((c) => (
              <rect key={c.code} x={c.x} y={100 - c.h} width={c.w} height={c.h} className={c.meets ? 'bf-col' : 'bf-col bf-col-miss'} />
            ))}
          </svg>
          {m.target ? (
            <div className={`bf-rule bf-rule-target${lower === 'target' ? ' bf-rule-below' : ''}`} style={{ bottom: `${m.target.y}%` }}>
              <span>{m.target.label}</span>
            </div>
          ) : null}
          {m.province ? (
            <div className={`bf-rule bf-rule-province${lower === 'province' ? ' bf-rule-below' : ''}`} style={{ bottom: `${m.province.y}%` }}>
              <span>{m.province.label}</span>
            </div>
          ) : null}
        </div>
        <figcaption className="bf-caption">{m.rankedCount}</figcaption>
      </figure>
      <div className="bf-side">
        <h2 className="bf-side-title">{m.listTitle}</h2>
        <ol className="bf-list">
          {m.list.map((r) => (
            <li key={r.code} className={r.meets ? '' : 'bf-miss'}>
              <span className="bf-list-rank num">{r.rank}</span>
              <span className="bf-list-name">
                <Commune code={r.code} name={r.name} period={period} />
              </span>
              <span className="bf-list-value num">{r.value}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function Movers({ m, period }: { m: MoversSlide; period?: string }) {
  const column = (title: string, rows: MoversSlide['up'], kind: 'up' | 'down') => (
    <section className={`bf-movers-col bf-movers-${kind}`}>
      <h2 className="bf-side-title">
        {kind === 'up' ? '▲ ' : '▼ '}
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="bf-empty">{tb.moversNone}</p>
      ) : (
        <ol className="bf-list bf-movers-list">
          {rows.map((r) => (
            <li key={r.code}>
              <span className="bf-list-name">
                <Commune code={r.code} name={r.name} period={period} />
              </span>
              <span className={`bf-list-value bf-move-${kind}`}>{r.move}</span>
              <span className="bf-movers-ranks">{r.ranks}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
  return (
    <div className="bf-movers">
      {column(tb.moversUp, m.up, 'up')}
      {column(tb.moversDown, m.down, 'down')}
      {m.warning ? <p className="bf-movers-warning">⚠ {m.warning}</p> : null}
    </div>
  );
}

function NotReported({ m, period }: { m: NotReportedSlide; period?: string }) {
  return (
    <div className="bf-reporting">
      <div className="bf-reporting-figure">
        <span className="bf-big num">{m.reported}</span>
        <span className="bf-big-label">{tb.reportedLabel}</span>
        <span className="bf-meter" aria-hidden="true">
          <span style={{ width: `${m.share}%` }} />
        </span>
      </div>
      {m.names.length === 0 ? (
        <p className="bf-all-done">✓ {tb.allReported}</p>
      ) : (
        // a handful of names get one large column; many get three
        <ul className={m.names.length <= 6 ? 'bf-names bf-names-few' : 'bf-names'}>
          {m.names.map((n, i) => (
            <li key={m.codes[i] ?? n}>{m.codes[i] ? <Commune code={m.codes[i]} name={n} period={period} /> : n}</li>
          ))}
          {m.more ? <li className="bf-names-more">{m.more}</li> : null}
        </ul>
      )}
    </div>
  );
}

function Budget({ m, period }: { m: BudgetSlide; period?: string }) {
  return (
    <div className="bf-budget">
      <div className="bf-budget-total">
        <span className="bf-tile-label">{tb.budgetTotal}</span>
        <span className="bf-big num">{m.total}</span>
        <span className="bf-big-label">{tb.requestedBy(m.communes)}</span>
        {m.note ? <p className="bf-note">{m.note}</p> : null}
      </div>
      <div className="bf-side">
        <h2 className="bf-side-title">{tb.budgetLargest}</h2>
        <ol className="bf-hbars">
          {m.rows.map((r) => (
            <li key={r.code}>
              <span className="bf-list-name">
                <Commune code={r.code} name={r.name} period={period} />
              </span>
              <span className="bf-bar-track" aria-hidden="true">
                <span className="bf-bar-fill" style={{ width: `${r.width}%` }} />
              </span>
              <span className="bf-list-value num">{r.value}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

/** `period`: the round on screen, so a commune's page opens on the same figures. */
export function SlideBody({ model, period }: { model: SlideModel; period?: string }) {
  switch (model.kind) {
    case 'overview':
      return <Overview m={model} />;
    case 'top':
    case 'bottom':
      return <Composite m={model} period={period} />;
    case 'indicator':
      return <Indicator m={model} period={period} />;
    case 'movers':
      return <Movers m={model} period={period} />;
    case 'not_reported':
      return <NotReported m={model} period={period} />;
    case 'budget':
      return <Budget m={model} period={period} />;
  }
}
