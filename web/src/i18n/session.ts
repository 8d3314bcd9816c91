// The few words of the write side that every page shows (the header's account menu and role
// entries, the ranking page's switch), apart from ./workflow.ts so that a first visit to
// /xep-hang does not download the wording of forms it never opens.
import type { Role } from '@nq57/shared/schemas';

export const ts = {
  roles: {
    admin: 'Quản trị',
    leader: 'Lãnh đạo',
    commune: 'Cán bộ xã',
  } as Record<Role, string>,
  nav: {
    entry: 'Nhập liệu',
    readReport: 'Đọc báo cáo',
    progress: 'Tiến độ',
    admin: 'Quản trị',
    signIn: 'Đăng nhập',
    account: 'Tài khoản của tôi',
    signOut: 'Đăng xuất',
    signingOut: 'Đang đăng xuất…',
    adminSub: 'Quản trị',
    users: 'Tài khoản',
    rounds: 'Kỳ báo cáo',
    imports: 'Nhập file',
    briefing: 'Trình chiếu',
    contacts: 'Liên hệ các xã',
  },
  ranking: {
    includeSubmitted: 'Tính cả số liệu đã nộp, chưa duyệt',
    includeSubmittedNote: 'Đang tính cả số liệu các xã đã nộp nhưng Sở chưa duyệt: thứ hạng có thể còn thay đổi.',
  },
} as const;
