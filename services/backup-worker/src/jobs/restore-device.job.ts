import { UnrecoverableError } from 'bullmq';
import type { JobContext, Payload } from '@platform/queues';
import { BackupDeviceMismatchError, BackupNotFoundError, CorruptBackupError } from '../backup/errors.js';
import { readBackup } from '../backup/reader.js';
import { recordBackupCreated } from '../backup/backup-audit.js';
import { takeBackup } from '../backup/take-backup.js';
import { applyRestore, type UserOutcome } from '../restore/apply.js';
import { planRestore, type RestorePlan } from '../restore/plan.js';
import { planTemplateRestore, type TemplateChange } from '../restore/template-plan.js';
import type { JobDeps } from './deps.js';

/** What the admin API shows for a restore job (its BullMQ return value). */
export interface RestoreJobResult {
  restoreId: string;
  deviceId: number;
  backupFile: string;
  backupCreatedAt: string;
  dryRun: boolean;
  /** Users that would be (dry run) or were (real run) added / changed. */
  toAdd: { userId: string; uid: number; name: string }[];
  toChange: { userId: string; uid: number; name: string; fields: string[] }[];
  /** Users whose fingerprint templates would be (dry run) or were written: fingers missing or different on the device. */
  templates: { userId: string; uid: number; fingers: number[] }[];
  skipped: { userId: string; uid: number; reason: string }[];
  unchanged: number;
  deviceOnly: number;
  /** Real run only: the undo point taken just before writing. */
  preWriteBackup: string | null;
  restored: number;
  failed: number;
  failures: UserOutcome[];
  /** Real run: adds + changes a fresh read of the device still shows afterwards (0 = verified). */
  stillDifferent: number | null;
}

/** Progress is `{ phase, done, total }`; phases in order: verify, read-device, backup, write, done. */
type Phase = 'verify' | 'read-device' | 'backup' | 'write' | 'done';

/**
 * `backups/restore-device`: verify the file completely, then (holding the
 * device lock) diff it against the device; a dry run stops there. A real run
 * takes a pre-write backup, writes adds and changes, audits each user and
 * never deletes. Re-running is safe: the diff is taken again from the device.
 */
export function restoreDeviceJob(deps: JobDeps) {
  return async (p: Payload<'backups', 'restore-device'>, { job, log }: JobContext<'backups', 'restore-device'>): Promise<RestoreJobResult> => {
    const progress = (phase: Phase, done = 0, total = 0) => job.updateProgress({ phase, done, total });
    await progress('verify');
    let content;
    try {
      // Checked before any device contact: a bad file must never lead to a write.
      content = await readBackup(deps.store.root, p.backupFile);
      if (content.header.deviceId !== p.deviceId) throw new BackupDeviceMismatchError(p.backupFile, content.header.deviceId, p.deviceId);
    } catch (error) {
      if (error instanceof CorruptBackupError || error instanceof BackupNotFoundError || error instanceof BackupDeviceMismatchError) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }

    const result: RestoreJobResult = await deps.devices.withDevice(
      p.deviceId,
      async (session) => {
        await progress('read-device');
        const diff = async () => {
          const { users: deviceUsers, templates: deviceTemplates } = await session.client.getUsersAndTemplates();
          const plan = planRestore(content.users, deviceUsers);
          return { plan, templates: planTemplateRestore(plan, content.templates, deviceUsers, deviceTemplates, content.users) };
        };
        const { plan, templates } = await diff();
        const base = describe(p, content.header.createdAt, plan, templates);
        // Nothing to write means nothing to undo: a repeated restore leaves no trace on the device or the disk.
        if (p.dryRun || plan.add.length + plan.change.length + templates.length === 0) return base;
        await progress('backup');
        const undo = await takeBackup(deps.store, session, { trigger: 'pre-write', commandKey: p.restoreId, reason: `before restore ${p.restoreId} from ${p.backupFile}` });
        if (!undo.reused) await recordBackupCreated(deps.db, { deviceId: p.deviceId, trigger: 'pre-write', ...undo });
        const applied = await applyRestore(
          { db: deps.db, deviceId: p.deviceId, restoreId: p.restoreId, backupFile: p.backupFile, performedBy: p.requestedBy.username },
          plan,
          session.client,
          (done, total) => progress('write', done, total),
          session.lock.signal,
          templates,
        );
        // An acknowledged write is not proof the device kept it: read back and diff again.
        const after = await diff();
        return {
          ...base,
          preWriteBackup: undo.file,
          restored: applied.restored,
          failed: applied.failed,
          failures: applied.outcomes.filter((o) => !o.ok),
          stillDifferent: after.plan.add.length + after.plan.change.length + after.templates.length,
        };
      },
      { allowDisabled: true },
    );
    const named = new Set([...result.toAdd, ...result.toChange].map((u) => u.userId));
    const fingersOnly = result.templates.filter((t) => !named.has(t.userId)).length;
    await progress('done', result.restored + result.failed, result.toAdd.length + result.toChange.length + fingersOnly);
    log.info({ deviceId: p.deviceId, dryRun: p.dryRun, add: result.toAdd.length, change: result.toChange.length, restored: result.restored, failed: result.failed }, 'restore finished');
    return result;
  };
}

function describe(
  p: { restoreId: string; deviceId: number; backupFile: string; dryRun: boolean },
  backupCreatedAt: string,
  plan: RestorePlan,
  templates: readonly TemplateChange[],
): RestoreJobResult {
  return {
    restoreId: p.restoreId,
    deviceId: p.deviceId,
    backupFile: p.backupFile,
    backupCreatedAt,
    dryRun: p.dryRun,
    toAdd: plan.add.map((u) => ({ userId: u.userId, uid: u.uid, name: u.name })),
    toChange: plan.change.map((c) => ({ userId: c.target.userId, uid: c.target.uid, name: c.target.name, fields: c.fields })),
    templates: templates.map((t) => ({ userId: t.userId, uid: t.uid, fingers: t.fingers })),
    skipped: plan.skipped.map((s) => ({ userId: s.user.userId, uid: s.user.uid, reason: s.reason })),
    unchanged: plan.unchanged,
    deviceOnly: plan.deviceOnly,
    preWriteBackup: null,
    restored: 0,
    failed: 0,
    failures: [],
    stillDifferent: null,
  };
}
