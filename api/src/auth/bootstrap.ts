// The first admin, and the demo accounts that let a newcomer try every role. There is never
// a default password: ADMIN_PASSWORD, or one generated here and printed once.
import type { Database } from '../db/client';
import { createCatalogueRepository } from '../repositories/catalogue';
import { createUsersRepository } from '../repositories/users';
import { generatePassword, hashPassword } from './passwords';

/** Demo officers: communes the demo open round puts in each state (see seed/demo.ts). */
export const DEMO_OFFICERS: { username: string; displayName: string; communeCode: string }[] = [
  { username: 'xa.tinhkhe', displayName: 'Cán bộ xã Tịnh Khê', communeCode: '21211' },
  { username: 'xa.xop', displayName: 'Cán bộ xã Xốp', communeCode: '23356' },
  { username: 'xa.khanhcuong', displayName: 'Cán bộ xã Khánh Cường', communeCode: '21472' },
  { username: 'xa.mocay', displayName: 'Cán bộ xã Mỏ Cày', communeCode: '21421' },
  { username: 'xa.dakpxi', displayName: 'Cán bộ xã Đăk Pxi', communeCode: '23504' },
  { username: 'xa.morai', displayName: 'Cán bộ xã Mô Rai', communeCode: '23536' },
];

export interface BootstrapResult {
  /** the generated password, to print once; null when ADMIN_PASSWORD was used or nothing was created */
  generatedPassword: string | null;
  created: string[];
}

export async function ensureAccounts(database: Database, opts: { adminPassword: string | null; demo: boolean }): Promise<BootstrapResult> {
  const { db } = database;
  if (await createUsersRepository(db).byUsername('admin')) return { generatedPassword: null, created: [] };
  const password = opts.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const created: string[] = ['admin'];
  await db.transaction(async (tx) => {
    const accounts = createUsersRepository(tx);
    await accounts.create({ username: 'admin', displayName: 'Quản trị hệ thống', passwordHash, role: 'admin', communeId: null });
    if (!opts.demo) return;
    // demo accounts share the first password: one thing to read off the terminal
    await accounts.create({ username: 'lanhdao', displayName: 'Lãnh đạo Sở (mẫu)', passwordHash, role: 'leader', communeId: null });
    created.push('lanhdao');
    const ids = new Map((await createCatalogueRepository(tx).communes()).map((c) => [c.code, c.id]));
    for (const o of DEMO_OFFICERS) {
      const communeId = ids.get(o.communeCode);
      if (communeId === undefined) continue;
      await accounts.create({ username: o.username, displayName: o.displayName, passwordHash, role: 'commune', communeId });
      created.push(o.username);
    }
  });
  return { generatedPassword: opts.adminPassword ? null : password, created };
}
