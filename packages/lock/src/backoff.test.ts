import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  test('stays within [ceiling/2, ceiling] and the ceiling doubles per attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, baseMs, r) => {
        const ceiling = baseMs * 2 ** (attempt - 1);
        const delay = backoffDelay(attempt, baseMs, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
      }),
      { numRuns: 100 },
    );
  });

  test('default jitter is not constant', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, 1_000)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
