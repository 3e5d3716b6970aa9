import { describe, expect, test } from '@platform/testkit';
import { InvalidJobPayloadError } from './errors.js';
import { keysUnder, silentLog, until } from './int-helpers.fixture.js';
import { samples } from './payload-samples.fixture.js';
import { createProducer } from './producer.js';
import { createWorker } from './worker.js';

const deleteUser = samples['device-commands']['delete-user'];
const syncDevice = { deviceId: 7, trigger: 'manual' } as const;

describe('producer.enqueue', () => {
  test('an invalid payload throws naming the field and nothing reaches Redis', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    try {
      const attempt = producer.enqueue('device-commands', 'delete-user', { ...deleteUser, deviceId: 'three' } as never);
      await expect(attempt).rejects.toThrow(InvalidJobPayloadError);
      await expect(attempt).rejects.toThrow('payload.deviceId: Invalid input: expected number, received string');
      // Validation happens before the queue is even opened: not one key was written.
      expect(await keysUnder(redis, prefix)).toEqual([]);
      expect(await producer.queue('device-commands').getJobCounts()).toMatchObject({ waiting: 0, delayed: 0 });
    } finally {
      await producer.close();
    }
  });

  test('stores the parsed payload under the catalog identity and options', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    try {
      const { id } = await producer.enqueue('device-commands', 'delete-user', { ...deleteUser, extra: 1 } as never);
      const job = await producer.queue('device-commands').getJob(id);
      expect(id).toBe(`delete-user.${deleteUser.commandId}`);
      expect(job?.data).toEqual(deleteUser);
      expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 10_000 } });
    } finally {
      await producer.close();
    }
  });

  test('the same command enqueued twice is one job, even after it completed', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    const runs: string[] = [];
    const worker = createWorker(
      'device-commands',
      {
        'delete-user': async (p) => void runs.push(p.commandId),
        'write-user': async () => undefined,
      },
      { connection: redis, prefix, log: silentLog },
    );
    try {
      const first = await producer.enqueue('device-commands', 'delete-user', deleteUser);
      const second = await producer.enqueue('device-commands', 'delete-user', deleteUser);
      expect(second.id).toBe(first.id);
      const queue = producer.queue('device-commands');
      await until(async () => ((await queue.getJobState(first.id)) === 'completed' ? true : undefined));
      // At-least-once retry by a caller after the effect happened: still no second effect.
      const third = await producer.enqueue('device-commands', 'delete-user', deleteUser);
      expect(third.id).toBe(first.id);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        completed: 1,
      });
      expect(runs).toEqual([deleteUser.commandId]);
    } finally {
      await worker.close();
      await producer.close();
    }
  });

  test('a sync request joins the pending one for that device, and runs again once it finished', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    try {
      const queue = producer.queue('device-sync');
      const first = await producer.enqueue('device-sync', 'sync-device', syncDevice);
      const joined = await producer.enqueue('device-sync', 'sync-device', { ...syncDevice, trigger: 'scheduled' });
      const otherDevice = await producer.enqueue('device-sync', 'sync-device', { ...syncDevice, deviceId: 8 });
      expect(joined.id).toBe(first.id);
      expect(otherDevice.id).not.toBe(first.id);
      expect(await queue.getWaitingCount()).toBe(2);

      const worker = createWorker(
        'device-sync',
        { 'sync-device': async () => undefined, 'cleanup-buffer': async () => undefined, 'test-connection': async () => undefined },
        { connection: redis, prefix, log: silentLog },
      );
      try {
        await until(async () => ((await queue.getCompletedCount()) === 2 ? true : undefined));
      } finally {
        await worker.close();
      }
      // Unlike a jobId, the deduplication key is released on completion.
      const later = await producer.enqueue('device-sync', 'sync-device', syncDevice);
      expect(later.id).not.toBe(first.id);
      expect(await queue.getWaitingCount()).toBe(1);
    } finally {
      await producer.close();
    }
  });
});

describe('producer.schedule', () => {
  test('upserting a schedule twice keeps one scheduler keyed by the job identity', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    try {
      const queue = producer.queue('device-sync');
      const payload = { deviceId: 3, trigger: 'scheduled' } as const;
      const { schedulerId } = await producer.schedule('device-sync', 'sync-device', payload, { every: 60_000 });
      await producer.schedule('device-sync', 'sync-device', payload, { every: 30_000 });
      expect(schedulerId).toBe('sync-device.3');
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: 'sync-device.3', name: 'sync-device', every: 30_000 });
      const [next] = await queue.getJobs(['delayed', 'waiting']);
      expect(next?.data).toEqual(payload);
      expect(next?.opts.attempts).toBe(3);
      expect(await producer.unschedule('device-sync', schedulerId)).toBe(true);
      expect(await queue.getJobSchedulers()).toHaveLength(0);
    } finally {
      await producer.close();
    }
  });

  test('a schedule validates its payload and refuses one-off commands', async ({ redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    try {
      await expect(
        producer.schedule('meter-sync', 'sync-tenant', { tenantId: -1, trigger: 'scheduled' }, { every: 1000 }),
      ).rejects.toThrow('payload.tenantId');
      await expect(
        producer.schedule('device-commands', 'delete-user', deleteUser, { every: 1000 }),
      ).rejects.toThrow('one-off command');
      expect(await producer.queue('meter-sync').getJobSchedulers()).toHaveLength(0);
    } finally {
      await producer.close();
    }
  });
});
