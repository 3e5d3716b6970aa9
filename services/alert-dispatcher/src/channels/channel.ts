import type { ChannelName } from '../types.js';
import type { Notification } from './notification.js';

/**
 * One way of telling people. `send` resolves once the other side accepted the
 * notification and throws otherwise; it must be safe to call again for the
 * same `deliveryId` (it carries that id so the receiver can drop a duplicate).
 */
export interface Channel {
  readonly name: ChannelName;
  /** Resolves to the id the receiver knows this delivery by (SMTP Message-ID, webhook delivery id). */
  send(notification: Notification): Promise<string>;
  close(): Promise<void>;
}
