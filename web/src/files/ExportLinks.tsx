// "Xuất báo cáo": the round's rankings, raw figures and the provincial report as files. Plain
// links (the browser downloads them), so they also work with the page's JavaScript still loading.
import { Link } from 'wouter';
import { apiPaths } from '../api/paths';
import { tx } from '../i18n/exports';
import './export-links.css';

export function ExportLinks({ period, admin }: { period: string | undefined; admin: boolean }) {
  if (!period) return null;
  const links = [
    { href: apiPaths.roundFile(period, 'rankings.xlsx'), label: tx.rankingsXlsx },
    { href: apiPaths.roundFile(period, 'rankings.csv'), label: tx.rankingsCsv },
    { href: apiPaths.roundFile(period, 'report.docx'), label: tx.reportDocx },
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
