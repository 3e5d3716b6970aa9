import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const secret = 'unit-test-secret';
const now = Date.parse('2026-11-22T08:00:00Z');
const ts = Math.floor(now / 1000);

describe('webhook signature', () => {
  test('a receiver accepts exactly the body and timestamp that were signed', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: -300, max: 300 }), (body, other, skew) => {
        const signature = signWebhook(secret, ts + skew, body);
        expect(verifyWebhook(secret, signature, String(ts + skew), body, now)).toEqual({ ok: true });
        if (other !== body) expect(verifyWebhook(secret, signature, String(ts + skew), other, now)).toEqual({ ok: false, reason: 'bad-signature' });
        // Moving the timestamp header forward (a replay made to look fresh) breaks the MAC.
        expect(verifyWebhook(secret, signature, String(ts + skew + 1), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
      }),
      { numRuns: 100 },
    );
  });

  test('old signatures are refused as stale, other secrets and garbage as such', () => {
    const body = '{"a":1}';
    expect(verifyWebhook(secret, signWebhook(secret, ts - 301, body), String(ts - 301), body, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(secret, signWebhook('another-secret', ts, body), String(ts), body, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, 'md5=abc', String(ts), body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhook(secret, signWebhook(secret, ts, body), 'yesterday', body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(signWebhook(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});
