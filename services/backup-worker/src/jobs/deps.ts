import type { Database, Kysely } from '@platform/db';
import type { DeviceAccess } from '@platform/device-access';
import type { AlertSink } from '../alerts.js';
import type { BackupStore } from '../backup/take-backup.js';

/** Everything the job handlers need; built once in main.ts (and by tests, with real parts). */
export interface JobDeps {
  db: Kysely<Database>;
  devices: Pick<DeviceAccess, 'withDevice'>;
  store: BackupStore;
  retentionDays: number;
  alert: AlertSink;
}

/** True when BullMQ will not run this job again after the current attempt fails. */
export function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
