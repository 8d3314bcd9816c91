// When the installation closes its figures to anonymous readers (READ_REQUIRES_LOGIN=true), every
// page but the sign-in page sends a signed-out visitor to /dang-nhap and back after. The API
// refuses anyway; this only spares the visitor a page of "Cần đăng nhập" errors.
import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { loginHref } from './session';
import { useSession } from './useSession';

export function useReadGate() {
  const session = useSession();
  const [location, navigate] = useLocation();
  const search = useSearch();
  const mustSignIn = session.isSuccess && session.readRequiresLogin && !session.user && location !== '/dang-nhap';
  useEffect(() => {
    if (mustSignIn) navigate(loginHref(location + (search ? `?${search}` : '')), { replace: true });
  }, [mustSignIn, location, search, navigate]);
}
