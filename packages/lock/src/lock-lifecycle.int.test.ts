import fc from 'fast-check';
import { describe, eventually, expect, ManualTimers, test } from '@platform/testkit';
import type { Database, Kysely } from '@platform/db';
import { fenceOf, ledgerOf, makeManager, STEADY, STEADY_TTL_MS } from './lock.fixture.js';

const extendedLines = (lines: Array<{ msg: string }>) => lines.filter((l) => l.msg === 'lock extended').length;

async function leaseOf(db: Kysely<Database>, resource: string): Promise<Date> {
  const row = await db.selectFrom('platform.lock_fences').select('lease_expires_at').where('resource', '=', resource).executeTakeFirstOrThrow();
  return row.lease_expires_at;
}

describe('withLock lifecycle', () => {
  test('Feature: device-user-persistence-fix, Property 17: Distributed Lock Lifecycle', async ({ db, redis, prefix }) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9:-]{1,40}$/),
        // How many times the work outlasts a third of the ttl, so the hold must extend.
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.integer(),
        async (name, extensions, fails, value) => {
          const timers = new ManualTimers();
          const { manager, about } = makeManager(redis, db, prefix, 'poller@test', STEADY, timers);
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
            for (let round = 1; round <= extensions; round++) {
              await timers.untilPending(2); // the max-hold timer and the next extension
              timers.advance(STEADY_TTL_MS / 3);
              await eventually(() => extendedLines(about(resource)) === round, { what: `extension ${round}` });
            }
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
          // Only the first extension of a hold is written to the ledger.
          expect(ledger.map((r) => r.event)).toEqual(extensions > 0 ? ['acquired', 'extended', 'released'] : ['acquired', 'released']);
          expect(ledger.every((r) => r.fencing_token === seenToken && r.acquired_by === 'poller@test')).toBe(true);
          expect(about(resource).map((l) => l.msg)).toEqual(expect.arrayContaining(['lock acquired', 'lock released']));
          expect(about(resource).find((l) => l.msg === 'lock acquired')?.fencingToken).toBe(seenToken);
          expect(about(resource).find((l) => l.msg === 'lock released')).toMatchObject({ extensions, lost: false });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('each extension pushes the lease forward and keeps the key', async ({ db, redis, prefix }) => {
    const timers = new ManualTimers();
    const { manager, about } = makeManager(redis, db, prefix, 'poller@test', STEADY, timers);
    const resource = `${prefix}-long`;
    await manager.withLock(resource, async (lock) => {
      let lease = await leaseOf(db, resource);
      for (let round = 1; round <= 3; round++) {
        await timers.untilPending(2);
        timers.advance(STEADY_TTL_MS / 3);
        await eventually(() => extendedLines(about(resource)) === round, { what: `extension ${round}` });
        const next = await leaseOf(db, resource);
        expect(next.getTime()).toBeGreaterThan(lease.getTime());
        lease = next;
        expect(lock.signal.aborted).toBe(false);
        expect(await redis.exists(`${prefix}:lock:${resource}`)).toBe(1);
      }
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
