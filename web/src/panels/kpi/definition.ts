import { t } from '../../i18n/dashboard';

/** The headline figures of the province (Tổng quan). */
export const kpiPanel = {
  id: 'kpis',
  title: t.overview.kpis,
  minHeight: 170,
} as const;
