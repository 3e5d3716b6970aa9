import type { Logger } from '@platform/runtime';
import { describe, expectTypeOf, test } from 'vitest';
import type { JobName, Payload, PayloadInput, QueueName } from './catalog.js';
import type { Producer } from './producer.js';
import { createWorker, type Handlers } from './worker.js';

// Type-level only: vitest typechecks this file and never runs it.
declare const producer: Producer;
declare const log: Logger;
const options = { connection: {}, prefix: 'p', log };

describe('createWorker handler map', () => {
  test('a worker missing a handler does not typecheck', () => {
    // @ts-expect-error 'write-user' is missing
    createWorker('device-commands', { 'delete-user': async () => undefined }, options);
  });

  test('a handler for a job the queue does not have does not typecheck', () => {
    createWorker(
      'device-sync',
      {
        'sync-device': async () => undefined,
        'cleanup-buffer': async () => undefined,
        // @ts-expect-error 'delete-user' belongs to device-commands, not device-sync
        'delete-user': async () => undefined,
      },
      options,
    );
  });

  test('an extra key is rejected even when the map is not an object literal', () => {
    const handlers = {
      'dispatch-alert': async () => undefined,
      'check-sync-health': async () => undefined,
      'send-sms': async () => undefined,
    };
    // @ts-expect-error 'send-sms' is not a job of alerts
    createWorker('alerts', handlers, options);
  });

  test('handlers receive the parsed payload of their own job', () => {
    createWorker(
      'device-commands',
      {
        'delete-user': async (payload, { job }) => {
          expectTypeOf(payload.deviceUserId).toEqualTypeOf<string>();
          expectTypeOf(payload.requestedBy).toEqualTypeOf<{ adminId: string; username: string }>();
          expectTypeOf(job.data).toEqualTypeOf<Payload<'device-commands', 'delete-user'>>();
        },
        'write-user': async (payload) => {
          expectTypeOf(payload.user.privilege).toEqualTypeOf<number>();
          // @ts-expect-error write-user has no top-level deviceUserId
          payload.deviceUserId;
        },
      },
      options,
    );
  });
});

describe('enqueue', () => {
  test('queue and job names are literal unions from the catalog', () => {
    expectTypeOf<QueueName>().toEqualTypeOf<
      'device-sync' | 'device-commands' | 'backups' | 'seller-sync' | 'meter-sync' | 'exchange' | 'alerts'
    >();
    expectTypeOf<JobName<'backups'>>().toEqualTypeOf<'backup-device' | 'restore-device'>();
    // @ts-expect-error 'sync-device' is a job of device-sync, not of backups
    void producer.enqueue('backups', 'sync-device', { deviceId: 1, trigger: 'manual' });
    // @ts-expect-error no such queue
    void producer.enqueue('emails', 'send', {});
  });

  test('a payload of the wrong type does not typecheck', () => {
    // @ts-expect-error deviceId is a number
    void producer.enqueue('device-sync', 'sync-device', { deviceId: '7', trigger: 'manual' });
    // @ts-expect-error trigger is 'scheduled' | 'manual'
    void producer.enqueue('device-sync', 'sync-device', { deviceId: 7, trigger: 'cron' });
    // @ts-expect-error reason is required on a device command
    void producer.enqueue('device-commands', 'delete-user', {
      commandId: '00000000-0000-4000-8000-000000000000',
      deviceId: 1,
      deviceUserId: '42',
      requestedBy: { adminId: '1', username: 'ana' },
    });
  });

  test('optional fields stay optional for producers', () => {
    expectTypeOf<PayloadInput<'exchange', 'purge-acknowledged'>>().toEqualTypeOf<{ nodeId?: string | undefined }>();
    void producer.enqueue('device-sync', 'cleanup-buffer', {});
  });

  test('Handlers<Q> has exactly the jobs of Q as keys', () => {
    expectTypeOf<keyof Handlers<'seller-sync'>>().toEqualTypeOf<'sync-sellers' | 'resync-gaps'>();
  });
});
