// Accounts as people use them: signing in (with the limits on failed attempts), changing one's own
// password, and the admin creating and changing accounts. The routes (routes/auth, routes/users)
// keep what is HTTP: the cookie, the status codes. The SQL is in repositories/users.ts.
import type { Static } from 'typebox';
import type { UserCreateBody, UserPatchBody } from '@nq57/shared/schemas';
import { SESSION_HOURS, type SessionUser } from '../auth';
import { hashPassword, randomToken, sha256, verifyPassword } from '../auth/passwords';
import { ApiError } from '../errors';
import type { Role, UserRecord, UsersRepository } from '../repositories/users';

/**
 * Failed sign-ins (decision 005, revised by issue 16). Only the CLIENT that failed is refused: five
 * wrong passwords for an account from one address block that address for that account, so nobody
 * can lock an officer (or the admin) out from elsewhere. Many failures for one account, or from one
 * address across accounts, slow every answer down instead, so guessing stays slow while the right
 * password from the right person still signs in. A password reset clears the count.
 */
export const LOGIN_LIMITS = { windowMinutes: 15, perClient: 5, slowAfterUser: 10, slowAfterIp: 30, stepMs: 200, maxDelayMs: 3000 };

/** How long to wait before answering, from the failures the window holds (0 below the thresholds). */
export function loginDelayMs(f: { byUser: number; byIp: number }): number {
  const over = Math.max(f.byUser - LOGIN_LIMITS.slowAfterUser, f.byIp - LOGIN_LIMITS.slowAfterIp);
  return over < 0 ? 0 : Math.min(LOGIN_LIMITS.maxDelayMs, (over + 1) * LOGIN_LIMITS.stepMs);
}

const sessionEnds = () => new Date(Date.now() + SESSION_HOURS * 3600_000);

export function createAccountService(users: UsersRepository) {
  async function communeIdFor(role: Role, code: string | null | undefined): Promise<number | null> {
    if (role !== 'commune') {
      if (code) throw new ApiError(400, 'COMMUNE_NOT_ALLOWED', 'Chỉ tài khoản cán bộ xã mới gắn với một xã');
      return null;
    }
    if (!code) throw new ApiError(400, 'COMMUNE_REQUIRED', 'Tài khoản cán bộ xã phải gắn với một xã (communeCode)');
    const id = await users.communeIdByCode(code);
    if (id === null) throw new ApiError(400, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${code}"`);
    return id;
  }

  return {
    /**
     * The account and a new session (its cookie token and CSRF token), or an ApiError: 429 with
     * Retry-After for a client over its limit, 401 for a wrong name, password or a locked
     * account alike (no account probing).
     */
    async signIn(name: string, password: string, client: string): Promise<{ user: UserRecord; token: string; csrfToken: string }> {
      const username = name.trim().toLowerCase();
      const failures = await users.recentFailures(username, client, LOGIN_LIMITS.windowMinutes);
      if (failures.byClient >= LOGIN_LIMITS.perClient) {
        throw new ApiError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${LOGIN_LIMITS.windowMinutes} phút hoặc liên hệ quản trị để đặt lại mật khẩu.`,
          LOGIN_LIMITS.windowMinutes * 60,
        );
      }
      const delay = loginDelayMs(failures);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const user = await users.byUsername(username);
      const ok = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !ok || user.disabled) {
        await users.recordFailure(username, client);
        throw new ApiError(401, 'BAD_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa');
      }
      await users.clearFailures(username, client);
      const token = randomToken();
      const csrfToken = randomToken();
      await users.createSession({ tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt: sessionEnds() });
      return { user, token, csrfToken };
    },

    signOut: (u: SessionUser) => users.deleteSession(u.tokenHash),

    /** One's own password: the current one must match and the new one differ; other sessions end, this one stays. */
    async changePassword(u: SessionUser, current: string, next: string) {
      if (!(await verifyPassword(u.passwordHash, current))) throw new ApiError(400, 'BAD_PASSWORD', 'Mật khẩu hiện tại không đúng');
      if (next === current) throw new ApiError(400, 'SAME_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại');
      await users.update(u.username, { passwordHash: await hashPassword(next) });
      // update() ends every session of the account; this one is re-created so the user stays in
      await users.createSession({ tokenHash: u.tokenHash, userId: u.id, csrfToken: u.csrfToken, expiresAt: sessionEnds() });
    },

    list: () => users.list(),

    /** A new account (admin); 409 when the name is taken. */
    async create(b: Static<typeof UserCreateBody>): Promise<UserRecord> {
      const communeId = await communeIdFor(b.role, b.communeCode);
      const id = await users.create({
        username: b.username,
        displayName: b.displayName?.trim() ?? '',
        passwordHash: await hashPassword(b.password),
        role: b.role,
        communeId,
      });
      if (id === null) throw new ApiError(409, 'USERNAME_TAKEN', `Tên đăng nhập "${b.username}" đã có người dùng`);
      return (await users.byUsername(b.username))!;
    },

    /** Changes an account (admin); an admin cannot lock themselves out or drop their own role. */
    async update(actor: SessionUser, username: string, b: Static<typeof UserPatchBody>): Promise<UserRecord> {
      const current = await users.byUsername(username);
      if (!current) throw new ApiError(404, 'USER_NOT_FOUND', `Không có tài khoản "${username}"`);
      if (current.id === actor.id && (b.disabled === true || (b.role && b.role !== 'admin'))) {
        throw new ApiError(400, 'SELF_LOCKOUT', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình');
      }
      const role = b.role ?? current.role;
      const roleOrCommuneChanges = b.role !== undefined || b.communeCode !== undefined;
      const communeId = roleOrCommuneChanges
        ? await communeIdFor(role, b.communeCode === undefined ? (role === 'commune' ? current.communeCode : null) : b.communeCode)
        : undefined;
      await users.update(current.username, {
        ...(b.displayName !== undefined && { displayName: b.displayName.trim() }),
        ...(b.role !== undefined && { role: b.role }),
        ...(communeId !== undefined && { communeId }),
        ...(b.disabled !== undefined && { disabled: b.disabled }),
        ...(b.password !== undefined && { passwordHash: await hashPassword(b.password) }),
      });
      return (await users.byUsername(current.username))!;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
