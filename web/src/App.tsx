import { lazy, Suspense, useEffect, useRef } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { Header } from './components/Header';
import { useReadGate } from './workflow/useReadGate';
import { useSession } from './workflow/useSession';
import { t } from './i18n/dashboard';
import LiveUpdates from './live/LiveUpdates';

// One chunk per page (route-level code splitting): a first visit to /xep-hang downloads the
// ranking page only, never the Recharts code the overview and commune pages use.
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const RankingPage = lazy(() => import('./pages/RankingPage'));
const CommunePage = lazy(() => import('./pages/CommunePage'));
const BudgetPage = lazy(() => import('./pages/BudgetPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const ReleasePage = lazy(() => import('./pages/ReleasePage'));
// the write side (issue 4): each page its own chunk too, never in the first visit to /xep-hang
const LoginPage = lazy(() => import('./pages/LoginPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const UsersAdminPage = lazy(() => import('./pages/UsersAdminPage'));
const RoundsAdminPage = lazy(() => import('./pages/RoundsAdminPage'));
const EntryPage = lazy(() => import('./pages/EntryPage'));
const ProgressPage = lazy(() => import('./pages/ProgressPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
// the briefing (issue 5) fills the big screen on its own: no site header, no footer
const BriefingPage = lazy(() => import('./pages/BriefingPage'));
const PlaylistAdminPage = lazy(() => import('./pages/PlaylistAdminPage'));
// files in (issue 6): the admin's spreadsheet import
const ImportPage = lazy(() => import('./pages/ImportPage'));
// a commune's narrative report read into proposed figures (issue 11)
const ReportReaderPage = lazy(() => import('./pages/ReportReaderPage'));
// each commune's contacts (issue 14)
const ContactsAdminPage = lazy(() => import('./pages/ContactsAdminPage'));

function PageFallback() {
  return (
    <div className="page-fallback" role="status">
      <span className="sr-only">{t.state.loading}</span>
    </div>
  );
}

/** After a client-side navigation, move focus to the page so screen readers start there. */
function useFocusOnNavigate() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [location]);
}

/** Signed-out visitors go to /dang-nhap when the installation closes its figures (not the briefing: it has its token). */
function ReadGate() {
  useReadGate();
  return null;
}

// the form's saves waiting in this browser are sent as soon as someone is signed in, and on every
// chance after (issue 15); an anonymous visit never loads that code
const OutboxRunner = lazy(() => import('./offline/OutboxRunner'));

function Outbox() {
  const username = useSession().user?.username;
  return username ? (
    <Suspense fallback={null}>
      <OutboxRunner username={username} />
    </Suspense>
  ) : null;
}

export function App() {
  useFocusOnNavigate();
  const [location] = useLocation();
  if (location === '/trinh-chieu') {
    return (
      <Suspense fallback={null}>
        <BriefingPage />
      </Suspense>
    );
  }
  return (
    <>
      <ReadGate />
      <Outbox />
      <LiveUpdates />
      <a href="#main" className="skip-link">
        {t.app.skipLink}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<PageFallback />}>
          <Switch>
            <Route path="/" component={OverviewPage} />
            <Route path="/xep-hang" component={RankingPage} />
            <Route path="/xa/:code" component={CommunePage} />
            <Route path="/ngan-sach" component={BudgetPage} />
            <Route path="/cong-bo/:id" component={ReleasePage} />
            <Route path="/dang-nhap" component={LoginPage} />
            <Route path="/tai-khoan" component={AccountPage} />
            <Route path="/quan-tri">
              <Redirect to="/quan-tri/nguoi-dung" replace />
            </Route>
            <Route path="/quan-tri/nguoi-dung" component={UsersAdminPage} />
            <Route path="/quan-tri/ky-bao-cao" component={RoundsAdminPage} />
            <Route path="/quan-tri/trinh-chieu" component={PlaylistAdminPage} />
            <Route path="/quan-tri/lien-he" component={ContactsAdminPage} />
            <Route path="/nhap-file" component={ImportPage} />
            <Route path="/nhap-lieu" component={EntryPage} />
            <Route path="/doc-bao-cao" component={ReportReaderPage} />
            <Route path="/tien-do" component={ProgressPage} />
            <Route path="/nhat-ky" component={AuditPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t.app.footer}</p>
      </footer>
    </>
  );
}
