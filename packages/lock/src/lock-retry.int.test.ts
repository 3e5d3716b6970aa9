import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { LockBusyError } from './errors.js';
import type { LockTimers } from './timers.js';
import { ledgerOf, makeManager, STEADY } from './lock.fixture.js';

describe('withLock retries', () => {
  test('Feature: device-user-persistence-fix, Property 18: Lock Retry Behavior', async ({ db, redis, prefix }) => {
    // Backoff waits (at most 48 ms here) are recorded and then run at once: what is
    // asserted is the schedule the lock asked for, not how long a loaded machine
    // took to honour it. The hold's own timers (extension at ~ttl/3, max hold) are
    // far longer and never come due: fn returns at once.
    const waitsAsked: number[] = [];
    const timers: LockTimers = {
      setTimeout: (callback, ms) => {
        if (ms >= 1_000) return null;
        waitsAsked.push(ms);
        return setImmediate(callback);
      },
      clearTimeout: (handle) => {
        if (handle) clearImmediate(handle as NodeJS.Immediate);
      },
    };
    const { manager, about } = makeManager(redis, db, prefix, 'poller@test', STEADY, timers);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        // Attempt after which the other holder lets go; past the last attempt it never does.
        fc.integer({ min: 1, max: 6 }),
        async (retries, retryDelayMs, freedAfter) => {
          const resource = `${prefix}-${run++}`;
          const key = `${prefix}:lock:${resource}`;
          // Another process holds the lock (same key format, a value that is not ours).
          await redis.set(key, 'another-holder', 'PX', 60_000);
          const attempts: Array<{ attempt: number; acquired: boolean }> = [];
          waitsAsked.length = 0;
          const outcome = manager.withLock(resource, async (lock) => lock.token, {
            retries,
            retryDelayMs,
            onAttempt: ({ attempt, acquired }) => {
              attempts.push({ attempt, acquired });
              // Same connection as the lock manager, so this DEL lands before the next attempt.
              if (!acquired && attempt === freedAfter && attempt <= retries) void redis.del(key);
            },
          });
          const totalAttempts = retries + 1;
          if (freedAfter < totalAttempts) {
            await expect(outcome).resolves.toBeGreaterThan(0);
            expect(attempts).toEqual([
              ...Array.from({ length: freedAfter }, (_, i) => ({ attempt: i + 1, acquired: false })),
              { attempt: freedAfter + 1, acquired: true },
            ]);
            expect((await ledgerOf(db, resource)).map((r) => r.event)).toEqual(['acquired', 'released']);
          } else {
            const error: unknown = await outcome.catch((e: unknown) => e);
            expect(error).toBeInstanceOf(LockBusyError);
            expect(error).toMatchObject({ resource, attempts: totalAttempts });
            expect(attempts).toEqual(Array.from({ length: totalAttempts }, (_, i) => ({ attempt: i + 1, acquired: false })));
            const ledger = await ledgerOf(db, resource);
            expect(ledger.map((r) => [r.event, r.details])).toEqual([['acquire_failed', expect.objectContaining({ attempts: totalAttempts })]]);
            expect(about(resource).filter((l) => l.msg === 'lock busy; giving up' && l.level === 40)).toHaveLength(1);
            // Someone else's lock is never touched by a failed acquirer.
            expect(await redis.get(key)).toBe('another-holder');
            await redis.del(key);
          }
          // Backoff: one wait between attempts, each within half to all of its doubling ceiling.
          const waits = Math.min(freedAfter, retries);
          expect(waitsAsked).toHaveLength(waits);
          waitsAsked.forEach((ms, i) => {
            const ceiling = retryDelayMs * 2 ** i;
            expect(ms).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
            expect(ms).toBeLessThanOrEqual(ceiling);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a caller signal aborts the wait between attempts', async ({ db, redis, prefix }) => {
    const { manager } = makeManager(redis, db, prefix);
    const resource = `${prefix}-abort`;
    await redis.set(`${prefix}:lock:${resource}`, 'another-holder', 'PX', 60_000);
    const controller = new AbortController();
    const outcome = manager.withLock(resource, async () => 'never', {
      retries: 5,
      retryDelayMs: 10_000,
      signal: controller.signal,
      onAttempt: () => controller.abort(new Error('shutting down')),
    });
    await expect(outcome).rejects.toThrow('shutting down');
  });
});
