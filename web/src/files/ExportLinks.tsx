// "Xuất báo cáo": the round's rankings, raw figures and the provincial report as files. Plain
// links (the browser downloads them), so they also work with the page's JavaScript still loading.
import { Link } from 'wouter';
import { tx } from './i18n-exports';
import './export-links.css';

export function ExportLinks({ period, admin }: { period: string | undefined; admin: boolean }) {
  if (!period) return null;
  const base = `/api/periods/${encodeURIComponent(period)}`;
  const links = [
    { href: `${base}/rankings.xlsx`, label: tx.rankingsXlsx },
    { href: `${base}/rankings.csv`, label: tx.rankingsCsv },
    { href: `${base}/report.docx`, label: tx.reportDocx },
    { href: `${base}/values.xlsx`, label: tx.valuesXlsx },
    { href: `${base}/values.csv`, label: tx.valuesCsv },
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
