import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fencedWrite, LockBusyError, LockHoldExceededError } from '@platform/lock';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, ManualTimers, test } from '@platform/testkit';
import { addDevice, makeDeps, startSilentDevice } from '../poller.fixture.js';
import { syncDevice } from './sync-device.job.js';
import { deviceUsers } from './sync.arbitrary.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

const F = 'Feature: device-user-persistence-fix';
let n = 0;
const ledger = (db: Parameters<typeof addDevice>[0], id: number) =>
  db.selectFrom('platform.sync_locks').select(['event', 'fencing_token', 'created_at', 'details']).where('lock_key', '=', `device:${id}`).orderBy('id').execute();

describe('sync lock properties', () => {
  test(`${F}, Property 17: Distributed Lock Lifecycle`, async ({ db, redis, prefix }) => {
    const { deps, lines } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(6), fc.boolean(), async (users, failRead) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p17-${n++}-${prefix}`);
        await emu.faults.reset();
        // Half of an empty list is the list: only a non-empty read can be cut short.
        const fails = failRead && users.length > 0;
        if (fails) emu.faults.truncateNextBulk();
        const outcome = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' }).then(() => 'ok', (e: unknown) => e);
        if (fails) expect(outcome).toMatchObject({ name: 'IncompleteReadError' });
        else expect(outcome).toBe('ok');
        const events = (await ledger(db, id)).filter((e) => e.event !== 'extended');
        expect(events.map((e) => e.event)).toEqual(['acquired', 'released']);
        expect(events[0]!.fencing_token).toBe(events[1]!.fencing_token);
        expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
        // Every audit row of the sync lies between acquire and release.
        const audit = await db.selectFrom('attendance.device_user_audit_log').select('occurred_at').where('device_id', '=', id).execute();
        for (const a of audit) {
          expect(a.occurred_at.getTime()).toBeGreaterThanOrEqual(events[0]!.created_at.getTime());
          expect(a.occurred_at.getTime()).toBeLessThanOrEqual(events[1]!.created_at.getTime());
        }
        const logged = lines.filter((l) => l.resource === `device:${id}`).map((l) => l.msg);
        expect(logged).toEqual(expect.arrayContaining(['lock acquired', 'lock released']));
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 18: Lock Retry Behavior`, async ({ db, redis, prefix }) => {
    emu.state.replace(generateUsers(3, 1), []);
    const { deps } = makeDeps(db, redis, prefix, { lock: { retryDelayMs: 1 } });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), async (freedAfter) => {
        const id = await addDevice(db, emu, `p18-${n++}-${prefix}`);
        const key = `${prefix}:lock:device:${id}`;
        await redis.set(key, 'another-poller', 'PX', 60_000);
        const attempts: boolean[] = [];
        const outcome = await syncDevice(
          { ...deps, lockRetries: 3, lock: { onAttempt: ({ attempt, acquired }) => { attempts.push(acquired); if (!acquired && attempt === freedAfter) void redis.del(key); } } },
          { deviceId: id, trigger: 'scheduled' },
        ).then(() => 'ok', (e: unknown) => e);
        const buffered = await db.selectFrom('attendance.device_user_buffer').select('id').where('device_id', '=', id).execute();
        if (freedAfter <= 3) {
          expect(outcome).toBe('ok');
          expect(attempts).toEqual([...Array<boolean>(freedAfter).fill(false), true]);
          expect(buffered).toHaveLength(3);
        } else {
          expect(outcome).toBeInstanceOf(LockBusyError);
          expect(outcome).toMatchObject({ resource: `device:${id}`, attempts: 4 });
          expect(attempts).toEqual([false, false, false, false]);
          expect(buffered).toHaveLength(0); // nothing read, nothing written
          expect((await ledger(db, id)).map((e) => e.event)).toEqual(['acquire_failed']);
          await redis.del(key);
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 19: Lock Timeout Enforcement`, async ({ db, redis, prefix }) => {
    // A device that takes the connection and never answers: nothing but the max
    // hold can end the sync, so the outcome cannot depend on how fast the box is.
    const device = await startSilentDevice();
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 600_000 }), async (maxHoldMs) => {
          const timers = new ManualTimers();
          const { deps, lines } = makeDeps(db, redis, prefix, {
            lock: { maxHoldMs, ttlMs: 60_000 },
            timers,
            // Far above anything a test waits for: the client itself never gives up first.
            client: { resilience: { attempts: 1, initialDelayMs: 1, failureThreshold: 5, cooldownMs: 500 }, connectTimeoutMs: 600_000, commandTimeoutMs: 600_000 },
          });
          const id = await addDevice(db, device, `p19-${n++}-${prefix}`);
          const talking = device.nextConnection();
          const outcome = syncDevice(deps, { deviceId: id, trigger: 'scheduled' }).then(() => 'ok', (e: unknown) => e);
          await talking; // the sync holds the lock and waits on the device

          timers.advance(maxHoldMs - 1);
          expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(1);
          timers.advance(1);
          // The guard only keeps a broken limit from hanging the run; it is no time bound.
          const stillSyncing = sleep(60_000, 'still syncing past the max hold', { ref: false });
          expect(await Promise.race([outcome, stillSyncing])).toBeInstanceOf(LockHoldExceededError);

          // Given up, not released after success (an extension may come first when the limit is long).
          const events = await ledger(db, id);
          expect(events.map((e) => e.event).filter((e) => e !== 'extended')).toEqual(['acquired', 'max_hold_exceeded']);
          expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
          expect(lines.some((l) => l.level === 40 && l.msg === 'lock held past its maximum and given up' && l.resource === `device:${id}`)).toBe(true);
          // The abandoned sync can no longer write: its token's lease has ended...
          await expect(fencedWrite(db, { resource: `device:${id}`, token: Number(events[0]!.fencing_token) }, async () => 'written')).rejects.toMatchObject({
            name: 'FencingError',
            reason: 'lease_expired',
          });
          // ...and it never reached its first batch.
          expect(await db.selectFrom('attendance.device_user_buffer').select('id').where('device_id', '=', id).execute()).toEqual([]);
          device.hangUp();
        }),
        { numRuns: 100 },
      );
    } finally {
      await device.close();
    }
  });
});
