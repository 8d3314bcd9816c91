// Who may go where, as pure functions (tested in web/test/workflow-rules.test.ts). The server
// decides every permission; these only keep the web from offering what the server would refuse.
import type { Role } from '@nq57/shared/schemas';
import { ts as tw } from '../i18n/session';

export interface NavItem {
  href: string;
  label: string;
}

/** Header entries after the public ones: Nhập liệu and Đọc báo cáo (xã, quản trị), Tiến độ (quản trị, lãnh đạo), Quản trị. */
export function navFor(role: Role | null | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [];
  if (role === 'commune' || role === 'admin') items.push({ href: '/nhap-lieu', label: tw.nav.entry }, { href: '/doc-bao-cao', label: tw.nav.readReport });
  if (role === 'admin' || role === 'leader') items.push({ href: '/tien-do', label: tw.nav.progress });
  if (role === 'admin') items.push({ href: '/quan-tri', label: tw.nav.admin });
  return items;
}

/** Where a user lands after signing in when no ?tiep= says otherwise. */
export function homeFor(role: Role): string {
  return role === 'commune' ? '/nhap-lieu' : role === 'admin' ? '/tien-do' : '/';
}

/**
 * The ?tiep= target, only when it is a path on this site: "/nhap-lieu?ky=q1" yes;
 * "https://evil.example", "//evil.example", "/\\evil" or "javascript:" never (an open redirect
 * would make a phishing link look like ours).
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next) return null;
  const s = next.trim();
  if (!s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\') || /[\u0000-\u001f]/.test(s)) return null;
  if (s === '/dang-nhap' || s.startsWith('/dang-nhap?')) return null;
  return s;
}

/** "/dang-nhap?tiep=%2Fnhap-lieu%3Fky%3Dq1" */
export function loginHref(current: string): string {
  const next = safeNext(current);
  return next && next !== '/' ? `/dang-nhap?tiep=${encodeURIComponent(next)}` : '/dang-nhap';
}
