import { UnrecoverableError } from 'bullmq';
import { describe, expect, test } from 'vitest';
import { queueNames, type QueueName } from './catalog.js';
import { InvalidJobPayloadError, UnknownJobError } from './errors.js';
import { samples } from './payload-samples.fixture.js';
import { parsePayload } from './validate.js';

const allJobs = queueNames.flatMap((queue) =>
  Object.entries(samples[queue]).map(([job, payload]) => ({ queue, job, payload })),
);

function rejection(queue: QueueName, job: string, data: unknown): InvalidJobPayloadError {
  try {
    parsePayload(queue, job, data);
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) return error;
    throw error;
  }
  throw new Error(`expected ${queue}/${job} to reject ${JSON.stringify(data)}`);
}

const base = samples['device-commands']['delete-user'];
const write = samples['device-commands']['write-user'];
const restore = samples.backups['restore-device'];
const gaps = samples['seller-sync']['resync-gaps'];
const alert = samples.alerts['dispatch-alert'];

describe('parsePayload', () => {
  test.each(allJobs)('accepts the sample of $queue/$job', ({ queue, job, payload }) => {
    expect(parsePayload(queue, job, payload)).toEqual(payload);
  });

  test.each([
    ['device-sync', 'sync-device', { deviceId: '7', trigger: 'manual' }, 'payload.deviceId', /expected number/],
    ['device-sync', 'sync-device', { deviceId: 0, trigger: 'manual' }, 'payload.deviceId', />0/],
    ['device-sync', 'sync-device', { deviceId: 7, trigger: 'cron' }, 'payload.trigger', /scheduled|manual/],
    ['device-sync', 'cleanup-buffer', { olderThanDays: 30 }, 'payload.olderThanDays', />=90/],
    ['device-commands', 'delete-user', { ...base, deviceUserId: '12a' }, 'payload.deviceUserId', /1-9 digits/],
    ['device-commands', 'delete-user', { ...base, deviceUserId: '1234567890' }, 'payload.deviceUserId', /1-9 digits/],
    ['device-commands', 'delete-user', { ...base, reason: '   ' }, 'payload.reason', /must not be empty/],
    ['device-commands', 'delete-user', { ...base, requestedBy: { username: 'ana' } }, 'payload.requestedBy.adminId', /expected string/],
    ['device-commands', 'write-user', { ...write, user: { ...write.user, name: 'x'.repeat(25) } }, 'payload.user.name', /<=24/],
    ['device-commands', 'write-user', { ...write, user: { ...write.user, password: '123456789' } }, 'payload.user.password', /<=8/],
    ['backups', 'restore-device', { ...restore, backupFile: '../etc/passwd' }, 'payload.backupFile', /\.\./],
    ['backups', 'restore-device', { ...restore, backupFile: '/etc/passwd' }, 'payload.backupFile', /relative path/],
    ['seller-sync', 'resync-gaps', { ...gaps, sellerNumbers: [] }, 'payload.sellerNumbers', /at least one/],
    ['seller-sync', 'resync-gaps', { ...gaps, sellerNumbers: ['AA1', 'BB2'] }, 'payload.sellerNumbers[1]', /AA123/],
    ['alerts', 'dispatch-alert', { ...alert, occurredAt: 'yesterday' }, 'payload.occurredAt', /datetime/],
    ['alerts', 'dispatch-alert', { ...alert, alertId: 'a-1' }, 'payload.alertId', /UUID/],
  ] as const)('%s/%s rejects %o naming %s', (queue, job, data, path, message) => {
    const error = rejection(queue, job, data);
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.issues.find((i) => i.path === path)?.message).toMatch(message);
    expect(error.message).toContain(`invalid payload for ${queue}/${job}: ${path}: `);
    expect(error).toMatchObject({ queue, job });
  });

  test('names every bad field at once, not just the first', () => {
    const error = rejection('device-sync', 'sync-device', { trigger: 'cron' });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['payload.deviceId', 'payload.trigger']);
  });

  test('a missing payload is named as the payload itself', () => {
    expect(rejection('meter-sync', 'sync-tenant', undefined).issues[0]?.path).toBe('payload');
  });

  test('strips unknown keys so a newer producer does not break an older worker', () => {
    const parsed = parsePayload('meter-sync', 'sync-tenant', { tenantId: 4, trigger: 'manual', addedLater: true });
    expect(parsed).toEqual({ tenantId: 4, trigger: 'manual' });
  });

  test('an unknown job is an UnknownJobError', () => {
    expect(() => parsePayload('alerts', 'send-sms', {})).toThrow(UnknownJobError);
    expect(() => parsePayload('alerts', 'send-sms', {})).toThrow('unknown job "send-sms" for queue "alerts"');
  });

  test('both payload errors are BullMQ UnrecoverableErrors, so a worker never retries them', () => {
    expect(rejection('alerts', 'dispatch-alert', {})).toBeInstanceOf(UnrecoverableError);
    expect(new UnknownJobError('alerts', 'x')).toBeInstanceOf(UnrecoverableError);
  });
});
