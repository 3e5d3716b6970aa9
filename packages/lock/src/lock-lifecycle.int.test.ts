import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { fenceOf, ledgerOf, makeManager } from './lock.fixture.js';

describe('withLock lifecycle', () => {
  test('Feature: device-user-persistence-fix, Property 17: Distributed Lock Lifecycle', async ({ db, redis, prefix }) => {
    // ttl 200 with up to 80 ms of work: some runs extend (at ~67 ms), most do not.
    const { manager, about } = makeManager(redis, db, prefix, 'poller@test', { ttlMs: 200 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9:-]{1,40}$/),
        fc.integer({ min: 0, max: 80 }),
        fc.boolean(),
        fc.integer(),
        async (name, workMs, fails, value) => {
          const resource = `${prefix}-${run++}-${name}`;
          const key = `${prefix}:lock:${resource}`;
          const failure = new Error('sync failed');
          let seenToken = -1;
          const outcome = manager.withLock(resource, async (lock) => {
            // Acquired before the work starts: Redis key, a live fence with our token, a ledger row.
            expect(await redis.exists(key)).toBe(1);
            expect(await fenceOf(db, resource)).toEqual({ token: lock.token, holder: 'poller@test', live: true });
            expect((await ledgerOf(db, resource)).map((r) => r.event)).toEqual(['acquired']);
            seenToken = lock.token;
            await new Promise((r) => setTimeout(r, workMs));
            expect(lock.signal.aborted).toBe(false);
            if (fails) throw failure;
            return value;
          });
          if (fails) await expect(outcome).rejects.toBe(failure);
          else await expect(outcome).resolves.toBe(value);

          // Released after, on success and on throw alike.
          expect(await redis.exists(key)).toBe(0);
          expect(await fenceOf(db, resource)).toMatchObject({ token: seenToken, live: false });
          const ledger = await ledgerOf(db, resource);
          const events = ledger.map((r) => r.event).filter((e) => e !== 'extended');
          expect(events).toEqual(['acquired', 'released']);
          expect(ledger.every((r) => r.fencing_token === seenToken && r.acquired_by === 'poller@test')).toBe(true);
          expect(about(resource).map((l) => l.msg)).toEqual(expect.arrayContaining(['lock acquired', 'lock released']));
          expect(about(resource).find((l) => l.msg === 'lock acquired')?.fencingToken).toBe(seenToken);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('extends while fn runs past the ttl and records the first extension', async ({ db, redis, prefix }) => {
    const { manager } = makeManager(redis, db, prefix, 'poller@test', { ttlMs: 150 });
    const resource = `${prefix}-long`;
    await manager.withLock(resource, async (lock) => {
      await new Promise((r) => setTimeout(r, 400));
      expect(lock.signal.aborted).toBe(false);
      expect(await redis.exists(`${prefix}:lock:${resource}`)).toBe(1);
      expect((await fenceOf(db, resource))?.live).toBe(true);
    });
    expect((await ledgerOf(db, resource)).map((r) => r.event)).toEqual(['acquired', 'extended', 'released']);
  });

  test('rejects bad resources and timings before touching Redis', async ({ db, redis, prefix }) => {
    const { manager } = makeManager(redis, db, prefix);
    await expect(manager.withLock('', async () => 1)).rejects.toThrow(/non-empty string of at most 200/);
    await expect(manager.withLock('x'.repeat(201), async () => 1)).rejects.toThrow(RangeError);
    await expect(manager.withLock('ok', async () => 1, { ttlMs: 1.5 })).rejects.toThrow(/ttlMs must be an integer >= 3/);
    await expect(manager.withLock('ok', async () => 1, { retries: -1 })).rejects.toThrow(/retries/);
    expect(await ledgerOf(db, 'ok')).toEqual([]);
  });
});
