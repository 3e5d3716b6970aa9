import type { z } from 'zod';
import type { CatalogJobOptions, JobDefinition, OwnerService } from './define.js';
import { alertsQueue } from './queues/alerts.queue.js';
import { backupsQueue } from './queues/backups.queue.js';
import { deviceCommandsQueue } from './queues/device-commands.queue.js';
import { deviceSyncQueue } from './queues/device-sync.queue.js';
import { exchangeQueue } from './queues/exchange.queue.js';
import { meterSyncQueue } from './queues/meter-sync.queue.js';
import { sellerSyncQueue } from './queues/seller-sync.queue.js';

/**
 * Every queue of the platform. The keys are Redis key names: renaming one
 * strands every job already stored under the old name, so never rename;
 * add a new queue and drain the old one instead.
 */
export const catalog = {
  'device-sync': deviceSyncQueue,
  'device-commands': deviceCommandsQueue,
  backups: backupsQueue,
  'seller-sync': sellerSyncQueue,
  'meter-sync': meterSyncQueue,
  exchange: exchangeQueue,
  alerts: alertsQueue,
} as const;

export type Catalog = typeof catalog;
export type QueueName = keyof Catalog;
export type JobName<Q extends QueueName> = keyof Catalog[Q]['jobs'] & string;

type SchemaOf<Q extends QueueName, J extends JobName<Q>> = Catalog[Q]['jobs'][J] extends JobDefinition<infer S>
  ? S
  : never;

/** What a producer passes (before defaults and trimming). */
export type PayloadInput<Q extends QueueName, J extends JobName<Q>> = z.input<SchemaOf<Q, J>>;
/** What a handler receives, after validation. */
export type Payload<Q extends QueueName, J extends JobName<Q>> = z.output<SchemaOf<Q, J>>;

/** Queue names in catalog order; the list admin-gateway hands to Bull Board. */
export const queueNames = Object.keys(catalog) as QueueName[];

export interface QueueInfo {
  name: QueueName;
  owner: OwnerService;
  defaults: CatalogJobOptions;
  jobs: { name: string; description: string; options: CatalogJobOptions }[];
}

/**
 * Every queue with its owner and its jobs' effective options, for dashboards
 * and per-queue metrics.
 *
 * @example
 * for (const q of listQueues()) metrics.queueDepth.labels(q.name).set(await counts(q.name));
 */
export function listQueues(): QueueInfo[] {
  return queueNames.map((name) => {
    const queue: { owner: OwnerService; defaults: CatalogJobOptions; jobs: Record<string, JobDefinition> } =
      catalog[name];
    return {
      name,
      owner: queue.owner,
      defaults: queue.defaults,
      jobs: Object.entries(queue.jobs).map(([job, def]) => ({
        name: job,
        description: def.description,
        options: { ...queue.defaults, ...def.options },
      })),
    };
  });
}

/** Looks a job up by runtime strings (a worker reads `job.name` from Redis). */
export function findJob(queue: QueueName, job: string): JobDefinition | undefined {
  const jobs: Record<string, JobDefinition> = catalog[queue].jobs;
  return Object.hasOwn(jobs, job) ? jobs[job] : undefined;
}
