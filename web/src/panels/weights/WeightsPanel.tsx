// Pure component: weight sliders for the composite index. Moving one calls onChange at once; the
// page re-ranks in the browser with the shared rankComposite (see transform.ts).
import { formatNumber, formatPercent } from '@nq57/shared';
import { t } from '../../i18n/dashboard';

export interface WeightItem {
  code: string;
  name: string;
  weight: number;
  official: number;
  share: number;
  /** false: the round does not collect it, the slider changes nothing */
  collected: boolean;
}

interface Props {
  items: WeightItem[];
  custom: boolean;
  message: string | null;
  error: string | null;
  onChange: (code: string, weight: number) => void;
  onReset: () => void;
}

export function WeightsPanel({ items, custom, message, error, onChange, onReset }: Props) {
  return (
    <div className="weights">
      {error ? (
        <p className="weights-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="weights-foot">
        <p className={custom ? 'weights-status custom' : 'weights-status'} aria-live="polite">
          {custom ? t.ranking.weightsCustom : t.ranking.weightsOfficial}
          {message ? ` ${message}` : ''}
        </p>
        <button type="button" className="btn" onClick={onReset} disabled={!custom}>
          {t.ranking.weightsReset}
        </button>
      </div>
      <ul className="weights-list">
        {items.map((w) => (
          <li key={w.code} className={w.collected ? undefined : 'weights-off'}>
            <label htmlFor={`w-${w.code}`}>
              {w.name}
              {w.collected ? null : <span className="weights-note"> ({t.ranking.notCollectedWeight})</span>}
            </label>
            <div className="weights-control">
              <input
                id={`w-${w.code}`}
                type="range"
                min={0}
                max={50}
                step={1}
                value={w.weight}
                disabled={!w.collected}
                aria-valuetext={`${formatNumber(w.weight)} (${formatPercent(w.share * 100, 0)})`}
                onChange={(e) => onChange(w.code, Number(e.target.value))}
              />
              <output htmlFor={`w-${w.code}`} className="num">
                {formatNumber(w.weight)}
              </output>
              <span className="weights-share num">{formatPercent(w.share * 100, 0)}</span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
