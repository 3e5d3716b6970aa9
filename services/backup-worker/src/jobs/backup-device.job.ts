import { UnrecoverableError } from 'bullmq';
import { DeviceDisabledError, DeviceNotFoundError } from '@platform/device-access';
import type { JobContext, Payload } from '@platform/queues';
import { recordBackupCreated, recordBackupsPruned } from '../backup/backup-audit.js';
import { pruneBackups } from '../backup/retention.js';
import { takeBackup, type BackupResult } from '../backup/take-backup.js';
import { isLastAttempt, type JobDeps } from './deps.js';

export interface BackupJobResult extends BackupResult {
  /** Expired backups deleted after this one succeeded. */
  pruned: string[];
}

/**
 * `backups/backup-device`: snapshot one device, then prune that device's
 * expired backups. Pruning happens only after the new file is safely on disk;
 * a failed backup prunes nothing and raises `backup.failed` on its last attempt.
 */
export function backupDeviceJob(deps: JobDeps) {
  return async (payload: Payload<'backups', 'backup-device'>, { job, log }: JobContext<'backups', 'backup-device'>): Promise<BackupJobResult> => {
    try {
      const result = await deps.devices.withDevice(
        payload.deviceId,
        async (session) => {
          const backup = await takeBackup(deps.store, session, { trigger: payload.trigger, reason: payload.reason ?? null });
          if (!backup.reused) {
            await recordBackupCreated(deps.db, { deviceId: payload.deviceId, trigger: payload.trigger, ...backup });
          }
          const pruned = await pruneBackups(deps.store.root, payload.deviceId, deps.store.clock(), deps.retentionDays);
          await recordBackupsPruned(deps.db, payload.deviceId, pruned);
          return { ...backup, pruned };
        },
        // A pre-write or manual backup is for an admin command, which may target a disabled device.
        { allowDisabled: payload.trigger !== 'scheduled' },
      );
      log.info({ deviceId: payload.deviceId, file: result.file, users: result.userCount, pruned: result.pruned.length }, 'backup written');
      return result;
    } catch (error) {
      // A missing or disabled device will not appear by retrying.
      const final = error instanceof DeviceNotFoundError || error instanceof DeviceDisabledError;
      // A schedule that outlived its device's `enabled` flag is not a failure worth waking someone.
      const quiet = error instanceof DeviceDisabledError && payload.trigger === 'scheduled';
      if (!quiet && (final || isLastAttempt(job))) {
        await deps.alert({
          type: 'backup.failed',
          severity: 'high',
          message: `Backup of device ${payload.deviceId} failed: ${error instanceof Error ? error.message : String(error)}. Previous backups are kept.`,
          details: { deviceId: payload.deviceId, trigger: payload.trigger, jobId: job.id, attempts: job.attemptsMade + 1 },
          dedupeKey: `backup.failed.${payload.deviceId}`,
        });
      }
      if (final) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
}
