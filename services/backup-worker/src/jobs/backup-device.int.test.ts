import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { parsePayload } from '@platform/queues';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { backupPath, deviceDirName, fromIsoBasic } from '../backup/file-name.js';
import { parseBackup, serializeBackup } from '../backup/format.js';
import { listBackups } from '../backup/reader.js';
import { takeBackup } from '../backup/take-backup.js';
import { addEmulatedDevice, createHarness, silentLog, type Harness } from '../testing/harness.fixture.js';
import { deviceUsersArb, sampleMeta, templatesArb } from '../testing/users.fixture.js';
import { backupDeviceJob } from './backup-device.job.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: [], replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

const DAY = 86_400_000;
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

async function runBackup(h: Harness, deviceId: number, trigger: 'scheduled' | 'manual' | 'pre-write' = 'scheduled') {
  const data = { deviceId, trigger };
  const job = await h.job('backup-device', data);
  return backupDeviceJob(h.deps)(parsePayload('backups', 'backup-device', data), { job: job as never, log: silentLog });
}

describe('backup-device job', () => {
  test('Feature: device-user-persistence-fix, Property 20: Backup File Naming', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `p20-${prefix}`);
    try {
      await fc.assert(
        fc.asyncProperty(instant, deviceUsersArb(20).chain((users) => fc.tuple(fc.constant(users), templatesArb(users))), fc.constantFrom('scheduled', 'manual', 'pre-write') as fc.Arbitrary<'scheduled' | 'manual' | 'pre-write'>, async (now, [users, templates], trigger) => {
          emu.state.replace(users, []);
          for (const t of templates) emu.state.setTemplate(t);
          h.setNow(now);
          const result = await runBackup(h, deviceId, trigger);
          const base = result.file.split('/').at(-1)!;
          // ISO 8601 (basic format, UTC "Z") in the name, equal to the creation instant.
          const stamp = /_(\d{8}T\d{6}\.\d{3}Z)_/.exec(base)?.[1];
          expect(stamp, base).toBeDefined();
          expect(fromIsoBasic(stamp!)?.toISOString()).toBe(now.toISOString());
          expect(base.startsWith(`device-${deviceId}_`)).toBe(true);
          const content = parseBackup(await readFile(join(h.root, result.file)), result.file);
          expect(content.header).toMatchObject({ deviceId, createdAt: now.toISOString(), userCount: users.length, appVersion: 'test-1.2.3', trigger });
          expect(content.users).toEqual([...users].sort((a, b) => a.uid - b.uid));
          // Fingers are in the file too, byte for byte (format version 2).
          expect(content.header).toMatchObject({ formatVersion: 2, templateCount: templates.length });
          expect(content.templates.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')])).toEqual(templates.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')]));
        }),
        { numRuns: 100 },
      );
    } finally {
      await h.close();
    }
  });

  test('Feature: device-user-persistence-fix, Property 21: Backup Retention Policy', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `p21-${prefix}`);
    emu.state.replace([{ uid: 1, userId: '1', name: 'a', password: '', cardNumber: 0, privilege: 0, groupId: 0 }], []);
    emu.state.setTemplate({ uid: 1, finger: 2, flag: 1, template: Buffer.from('finger') });
    emu.state.setTemplate({ uid: 1, finger: 7, flag: 1, template: Buffer.from('other finger') });
    const dir = join(h.root, deviceDirName(deviceId));
    try {
      await fc.assert(
        fc.asyncProperty(
          instant,
          // Ages in ms, dense around the 30-day edge where an off-by-one would delete a keeper.
          fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 90 * DAY }), fc.integer({ min: 30 * DAY - 5_000, max: 30 * DAY + 5_000 })), { minLength: 1, maxLength: 12 }),
          // The device read fails on the users or, after them, on the templates: either way no backup.
          fc.constantFrom(false, 'users', 'templates') as fc.Arbitrary<false | 'users' | 'templates'>,
          async (now, ages, failingRead) => {
            const deviceFails = failingRead !== false;
            await rm(dir, { recursive: true, force: true });
            const existing = ages.map((age) => backupPath({ deviceId, createdAt: new Date(now.getTime() - age), trigger: 'scheduled', commandKey: null }));
            for (const file of existing) {
              await mkdir(dir, { recursive: true });
              await writeFile(join(h.root, file), serializeBackup({ ...sampleMeta, deviceId }, []));
            }
            h.setNow(now);
            if (failingRead) emu.faults.truncateNextBulk(failingRead);
            const outcome = await runBackup(h, deviceId).then((r) => r, (e: unknown) => e as Error);
            const left = new Set((await listBackups(h.root, deviceId)).map((b) => b.file));
            existing.forEach((file, i) => {
              const young = ages[i]! <= 30 * DAY;
              // The property: a backup created within 30 days of now is never deleted.
              if (young) expect(left.has(file), `${file} (age ${ages[i]} ms) was deleted`).toBe(true);
              // And: when the new backup failed, nothing at all is pruned.
              if (deviceFails) expect(left.has(file), `${file} pruned after a failed backup`).toBe(true);
              else if (!young) expect(left.has(file), `${file} (age ${ages[i]} ms) kept`).toBe(false);
            });
            if (deviceFails) expect(outcome).toBeInstanceOf(Error);
            else expect(left.has((outcome as { file: string }).file)).toBe(true);
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await h.close();
    }
  });

  test('a failed backup raises backup.failed on its last attempt only, and keeps every older file', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `fail-${prefix}`);
    try {
      emu.faults.truncateNextBulk();
      const first = await h.job('backup-device', { deviceId, trigger: 'scheduled' });
      const handler = backupDeviceJob(h.deps);
      await expect(handler({ deviceId, trigger: 'scheduled' }, { job: first as never, log: silentLog })).rejects.toThrow(/refusing a partial list/);
      expect(await h.alerts()).toEqual([]);
      emu.faults.truncateNextBulk();
      const last = Object.assign(await h.job('backup-device', { deviceId, trigger: 'scheduled' }), { attemptsMade: 2 });
      await expect(handler({ deviceId, trigger: 'scheduled' }, { job: last as never, log: silentLog })).rejects.toThrow();
      const alerts = await h.alerts();
      expect(alerts).toMatchObject([{ type: 'backup.failed', dedupeKey: `backup.failed.${deviceId}`, details: { deviceId, attempts: 3 } }]);
      expect(await readdir(h.root)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test('a pre-write backup for the same command is taken once and reused', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `pre-${prefix}`);
    emu.state.replace([{ uid: 3, userId: '33', name: 'c', password: '9', cardNumber: 1, privilege: 0, groupId: 2 }], []);
    try {
      const take = () => h.deps.devices.withDevice(deviceId, (s) => takeBackup(h.deps.store, s, { trigger: 'pre-write', commandKey: 'cmd-1' }));
      const first = await take();
      h.setNow(new Date('2026-11-22T00:05:00Z'));
      emu.state.replace([], []); // a device change in between must not produce a second file
      const second = await take();
      expect(second).toEqual({ ...first, reused: true });
      expect(first).toMatchObject({ reused: false, userCount: 1 });
      expect((await listBackups(h.root, deviceId)).map((b) => b.file)).toEqual([first.file]);
    } finally {
      await h.close();
    }
  });

  test('every backup written and every file pruned is recorded in the audit log for the admin API', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `audit-${prefix}`);
    emu.state.replace([{ uid: 4, userId: '44', name: 'd', password: '', cardNumber: 0, privilege: 0, groupId: 1 }], []);
    const rows = (operation: string) =>
      db
        .selectFrom('attendance.device_user_audit_log')
        .select(['details'])
        .where('device_id', '=', deviceId)
        .where('operation_type', '=', operation)
        .orderBy('id')
        .execute();
    try {
      h.setNow(new Date('2026-01-01T00:00:00Z'));
      const old = await runBackup(h, deviceId);
      h.setNow(new Date('2026-03-01T00:00:00Z'));
      const fresh = await runBackup(h, deviceId, 'manual');
      const size = (await readFile(join(h.root, fresh.file))).length;
      expect(fresh.pruned).toEqual([old.file]);
      expect((await rows('backup_created')).map((r) => r.details)).toEqual([
        expect.objectContaining({ file: old.file, userCount: 1, trigger: 'scheduled' }),
        { file: fresh.file, userCount: 1, sizeBytes: size, trigger: 'manual' },
      ]);
      expect((await rows('backup_pruned')).map((r) => r.details)).toEqual([{ file: old.file }]);
    } finally {
      await h.close();
    }
  });
});
