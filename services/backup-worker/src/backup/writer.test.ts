import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sampleMeta } from '../testing/users.fixture.js';
import { backupPath, deviceDirName } from './file-name.js';
import { serializeBackup } from './format.js';
import { listBackups } from './reader.js';
import { pruneBackups } from './retention.js';
import { writeFileAtomic } from './writer.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bw-writer-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const now = new Date('2026-11-22T12:00:00.000Z');

describe('writeFileAtomic', () => {
  test('leaves only the final file, readable by its owner alone', async () => {
    const file = backupPath({ deviceId: 7, createdAt: now, trigger: 'manual', commandKey: null });
    const bytes = serializeBackup(sampleMeta, []);
    await writeFileAtomic(root, file, bytes);
    expect(await readFile(join(root, file))).toEqual(bytes);
    expect(await readdir(join(root, deviceDirName(7)))).toEqual([file.split('/')[1]]);
    expect((await stat(join(root, file))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, deviceDirName(7)))).mode & 0o777).toBe(0o700);
  });

  test('a write that cannot complete leaves no file under the final name and no temp file', async () => {
    const file = backupPath({ deviceId: 7, createdAt: now, trigger: 'manual', commandKey: null });
    await mkdir(join(root, file), { recursive: true }); // a directory in the way: rename fails
    await expect(writeFileAtomic(root, file, Buffer.from('x'))).rejects.toThrow();
    expect((await readdir(join(root, deviceDirName(7)))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('a crashed write (temp file left behind) is never listed as a backup, and is pruned once stale', async () => {
    const dir = join(root, deviceDirName(7));
    await mkdir(dir, { recursive: true });
    const base = backupPath({ deviceId: 7, createdAt: now, trigger: 'manual', commandKey: null }).split('/')[1]!;
    const temp = join(dir, `.${base}.abc123.tmp`);
    await writeFile(temp, serializeBackup(sampleMeta, []).subarray(0, 40));
    expect(await listBackups(root, 7)).toEqual([]);
    await pruneBackups(root, 7, new Date(), 30);
    expect(await readdir(dir)).toHaveLength(1); // fresh: may belong to a write in progress
    const old = new Date(Date.now() - 2 * 3_600_000);
    await utimes(temp, old, old);
    await pruneBackups(root, 7, new Date(), 30);
    expect(await readdir(dir)).toEqual([]);
  });
});
