import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deviceDirName } from './file-name.js';
import { listBackups, type BackupEntry } from './reader.js';
import { isTempFile } from './writer.js';

const DAY_MS = 86_400_000;
/** A temp file this old belongs to a write that crashed; no live write takes an hour. */
const STALE_TEMP_MS = 3_600_000;

/**
 * Backups a prune may delete: created strictly more than `retentionDays` ago.
 * Seed 000 Property 21: nothing younger is ever returned, whatever the clock says
 * about files "from the future" (a skewed clock keeps them, it never deletes).
 */
export function expiredBackups(entries: readonly BackupEntry[], now: Date, retentionDays: number): BackupEntry[] {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  return entries.filter((e) => e.createdAt.getTime() < cutoff);
}

/**
 * Deletes one device's expired backups (and crashed temp files). Call it ONLY
 * after a new backup of that device was written successfully: when the latest
 * backup failed, the old ones are all there is ("maintain previous backup").
 */
export async function pruneBackups(root: string, deviceId: number, now: Date, retentionDays: number): Promise<string[]> {
  const expired = expiredBackups(await listBackups(root, deviceId), now, retentionDays);
  for (const entry of expired) await rm(join(root, entry.file), { force: true });
  const dir = join(root, deviceDirName(deviceId));
  for (const name of (await readdir(dir).catch(() => [])).filter(isTempFile)) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > STALE_TEMP_MS) await rm(join(dir, name), { force: true });
  }
  return expired.map((e) => e.file);
}
