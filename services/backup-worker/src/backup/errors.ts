/** Why a backup file cannot be trusted; nothing is written to a device when this is thrown. */
export class CorruptBackupError extends Error {
  override readonly name = 'CorruptBackupError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`backup ${file} is corrupt or truncated: ${reason}; choose another backup (nothing was written to the device)`);
  }
}

/** The requested backup file does not exist under BACKUP_DIR. */
export class BackupNotFoundError extends Error {
  override readonly name = 'BackupNotFoundError';
  constructor(readonly file: string) {
    super(`backup ${file} does not exist in the backup directory; list backups to pick an existing one`);
  }
}

/** A restore asked to put one device's backup on another device. */
export class BackupDeviceMismatchError extends Error {
  override readonly name = 'BackupDeviceMismatchError';
  constructor(
    readonly file: string,
    readonly backupDeviceId: number,
    readonly targetDeviceId: number,
  ) {
    super(`backup ${file} holds device ${backupDeviceId}'s users, not device ${targetDeviceId}'s; nothing was written`);
  }
}
