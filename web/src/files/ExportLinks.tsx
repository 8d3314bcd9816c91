// "Xuất báo cáo": the round's rankings, raw figures and the provincial report as files. Plain
// links (the browser downloads them), so they also work with the page's JavaScript still loading.
import { Link } from 'wouter';
import { apiPaths } from '../api/paths';
import { tx } from '../i18n/exports';
import './export-links.css';

/** `release`: the page shows one release exactly (?ban=), and so do its rankings and report files. */
export function ExportLinks({ period, admin, release }: { period: string | undefined; admin: boolean; release?: number }) {
  if (!period) return null;
  const pinned = (href: string) => (release ? `${href}?release=${release}` : href);
  const links = [
    { href: pinned(apiPaths.roundFile(period, 'rankings.xlsx')), label: tx.rankingsXlsx },
    { href: pinned(apiPaths.roundFile(period, 'rankings.csv')), label: tx.rankingsCsv },
    { href: pinned(apiPaths.roundFile(period, 'report.docx')), label: tx.reportDocx },
    { href: apiPaths.roundFile(period, 'values.xlsx'), label: tx.valuesXlsx },
    { href: apiPaths.roundFile(period, 'values.csv'), label: tx.valuesCsv },
  ];
  return (
    <nav className="export-links no-print" aria-label={tx.title}>
      <span className="export-links-title">{tx.title}:</span>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} download>
              {l.label}
            </a>
          </li>
        ))}
        {admin ? (
          <li>
            <Link href={`/nhap-file?ky=${encodeURIComponent(period)}`}>{tx.importLink}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
