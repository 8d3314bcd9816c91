import { useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';
import { pageTitle, t } from '../i18n/dashboard';

/** "Không tìm thấy …": one heading, one sentence, the way home. Also what /xa/:code shows for an unknown code. */
export function NotFound({ title = t.state.notFoundTitle, children = t.state.notFoundBody }: { title?: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
  return (
    <div className="page page-not-found">
      <h1>{title}</h1>
      <p>{children}</p>
      <p>
        <Link href="/">{t.state.backHome}</Link>
      </p>
    </div>
  );
}

export default function NotFoundPage() {
  return <NotFound />;
}
