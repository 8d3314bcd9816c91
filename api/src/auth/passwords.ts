// argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1: the OWASP minimum).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, createHash } from 'node:crypto';

export const hashPassword = (password: string) => hash(password);

// Verifying against a fixed hash when the account does not exist keeps the answer time the
// same, so timing does not reveal which user names exist.
let dummy: Promise<string> | null = null;
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hash('không có tài khoản này');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** A password for a first start without ADMIN_PASSWORD: printed once, never stored in clear. */
export function generatePassword(): string {
  // no 0/O, 1/l/I: it is read off a terminal and typed by hand
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}
