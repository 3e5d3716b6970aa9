import fc from 'fast-check';
import { describe, expect, ManualTimers, test } from '@platform/testkit';
import { FencingError, LockHoldExceededError } from './errors.js';
import { fencedWrite } from './fencing.js';
import type { HeldLock } from './lock-manager.js';
import { fenceOf, ledgerOf, makeManager, STEADY_TTL_MS } from './lock.fixture.js';

describe('withLock max hold', () => {
  test('Feature: device-user-persistence-fix, Property 19: Lock Timeout Enforcement', async ({ db, redis, prefix }) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Any limit from 1 ms to 10 minutes: on the manual clock the size costs nothing,
        // and limits past ttl/3 make extensions fire before the give-up.
        fc.integer({ min: 1, max: 600_000 }),
        // Whether fn ignores its signal (hangs) or stops when aborted.
        fc.boolean(),
        async (maxHoldMs, hangs) => {
          const timers = new ManualTimers();
          const { manager, about } = makeManager(redis, db, prefix, 'poller@test', { ttlMs: STEADY_TTL_MS }, timers);
          const resource = `${prefix}-${run++}`;
          let onHeld!: (lock: HeldLock) => void;
          const heldNow = new Promise<HeldLock>((resolve) => (onHeld = resolve));
          const outcome = manager
            .withLock(
              resource,
              (lock) => {
                onHeld(lock);
                // fn never finishes by itself: only the max hold can end this hold.
                return new Promise<never>((_, reject) => {
                  if (!hangs) lock.signal.addEventListener('abort', () => reject(new Error('stopped on abort')));
                });
              },
              { maxHoldMs },
            )
            .then(() => 'resolved', (e: unknown) => e);
          const held = await heldNow;

          // One millisecond short of the limit the lock is still held...
          timers.advance(maxHoldMs - 1);
          expect(held.signal.aborted).toBe(false);
          expect(await redis.exists(`${prefix}:lock:${resource}`)).toBe(1);
          // ...and at the limit it is given up.
          timers.advance(1);
          expect(held.signal.aborted).toBe(true);
          const error = await outcome;

          expect(error).toBeInstanceOf(LockHoldExceededError);
          expect(error).toMatchObject({ resource, token: held.token, maxHoldMs });
          expect(held.signal.aborted).toBe(true);
          expect(held.signal.reason).toBe(error);
          // Given up for real: the Redis key is gone and the lease has ended...
          expect(await redis.exists(`${prefix}:lock:${resource}`)).toBe(0);
          expect(await fenceOf(db, resource)).toMatchObject({ token: held.token, live: false });
          // ...so a write the abandoned fn attempts now is refused,
          await expect(fencedWrite(db, held, async () => 'written')).rejects.toMatchObject({
            name: 'FencingError',
            reason: 'lease_expired',
          } satisfies Partial<FencingError>);
          // and the give-up is in the ledger (not a normal release) and logged as a warning.
          const events = (await ledgerOf(db, resource)).map((r) => r.event).filter((e) => e !== 'extended');
          expect(events).toEqual(['acquired', 'max_hold_exceeded']);
          const warnings = about(resource).filter((l) => l.level === 40 && l.msg === 'lock held past its maximum and given up');
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toMatchObject({ fencingToken: held.token, maxHoldMs });
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
