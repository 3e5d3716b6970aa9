import type { Database, Kysely } from '@platform/db';
import type { DeviceUser } from '@platform/zk';
import type { RestorePlan, UserField } from './plan.js';

export interface RestoreContext {
  db: Kysely<Database>;
  deviceId: number;
  restoreId: string;
  backupFile: string;
  /** The admin's username, copied into every audit row. */
  performedBy: string;
}

export interface UserOutcome {
  userId: string;
  uid: number;
  action: 'add' | 'change';
  ok: boolean;
  error?: string;
}

export interface ApplyResult {
  restored: number;
  failed: number;
  outcomes: UserOutcome[];
}

/** The device operations a restore needs; `DeviceClient` satisfies it. */
export interface UserWriter {
  upsertUser(user: DeviceUser): Promise<void>;
}

/**
 * Writes the plan's adds and changes one user at a time and audits each
 * (success or failure) in `attendance.device_user_audit_log`. A failed user
 * does not stop the others; nothing is ever deleted. The caller holds the
 * device lock and took a pre-write backup first.
 */
export async function applyRestore(
  ctx: RestoreContext,
  plan: RestorePlan,
  writer: UserWriter,
  onProgress: (done: number, total: number) => Promise<void>,
  /** The device lock's signal: once it is lost another process may be writing, so stop. */
  signal?: AbortSignal,
): Promise<ApplyResult> {
  const work = [
    ...plan.add.map((user) => ({ action: 'add' as const, user, fields: null as UserField[] | null })),
    ...plan.change.map((c) => ({ action: 'change' as const, user: c.target, fields: c.fields })),
  ];
  const outcomes: UserOutcome[] = [];
  for (const [i, { action, user, fields }] of work.entries()) {
    // Throwing (not skipping) makes the job retry; the retry diffs the device again.
    signal?.throwIfAborted();
    let error: string | undefined;
    try {
      await writer.upsertUser(user);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    // One audit row per device write, right after it (not one batch at the end): a crash
    // mid-restore then still leaves evidence of every user already written.
    outcomes.push({ userId: user.userId, uid: user.uid, action, ok: error === undefined, ...(error ? { error } : {}) });
    await ctx.db
      .insertInto('attendance.device_user_audit_log')
      .values({
        device_id: ctx.deviceId,
        operation_type: error === undefined ? 'user_restored' : 'user_restore_failed',
        device_user_id: user.userId,
        device_user_name: user.name,
        performed_by: ctx.performedBy,
        service_name: 'backup-worker',
        conflict_id: null,
        // Field names only: the audit log is widely readable and the password is the user's PIN.
        details: { restoreId: ctx.restoreId, backupFile: ctx.backupFile, action, uid: user.uid, fields, ...(error ? { error } : {}) },
      })
      .execute();
    await onProgress(i + 1, work.length);
  }
  const restored = outcomes.filter((o) => o.ok).length;
  return { restored, failed: outcomes.length - restored, outcomes };
}
