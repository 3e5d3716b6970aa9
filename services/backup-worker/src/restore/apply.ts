import type { Database, Kysely } from '@platform/db';
import type { DeviceUser, FingerTemplate } from '@platform/zk';
import type { TemplateChange } from './template-plan.js';
import type { RestorePlan } from './plan.js';

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
  action: 'add' | 'change' | 'templates';
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
  writeTemplates(userId: string, templates: readonly FingerTemplate[]): Promise<void>;
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
  /** Fingers to write; each user's go after that user's own record (a finger needs its user). */
  templates: readonly TemplateChange[] = [],
): Promise<ApplyResult> {
  const fingersOf = new Map(templates.map((t) => [t.userId, t]));
  const work = [
    ...plan.add.map((user) => ({ action: 'add' as const, user, fields: null as string[] | null })),
    ...plan.change.map((c) => ({ action: 'change' as const, user: c.target, fields: c.fields as string[] | null })),
    // Users whose record is already right but whose fingers are not.
    ...templates
      .filter((t) => !plan.add.some((u) => u.userId === t.userId) && !plan.change.some((c) => c.target.userId === t.userId))
      .map((t) => ({ action: 'templates' as const, user: null as DeviceUser | null, fields: null, change: t })),
  ].map((w) => ({ change: fingersOf.get(w.user?.userId ?? ('change' in w ? w.change.userId : '')), ...w }));
  const outcomes: UserOutcome[] = [];
  for (const [i, { action, user: maybeUser, fields, change }] of work.entries()) {
    // Throwing (not skipping) makes the job retry; the retry diffs the device again.
    signal?.throwIfAborted();
    const user = maybeUser ?? { userId: change!.userId, uid: change!.uid, name: '' };
    let error: string | undefined;
    try {
      if (maybeUser) await writer.upsertUser(maybeUser);
      // The user first, then their fingers: a template for a missing user is refused.
      if (change) await writer.writeTemplates(change.userId, change.templates);
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
        details: { restoreId: ctx.restoreId, backupFile: ctx.backupFile, action, uid: user.uid, fields, fingers: change?.fingers ?? [], ...(error ? { error } : {}) },
      })
      .execute();
    await onProgress(i + 1, work.length);
  }
  const restored = outcomes.filter((o) => o.ok).length;
  return { restored, failed: outcomes.length - restored, outcomes };
}
