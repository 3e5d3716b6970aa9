import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-alert-timestamp';
export const DELIVERY_HEADER = 'x-alert-delivery-id';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). The timestamp
 * is inside the MAC: a signature over the body alone could be replayed
 * forever with a fresh timestamp header.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'malformed' | 'bad-signature' | 'stale' };

/**
 * What a receiver runs on the raw body before parsing it: recompute the MAC,
 * compare in constant time, and refuse timestamps outside the replay window
 * (then drop repeats of `x-alert-delivery-id` seen inside it).
 *
 * @example
 * const check = verifyWebhook(secret, req.headers['x-signature'], req.headers['x-alert-timestamp'], rawBody, Date.now());
 * if (!check.ok) return res.writeHead(401).end(check.reason);
 */
export function verifyWebhook(
  secret: string,
  signature: string | undefined,
  timestamp: string | undefined,
  body: string,
  nowMs: number,
  windowSeconds = 300,
): VerifyResult {
  const ts = Number(timestamp);
  if (!signature?.startsWith('sha256=') || !Number.isSafeInteger(ts)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (Math.abs(nowMs / 1000 - ts) > windowSeconds) return { ok: false, reason: 'stale' };
  return { ok: true };
}
