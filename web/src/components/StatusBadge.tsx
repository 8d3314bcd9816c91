import { t } from '../i18n';

export function StatusBadge({ status }: { status: 'ranked' | 'not_reported' | 'insufficient' }) {
  if (status === 'ranked') return null;
  return (
    <span className={`badge badge-${status}`} title={t.statusWhy[status]}>
      {t.status[status]}
    </span>
  );
}
