import { readSellerSyncSettings, type Database, type Kysely } from '@platform/db';
import type { Config } from '../config.js';
import type { Clock } from '../types.js';
import type { Channel } from './channel.js';
import { createEmailChannel } from './email.channel.js';
import { createWebhookChannel } from './webhook.channel.js';

export type ChannelConfig = Pick<
  Config,
  'SMTP_URL' | 'ALERT_EMAIL_FROM' | 'ALERT_EMAIL_TO' | 'SMTP_TIMEOUT_MS' | 'SMTP_MAX_CONNECTIONS' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET' | 'WEBHOOK_TIMEOUT_MS'
>;

/** The notifying channels the config enables (the log line is always written, separately). */
export function createChannels(config: ChannelConfig, now: Clock, db?: Kysely<Database>): Channel[] {
  const channels: Channel[] = [];
  if (config.SMTP_URL && config.ALERT_EMAIL_TO) {
    channels.push(
      createEmailChannel({
        smtpUrl: config.SMTP_URL,
        from: config.ALERT_EMAIL_FROM,
        to: config.ALERT_EMAIL_TO,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        maxConnections: config.SMTP_MAX_CONNECTIONS,
        recipients: db ? sellerSyncRecipients(db) : undefined,
      }),
    );
  }
  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) {
    channels.push(createWebhookChannel({ url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, timeoutMs: config.WEBHOOK_TIMEOUT_MS, now }));
  }
  return channels;
}

/**
 * seller-sync alerts go to its live `alertConfig` (spec 002 AlertConfig): nobody when
 * `emailEnabled` is false, else `emailRecipients`. Other sources keep ALERT_EMAIL_TO.
 */
export function sellerSyncRecipients(db: Kysely<Database>) {
  return async (n: { source: string }): Promise<readonly string[] | null> => {
    if (n.source !== 'seller-sync') return null;
    const { alertConfig } = await readSellerSyncSettings(db);
    return alertConfig.emailEnabled ? alertConfig.emailRecipients : [];
  };
}
