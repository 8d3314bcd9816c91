import { lazy, Suspense, useEffect, useRef } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { Header } from './components/Header';
import { t } from './i18n';

// One chunk per page (route-level code splitting): a first visit to /xep-hang downloads the
// ranking page only, never the Recharts code the overview and commune pages use.
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const RankingPage = lazy(() => import('./pages/RankingPage'));
const CommunePage = lazy(() => import('./pages/CommunePage'));
const BudgetPage = lazy(() => import('./pages/BudgetPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

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

export function App() {
  useFocusOnNavigate();
  return (
    <>
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
