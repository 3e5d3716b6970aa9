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
export function createChannels(config: ChannelConfig, now: Clock): Channel[] {
  const channels: Channel[] = [];
  if (config.SMTP_URL && config.ALERT_EMAIL_TO) {
    channels.push(
      createEmailChannel({
        smtpUrl: config.SMTP_URL,
        from: config.ALERT_EMAIL_FROM,
        to: config.ALERT_EMAIL_TO,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        maxConnections: config.SMTP_MAX_CONNECTIONS,
      }),
    );
  }
  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) {
    channels.push(createWebhookChannel({ url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, timeoutMs: config.WEBHOOK_TIMEOUT_MS, now }));
  }
  return channels;
}
