import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('defaults to the embedded database on port 3000 with demo data', () => {
    const c = loadConfig({}, '/srv/nq57');
    expect(c).toMatchObject({ port: 3000, host: 'localhost', dataDir: '/srv/nq57/data', databaseUrl: null, seedDemo: true });
  });

  it('turns demo data off by default on a real server, and lets SEED_DEMO decide', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: '0' }).seedDemo).toBe(false);
  });

  it('works with .env.example unedited', () => {
    const env = Object.fromEntries(
      readFileSync(path.resolve('.env.example'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(loadConfig(env, '/x')).toMatchObject({ port: 3000, dataDir: '/x/data', databaseUrl: null, seedDemo: true });
  });

  it('stops with a Vietnamese message naming each bad variable', () => {
    const bad = () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'yes' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('Cấu hình không hợp lệ');
      expect(m).toContain('PORT="abc"');
      expect(m).toContain('DATABASE_URL="mysql://x"');
      expect(m).toContain('SEED_DEMO="yes"');
    }
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('reminders: no mail server by default, automatic reminders on, links from PUBLIC_URL (issue 14)', () => {
    expect(loadConfig({}, '/x')).toMatchObject({
      smtpUrl: null,
      autoReminders: true,
      publicUrl: 'http://localhost:3000',
      mailFrom: 'Sở KH&CN Quảng Ngãi <no-reply@localhost>',
      reminderDaysBefore: [3, 1],
    });
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', AUTO_REMINDERS: 'false', PUBLIC_URL: 'https://nq57.quangngai.example/', REMINDER_DAYS_BEFORE: '5, 2,0' });
    expect(c).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example:587', autoReminders: false, publicUrl: 'https://nq57.quangngai.example', reminderDaysBefore: [5, 2, 0] });
    expect(c.mailFrom).toBe('Sở KH&CN Quảng Ngãi <no-reply@nq57.quangngai.example>');
    try {
      loadConfig({ SMTP_URL: 'mail.example', MAIL_FROM: 'Sở KH&CN <nhacviec>', PUBLIC_URL: 'nq57.example', AUTO_REMINDERS: 'có', REMINDER_DAYS_BEFORE: '3;1' });
      expect.unreachable();
    } catch (e) {
      const m = (e as Error).message;
      for (const k of ['SMTP_URL="mail.example"', 'MAIL_FROM="Sở KH&CN <nhacviec>"', 'PUBLIC_URL="nq57.example"', 'AUTO_REMINDERS="có"', 'REMINDER_DAYS_BEFORE="3;1"']) expect(m).toContain(k);
    }
    expect(() => loadConfig({ MAIL_FROM: 'Sở KH&CN <nhacviec>' })).toThrow(/MAIL_FROM phải là một địa chỉ e-mail/);
  });
});
