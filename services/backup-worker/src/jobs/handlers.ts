import type { Handlers } from '@platform/queues';
import { backupDeviceJob } from './backup-device.job.js';
import type { JobDeps } from './deps.js';
import { restoreDeviceJob } from './restore-device.job.js';

/** Every job of the `backups` queue; a missing one does not compile. */
export function backupHandlers(deps: JobDeps): Handlers<'backups'> {
  return {
    'backup-device': backupDeviceJob(deps),
    'restore-device': restoreDeviceJob(deps),
  };
}
