// One schema for the environment, validated once at boot. A bad value stops the app with a
// message that names the variable, in Vietnamese first (the people who run this read it).
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';
import { DEFAULT_SCHEDULE, normalizeEmail } from '@nq57/shared';

const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);

export const EnvSchema = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$', description: 'Cổng HTTP (mặc định 3000)' })),
  HOST: Type.Optional(Type.String({ minLength: 1, description: 'Địa chỉ lắng nghe (mặc định localhost)' })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1, description: 'Thư mục cơ sở dữ liệu nhúng PGlite (mặc định ./data)' })),
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://', description: 'Máy chủ PostgreSQL; khi có, không dùng PGlite' }),
  ),
  SEED_DEMO: Type.Optional(Bool),
  ADMIN_PASSWORD: Type.Optional(
    Type.String({ minLength: 10, description: 'Mật khẩu tài khoản admin khi tạo lần đầu; để trống thì sinh ngẫu nhiên và in ra một lần' }),
  ),
  READ_REQUIRES_LOGIN: Type.Optional(Bool),
  TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^(true|false|[0-9]{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$',
      description: 'Máy chủ đứng sau proxy (nginx): true, số lớp proxy, hoặc danh sách địa chỉ proxy; khi đó địa chỉ người dùng và https lấy từ X-Forwarded-*',
    }),
  ),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
  // reminders by e-mail (issue 14)
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$', description: 'Máy chủ gửi thư; không có thì không gửi thư nào' })),
  MAIL_FROM: Type.Optional(Type.String({ minLength: 3, maxLength: 200, description: 'Người gửi của thư nhắc' })),
  AUTO_REMINDERS: Type.Optional(Bool),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$', description: 'Địa chỉ người dùng mở ứng dụng: đường dẫn trong thư' })),
  REMINDER_DAYS_BEFORE: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}( *, *[0-9]{1,2})*$', description: 'Nhắc trước hạn bao nhiêu ngày' })),
});

export interface Config {
  port: number;
  host: string;
  /** absolute path of the PGlite data directory, or null for an in-memory database (tests) */
  dataDir: string | null;
  databaseUrl: string | null;
  seedDemo: boolean;
  logLevel: string;
  /** password of the first admin account; null = generate one and print it once */
  adminPassword: string | null;
  /** reading published figures needs a sign-in (default: no) */
  readRequiresLogin: boolean;
  /**
   * Fastify's trustProxy: behind a proxy the client's address (sign-in limits) and https (the
   * session cookie's Secure flag) come from X-Forwarded-*; never trusted by default, since any
   * client could then claim any address.
   */
  trustProxy: boolean | number | string[];
  /** the mail server of the reminders (smtp:// or smtps://); null = nothing is sent, the pages say so */
  smtpUrl: string | null;
  /** From: of every reminder, "Name <address>" */
  mailFrom: string;
  /** the scheduler's reminders and the e-mail of a return; false = only the Sở's "Nhắc ngay" sends */
  autoReminders: boolean;
  /** where people open the app (no trailing slash): the links in e-mails, never the request's Host */
  publicUrl: string;
  /** days before the deadline on which communes that have not reported are reminded */
  reminderDaysBefore: number[];
}

export class ConfigError extends Error {}

const hints: Record<string, string> = {
  PORT: 'PORT phải là số nguyên từ 1 đến 65535 (ví dụ 3000)',
  HOST: 'HOST không được để trống (ví dụ localhost hoặc 0.0.0.0)',
  DATA_DIR: 'DATA_DIR không được để trống (ví dụ ./data)',
  DATABASE_URL: 'DATABASE_URL phải có dạng postgres://người_dùng@máy:5432/tên_csdl',
  SEED_DEMO: 'SEED_DEMO chỉ nhận true, false, 1 hoặc 0',
  ADMIN_PASSWORD: 'ADMIN_PASSWORD phải dài ít nhất 10 ký tự',
  READ_REQUIRES_LOGIN: 'READ_REQUIRES_LOGIN chỉ nhận true, false, 1 hoặc 0',
  TRUST_PROXY: 'TRUST_PROXY nhận true, false, số lớp proxy (ví dụ 1) hoặc danh sách địa chỉ proxy cách nhau bằng dấu phẩy',
  LOG_LEVEL: 'LOG_LEVEL chỉ nhận fatal, error, warn, info, debug, trace hoặc silent',
  SMTP_URL: 'SMTP_URL phải có dạng smtp://người_dùng:mật_khẩu@máy:587 hoặc smtps://…:465',
  MAIL_FROM: 'MAIL_FROM phải là một địa chỉ e-mail, có thể kèm tên: Sở KH&CN Quảng Ngãi <nhacviec@skhcn.quangngai.gov.vn>',
  AUTO_REMINDERS: 'AUTO_REMINDERS chỉ nhận true, false, 1 hoặc 0',
  PUBLIC_URL: 'PUBLIC_URL phải có dạng https://tên-miền (địa chỉ người dùng mở ứng dụng)',
  REMINDER_DAYS_BEFORE: 'REMINDER_DAYS_BEFORE là các số ngày ngăn bằng dấu phẩy, ví dụ 3,1',
};

/** "Name <address>" or a bare address; the address must be one (shared normalizeEmail). */
function mailFromOk(from: string): boolean {
  const m = /^(?:(.*)<([^<>]+)>|([^<>]+))$/.exec(from.trim());
  return !!m && normalizeEmail((m[2] ?? m[3]).trim()) !== null;
}

/** Reads the environment; empty strings count as unset so `.env.example` works unedited. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const raw = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .map((k) => [k, env[k]?.trim()])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const problems = [...Value.Errors(EnvSchema, raw)].map((e) => {
    const key = e.instancePath.replace(/^\//, '');
    return `- ${key}=${JSON.stringify(raw[key])}: ${hints[key] ?? e.message}`;
  });
  const port = raw.PORT === undefined ? 3000 : Number(raw.PORT);
  if (!problems.length && (port < 1 || port > 65535)) problems.push(`- PORT=${raw.PORT}: ${hints.PORT}`);
  if (raw.MAIL_FROM !== undefined && !mailFromOk(raw.MAIL_FROM)) problems.push(`- MAIL_FROM=${JSON.stringify(raw.MAIL_FROM)}: ${hints.MAIL_FROM}`);
  if (problems.length) {
    throw new ConfigError(`Cấu hình không hợp lệ (biến môi trường):\n${[...new Set(problems)].join('\n')}`);
  }
  const databaseUrl = raw.DATABASE_URL ?? null;
  const seedDemo = raw.SEED_DEMO === undefined ? databaseUrl === null : raw.SEED_DEMO === 'true' || raw.SEED_DEMO === '1';
  return {
    port,
    host: raw.HOST ?? 'localhost',
    dataDir: path.resolve(cwd, raw.DATA_DIR ?? './data'),
    databaseUrl,
    seedDemo,
    logLevel: raw.LOG_LEVEL ?? 'info',
    adminPassword: raw.ADMIN_PASSWORD ?? null,
    readRequiresLogin: raw.READ_REQUIRES_LOGIN === 'true' || raw.READ_REQUIRES_LOGIN === '1',
    trustProxy: trustProxyOf(raw.TRUST_PROXY),
    ...reminderConfig(raw, port),
  };
}

function reminderConfig(raw: Partial<Record<keyof Env, string>>, port: number) {
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    smtpUrl: raw.SMTP_URL ?? null,
    mailFrom: raw.MAIL_FROM ?? `Sở KH&CN Quảng Ngãi <no-reply@${new URL(publicUrl).hostname}>`,
    autoReminders: raw.AUTO_REMINDERS === undefined || raw.AUTO_REMINDERS === 'true' || raw.AUTO_REMINDERS === '1',
    publicUrl,
    reminderDaysBefore: raw.REMINDER_DAYS_BEFORE ? raw.REMINDER_DAYS_BEFORE.split(',').map((n) => Number(n.trim())) : DEFAULT_SCHEDULE.daysBefore,
  };
}

function trustProxyOf(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^[0-9]{1,2}$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}

export type Env = Static<typeof EnvSchema>;
