import { t } from '../../i18n/dashboard';

export const budgetTablePanel = { id: 'budget-table', title: t.budget.table, minHeight: 600 } as const;
export const largestPanel = { id: 'budget-largest', title: t.budget.largest, minHeight: 360 } as const;
