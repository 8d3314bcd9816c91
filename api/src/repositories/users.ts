// Accounts, sessions and failed sign-ins. All SQL about who may do what lives here.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { communes, loginAttempts, sessions, users } from '../db/schema';

export type Role = 'admin' | 'leader' | 'commune';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  communeId: number | null;
  communeCode: string | null;
  communeName: string | null;
  disabled: boolean;
}

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  role: users.role,
  communeId: users.communeId,
  communeCode: communes.code,
  communeName: communes.name,
  disabled: users.disabled,
};

export function createUsersRepository(db: DbOrTx) {
  const selectUsers = () => db.select(userColumns).from(users).leftJoin(communes, eq(communes.id, users.communeId));

  return {
    async byUsername(username: string): Promise<UserRecord | null> {
      const [u] = await selectUsers().where(eq(users.username, username));
      return (u as UserRecord) ?? null;
    },

    async list(): Promise<UserRecord[]> {
      return (await selectUsers().orderBy(asc(users.role), asc(users.username))) as UserRecord[];
    },

    async count(): Promise<number> {
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return n;
    },

    /** The active officers of each commune, by username: whom /tien-do says to call. */
    async contactsByCommune(): Promise<Map<number, { username: string; displayName: string }[]>> {
      const rows = await db
        .select({ communeId: users.communeId, username: users.username, displayName: users.displayName })
        .from(users)
        .where(and(eq(users.role, 'commune'), eq(users.disabled, false)))
        .orderBy(asc(users.username));
      const out = new Map<number, { username: string; displayName: string }[]>();
      for (const u of rows) {
        if (u.communeId === null) continue;
        const list = out.get(u.communeId) ?? [];
        list.push({ username: u.username, displayName: u.displayName });
        out.set(u.communeId, list);
      }
      return out;
    },

    async communeIdByCode(code: string): Promise<number | null> {
      const [c] = await db.select({ id: communes.id }).from(communes).where(eq(communes.code, code));
      return c?.id ?? null;
    },

    async create(u: { username: string; displayName: string; passwordHash: string; role: Role; communeId: number | null }) {
      const [row] = await db.insert(users).values(u).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
      return row?.id ?? null;
    },

    async update(
      username: string,
      patch: Partial<{ displayName: string; role: Role; communeId: number | null; disabled: boolean; passwordHash: string }>,
    ): Promise<boolean> {
      // A disabled account or a new password ends every open session of that account.
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(eq(users.username, username))
          .returning({ id: users.id });
        if (!row) return false;
        if (patch.disabled === true || patch.passwordHash !== undefined || patch.role !== undefined || patch.communeId !== undefined) {
          await tx.delete(sessions).where(eq(sessions.userId, row.id));
        }
        // a new password starts clean: the failed attempts before it no longer count
        if (patch.passwordHash !== undefined) await tx.delete(loginAttempts).where(eq(loginAttempts.username, username));
        return true;
      });
    },

    async createSession(s: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date }) {
      await db.insert(sessions).values({ ...s, expiresAt: s.expiresAt.toISOString() });
    },

    async sessionUser(tokenHash: string): Promise<(UserRecord & { csrfToken: string }) | null> {
      const [row] = await db
        .select({ ...userColumns, csrfToken: sessions.csrfToken })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(communes, eq(communes.id, users.communeId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), eq(users.disabled, false)));
      return (row as UserRecord & { csrfToken: string }) ?? null;
    },

    async deleteSession(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    /** Sessions of one user except the one in use (after a password change). */
    async deleteOtherSessions(userId: number, keepTokenHash: string) {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keepTokenHash}`));
    },

    /** Failed sign-ins in the window: for this account from this client, for the account, from the address. */
    async recentFailures(username: string, ip: string, windowMinutes: number): Promise<{ byClient: number; byUser: number; byIp: number }> {
      const since = sql`now() - make_interval(mins => ${windowMinutes})`;
      const [r] = await db
        .select({
          byClient: sql<number>`count(*) filter (where ${loginAttempts.username} = ${username} and ${loginAttempts.ip} = ${ip})::int`,
          byUser: sql<number>`count(*) filter (where ${loginAttempts.username} = ${username})::int`,
          byIp: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${ip})::int`,
        })
        .from(loginAttempts)
        .where(gt(loginAttempts.at, since));
      return r;
    },

    async recordFailure(username: string, ip: string) {
      await db.insert(loginAttempts).values({ username, ip });
      // keep the table small: nothing older than a day matters
      await db.delete(loginAttempts).where(lt(loginAttempts.at, sql`now() - interval '1 day'`));
    },

    /**
     * After a right password: this client's failures for the account, not the others' (an
     * officer signing in at the commune must not lift the block on whoever guesses elsewhere).
     * An admin's password reset clears them all (update()).
     */
    async clearFailures(username: string, ip: string) {
      await db.delete(loginAttempts).where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip)));
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
