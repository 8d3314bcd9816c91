import { t } from '../../i18n/dashboard';

/** A commune's standing on each indicator (trang xã). */
export const standingPanel = {
  id: 'standing',
  title: t.commune.indicators,
  minHeight: 560,
} as const;
