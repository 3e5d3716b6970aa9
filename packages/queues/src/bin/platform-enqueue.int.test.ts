import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, test, TEST_REDIS_URL } from '@platform/testkit';
import { createProducer } from '../producer.js';

const PACKAGE_DIR = path.resolve(import.meta.dirname, '../..');
const SYNC = { syncId: '00000000-0000-4000-8000-000000000001', trigger: 'scheduled' as const };

/** The CLI as a CronJob runs it: its own process, configured only by the environment. */
async function platformEnqueue(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/platform-enqueue.ts', ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('platform-enqueue', () => {
  test('enqueues a catalog job the way the scheduler would; a second run joins the pending one', async ({ redis, prefix, database }) => {
    const env = { QUEUE_PREFIX: prefix, DATABASE_URL: database.url };
    for (let run = 0; run < 2; run++) {
      const { code, output } = await platformEnqueue(['seller-sync', 'sync-sellers', '--payload', JSON.stringify(SYNC)], env);
      expect(code, output).toBe(0);
    }
    const producer = createProducer({ connection: redis, prefix });
    try {
      const jobs = await producer.queue('seller-sync').getJobs(['waiting', 'prioritized', 'delayed']);
      expect(jobs.map((j) => [j.name, j.data])).toEqual([['sync-sellers', SYNC]]);
    } finally {
      await producer.close();
    }
  });

  test('refuses an unknown job (exit 2) or a payload the catalog rejects (exit 1), enqueueing nothing', async ({ redis, prefix, database }) => {
    const env = { QUEUE_PREFIX: prefix, DATABASE_URL: database.url };
    const unknown = await platformEnqueue(['seller-sync', 'sync-everything'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/queue "seller-sync" has no job "sync-everything"/);
    const invalid = await platformEnqueue(['seller-sync', 'sync-sellers', '--payload', '{"trigger":"scheduled"}'], env);
    expect(invalid.code).toBe(1);
    expect(invalid.output).toMatch(/syncId/);
    const producer = createProducer({ connection: redis, prefix });
    try {
      expect(await producer.queue('seller-sync').getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(0);
    } finally {
      await producer.close();
    }
  });

  test('with SCHEDULES=external a service boot removes its scheduler instead of keeping one, so work runs once', async ({ redis, prefix }) => {
    const inProcess = createProducer({ connection: redis, prefix, schedules: 'in-process' });
    const external = createProducer({ connection: redis, prefix, schedules: 'external' });
    try {
      await inProcess.schedule('seller-sync', 'sync-sellers', SYNC, { every: 60_000 });
      expect((await inProcess.queue('seller-sync').getJobSchedulers()).map((s) => s.key)).toEqual(['sync-sellers']);
      await external.schedule('seller-sync', 'sync-sellers', SYNC, { every: 60_000 });
      expect(await inProcess.queue('seller-sync').getJobSchedulers()).toEqual([]);
    } finally {
      await inProcess.close();
      await external.close();
    }
  });
});
