// Pure component: a commune's value and the province's over the rounds (Recharts line chart).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatRound, formatValue } from '@nq57/shared';
import type { Unit } from '@nq57/shared';
import { t } from '../../i18n/dashboard';
import type { TrendModel } from './transform';

export function TrendChart({ model, unit, label, height, communeName }: { model: TrendModel; unit: Unit; label: string; height: number; communeName: string }) {
  if (!model.hasData) {
    return (
      <div className="panel-state panel-empty" style={{ height }}>
        <p>{t.state.empty}</p>
      </div>
    );
  }
  const fmt = (v: unknown) => formatValue(typeof v === 'number' ? v : null, unit);
  return (
    <figure className="chart" aria-label={label}>
      <div style={{ height }} role="img" aria-label={`${label}. ${model.points.map((p) => `${p.periodName}: ${p.valueLabel} (${t.ranking.province} ${p.provinceLabel})`).join('; ')}`}>
        {/* a height in pixels, not 100%: when the panel is hidden (print) the container measures
            0 × 0 and Recharts warns "width(0) and height(0)"; with a fixed height it does not */}
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={model.points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#e3e7ec" />
            <XAxis dataKey="periodName" tick={{ fontSize: 12, fill: '#3d4a57' }} />
            <YAxis domain={model.domain} tickFormatter={(v: number) => formatRound(v, unit)} width={64} tick={{ fontSize: 12, fill: '#3d4a57' }} />
            <Tooltip formatter={(v) => fmt(v)} isAnimationActive={false} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Line type="monotone" dataKey="value" name={communeName} stroke="#0b3b60" strokeWidth={2.5} dot={{ r: 4 }} connectNulls={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="province" name={t.ranking.province} stroke="#b4621a" strokeWidth={2} strokeDasharray="6 4" dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
