import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { LockBusyError } from './errors.js';
import { ledgerOf, makeManager } from './lock.fixture.js';

describe('withLock retries', () => {
  test('Feature: device-user-persistence-fix, Property 18: Lock Retry Behavior', async ({ db, redis, prefix }) => {
    const { manager, about } = makeManager(redis, db, prefix, 'poller@test');
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
          const started = performance.now();
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
          // Backoff: each wait is at least half its doubling ceiling.
          const waits = Math.min(freedAfter, retries);
          const minWait = Array.from({ length: waits }, (_, i) => Math.floor((retryDelayMs * 2 ** i) / 2)).reduce((a, b) => a + b, 0);
          expect(performance.now() - started).toBeGreaterThanOrEqual(minWait - waits);
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
