/// <reference path="../../packages/zk/src/client/node-zklib.d.ts" />
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, Kysely } from '@platform/db';
import type { Producer } from '@platform/queues';
import { createLogger, createMetrics, createRedis, loadConfig } from '@platform/runtime';
import { TEST_REDIS_URL } from '@platform/testkit';
import { configSchema as pollerConfig } from '../../services/device-poller/src/config.js';
import { createPoller, type Poller } from '../../services/device-poller/src/poller.js';
import { pollerSettings } from '../../services/device-poller/src/poller-settings.js';

/**
 * device-poller as main.ts builds it (same config schema, same pollerSettings), with its
 * workers running but not its poll schedules (they would sync on their own
 * clock and take the emulator's single TCP slot while a test reads it).
 * PRE_WRITE_BACKUP=enqueue: in `wait` mode a write waits for backup-worker.
 */
export function startWorkersOnly(db: Kysely<Database>, databaseUrl: string, prefix: string): { poller: Poller; close(): Promise<void> } {
  const config = loadConfig(pollerConfig, { DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PRE_WRITE_BACKUP: 'enqueue', LOG_LEVEL: 'warn' });
  const log = createLogger({ service: 'device-poller', level: config.LOG_LEVEL, pretty: false });
  const redis = createRedis(config.REDIS_URL, 'worker', log);
  const poller = createPoller({ db, redis, prefix: config.QUEUE_PREFIX, log, registry: createMetrics('device-poller-e2e'), ...pollerSettings(config), lockKeyPrefix: `${prefix}:lock:` });
  for (const w of poller.workers) void w.run();
  return {
    poller,
    async close() {
      await poller.closeWorkers();
      await poller.closeQueues();
      await redis.quit();
    },
  };
}

/**
 * The return value of a finished job. A failed attempt shows as `delayed`
 * (the catalog retries with backoff): report it at once instead of waiting it out.
 */
export async function finishedJob(producer: Producer, queue: 'device-sync' | 'device-commands', jobId: string, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await producer.queue(queue).getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    // Read again: the job may have completed between the read above and getState, leaving returnvalue unset here.
    if (state === 'completed') return (await producer.queue(queue).getJob(jobId))!.returnvalue;
    if (['failed', 'delayed', 'missing'].includes(state) || Date.now() > deadline) {
      throw new Error(`${queue} job ${jobId} is ${state}: ${job?.failedReason ?? 'no reason'}`);
    }
    await sleep(10);
  }
}
