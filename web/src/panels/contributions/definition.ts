import { t } from '../../i18n/dashboard';

/** Which indicators cost a commune the most points on the composite index. */
export const pullsPanel = {
  id: 'pulls',
  title: t.commune.pulls,
  minHeight: 200,
} as const;
