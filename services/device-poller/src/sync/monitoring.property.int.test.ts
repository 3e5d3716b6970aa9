import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { createProducer, parsePayload } from '@platform/queues';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
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

/** When a scheduler's iteration was due: BullMQ names it `repeat:<scheduler>:<millis>` (promotion resets its delay to 0). */
function dueAt(job: { id?: string }): number {
  const due = Number(job.id?.split(':').at(-1));
  expect(Number.isFinite(due), `scheduler job id ${job.id}`).toBe(true);
  return due;
}
let n = 0;

describe('monitoring properties', () => {
  /*
   * Real polls on BullMQ's own clock: only `Date` is faked, and BullMQ hands Date.now() to its Lua
   * scripts, so the real job schedulers in real Redis decide when each iteration is due and compute
   * the next one. The loop is a worker that jumps the clock to the next due job, starts it late by a
   * random delay (a busy queue, a device lock held by a command), and runs the real sync against
   * the emulator. A poll's time is when its job started (BullMQ's processedOn).
   */
  test(`${F}, Property 22: Monitoring Poll Frequency`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    emu.state.replace(generateUsers(5, 22), []);
    vi.useFakeTimers({ toFake: ['Date'] });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }),
          fc.array(fc.integer({ min: 120, max: 86_400 }), { minLength: 1, maxLength: 2 }), // poll_interval_seconds per device
          fc.integer({ min: 1, max: 120 }), // POLL_SCHEDULE_SLACK_SECONDS
          fc.integer({ min: 10, max: 12 }), // minutes simulated
          fc.infiniteStream(fc.double({ min: 0, max: 0.999, noNaN: true })), // start delay as a fraction of the slack
          async (start, intervals, slackSeconds, spanMinutes, delays) => {
            const queuePrefix = `${prefix}:r${run++}`;
            const producer = createProducer({ connection: redis, prefix: queuePrefix });
            const worker = new Worker('device-sync', null, { connection: redis, prefix: queuePrefix, autorun: false });
            const token = randomUUID();
            try {
              vi.setSystemTime(start);
              const end = start.getTime() + spanMinutes * 60_000;
              const ids: number[] = [];
              for (const interval of intervals) {
                const row = await db.insertInto('platform.devices').values({ name: `p22-${n++}-${prefix}`, host: emu.host, port: emu.port, timezone: emu.timezone, poll_interval_seconds: interval }).returning('id').executeTakeFirstOrThrow();
                ids.push(row.id);
              }
              const enabled = (await deps.devices.listEnabledDevices()).filter((d) => ids.includes(d.id));
              await reconcileSchedules(producer, enabled, { cleanupPattern: '17 3 * * *', slackMs: slackSeconds * 1000 });
              const polls = new Map<number, number[]>(ids.map((id) => [id, []]));
              const delay = delays[Symbol.iterator]();
              while (Date.now() < end) {
                const queue = producer.queue('device-sync');
                const waiting = await queue.getWaiting();
                const [delayed] = waiting.length === 0 ? await queue.getDelayed(0, 0) : [];
                if (waiting.length === 0) expect(delayed, 'the schedulers left no next iteration').toBeDefined();
                const nextDue = Math.min(...(waiting.length > 0 ? waiting : [delayed!]).map(dueAt));
                // The next job starts late: up to the slack after IT was due. Jobs due together each
                // start within the slack (as workers side by side would), never one slack after another.
                vi.setSystemTime(Math.max(Date.now(), nextDue + Math.floor(delay.next().value * slackSeconds * 1000)));
                const job = await worker.getNextJob(token, { block: false });
                if (!job) continue;
                if (job.name === 'sync-device') {
                  const p = parsePayload('device-sync', 'sync-device', job.data);
                  const summary = await syncDevice(deps, { deviceId: p.deviceId, trigger: p.trigger });
                  expect(summary.users).toBe(5);
                  polls.get(p.deviceId)!.push(job.processedOn!);
                }
                await job.moveToCompleted('done', token, false);
              }
              // Every 5-minute window [t, t + 5 min) inside the span holds a poll of every device. It is
              // enough to check the windows that start at the span's start and just after each poll.
              for (const [id, times] of polls) {
                const inSpan = times.filter((t) => t < end);
                const starts = [start.getTime(), ...inSpan.map((t) => t + 1)].filter((t) => t + MAX_POLL_INTERVAL_MS <= end);
                for (const t of starts) {
                  expect(inSpan.some((p) => p >= t && p < t + MAX_POLL_INTERVAL_MS), `device ${id}: no poll in [${new Date(t).toISOString()}, +5 min), slack ${slackSeconds} s`).toBe(true);
                }
              }
            } finally {
              await worker.close();
              await producer.close();
              await db.updateTable('platform.devices').set({ enabled: false }).where('name', 'like', `p22-%-${prefix}`).execute();
            }
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  test('poll schedulers follow the enabled devices, each at most every 5 minutes minus the slack', async ({ db, redis, prefix }) => {
    const { devices, producer } = makeDeps(db, redis, prefix);
    const queue = producer.queue('device-sync');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ interval: fc.integer({ min: 1, max: 86_400 }), enabled: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 240 }),
        async (specs, slackSeconds) => {
          await db.updateTable('platform.devices').set({ enabled: false }).execute();
          const ids: Array<{ id: number; enabled: boolean; interval: number }> = [];
          for (const s of specs) {
            const row = await db.insertInto('platform.devices').values({ name: `sched-${n++}-${prefix}`, host: '127.0.0.1', poll_interval_seconds: s.interval, enabled: s.enabled }).returning('id').executeTakeFirstOrThrow();
            ids.push({ id: row.id, enabled: s.enabled, interval: s.interval });
          }
          await reconcileSchedules(producer, await devices.listEnabledDevices(), { cleanupPattern: '17 3 * * *', slackMs: slackSeconds * 1000 });
          const schedulers = new Map((await queue.getJobSchedulers()).map((s) => [s.key, s]));
          for (const { id, enabled, interval } of ids) {
            const s = schedulers.get(`sync-device.${id}`);
            if (!enabled) {
              expect(s).toBeUndefined();
              continue;
            }
            expect(Number(s?.every)).toBe(Math.min(interval * 1000, MAX_POLL_INTERVAL_MS - slackSeconds * 1000));
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
