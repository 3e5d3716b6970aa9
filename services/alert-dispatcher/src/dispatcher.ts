import type { Worker } from 'bullmq';
import type { Database, Kysely } from '@platform/db';
import { createProducer, createWorker, type Producer, type QueueConnection } from '@platform/queues';
import type { Logger, Registry } from '@platform/runtime';
import type { Channel } from './channels/channel.js';
import { createChannels } from './channels/create-channels.js';
import type { Config } from './config.js';
import { createDispatchAlertHandler } from './dispatch/dispatch-alert.job.js';
import { createDispatchMetrics } from './dispatch/metrics.js';
import type { Clock } from './types.js';
import { createCheckSyncHealthHandler } from './watchdog/check-sync-health.job.js';
import { createSyncHealthSources } from './watchdog/sources.js';

export interface DispatcherOptions extends QueueConnection {
  db: Kysely<Database>;
  config: Config;
  log: Logger;
  metrics: Registry;
  /** Production: `() => new Date()`; tests pass a clock they move. */
  now: Clock;
  /** Channels to deliver to; default: the ones `config` enables. */
  channels?: Channel[];
}

export interface Dispatcher {
  worker: Worker;
  producer: Producer;
  channels: readonly Channel[];
  /** Upserts the watchdog's job scheduler (idempotent; call on every boot). */
  scheduleWatchdog(): Promise<void>;
  /** Worker first (finishes running jobs), then channels and queues. */
  close(): Promise<void>;
}

/**
 * The `alerts` worker (dispatch + watchdog) and its producer, wired from config.
 *
 * @example
 * const dispatcher = createDispatcher({ db, config, log, metrics, now: () => new Date(), connection: redis, prefix: config.QUEUE_PREFIX });
 * await dispatcher.scheduleWatchdog();
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, config, log, now, connection, prefix } = options;
  const channels = options.channels ?? createChannels(config, now, db);
  const producer = createProducer({ connection, prefix });
  const handlers = {
    'dispatch-alert': createDispatchAlertHandler({
      db,
      channels,
      now,
      windowSeconds: config.DEDUPE_WINDOW_SECONDS,
      alertLog: log.child({ component: 'alerts' }),
      metrics: createDispatchMetrics(options.metrics),
    }),
    'check-sync-health': createCheckSyncHealthHandler({
      db,
      producer,
      now,
      sources: createSyncHealthSources({
        deviceSeconds: config.NO_SYNC_DEVICE_SECONDS,
        metersSeconds: config.NO_SYNC_METERS_SECONDS,
        backupsSeconds: config.NO_SYNC_BACKUPS_SECONDS,
      }),
    }),
  };
  const worker = createWorker('alerts', handlers, { connection, prefix, log, concurrency: config.WORKER_CONCURRENCY });
  log.info({ channels: ['log', ...channels.map((c) => c.name)], dedupeWindowSeconds: config.DEDUPE_WINDOW_SECONDS }, 'alert channels');

  return {
    worker,
    producer,
    channels,
    async scheduleWatchdog() {
      await producer.schedule('alerts', 'check-sync-health', {}, { every: config.WATCHDOG_EVERY_SECONDS * 1000 });
    },
    async close() {
      await worker.close();
      await Promise.all(channels.map((c) => c.close()));
      await producer.close();
    },
  };
}
