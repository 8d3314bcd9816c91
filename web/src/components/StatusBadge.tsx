import type { RankStatus } from '@nq57/shared';
import { t } from '../i18n/dashboard';

export function StatusBadge({ status }: { status: RankStatus }) {
  if (status === 'ranked') return null;
  return (
    <span className={`badge badge-${status}`} title={t.statusWhy[status]}>
      {t.status[status]}
    </span>
  );
}
