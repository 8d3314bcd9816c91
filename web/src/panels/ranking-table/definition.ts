import { t } from '../../i18n/dashboard';

/** The ranking table: every commune, ranked first, the unranked apart with their reason. */
export const rankingTablePanel = {
  id: 'ranking-table',
  title: t.ranking.table,
  // 96 rows of 41 px + header: reserved while loading so the page does not jump
  minHeight: 640,
} as const;
