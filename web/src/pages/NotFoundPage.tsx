import { useEffect } from 'react';
import { Link } from 'wouter';
import { pageTitle, t } from '../i18n';

export default function NotFoundPage() {
  useEffect(() => {
    document.title = pageTitle(t.state.notFoundTitle);
  }, []);
  return (
    <div className="page">
      <h1>{t.state.notFoundTitle}</h1>
      <p>{t.state.notFoundBody}</p>
      <p>
        <Link href="/">{t.state.backHome}</Link>
      </p>
    </div>
  );
}
