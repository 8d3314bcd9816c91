import { t } from '../../i18n/dashboard';

/** How the ranked communes spread over an indicator's values (Tổng quan). */
export const distributionPanel = {
  id: 'distribution',
  title: t.overview.distribution,
  chartHeight: 220,
  minHeight: 280,
} as const;
