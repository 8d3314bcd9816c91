// A real SMTP server in the test process (the smtp-server package), for the reminders: every
// message it accepts is parsed (mailparser) and kept; a test waits for the messages it expects
// (never for time), may slow each message down (a batch in progress) or refuse the next few with
// a temporary error (a retry).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface Received {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  from: string;
}

export interface TestSmtp {
  url: string;
  messages: Received[];
  /** milliseconds each message takes to be accepted */
  delayMs: number;
  /** how many of the next messages to refuse with "451" (try again later) */
  refuseNext: number;
  /** messages refused so far */
  refused: number;
  /** resolves once `done(messages)` holds; fails after `timeoutMs` with what arrived */
  waitFor(done: (m: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const listeners = new Set<() => void>();
  const state: TestSmtp = {
    url: '',
    messages: [],
    delayMs: 0,
    refuseNext: 0,
    refused: 0,
    waitFor(done, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(state.messages)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(state.messages);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`waited ${timeoutMs} ms; ${state.messages.length} messages arrived: ${state.messages.map((m) => m.subject).join(' | ').slice(0, 2000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    // plain SMTP on loopback, no sign-in: what a relay inside the Sở's network looks like
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
          if (state.refuseNext > 0) {
            state.refuseNext--;
            state.refused++;
            const err = Object.assign(new Error('Hộp thư tạm thời bận, thử lại sau'), { responseCode: 451 });
            return callback(err);
          }
          state.messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
          });
          callback();
          for (const l of [...listeners]) l();
        })
        .catch((e) => callback(e));
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
