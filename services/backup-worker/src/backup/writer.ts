import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files start with a dot and end in `.tmp`: no reader or listing ever takes one for a backup. */
export const isTempFile = (baseName: string): boolean => baseName.startsWith('.') && baseName.endsWith('.tmp');

/**
 * Writes `bytes` to `root/relPath` so that the final name only ever holds the
 * complete content: temp file in the same directory, fsync, rename, fsync the
 * directory. A crash before the rename leaves only a `.tmp` file (ignored and
 * later pruned); after it, the full file. The mode is 0600: the file holds
 * device PINs (passwords).
 */
export async function writeFileAtomic(root: string, relPath: string, bytes: Buffer): Promise<void> {
  const target = join(root, relPath);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Without this the rename itself may be lost on power failure (ext4/xfs semantics).
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
