import { t } from '../../i18n/dashboard';

/** A commune's value over the rounds against the province (trang xã). */
export const trendPanel = {
  id: 'trend',
  title: t.commune.trend,
  chartHeight: 240,
  minHeight: 300,
} as const;
