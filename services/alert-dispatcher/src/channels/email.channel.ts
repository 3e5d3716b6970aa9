import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Channel } from './channel.js';
import { subjectOf, textOf, type Notification } from './notification.js';

export interface EmailChannelOptions {
  /** `smtp://` or `smtps://` URL; credentials inside it are never logged. */
  smtpUrl: string;
  from: string;
  to: readonly string[];
  timeoutMs: number;
  /** Pooled connections (nodemailer `maxConnections`); default 5. */
  maxConnections?: number;
  /**
   * Recipients for one notification, read when it is sent: `null` = `to`; `[]` = no e-mail for it
   * (a setting turned e-mail off). seller-sync alerts use its live `alertConfig`.
   */
  recipients?: (n: Notification) => Promise<readonly string[] | null>;
}

/**
 * E-mail over SMTP through a pooled nodemailer transport (connections are
 * reused between alerts: a new TLS+AUTH handshake per alert costs more than the send).
 *
 * @example
 * const email = createEmailChannel({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'alerts@x.org', to: ['ops@x.org'], timeoutMs: 10_000 });
 */
export function createEmailChannel({ smtpUrl, from, to, timeoutMs, maxConnections = 5, recipients }: EmailChannelOptions): Channel {
  const transport = nodemailer.createTransport(smtpOptions(smtpUrl, timeoutMs, maxConnections));
  const host = new URL(smtpUrl).hostname || 'alert-dispatcher';
  return {
    name: 'email',
    async send(n) {
      // The same Message-ID on every retry of a round lets mail systems and
      // clients drop the copy sent when a crash hit between SMTP accept and our record.
      const messageId = `<alert.${n.deliveryId}@${host}>`;
      const rcpt = (await recipients?.(n)) ?? to;
      // Recorded as this round's delivery id, so a retry does not try again.
      if (rcpt.length === 0) return `not-sent: e-mail is turned off for ${n.source} alerts`;
      await transport.sendMail({ from, to: [...rcpt], subject: subjectOf(n), text: textOf(n), messageId });
      return messageId;
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * nodemailer options from an `smtp(s)://user:pass@host:port` URL. Not
 * `{ url }`: given a url, createTransport drops every other option (pool,
 * timeouts), which cost a new connection, and smtp-server's 100 ms
 * early-talker delay, per alert.
 */
export function smtpOptions(smtpUrl: string, timeoutMs: number, maxConnections = 5): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    pool: true,
    maxConnections,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}
