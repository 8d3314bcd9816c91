// The mail server, through nodemailer: one pooled SMTP transport from SMTP_URL, or none. Without
// SMTP_URL nothing is sent: the outbox keeps the messages and the pages say no server is set.
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  /** the same id on every attempt: a message repeated after a crash is one message to a mail client */
  messageId: string;
}

export interface Mailer {
  configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new Error('Chưa cấu hình máy chủ thư (SMTP_URL)');
      },
      close() {},
    };
  }
  // Bounded waits: a message must end (sent or failed) well within the outbox's lease, or another
  // instance could take it over while this one is still talking to the server.
  const transport = createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 }, { from });
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
}
