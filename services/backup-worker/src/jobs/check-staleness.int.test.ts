import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from '@platform/testkit';
import { backupPath, deviceDirName } from '../backup/file-name.js';
import { serializeBackup } from '../backup/format.js';
import { createHarness } from '../testing/harness.fixture.js';
import { sampleMeta } from '../testing/users.fixture.js';
import { checkStaleness } from './check-staleness.js';

const HOUR = 3_600_000;

describe('checkStaleness', () => {
  test('alerts through the alerts queue for devices whose newest backup is too old, or that never had one', async ({ db, redis, prefix }) => {
    const h = await createHarness(db, redis, prefix);
    const now = new Date('2026-11-22T12:00:00.000Z');
    const write = async (deviceId: number, ageHours: number) => {
      const file = backupPath({ deviceId, createdAt: new Date(now.getTime() - ageHours * HOUR), trigger: 'scheduled', commandKey: null });
      await mkdir(join(h.root, deviceDirName(deviceId)), { recursive: true });
      await writeFile(join(h.root, file), serializeBackup({ ...sampleMeta, deviceId }, []));
      return file;
    };
    try {
      await write(1, 30);
      await write(1, 12.9); // fresh: the newest counts, not the oldest
      const oldFile = await write(2, 14);
      const input = { root: h.root, now, staleHours: 13, alert: h.deps.alert };
      const result = await checkStaleness({ ...input, deviceIds: [1, 2, 3], since: new Date(now.getTime() - 20 * HOUR) });
      expect(result.map((r) => [r.deviceId, r.stale])).toEqual([[1, false], [2, true], [3, true]]);
      const alerts = await h.alerts();
      expect(alerts).toMatchObject([
        { type: 'backup.stale', dedupeKey: 'backup.stale.2', details: { deviceId: 2, latestBackup: oldFile, staleHours: 13 } },
        { type: 'backup.stale', dedupeKey: 'backup.stale.3', details: { deviceId: 3, latestBackup: null } },
      ]);
      expect((alerts[0] as unknown as { source: string }).source).toBe('backup-worker');
      // A device without backups right after the worker started is not stale yet.
      const early = await checkStaleness({ ...input, deviceIds: [3], since: new Date(now.getTime() - HOUR) });
      expect(early[0]?.stale).toBe(false);
    } finally {
      await h.close();
    }
  });
});
