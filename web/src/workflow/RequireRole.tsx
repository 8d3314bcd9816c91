// A page for some roles only. Signed out → the sign-in page, which brings the user back here
// (?tiep=); signed in with another role → a plain Vietnamese refusal. The server refuses anyway.
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { Role, UserOut } from '@nq57/shared/schemas';
import { LoadState } from '../components/LoadState';
import { panelState } from '../components/PanelFrame';
import { t } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { loginHref } from './session';
import { useSession } from './useSession';

interface Props {
  roles: Role[];
  /** the message when the role does not fit */
  refusal?: string;
  children: (user: UserOut) => ReactNode;
}

export function RequireRole({ roles, refusal, children }: Props) {
  const session = useSession();
  const [location, navigate] = useLocation();
  const search = useSearch();
  const here = location + (search ? `?${search}` : '');
  const signedOut = session.isSuccess && !session.user;

  useEffect(() => {
    if (signedOut) navigate(loginHref(here), { replace: true });
  }, [signedOut, here, navigate]);

  if (session.isPending || signedOut) return <LoadState state={{ status: 'loading' }} />;
  if (session.isError) return <LoadState state={panelState(session)} />;
  const user = session.user!;
  if (!roles.includes(user.role)) {
    return (
      <div className="wf-alert wf-alert-error" role="alert">
        <p>{refusal ?? tw.common.forbidden}</p>
        <p>
          <Link href="/">{t.state.backHome}</Link>
        </p>
      </div>
    );
  }
  return <>{children(user)}</>;
}
