import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import type { Database, Kysely, NewDeviceUserAuditLog } from '@platform/db';
import type { DeviceAccess } from '@platform/device-access';
import { fencedWrite } from '@platform/lock';
import type { Payload, Producer } from '@platform/queues';
import type { DeviceUser } from '@platform/zk';
import { appendAudit, SERVICE_NAME } from '../sync/audit.sql.js';
import { preWriteBackup, type PreWriteBackupOptions } from './pre-write-backup.js';

export interface CommandDeps {
  db: Kysely<Database>;
  devices: DeviceAccess;
  producer: Producer;
  backup: PreWriteBackupOptions;
}

type DeletePayload = Payload<'device-commands', 'delete-user'>;
type WritePayload = Payload<'device-commands', 'write-user'>;
const FINAL = ['user_deleted', 'user_written', 'user_delete_skipped'];

/** True once this command's outcome is audited: a redelivered job must not act twice. */
async function alreadyDone(db: Kysely<Database>, commandId: string): Promise<boolean> {
  const row = await db
    .selectFrom('attendance.device_user_audit_log')
    .select('id')
    .where('operation_type', 'in', FINAL)
    .where(sql<string>`details->>'commandId'`, '=', commandId)
    .executeTakeFirst();
  return row !== undefined;
}

function auditRow(p: DeletePayload | WritePayload, deviceUserId: string, op: string, name: string | null, details: Record<string, unknown>): NewDeviceUserAuditLog {
  return {
    device_id: p.deviceId, operation_type: op, device_user_id: deviceUserId, device_user_name: name,
    performed_by: `admin:${p.requestedBy.username}`, service_name: SERVICE_NAME, conflict_id: null,
    details: { commandId: p.commandId, adminId: p.requestedBy.adminId, reason: p.reason, ...details },
  };
}

/**
 * Runs one admin write under the device lock: audit before (fenced), the
 * device call, audit after. The "after" row is written unfenced: what was done
 * to a device must be recorded even if the lock was lost meanwhile.
 */
async function underLock<T>(deps: CommandDeps, p: DeletePayload | WritePayload, deviceUserId: string, op: string,
  act: (users: DeviceUser[], client: import('@platform/zk').DeviceClient) => Promise<{ name: string | null; details: Record<string, unknown>; run: () => Promise<T> } | null>) {
  return deps.devices.withDevice(p.deviceId, async ({ client, lock }) => {
    const plan = await act(await client.getUsers(), client);
    if (!plan) return { status: 'skipped' as const };
    await fencedWrite(deps.db, lock, (trx) => appendAudit(trx, [auditRow(p, deviceUserId, `${op}_requested`, plan.name, plan.details)]));
    try {
      await plan.run();
    } catch (error) {
      await appendAudit(deps.db, [auditRow(p, deviceUserId, `${op}_failed`, plan.name, { ...plan.details, error: String(error) })]);
      throw error;
    }
    return { status: 'done' as const };
  }, { allowDisabled: true });
}

export async function deleteUserCommand(deps: CommandDeps, p: DeletePayload) {
  if (await alreadyDone(deps.db, p.commandId)) return { status: 'already-done' };
  const backup = await preWriteBackup(deps.producer, p.deviceId, `before delete-user ${p.commandId}`, deps.backup);
  const outcome = await underLock(deps, p, p.deviceUserId, 'user_delete', async (users, client) => {
    const target = users.find((u) => u.userId === p.deviceUserId);
    if (!target) {
      await appendAudit(deps.db, [auditRow(p, p.deviceUserId, 'user_delete_skipped', null, { why: 'not on the device', backup })]);
      return null;
    }
    return { name: target.name, details: { uid: target.uid, backup }, run: () => client.deleteUser(target.uid) };
  });
  if (outcome.status === 'done') await appendAudit(deps.db, [auditRow(p, p.deviceUserId, 'user_deleted', null, { backup })]);
  return { ...outcome, backup };
}

/** Slot for a new user: the lowest free uid (devices address users by slot). */
function freeUid(users: readonly DeviceUser[]): number {
  const used = new Set(users.map((u) => u.uid));
  for (let uid = 1; uid <= 65_535; uid++) if (!used.has(uid)) return uid;
  throw new UnrecoverableError('device has no free user slot (65535 in use)');
}

export async function writeUserCommand(deps: CommandDeps, p: WritePayload) {
  if (await alreadyDone(deps.db, p.commandId)) return { status: 'already-done' };
  const backup = await preWriteBackup(deps.producer, p.deviceId, `before write-user ${p.commandId}`, deps.backup);
  const id = p.user.deviceUserId;
  let written: DeviceUser | null = null;
  const outcome = await underLock(deps, p, id, 'user_write', async (users, client) => {
    const existing = users.find((u) => u.userId === id);
    const uid = p.user.uid ?? existing?.uid ?? freeUid(users);
    const occupant = users.find((u) => u.uid === uid);
    if (occupant && occupant.userId !== id) {
      await appendAudit(deps.db, [auditRow(p, id, 'user_write_rejected', p.user.name, { uid, occupiedBy: occupant.userId })]);
      throw new UnrecoverableError(`uid ${uid} on device ${p.deviceId} holds user ${occupant.userId}; refusing to overwrite it with ${id}`);
    }
    written = {
      uid, userId: id, name: p.user.name, password: p.user.password ?? existing?.password ?? '',
      cardNumber: Number(p.user.cardNumber ?? existing?.cardNumber ?? 0), privilege: p.user.privilege, groupId: p.user.groupId ?? existing?.groupId ?? 0,
    };
    const user = written;
    // Never the password: the audit log is readable by every admin.
    const details = { uid, created: !existing, before: existing ? { name: existing.name, cardNumber: existing.cardNumber, privilege: existing.privilege } : null, backup };
    return { name: p.user.name, details, run: () => client.upsertUser(user) };
  });
  const w = written as DeviceUser | null;
  if (w) await appendAudit(deps.db, [auditRow(p, id, 'user_written', w.name, { uid: w.uid, cardNumber: w.cardNumber, privilege: w.privilege, backup })]);
  return { ...outcome, backup };
}
