import { readdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { BackupNotFoundError } from './errors.js';
import { deviceDirName, parseBackupFileName, type BackupName } from './file-name.js';
import { parseBackup, type BackupContent } from './format.js';

export interface BackupEntry extends BackupName {
  /** Relative to BACKUP_DIR, as the restore job and the admin API name it. */
  file: string;
}

/**
 * The backups of one device, oldest first. Files whose names we did not
 * write (temp files, copies, notes) are not backups and are left out.
 */
export async function listBackups(root: string, deviceId: number): Promise<BackupEntry[]> {
  const dir = deviceDirName(deviceId);
  let names: string[];
  try {
    names = await readdir(join(root, dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (parsed && parsed.deviceId === deviceId) entries.push({ ...parsed, file: `${dir}/${name}` });
  }
  return entries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.file.localeCompare(b.file));
}

/** Newest backup of a device, or null. */
export async function latestBackup(root: string, deviceId: number): Promise<BackupEntry | null> {
  return (await listBackups(root, deviceId)).at(-1) ?? null;
}

/**
 * Reads and fully verifies one backup (`CorruptBackupError`, `BackupNotFoundError`).
 * `file` is relative to `root`; the queue schema already forbids `..`, and
 * this re-checks so no caller can read outside the backup directory.
 */
export async function readBackup(root: string, file: string): Promise<BackupContent> {
  const base = resolve(root);
  const path = resolve(base, file);
  if (!path.startsWith(base + sep)) throw new BackupNotFoundError(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupNotFoundError(file);
    throw error;
  }
  return parseBackup(bytes, file);
}
