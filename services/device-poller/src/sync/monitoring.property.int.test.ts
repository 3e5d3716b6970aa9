import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { MAX_POLL_INTERVAL_MS, reconcileSchedules } from '../schedule/schedules.js';
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

describe('monitoring properties', () => {
  test(`${F}, Property 22: Monitoring Poll Frequency`, async ({ db, redis, prefix }) => {
    const { devices, producer } = makeDeps(db, redis, prefix);
    const queue = producer.queue('device-sync');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ interval: fc.integer({ min: 1, max: 86_400 }), enabled: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 7 * 86_400_000 }),
        async (specs, windowOffset) => {
          await db.updateTable('platform.devices').set({ enabled: false }).execute();
          const ids: Array<{ id: number; enabled: boolean }> = [];
          for (const s of specs) {
            const row = await db.insertInto('platform.devices').values({ name: `p22-${n++}-${prefix}`, host: '127.0.0.1', poll_interval_seconds: s.interval, enabled: s.enabled }).returning('id').executeTakeFirstOrThrow();
            ids.push({ id: row.id, enabled: s.enabled });
          }
          await reconcileSchedules(producer, await devices.listEnabledDevices(), '17 3 * * *');
          const schedulers = new Map((await queue.getJobSchedulers()).map((s) => [s.key, s]));
          for (const { id, enabled } of ids) {
            const s = schedulers.get(`sync-device.${id}`);
            if (!enabled) {
              expect(s).toBeUndefined();
              continue;
            }
            expect(s?.every).toBeLessThanOrEqual(MAX_POLL_INTERVAL_MS);
            // BullMQ fires at next, next + every, ...: any 5-minute window after now holds one.
            const every = Number(s!.every);
            const next = Number(s!.next);
            const windowStart = Date.now() + windowOffset;
            const k = Math.max(0, Math.ceil((windowStart - next) / every));
            const fire = next + k * every;
            expect(fire).toBeGreaterThanOrEqual(windowStart - every);
            expect(fire < windowStart + MAX_POLL_INTERVAL_MS || next >= windowStart).toBe(true);
            expect(next - Date.now()).toBeLessThanOrEqual(every + 1_000);
            // The iteration BullMQ queued for it is a scheduled sync of this device.
            const jobs = await queue.getJobs(['delayed', 'wait', 'prioritized']);
            expect(jobs.some((j) => j.name === 'sync-device' && j.data.deviceId === id && j.data.trigger === 'scheduled')).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 23: User Disappearance Detection`, async ({ db, redis, prefix }) => {
    const { deps, lines, producer } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(10), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), async (users, drop) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p23-${n++}-${prefix}`);
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const gone = users.filter((_, i) => drop[i]).map((u) => u.userId).sort();
        emu.state.removeUsersById(gone);
        const mark = lines.length;
        const summary = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const warnings = lines.slice(mark).filter((l) => l.msg === 'device users disappeared' && l.deviceId === id);
        if (gone.length === 0) {
          expect(warnings).toEqual([]);
          expect(summary.alertJobId).toBeNull();
        } else {
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toMatchObject({ level: 40, vanishedIds: gone });
          const job = await producer.queue('alerts').getJob(summary.alertJobId!);
          expect(job?.data.details).toMatchObject({ deviceId: id, vanishedIds: gone });
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 25: User Count History Tracking`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(fc.array(deviceUsers(6), { minLength: 1, maxLength: 4 }), async (sets) => {
        const id = await addDevice(db, emu, `p25-${n++}-${prefix}`);
        let previous: string[] | null = null;
        for (const users of sets) {
          emu.state.replace(users, []);
          const ids = users.map((u) => u.userId).sort();
          const before = await db.selectFrom('attendance.device_user_count_history').selectAll().where('device_id', '=', id).orderBy('id').execute();
          await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
          const after = await db.selectFrom('attendance.device_user_count_history').selectAll().where('device_id', '=', id).orderBy('id').execute();
          const changed = previous === null || previous.join() !== ids.join();
          expect(after.length - before.length).toBe(changed ? 1 : 0);
          if (changed) expect(after.at(-1)).toMatchObject({ user_count: ids.length, user_ids: ids, recorded_at: expect.any(Date) });
          previous = ids;
        }
      }),
      { numRuns: 100 },
    );
  });
});
