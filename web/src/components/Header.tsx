// On every page: the product name, the main navigation, the round picker with its "số liệu đến
// ngày", the commune picker, and the demo banner when the figures are demo data.
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate } from '@nq57/shared';
import { communeQueries, periodQueries, releaseQueries } from '../api/queries';
import { t } from '../i18n/dashboard';
import { rememberPeriod, rememberedPeriod, stillAt } from '../hooks/useUrlState';
import { PARAM, followsPickedRound, periodFromSearch, setParam, withPeriod } from '../url';
import { CommunePicker } from './CommunePicker';
import { usePublication } from '../releases/usePublication';
import { reportedShown } from '../releases/reportedShown';
import { HeaderMenuButton, useHeaderMenu } from './HeaderMenu';
import { UserMenu, useRoleNav } from './UserMenu';

const NAV = [
  { href: '/', label: t.nav.overview },
  { href: '/xep-hang', label: t.nav.rankings },
  { href: '/ngan-sach', label: t.nav.budget },
];

export function Header() {
  const periods = useQuery(periodQueries.list());
  const roleNav = useRoleNav();
  const menu = useHeaderMenu();
  const communes = useQuery(communeQueries.list());
  const totalCommunes = communes.data?.communes.length ?? 96;
  const search = useSearch();
  const [location, navigate] = useLocation();
  const publication = usePublication();
  // a link to one release (?ban=) shows that release's round, whatever ?ky= or this tab remembers
  const pinned = useQuery({ ...releaseQueries.one(publication.pub.release ?? 0), enabled: publication.pinned });
  const pinnedRound = publication.pinned ? pinned.data?.period : undefined;
  const inUrl = periodFromSearch(search);
  const follows = followsPickedRound(location);
  // the round picked earlier in this tab follows the user to every page that shows a round
  const chosen = pinnedRound ?? inUrl ?? (follows && !publication.pinned ? rememberedPeriod() : undefined);
  const list = periods.data?.periods ?? [];
  useEffect(() => {
    if (!periods.data) return;
    const kept = rememberedPeriod();
    // a round deleted meanwhile (or from another database) is forgotten rather than asked for
    if (kept && !periods.data.periods.some((p) => p.code === kept)) return rememberPeriod(null);
    // write it into the address, so the page, a shared link and the picker say the same round:
    // a release's own round on its link, else the one remembered
    const target = publication.pinned ? pinnedRound : inUrl ? undefined : kept;
    if (target && target !== inUrl && follows && stillAt(location, search)) navigate(`${location}${setParam(search, PARAM.period, target)}`, { replace: true });
  }, [periods.data, inUrl, follows, location, search, navigate, publication.pinned, pinnedRound]);
  // no ?ky= → the round the API reads by default, as it names it (one rule: a published round
  // reopened for a correction stays the default, which a rule written here again had missed)
  const current = list.find((p) => p.code === chosen) ?? list.find((p) => p.code === periods.data?.defaultPeriod) ?? list[0];
  const reported = current ? reportedShown(current, publication.pub) : null;

  return (
    <header className={menu.open ? 'site-header menu-open' : 'site-header'}>
      <div className="header-top">
        <Link href={withPeriod('/', chosen)} className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <rect x="7" y="17" width="4" height="8" fill="#fff" />
            <rect x="14" y="11" width="4" height="14" fill="#fff" />
            <rect x="21" y="7" width="4" height="18" fill="#f2c14e" />
          </svg>
          <span>
            <strong>{t.app.name}</strong>
            <small>{t.app.owner}</small>
          </span>
        </Link>
        <HeaderMenuButton open={menu.open} controls="main-nav" onToggle={menu.toggle} />
        <nav aria-label={t.app.mainNav} className="main-nav" id="main-nav">
          <ul>
            {[...NAV, ...roleNav].map((n) => {
              const active = n.href === '/' ? location === '/' : location.startsWith(n.href);
              return (
                <li key={n.href}>
                  <Link href={withPeriod(n.href, followsPickedRound(n.href) ? chosen : undefined)} aria-current={active ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <UserMenu />
      </div>
      <div className="header-tools">
        <div className="period-picker">
          <label htmlFor="period-select">{t.header.period}</label>
          <select
            id="period-select"
            value={current?.code ?? ''}
            disabled={!periods.data}
            onChange={(e) => {
              rememberPeriod(e.target.value);
              // another round leaves the release the link pinned (it is of its own round)
              navigate(`${location}${setParam(setParam(search, PARAM.release, null), PARAM.period, e.target.value)}`);
            }}
          >
            {!periods.data ? <option value="">{t.header.periodsLoading}</option> : null}
            {list.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <span className="as-of" aria-live="polite">
            {current ? (current.dataAsOf ? t.header.dataAsOf(formatDate(current.dataAsOf)) : t.header.dataAsOfUnknown) : '\u00a0'}
            {reported !== null ? <span className="reported"> · {t.header.reportedOf(reported, totalCommunes)}</span> : null}
          </span>
        </div>
        <CommunePicker />
      </div>
      {periods.data?.demo ? (
        <div className="demo-banner" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t.demo.title}
          </strong>{' '}
          <span className="demo-long">{t.demo.body}</span>
          <span className="demo-short">{t.demo.short}</span>
        </div>
      ) : null}
    </header>
  );
}
