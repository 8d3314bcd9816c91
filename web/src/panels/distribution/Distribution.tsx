// Pure component: the histogram of commune values. The only place (with trend/) that touches
// Recharts; a handful of bars, so Recharts' cost does not matter here.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { t } from '../../i18n/dashboard';
import type { DistributionModel } from './transform';

export function Distribution({ model, caption, height }: { model: DistributionModel; caption: string; height: number }) {
  if (model.empty) {
    return (
      <div className="panel-state panel-empty" style={{ height }}>
        <p>{t.state.empty}</p>
      </div>
    );
  }
  return (
    <figure className="chart" aria-label={caption}>
      <div style={{ height }} role="img" aria-label={`${caption}. ${model.bins.map((b) => `${b.label}: ${b.count}`).join('; ')}`}>
        {/* a height in pixels, not 100%: see TrendChart */}
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={model.bins} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e3e7ec" />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#3d4a57' }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} width={32} tick={{ fontSize: 12, fill: '#3d4a57' }} />
            <Tooltip formatter={(v) => [v as number, t.overview.communesAxis]} isAnimationActive={false} />
            <Bar dataKey="count" isAnimationActive={false}>
              {model.bins.map((b) => (
                <Cell key={b.label} fill={b.hasProvince ? '#0b3b60' : '#7fa6c6'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-caption">
        {caption} · {t.overview.median}: {model.medianLabel} · <span className="legend-swatch legend-dark" aria-hidden="true" /> {t.ranking.province}
      </figcaption>
    </figure>
  );
}
