import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { createProducer, parsePayload } from '@platform/queues';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { listBackups } from '../backup/reader.js';
import { addEmulatedDevice, createHarness, silentLog } from '../testing/harness.fixture.js';
import { backupDeviceJob } from './backup-device.job.js';
import { reconcileSchedules, scheduleEveryMs } from './schedules.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: [{ uid: 1, userId: '1', name: 'a', password: '', cardNumber: 0, privilege: 0, groupId: 0 }], replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;
const WINDOW = 6 * HOUR;

describe('backup schedule', () => {
  /*
   * Time is BullMQ's own: only `Date` is faked, and BullMQ passes Date.now() to its Lua
   * scripts, so the real job scheduler in real Redis decides when each delayed iteration
   * is due and computes the next one. The loop below is a worker that jumps the clock to
   * the next due job instead of sleeping, then starts it late by a random lag (queue wait,
   * a busy device lock) before the real backup handler reads the device and writes the file.
   */
  test('Feature: device-user-persistence-fix, Property 30: Backup Schedule Adherence', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `p30-${prefix}`);
    vi.useFakeTimers({ toFake: ['Date'] });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }),
          fc.constantFrom(3, 4, 5, 6), // BACKUP_INTERVAL_HOURS values that promise the 6-hour window
          fc.integer({ min: 1, max: 30 }), // BACKUP_SCHEDULE_SLACK_MINUTES
          fc.integer({ min: 6, max: 24 }), // hours simulated
          fc.infiniteStream(fc.double({ min: 0, max: 0.999, noNaN: true })), // lag as a fraction of the slack
          async (start, intervalHours, slackMinutes, spanHours, lags) => {
            const queuePrefix = `${prefix}:r${run++}`;
            const producer = createProducer({ connection: redis, prefix: queuePrefix });
            const worker = new Worker('backups', null, { connection: redis, prefix: queuePrefix, autorun: false });
            const dir = `${h.root}/run-${run}`;
            const store = { ...h.deps.store, root: dir, clock: () => new Date() };
            const deps = { ...h.deps, store };
            const token = randomUUID();
            try {
              vi.setSystemTime(start);
              const end = start.getTime() + spanHours * HOUR;
              await reconcileSchedules(producer, [deviceId], { intervalHours, slackMinutes, mode: 'bullmq' });
              const lag = lags[Symbol.iterator]();
              while (Date.now() < end) {
                const job = await worker.getNextJob(token, { block: false });
                if (job) {
                  vi.setSystemTime(Date.now() + Math.floor(lag.next().value * slackMinutes * 60_000));
                  const result = await backupDeviceJob(deps)(parsePayload('backups', 'backup-device', job.data), { job: job as never, log: silentLog });
                  await job.moveToCompleted(result, token, false);
                  continue;
                }
                const [next] = await producer.queue('backups').getDelayed(0, 0);
                expect(next, 'the scheduler left no next iteration').toBeDefined();
                vi.setSystemTime(Math.max(Date.now(), next!.timestamp + next!.delay));
              }
              const times = (await listBackups(dir, deviceId)).map((b) => b.createdAt.getTime()).filter((t) => t < end);
              // Every 6-hour window [t, t + 6h) inside the simulated span holds a backup. It is enough
              // to check the windows that start at the span's start and just after each backup.
              const starts = [start.getTime(), ...times.map((t) => t + 1)].filter((t) => t + WINDOW <= end);
              for (const t of starts) {
                expect(times.some((b) => b >= t && b < t + WINDOW), `no backup in [${new Date(t).toISOString()}, +6h) with every=${scheduleEveryMs({ intervalHours, slackMinutes })} ms`).toBe(true);
              }
            } finally {
              await worker.close();
              await producer.close();
            }
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      vi.useRealTimers();
      await h.close();
    }
  });

  test('schedules follow the device list: added for enabled devices, removed when disabled or when a CronJob takes over', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    const ids = async () => (await producer.queue('backups').getJobSchedulers(0, -1)).map((s) => s.key).sort();
    try {
      const settings = { intervalHours: 6, slackMinutes: 10, mode: 'bullmq' as const };
      await reconcileSchedules(producer, [1, 2], settings);
      expect(await ids()).toEqual(['backup-device.1', 'backup-device.2']);
      const [first] = await producer.queue('backups').getJobSchedulers(0, -1);
      expect(first).toMatchObject({ every: 6 * HOUR - 10 * 60_000 });
      expect(await reconcileSchedules(producer, [2, 3], settings)).toEqual({ scheduled: [2, 3], removed: ['backup-device.1'] });
      expect(await ids()).toEqual(['backup-device.2', 'backup-device.3']);
      await reconcileSchedules(producer, [2, 3], { ...settings, mode: 'external' });
      expect(await ids()).toEqual([]);
    } finally {
      await producer.close();
    }
  });
});
