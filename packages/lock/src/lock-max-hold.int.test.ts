import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { FencingError, LockHoldExceededError } from './errors.js';
import { fencedWrite } from './fencing.js';
import { fenceOf, ledgerOf, makeManager } from './lock.fixture.js';

describe('withLock max hold', () => {
  test('Feature: device-user-persistence-fix, Property 19: Lock Timeout Enforcement', async ({ db, redis, prefix }) => {
    const { manager, about } = makeManager(redis, db, prefix, 'poller@test');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 150 }),
        // ttl well above a PostgreSQL round trip or a scheduling hiccup (the fence
        // is issued inside it); extensions (at ttl/3) happen when maxHoldMs > ttl/3.
        fc.integer({ min: 200, max: 400 }),
        // Whether fn ignores its signal (hangs) or stops when aborted.
        fc.boolean(),
        async (maxHoldMs, ttlMs, hangs) => {
          const resource = `${prefix}-${run++}`;
          let held: { token: number; signal: AbortSignal } | undefined;
          const started = performance.now();
          const outcome = manager.withLock(
            resource,
            (lock) => {
              held = lock;
              return new Promise<never>((_, reject) => {
                if (!hangs) lock.signal.addEventListener('abort', () => reject(new Error('stopped on abort')));
              });
            },
            { maxHoldMs, ttlMs },
          );
          const error: unknown = await outcome.catch((e: unknown) => e);
          const elapsed = performance.now() - started;

          expect(error).toBeInstanceOf(LockHoldExceededError);
          expect(error).toMatchObject({ resource, token: held?.token, maxHoldMs });
          expect(elapsed).toBeGreaterThanOrEqual(maxHoldMs - 1);
          expect(held?.signal.aborted).toBe(true);
          expect(held?.signal.reason).toBe(error);
          // Given up for real: the Redis key is gone and the lease has ended...
          expect(await redis.exists(`${prefix}:lock:${resource}`)).toBe(0);
          expect(await fenceOf(db, resource)).toMatchObject({ token: held?.token, live: false });
          // ...so a write the abandoned fn attempts now is refused,
          await expect(fencedWrite(db, { resource, token: held!.token }, async () => 'written')).rejects.toMatchObject({
            name: 'FencingError',
            reason: 'lease_expired',
          } satisfies Partial<FencingError>);
          // and the give-up is in the ledger and logged as a warning.
          const events = (await ledgerOf(db, resource)).map((r) => r.event).filter((e) => e !== 'extended');
          expect(events).toEqual(['acquired', 'max_hold_exceeded']);
          const warnings = about(resource).filter((l) => l.level === 40 && l.msg === 'lock held past its maximum and given up');
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toMatchObject({ fencingToken: held?.token, maxHoldMs });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('the lock is free again right after a give-up', async ({ db, redis, prefix }) => {
    const { manager } = makeManager(redis, db, prefix);
    const resource = `${prefix}-again`;
    await expect(manager.withLock(resource, () => new Promise(() => undefined), { maxHoldMs: 20 })).rejects.toBeInstanceOf(LockHoldExceededError);
    const token = await manager.withLock(resource, async (lock) => lock.token, { retries: 0 });
    expect(token).toBe(2);
  });
});
