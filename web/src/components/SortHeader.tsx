// A sortable column header: aria-sort for screen readers, the arrow and its words, one button.
import { t } from '../i18n/dashboard';
import type { SortDir } from '../url';

export function SortHeader<K extends string>({
  label,
  col,
  sort,
  dir,
  onSort,
  className,
}: {
  label: string;
  col: K;
  sort: K;
  dir: SortDir;
  onSort: (k: K) => void;
  className?: string;
}) {
  const active = sort === col;
  return (
    <th scope="col" className={className} aria-sort={active ? (dir === 'tang' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-btn" onClick={() => onSort(col)} title={t.ranking.sortBy(label)}>
        {label}
        <span className="sort-icon" aria-hidden="true">
          {active ? (dir === 'tang' ? '↑' : '↓') : '↕'}
        </span>
        {active ? <span className="sr-only">, {dir === 'tang' ? t.ranking.sortAsc : t.ranking.sortDesc}</span> : null}
      </button>
    </th>
  );
}
