import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { describe, expect, test } from '@platform/testkit';
import { TEST_REDIS_URL } from '@platform/testkit';

const run = promisify(execFile);
const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

describe('enqueue-backups (the CronJob command)', () => {
  test('enqueues one scheduled backup-device job per enabled device and exits 0', async ({ database, db, redis, prefix }) => {
    const rows = await db
      .insertInto('platform.devices')
      .values([
        { name: `a-${prefix}`, host: '10.0.0.1', enabled: true },
        { name: `b-${prefix}`, host: '10.0.0.2', enabled: false },
        { name: `c-${prefix}`, host: '10.0.0.3', enabled: true },
      ])
      .returning(['id', 'enabled'])
      .execute();
    const env = { ...process.env, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
    await run('node', ['--import', 'tsx', 'src/bin/enqueue-backups.ts'], { cwd: serviceDir, env });
    const queue = new Queue('backups', { connection: redis, prefix });
    try {
      const jobs = await queue.getJobs(['waiting', 'prioritized'], 0, -1, true);
      expect(jobs.map((j) => j.data).sort((a, b) => a.deviceId - b.deviceId)).toEqual(
        rows.filter((r) => r.enabled).map((r) => ({ deviceId: r.id, trigger: 'scheduled' })),
      );
    } finally {
      await queue.close();
    }
  });
});
