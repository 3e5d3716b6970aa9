import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer } from '@platform/queues';

export interface PreWriteBackupOptions {
  /** `wait`: no device write until backup-worker reports the backup done. `enqueue`: request it and carry on. */
  mode: 'wait' | 'enqueue';
  timeoutMs: number;
}

/** The backup did not finish (failed, or no answer in time); the write was not attempted. */
export class PreWriteBackupError extends Error {
  override readonly name = 'PreWriteBackupError';
  constructor(
    readonly deviceId: number,
    readonly backupJobId: string,
    readonly state: string,
  ) {
    super(`pre-write backup of device ${deviceId} (backups job ${backupJobId}) ended ${state}; device write not attempted`);
  }
}

/**
 * Asks backup-worker for a snapshot before an admin write (`backups/backup-device`,
 * trigger `pre-write`) and, in `wait` mode, polls the job until it completes.
 * Called before the device lock is taken: backup-worker needs that lock to read the device.
 */
export async function preWriteBackup(producer: Producer, deviceId: number, reason: string, o: PreWriteBackupOptions): Promise<{ jobId: string; state: string }> {
  const { id } = await producer.enqueue('backups', 'backup-device', { deviceId, trigger: 'pre-write', reason });
  if (o.mode === 'enqueue') return { jobId: id, state: 'enqueued' };
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const job = await producer.queue('backups').getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (state === 'completed') return { jobId: id, state };
    if (state === 'failed' || state === 'missing') throw new PreWriteBackupError(deviceId, id, state);
    if (Date.now() >= deadline) throw new PreWriteBackupError(deviceId, id, `still ${state} after ${o.timeoutMs} ms`);
    await sleep(250);
  }
}
