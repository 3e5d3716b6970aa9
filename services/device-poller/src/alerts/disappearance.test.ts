import fc from 'fast-check';
import { expect, test } from 'vitest';
import { disappearanceAlert } from './disappearance.js';

const base = { deviceId: 7, previousHistoryId: 3, previousCount: 200, count: 100, runId: 'r' };

test('the dedupe key is the same for the same vanished set (any order) and differs for any other set', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 999_999 }).map(String), { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 1, max: 999_999 }).map(String),
      (ids, extra) => {
        const key = disappearanceAlert({ ...base, vanished: ids }).dedupeKey;
        expect(disappearanceAlert({ ...base, vanished: [...ids].reverse() }).dedupeKey).toBe(key);
        if (!ids.includes(extra)) expect(disappearanceAlert({ ...base, vanished: [...ids, extra] }).dedupeKey).not.toBe(key);
        if (ids.length > 1) expect(disappearanceAlert({ ...base, vanished: ids.slice(1) }).dedupeKey).not.toBe(key);
        expect(disappearanceAlert({ ...base, deviceId: 8, vanished: ids }).dedupeKey).not.toBe(key);
      },
    ),
    { numRuns: 100 },
  );
});

test('two sets that share the 50 ids the message shows still get different keys', () => {
  const shown = Array.from({ length: 50 }, (_, i) => String(i + 1));
  const a = disappearanceAlert({ ...base, vanished: [...shown, '900'] });
  const b = disappearanceAlert({ ...base, vanished: [...shown, '901'] });
  expect(a.message).toBe(b.message);
  expect(a.dedupeKey).not.toBe(b.dedupeKey);
  expect(a.dedupeKey!.length).toBeLessThanOrEqual(200);
});
