import { Queue } from 'bullmq';
import { describe, expect, test } from '@platform/testkit';
import type { Payload } from './catalog.js';
import { silentLog, until } from './int-helpers.fixture.js';
import { samples } from './payload-samples.fixture.js';
import { createProducer } from './producer.js';
import { createWorker, type Handlers } from './worker.js';

type Call = { job: string; payload: unknown; attempt: number };

/** Handlers for device-commands that record what they were given. */
function recording(calls: Call[]): Handlers<'device-commands'> {
  return {
    'delete-user': async (payload, { job }) => void calls.push({ job: 'delete-user', payload, attempt: job.attemptsMade + 1 }),
    'write-user': async (payload, { job }) => void calls.push({ job: 'write-user', payload, attempt: job.attemptsMade + 1 }),
  };
}

async function finished(queue: Queue, id: string) {
  return until(async () => {
    const job = await queue.getJob(id);
    return job?.finishedOn ? job : undefined;
  });
}

describe('createWorker', () => {
  test('each valid job reaches its own handler with the parsed payload', async ({ redis, prefix }) => {
    const calls: Call[] = [];
    const producer = createProducer({ connection: redis, prefix });
    const worker = createWorker('device-commands', recording(calls), { connection: redis, prefix, log: silentLog });
    try {
      const del = await producer.enqueue('device-commands', 'delete-user', samples['device-commands']['delete-user']);
      const write = await producer.enqueue('device-commands', 'write-user', samples['device-commands']['write-user']);
      const queue = producer.queue('device-commands');
      await finished(queue, del.id);
      await finished(queue, write.id);
      expect(calls.sort((a, b) => a.job.localeCompare(b.job))).toEqual([
        { job: 'delete-user', payload: samples['device-commands']['delete-user'], attempt: 1 },
        { job: 'write-user', payload: samples['device-commands']['write-user'], attempt: 1 },
      ]);
    } finally {
      await worker.close();
      await producer.close();
    }
  });

  test('a raw job with an invalid payload fails once, naming the field, and is not retried', async ({ redis, prefix }) => {
    const calls: Call[] = [];
    const raw = new Queue('device-commands', { connection: redis, prefix });
    const worker = createWorker('device-commands', recording(calls), { connection: redis, prefix, log: silentLog });
    try {
      const bad: Record<string, unknown> = { ...samples['device-commands']['delete-user'], deviceUserId: 42 };
      // Added around the catalog (an old deploy, a hand-written script), with retries allowed.
      const added = await raw.add('delete-user', bad, { attempts: 5, backoff: 0 });
      const job = await finished(raw, String(added.id));
      expect(await job.getState()).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toBe(
        'invalid payload for device-commands/delete-user: payload.deviceUserId: Invalid input: expected string, received number',
      );
      expect(calls).toEqual([]);
    } finally {
      await worker.close();
      await raw.close();
    }
  });

  test('a job name the catalog does not know fails once', async ({ redis, prefix }) => {
    const raw = new Queue('alerts', { connection: redis, prefix });
    const noop = async () => undefined;
    const worker = createWorker('alerts', { 'dispatch-alert': noop, 'check-sync-health': noop }, { connection: redis, prefix, log: silentLog });
    try {
      const added = await raw.add('send-sms', { to: '+351' }, { attempts: 3, backoff: 0 });
      const job = await finished(raw, String(added.id));
      expect(job.failedReason).toBe('unknown job "send-sms" for queue "alerts"');
      expect(job.attemptsMade).toBe(1);
    } finally {
      await worker.close();
      await raw.close();
    }
  });

  test('a handler error, unlike a payload error, is retried', async ({ redis, prefix }) => {
    const raw = new Queue('meter-sync', { connection: redis, prefix });
    const seen: Payload<'meter-sync', 'sync-tenant'>[] = [];
    const worker = createWorker(
      'meter-sync',
      {
        'sync-tenant': async (payload, { job }) => {
          seen.push(payload);
          if (job.attemptsMade === 0) throw new Error('client system unreachable');
          return { rows: 3 };
        },
      },
      { connection: redis, prefix, log: silentLog },
    );
    try {
      const added = await raw.add('sync-tenant', { tenantId: 4, trigger: 'manual' }, { attempts: 2, backoff: 0 });
      const job = await finished(raw, String(added.id));
      expect(await job.getState()).toBe('completed');
      expect(job.attemptsMade).toBe(2);
      expect(job.returnvalue).toEqual({ rows: 3 });
      expect(seen).toEqual([
        { tenantId: 4, trigger: 'manual' },
        { tenantId: 4, trigger: 'manual' },
      ]);
    } finally {
      await worker.close();
      await raw.close();
    }
  });

  test('a handler map that is not exactly the queue jobs is refused at runtime too', async ({ redis, prefix }) => {
    const handlers = {
      'dispatch-alert': async () => undefined,
      'check-sync-health': async () => undefined,
      'send-sms': async () => undefined,
    };
    expect(() =>
      createWorker('alerts', handlers as never, { connection: redis, prefix, log: silentLog, autorun: false }),
    ).toThrow('handlers for alerts must be exactly [check-sync-health, dispatch-alert], got [check-sync-health, dispatch-alert, send-sms]');
  });
});
