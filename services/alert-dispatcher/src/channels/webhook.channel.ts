import type { Clock } from '../types.js';
import type { Channel } from './channel.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature.js';

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  now: Clock;
}

/** Thrown for a non-2xx answer; the attempt is retried like a network error. */
export class WebhookRejectedError extends Error {
  override readonly name = 'WebhookRejectedError';
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`webhook answered HTTP ${status}`);
  }
}

/**
 * JSON POST of the notification, signed (see `signWebhook`) and carrying the
 * delivery id as an idempotency key.
 *
 * @example
 * const hook = createWebhookChannel({ url: 'https://hooks.x.org/alerts', secret, timeoutMs: 10_000, now: () => new Date() });
 */
export function createWebhookChannel({ url, secret, timeoutMs, now }: WebhookChannelOptions): Channel {
  return {
    name: 'webhook',
    async send(n) {
      const body = JSON.stringify(n);
      const timestamp = Math.floor(now().getTime() / 1000);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: n.deliveryId,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the keep-alive socket goes back to the pool.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new WebhookRejectedError(response.status, url);
      return n.deliveryId;
    },
    async close() {},
  };
}
