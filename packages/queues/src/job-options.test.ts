import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { listQueues, queueNames, type Payload } from './catalog.js';
import { jobOptionsFor } from './job-options.js';
import { samples } from './payload-samples.fixture.js';
import { parsePayload } from './validate.js';

const allJobs = queueNames.flatMap((queue) =>
  Object.keys(samples[queue]).map((job) => ({ queue, job, payload: parsePayload(queue, job, samples[queue][job as never]) })),
);

const idOf = (options: ReturnType<typeof jobOptionsFor>) => options.jobId ?? options.deduplication?.id;

describe('jobOptionsFor', () => {
  test.each(allJobs)('$queue/$job gets a BullMQ-acceptable identity', ({ queue, job, payload }) => {
    const options = jobOptionsFor(queue, job as never, payload as never);
    const id = idOf(options);
    expect(id).toMatch(new RegExp(`^${job}(\\.|$)`));
    // BullMQ 6 throws "Custom Id cannot contain :" / "cannot be integers" on add().
    expect(id).not.toContain(':');
    expect(`${Number.parseInt(id ?? '', 10)}`).not.toBe(id);
    expect(options.jobId !== undefined).not.toBe(options.deduplication !== undefined);
  });

  test('one-off effects use jobId; "at most one pending" work uses deduplication', () => {
    const kinds = Object.fromEntries(
      allJobs.map(({ queue, job, payload }) => {
        const options = jobOptionsFor(queue, job as never, payload as never);
        const kind = options.jobId ? 'jobId' : options.deduplication?.keepLastIfActive ? 'dedupe+rerun' : 'dedupe';
        return [`${queue}/${job}`, kind];
      }),
    );
    expect(kinds).toEqual({
      'device-sync/sync-device': 'dedupe',
      'device-sync/cleanup-buffer': 'dedupe',
      'device-sync/test-connection': 'jobId',
      'device-commands/delete-user': 'jobId',
      'device-commands/write-user': 'jobId',
      'backups/backup-device': 'dedupe+rerun',
      'backups/restore-device': 'jobId',
      'seller-sync/sync-sellers': 'dedupe',
      'seller-sync/resync-gaps': 'jobId',
      'meter-sync/sync-tenant': 'dedupe',
      'exchange/prepare-packets': 'dedupe+rerun',
      'exchange/purge-acknowledged': 'dedupe',
      'alerts/dispatch-alert': 'jobId',
      'alerts/check-sync-health': 'dedupe',
    });
  });

  test('job overrides win over queue defaults', () => {
    const restore = jobOptionsFor('backups', 'restore-device', parsePayload('backups', 'restore-device', samples.backups['restore-device']));
    expect(restore.attempts).toBe(2);
    expect(restore.removeOnFail).toEqual({ age: 180 * 86_400, count: 50_000 });
  });

  test('the identity of a sync-device job is its deviceId and nothing else', () => {
    const syncDevice = fc.record({
      deviceId: fc.integer({ min: 1, max: 2 ** 31 }),
      trigger: fc.constantFrom('scheduled' as const, 'manual' as const),
      requestedBy: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(syncDevice, syncDevice, (a, b) => {
        const idA = idOf(jobOptionsFor('device-sync', 'sync-device', a));
        const idB = idOf(jobOptionsFor('device-sync', 'sync-device', b));
        expect(idA === idB).toBe(a.deviceId === b.deviceId);
      }),
      { numRuns: 100 },
    );
  });

  test('the identity of a device command is its commandId and nothing else', () => {
    const command = fc.record({
      commandId: fc.uuid({ version: 4 }),
      deviceId: fc.integer({ min: 1, max: 1000 }),
      deviceUserId: fc.stringMatching(/^\d{1,9}$/),
      requestedBy: fc.record({ adminId: fc.string({ minLength: 1 }), username: fc.string({ minLength: 1 }) }),
      reason: fc.string({ minLength: 1 }),
    });
    fc.assert(
      fc.property(command, command, fc.boolean(), (a, b, sameCommand) => {
        const second: Payload<'device-commands', 'delete-user'> = sameCommand ? { ...b, commandId: a.commandId } : b;
        const idA = jobOptionsFor('device-commands', 'delete-user', a).jobId;
        const idB = jobOptionsFor('device-commands', 'delete-user', second).jobId;
        expect(idA).toBe(`delete-user.${a.commandId}`);
        expect(idA === idB).toBe(a.commandId === second.commandId);
      }),
      { numRuns: 100 },
    );
  });
});

describe('retention', () => {
  test.each(listQueues().flatMap((q) => q.jobs.map((j) => ({ queue: q.name, ...j }))))(
    '$queue/$name retries with backoff and keeps a bounded history, failures longest',
    ({ options }) => {
      expect(options.attempts).toBeGreaterThanOrEqual(2);
      expect(options.backoff).toMatchObject({ type: 'exponential' });
      for (const keep of [options.removeOnComplete, options.removeOnFail]) {
        expect(keep.age).toBeGreaterThan(0);
        expect(keep.count).toBeGreaterThan(0);
      }
      expect(options.removeOnFail.age).toBeGreaterThanOrEqual(options.removeOnComplete.age);
    },
  );
});
