import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QueueEvents, type Job } from 'bullmq';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createWorker, parsePayload } from '@platform/queues';
import { MAX_TEMPLATE_SIZE, startEmulator, type DeviceUser, type FingerTemplate, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import type { Database, Kysely } from '@platform/db';
import { readBackup } from '../backup/reader.js';
import { addEmulatedDevice, createHarness, silentLog, type Harness } from '../testing/harness.fixture.js';
import { backupDeviceJob } from './backup-device.job.js';
import { backupHandlers } from './handlers.js';
import { restoreDeviceJob, type RestoreJobResult } from './restore-device.job.js';
import { BACKUP_CREATED, BACKUP_PRUNED } from '../backup/backup-audit.js';
import { sql } from 'kysely';

// Every field at its edges: 24-character names, cards above 65535, PINs, admin privilege, groups.
const original: DeviceUser[] = Array.from({ length: 12 }, (_, i) => ({
  uid: i + 1,
  userId: String(1000 + i),
  name: i % 3 === 0 ? `N${String(i).padStart(23, 'x')}` : `User ${i}`,
  password: i % 2 ? String(1234 + i) : '',
  cardNumber: i % 4 === 0 ? 4_000_000_000 + i : i * 70_000,
  privilege: i === 0 ? 14 : i % 5 === 0 ? 2 : 0,
  groupId: i % 7,
}));

const originalTemplates: FingerTemplate[] = original
  .filter((u) => u.uid % 3 !== 0)
  .flatMap((u) => [
    { uid: u.uid, finger: 0, flag: 1, template: Buffer.alloc(u.uid % 2 ? 1 : MAX_TEMPLATE_SIZE, u.uid) },
    { uid: u.uid, finger: 6, flag: u.uid % 4 === 1 ? 3 : 1, template: Buffer.from(`SS21-finger-of-${u.userId}`) },
  ]);
const templateBytes = (ts: FingerTemplate[]) => ts.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')]);

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: original, replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.reset();
  emu.state.replace(original, []);
  // Every third user has fingers: one of 1 byte, one of the v10 maximum, one in between.
  for (const t of originalTemplates) emu.state.setTemplate(t);
});

const admin = { adminId: 'a-1', username: 'ana' };
const sorted = (users: DeviceUser[]) => [...users].sort((a, b) => a.uid - b.uid);

async function backupNow(h: Harness, deviceId: number): Promise<string> {
  const job = await h.job('backup-device', { deviceId, trigger: 'manual' });
  const r = await backupDeviceJob(h.deps)({ deviceId, trigger: 'manual' }, { job: job as never, log: silentLog });
  return r.file;
}

async function restore(h: Harness, deviceId: number, backupFile: string, dryRun: boolean): Promise<{ result: RestoreJobResult; job: Job }> {
  const data = { restoreId: randomUUID(), deviceId, backupFile, dryRun, requestedBy: admin };
  const job = await h.job('restore-device', data);
  const result = await restoreDeviceJob(h.deps)(parsePayload('backups', 'restore-device', data), { job: job as never, log: silentLog });
  return { result, job };
}

/** The restore's per-user audit trail; backup bookkeeping rows (backup_created/pruned) are checked in backup-device tests. */
const auditRows = (db: Kysely<Database>, deviceId: number) =>
  db
    .selectFrom('attendance.device_user_audit_log')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('service_name', '=', 'backup-worker')
    .where('operation_type', 'not in', [BACKUP_CREATED, BACKUP_PRUNED])
    .orderBy('id')
    .execute();

describe('restore-device job', () => {
  test('round trip through a real worker: dry run lists exactly the deleted and changed users, restore brings back every field, a second restore changes nothing', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `rt-${prefix}`);
    const worker = createWorker('backups', backupHandlers(h.deps), { connection: redis, prefix, log: silentLog });
    const events = new QueueEvents('backups', { connection: redis.duplicate(), prefix });
    await events.waitUntilReady();
    const run = async (payload: Record<string, unknown>) => {
      const { id } = await h.producer.enqueue('backups', 'restore-device', payload as never);
      const job = (await h.producer.queue('backups').getJob(id))!;
      const result = (await job.waitUntilFinished(events, 30_000)) as RestoreJobResult;
      return { result, progress: (await h.producer.queue('backups').getJob(id))!.progress };
    };
    try {
      const file = await backupNow(h, deviceId);
      emu.state.removeUsers([2, 5, 9]);
      emu.state.replace(emu.state.users.map((u) => (u.uid === 4 ? { ...u, name: 'Renamed', cardNumber: 7 } : u)), []);
      const newcomer = { uid: 40, userId: '4040', name: 'Only on device', password: '', cardNumber: 0, privilege: 0, groupId: 0 };
      emu.state.addUser(newcomer);
      // replace() dropped every finger: put back those of the users still there, then
      // change one finger of the renamed user and one of a user whose record is intact.
      for (const t of originalTemplates.filter((t) => ![2, 5, 9].includes(t.uid))) emu.state.setTemplate(t);
      emu.state.setTemplate({ uid: 4, finger: 6, flag: 1, template: Buffer.from('re-enrolled') });
      emu.state.setTemplate({ uid: 7, finger: 0, flag: 3, template: Buffer.from([1, 2, 3]) });
      const before = sorted(emu.state.users);
      const fingersBefore = templateBytes(emu.state.templates);

      const dry = await run({ restoreId: randomUUID(), deviceId, backupFile: file, dryRun: true, requestedBy: admin });
      expect(dry.result.toAdd.map((u) => u.userId).sort()).toEqual(['1001', '1004', '1008']);
      expect(dry.result.toChange).toEqual([{ userId: '1003', uid: 4, name: original[3]!.name, fields: ['name', 'cardNumber'] }]);
      expect(dry.result).toMatchObject({ dryRun: true, deviceOnly: 1, unchanged: 8, restored: 0, failed: 0, preWriteBackup: null });
      expect(dry.result.templates).toEqual([
        { userId: '1001', uid: 2, fingers: [0, 6] },
        { userId: '1003', uid: 4, fingers: [6] },
        { userId: '1004', uid: 5, fingers: [0, 6] },
        { userId: '1006', uid: 7, fingers: [0] },
      ]);
      expect(sorted(emu.state.users)).toEqual(before);
      expect(templateBytes(emu.state.templates)).toEqual(fingersBefore);
      expect(await auditRows(db, deviceId)).toEqual([]);

      const real = await run({ restoreId: randomUUID(), deviceId, backupFile: file, dryRun: false, requestedBy: admin });
      expect(real.result).toMatchObject({ restored: 5, failed: 0, failures: [], stillDifferent: 0 });
      expect(real.progress).toEqual({ phase: 'done', done: 5, total: 5 });
      // Every backed-up field and every template byte is back, and the device-only user is still there (nothing deleted).
      expect(sorted(emu.state.users)).toEqual(sorted([...original, newcomer]));
      expect(templateBytes(emu.state.templates)).toEqual(templateBytes(originalTemplates));
      const audit = await auditRows(db, deviceId);
      expect(audit.map((a) => [a.operation_type, a.device_user_id, a.performed_by]).sort()).toEqual(
        [['user_restored', '1001', 'ana'], ['user_restored', '1003', 'ana'], ['user_restored', '1004', 'ana'], ['user_restored', '1006', 'ana'], ['user_restored', '1008', 'ana']],
      );
      expect(JSON.stringify(audit)).not.toContain(original[1]!.password); // no PINs in the audit log
      // The undo point holds the device as it was just before the write.
      const undo = await readBackup(h.root, real.result.preWriteBackup!);
      expect(undo.users).toEqual(before);
      expect(undo.header.trigger).toBe('pre-write');
      const recorded = await db
        .selectFrom('attendance.device_user_audit_log')
        .select(sql<string>`details->>'file'`.as('file'))
        .where('device_id', '=', deviceId)
        .where('operation_type', '=', BACKUP_CREATED)
        .execute();
      expect(recorded.map((r) => r.file)).toContain(real.result.preWriteBackup);

      const again = await run({ restoreId: randomUUID(), deviceId, backupFile: file, dryRun: false, requestedBy: admin });
      expect(again.result).toMatchObject({ toAdd: [], toChange: [], templates: [], restored: 0, failed: 0, preWriteBackup: null });
      expect(sorted(emu.state.users)).toEqual(sorted([...original, newcomer]));
      expect(await auditRows(db, deviceId)).toHaveLength(5);
    } finally {
      await worker.close();
      await events.close();
      await h.close();
    }
  });

  test('a user the device refuses is counted and audited as failed; the others are still written', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `refuse-${prefix}`);
    try {
      const file = await backupNow(h, deviceId);
      emu.state.removeUsers([1, 2]);
      const USER_WRQ = 8; // ZK command number of a user write
      emu.faults.ackError(USER_WRQ); // every write refused
      const { result } = await restore(h, deviceId, file, false);
      // Two users, and their fingers (never written without their user) still differ too.
      expect(result).toMatchObject({ restored: 0, failed: 2, stillDifferent: 4 });
      expect(result.failures.map((f) => [f.userId, f.ok, f.error?.split(':')[0]])).toEqual([['1000', false, 'DeviceRejectedError'], ['1001', false, 'DeviceRejectedError']]);
      emu.faults.ackError(USER_WRQ, false);
      const retry = await restore(h, deviceId, file, false);
      expect(retry.result).toMatchObject({ restored: 2, failed: 0, stillDifferent: 0 });
      expect((await auditRows(db, deviceId)).map((a) => a.operation_type)).toEqual(['user_restore_failed', 'user_restore_failed', 'user_restored', 'user_restored']);
      expect(sorted(emu.state.users)).toEqual(original);
    } finally {
      await h.close();
    }
  });

  test('a truncated, tampered or foreign backup is refused before the device is contacted', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const deviceId = await addEmulatedDevice(db, emu, `bad-${prefix}`);
    const otherId = await addEmulatedDevice(db, emu, `other-${prefix}`);
    try {
      const file = await backupNow(h, deviceId);
      const foreign = await backupNow(h, otherId);
      emu.state.removeUsers([1, 2, 3]);
      const bytes = await readFile(join(h.root, file));
      // Refused connections would surface as DeviceUnreachableError if the job got that far.
      await emu.faults.refuseConnections(true);
      const cases: [string, Buffer | null, RegExp][] = [
        ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /corrupt or truncated: the last line is incomplete/],
        ['cut at a line end', Buffer.from(bytes.toString().split('\n').slice(0, 5).join('\n') + '\n'), /checksum mismatch/],
        ['tampered', Buffer.from(bytes.toString().replace('"privilege":0', '"privilege":14')), /checksum mismatch/],
      ];
      for (const [label, content, message] of cases) {
        await writeFile(join(h.root, file), content!);
        await expect(restore(h, deviceId, file, false), label).rejects.toThrow(message);
      }
      await expect(restore(h, deviceId, foreign, false)).rejects.toThrow(`holds device ${otherId}'s users, not device ${deviceId}'s`);
      await expect(restore(h, deviceId, 'device-1/nope.jsonl', false)).rejects.toThrow(/does not exist/);
      expect(emu.state.users.map((u) => u.uid)).toEqual(original.slice(3).map((u) => u.uid));
      expect(await auditRows(db, deviceId)).toEqual([]);
    } finally {
      await emu.faults.reset(); // resumes listening (only if it was refusing)
      await h.close();
    }
  });
});
