// The account corner of the header: "Đăng nhập" when signed out; the user's name and role with a
// small menu (Tài khoản của tôi, Đăng xuất) when signed in. A disclosure button, not an ARIA menu:
// two plain items are easier to reach with Tab than with arrow keys.
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { authMutations } from '../api/mutations';
import '../user-menu.css';
import { ts as tw } from '../i18n/session';
import { loginHref, navFor, type NavItem } from '../workflow/session';
import { useSession } from '../workflow/useSession';
import { useOutboxState } from '../offline/useOutbox';

// only when figures wait to be sent: the header carries neither the dialog nor its words
const SignOutDialog = lazy(() => import('../offline/SignOutDialog'));

/** The header entries the signed-in user's role opens. */
export function useRoleNav(): NavItem[] {
  return navFor(useSession().user?.role);
}

export function UserMenu() {
  const id = useId();
  const { user, isPending } = useSession();
  const [location, navigate] = useLocation();
  const search = useSearch();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const signOut = useMutation(authMutations.logout());
  // figures unsent in this browser: signing out would delete them, so the officer is asked first
  const { summary } = useOutboxState(user?.username ?? null);
  const waiting = summary.changes + summary.kept;
  const [asking, setAsking] = useState(false);
  const doSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => {
        setOpen(false);
        setAsking(false);
        navigate('/');
      },
    });

  useEffect(() => setOpen(false), [location]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (isPending) return <div className="user-menu" aria-hidden="true" />;
  if (!user) {
    if (location === '/dang-nhap') return <div className="user-menu" />;
    return (
      <div className="user-menu">
        <Link href={loginHref(location + (search ? `?${search}` : ''))} className="user-signin">
          {tw.nav.signIn}
        </Link>
      </div>
    );
  }
  const name = user.displayName || user.username;
  const role = tw.roles[user.role] + (user.communeName ? ` · ${user.communeName}` : '');
  return (
    <div
      className="user-menu"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          box.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-name">{name}</span>
        <span className="user-role">{role}</span>
        <span aria-hidden="true" className="user-caret">
          ▾
        </span>
      </button>
      <ul id={`${id}-menu`} className="user-dropdown" hidden={!open}>
        <li>
          <Link href="/tai-khoan">{tw.nav.account}</Link>
        </li>
        <li>
          <button type="button" onClick={() => (waiting > 0 ? setAsking(true) : doSignOut())} disabled={signOut.isPending}>
            {signOut.isPending ? tw.nav.signingOut : tw.nav.signOut}
          </button>
        </li>
      </ul>
      {asking ? (
        <Suspense fallback={null}>
          <SignOutDialog waiting={waiting} busy={signOut.isPending} onConfirm={doSignOut} onCancel={() => setAsking(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
