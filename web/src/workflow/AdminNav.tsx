import { Link, useLocation } from 'wouter';
import { tw } from '../i18n/workflow';

const ITEMS = [
  { href: '/quan-tri/nguoi-dung', label: tw.nav.users },
  { href: '/quan-tri/ky-bao-cao', label: tw.nav.rounds },
  { href: '/nhap-file', label: tw.nav.imports },
  { href: '/quan-tri/trinh-chieu', label: tw.nav.briefing },
  { href: '/quan-tri/lien-he', label: tw.nav.contacts },
];

/** The admin pages, side by side under the page title. */
export function AdminNav() {
  const [location] = useLocation();
  return (
    <nav aria-label={tw.nav.adminSub} className="wf-subnav">
      <ul>
        {ITEMS.map((i) => (
          <li key={i.href}>
            <Link href={i.href} aria-current={location.startsWith(i.href) ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
