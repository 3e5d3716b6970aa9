import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { LockBusyError, LockHoldExceededError } from '@platform/lock';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
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
    emu.state.replace(generateUsers(3, 1), []);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 5, max: 25 }), async (maxHoldMs) => {
        const { deps, lines } = makeDeps(db, redis, prefix, { lock: { maxHoldMs, ttlMs: 1_000 } });
        const id = await addDevice(db, emu, `p19-${n++}-${prefix}`);
        // The device answers slower than the hold limit: the sync must be cut off, not left holding.
        emu.faults.delayReplies(maxHoldMs + 30);
        const outcome = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' }).then(() => 'ok', (e: unknown) => e);
        emu.faults.delayReplies(0);
        expect(outcome).toBeInstanceOf(LockHoldExceededError);
        expect((await ledger(db, id)).map((e) => e.event)).toEqual(['acquired', 'max_hold_exceeded']);
        expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
        expect(lines.some((l) => l.level === 40 && l.msg === 'lock held past its maximum and given up' && l.resource === `device:${id}`)).toBe(true);
        // Nothing half-written: the sync never reached its first batch.
        expect(await db.selectFrom('attendance.device_user_buffer').select('id').where('device_id', '=', id).execute()).toEqual([]);
        // Let the abandoned device session finish before the next run takes the emulator's one slot.
        await new Promise((r) => setTimeout(r, 2 * (maxHoldMs + 30)));
      }),
      { numRuns: 100 },
    );
  });
});
