// The header's menu button on a phone. Below 640 px the header is one line (the product's mark,
// the round picker, this button); the navigation, the account, the commune search and the "số
// liệu đến ngày" line open under it. On a wider screen the button is not shown (styles.css) and
// everything stays in view, so the state only matters on a phone.
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { t } from '../i18n/dashboard';

export function useHeaderMenu() {
  const [open, setOpen] = useState(false);
  const [location] = useLocation();
  // a link in the menu took the user somewhere: the new page starts with the menu closed
  useEffect(() => setOpen(false), [location]);
  return { open, toggle: () => setOpen((o) => !o), close: () => setOpen(false) };
}

export function HeaderMenuButton({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <button type="button" className="menu-toggle" aria-expanded={open} aria-controls={controls} aria-label={t.header.menu} onClick={onToggle}>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        {open ? (
          <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        ) : (
          <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        )}
      </svg>
    </button>
  );
}
