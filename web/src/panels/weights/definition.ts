import { t } from '../../i18n/dashboard';

/** The composite index's weights, moved by leadership; re-ranks in the browser. */
export const weightsPanel = {
  id: 'weights',
  title: t.ranking.weights,
  minHeight: 420,
} as const;
