// The demo's contacts (issue 14): every commune gets an UBND address and an officer, so reminders
// can be tried end to end. Never a real address: every e-mail is under the reserved `.example`
// domain (RFC 2606), and every phone number has a subscriber part beginning with 0, which no line
// in Vietnam has (0255 0xx xxxx): a demo that is sent or dialled by mistake reaches no one.
import { foldVietnamese, type CommuneContact } from '@nq57/shared';
import type { CommuneRow } from './catalogue';
import { prng } from './demo';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đinh', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Hữu', 'Thu'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Hải', 'Hòa', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Vy'];

export const DEMO_MAIL_DOMAIN = 'quangngai.example';

export function demoContacts(communes: CommuneRow[], seed = 14): { communeCode: string; contact: CommuneContact }[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const taken = new Set<string>();
  return communes.map((c) => {
    // "Xã Tịnh Khê" → tinhkhe; near-twins (Ba Tơ / Ba Tô) keep apart with their code
    let slug = foldVietnamese(c.name.replace(/^(Xã|Phường|Đặc khu)\s+/u, '')).replace(/[^a-z0-9]/g, '');
    if (taken.has(slug)) slug = `${slug}${c.code}`;
    taken.add(slug);
    const area = c.formerProvince === 'Kon Tum' ? '0260' : '0255';
    return {
      communeCode: c.code,
      contact: {
        ubndEmail: `ubnd.${slug}@${DEMO_MAIL_DOMAIN}`,
        ubndPhone: `${area}0${c.code}0`,
        officerName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        officerEmail: `cds.${slug}@${DEMO_MAIL_DOMAIN}`,
        officerPhone: `${area}0${c.code}1`,
      },
    };
  });
}
