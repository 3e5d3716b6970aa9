import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceSession } from '@platform/device-access';
import { backupPath, type BackupTrigger } from './file-name.js';
import { serializeBackup } from './format.js';
import { listBackups, readBackup } from './reader.js';
import { writeFileAtomic } from './writer.js';

/** Where backups go and what stamps them; one per process. */
export interface BackupStore {
  /** BACKUP_DIR. */
  root: string;
  appVersion: string;
  /** Injectable so tests drive time (retention, naming, schedules) without waiting. */
  clock: () => Date;
}

export interface TakeBackupInput {
  trigger: BackupTrigger;
  /**
   * For pre-write backups: the command (or restore) id. A second call with the
   * same key returns the first file instead of reading the device again, so a
   * retried command is not slowed down and does not stack up copies.
   */
  commandKey?: string | null;
  reason?: string | null;
}

export interface BackupResult {
  file: string;
  userCount: number;
  templateCount: number;
  createdAt: string;
  sizeBytes: number;
  /** True when an earlier backup for the same `commandKey` was returned. */
  reused: boolean;
}

/**
 * Reads every user and fingerprint template of the session's device (complete, or the client throws)
 * and writes them atomically to a new backup file. Must run inside
 * `withDevice`, so it sees the device as the writer that follows will.
 *
 * @example
 * await devices.withDevice(7, (session) => takeBackup(store, session, { trigger: 'pre-write', commandKey: commandId }));
 */
export async function takeBackup(
  store: BackupStore,
  session: Pick<DeviceSession, 'client' | 'device' | 'reportCounts'>,
  input: TakeBackupInput,
): Promise<BackupResult> {
  const { device } = session;
  const commandKey = input.commandKey ?? null;
  if (commandKey !== null) {
    const earlier = (await listBackups(store.root, device.id)).reverse().find((b) => b.commandKey === commandKey);
    // A damaged earlier copy is no undo point: take a fresh one instead.
    const content = earlier ? await readBackup(store.root, earlier.file).catch(() => null) : null;
    if (earlier && content) {
      return {
        file: earlier.file,
        userCount: content.header.userCount,
        templateCount: content.templates.length,
        createdAt: content.header.createdAt,
        sizeBytes: (await stat(join(store.root, earlier.file))).size,
        reused: true,
      };
    }
  }
  // Fingers too, in the same session: a user restored without them cannot clock in.
  const { users, templates } = await session.client.getUsersAndTemplates();
  session.reportCounts({ users: users.length });
  const createdAt = store.clock();
  const file = backupPath({ deviceId: device.id, createdAt, trigger: input.trigger, commandKey });
  const bytes = serializeBackup(
    {
      deviceId: device.id,
      deviceName: device.name,
      host: device.host,
      port: device.port,
      createdAt: createdAt.toISOString(),
      trigger: input.trigger,
      commandKey,
      reason: input.reason ?? null,
      appVersion: store.appVersion,
    },
    users,
    templates,
  );
  await writeFileAtomic(store.root, file, bytes);
  return { file, userCount: users.length, templateCount: templates.length, createdAt: createdAt.toISOString(), sizeBytes: bytes.length, reused: false };
}
