import { Queue, type ConnectionOptions } from 'bullmq';
import { catalog, findJob, type JobName, type PayloadInput, type QueueName } from './catalog.js';
import { jobOptionsFor } from './job-options.js';
import { parsePayload } from './validate.js';

export interface QueueConnection {
  /** An ioredis instance (shared, not closed by us) or connection options. */
  connection: ConnectionOptions;
  /** BullMQ key prefix (`QUEUE_PREFIX`); producers and workers must agree on it. */
  prefix: string;
}

/** Per-call knobs; identity, attempts and retention always come from the catalog. */
export interface EnqueueOptions {
  /** Milliseconds before the job becomes runnable. */
  delay?: number;
  /** BullMQ priority: 1 is highest; omit for normal FIFO. */
  priority?: number;
}

export interface EnqueuedJob<Q extends QueueName = QueueName> {
  queue: Q;
  job: string;
  /** The BullMQ id; for a deduplicated or repeated request, the id of the job already pending. */
  id: string;
}

/** `every` milliseconds, or a cron `pattern` (in `tz`, default UTC). */
export type Repeat = { every: number } | { pattern: string; tz?: string };

export interface Producer {
  enqueue<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    job: J,
    payload: PayloadInput<Q, J>,
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob<Q>>;
  /**
   * Creates or updates the repeatable schedule of a `dedupeId` job; the
   * scheduler id is that dedupe id, so calling it on every boot is idempotent.
   */
  schedule<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    job: J,
    payload: PayloadInput<Q, J>,
    repeat: Repeat,
  ): Promise<{ schedulerId: string }>;
  unschedule(queue: QueueName, schedulerId: string): Promise<boolean>;
  /** The BullMQ `Queue` (opened on first use), for Bull Board, counts and metrics. */
  queue(name: QueueName): Queue;
  /** Closes every queue opened here; a shared ioredis instance stays open. */
  close(): Promise<void>;
}

/**
 * Typed, validating producer over the catalog. Any service may hold one.
 *
 * @example
 * const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
 * await producer.enqueue('device-sync', 'sync-device', { deviceId: 7, trigger: 'manual' });
 */
/** `SCHEDULES=external` (see @platform/runtime serviceEnv): CronJobs enqueue, so schedule() only removes. */
const schedulesFromEnv = (): 'in-process' | 'external' => (process.env.SCHEDULES === 'external' ? 'external' : 'in-process');

export function createProducer({ connection, prefix, schedules = schedulesFromEnv() }: QueueConnection & { schedules?: 'in-process' | 'external' }): Producer {
  const open = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = open.get(name);
    if (!q) {
      // Defaults also bound retention of jobs added around the catalog (Bull Board "add job").
      q = new Queue(name, { connection, prefix, defaultJobOptions: catalog[name].defaults });
      open.set(name, q);
    }
    return q;
  };

  return {
    async enqueue(name, job, payload, options = {}) {
      // Validate before touching Redis: an invalid payload leaves nothing behind.
      const data = parsePayload(name, job, payload);
      const added = await queue(name).add(job, data, { ...jobOptionsFor(name, job, data), ...options });
      return { queue: name, job, id: String(added.id) };
    },
    async schedule(name, job, payload, repeat) {
      const data = parsePayload(name, job, payload);
      const identity = findJob(name, job)?.identity(data);
      if (!identity || !('dedupeId' in identity)) {
        throw new Error(`${name}/${job} is a one-off command (jobId identity) and cannot be scheduled`);
      }
      // BullMQ forbids jobId/deduplication on scheduler templates: it names each
      // iteration itself, so only retention and retry options are passed on.
      // One execution path: with external schedules a CronJob enqueues this same job through
      // platform-enqueue, so a scheduler left from an earlier in-process boot is removed, not kept.
      if (schedules === 'external') {
        await queue(name).removeJobScheduler(identity.dedupeId);
        return { schedulerId: identity.dedupeId };
      }
      const { jobId: _id, deduplication: _dedupe, ...template } = jobOptionsFor(name, job, data);
      await queue(name).upsertJobScheduler(identity.dedupeId, repeat, { name: job, data, opts: template });
      return { schedulerId: identity.dedupeId };
    },
    async unschedule(name, schedulerId) {
      return queue(name).removeJobScheduler(schedulerId);
    },
    queue,
    async close() {
      const queues = [...open.values()];
      open.clear();
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
