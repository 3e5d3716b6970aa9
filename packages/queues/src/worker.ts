import { Worker, type Job } from 'bullmq';
import type { Logger } from '@platform/runtime';
import { catalog, type JobName, type Payload, type QueueName } from './catalog.js';
import type { QueueConnection } from './producer.js';
import { assertQueuePrefix } from './prefix.js';
import { parsePayload } from './validate.js';

export interface JobContext<Q extends QueueName, J extends JobName<Q>> {
  /** The BullMQ job: `updateProgress`, `log`, `attemptsMade`. */
  job: Job<Payload<Q, J>, unknown, J>;
  /** Child logger carrying queue, job name, job id and attempt. */
  log: Logger;
}

/** Receives the validated payload; must be idempotent (delivery is at least once). */
export type JobHandler<Q extends QueueName, J extends JobName<Q>> = (
  payload: Payload<Q, J>,
  context: JobContext<Q, J>,
) => Promise<unknown>;

/** Exactly one handler per job of queue `Q`. */
export type Handlers<Q extends QueueName> = { [J in JobName<Q>]: JobHandler<Q, J> };

/**
 * Rejects keys that are not jobs of `Q`, even when `handlers` is a variable
 * (excess-property checks only cover object literals). `unknown` when there is
 * no extra key, so handler parameters keep their contextual types.
 */
type NoExtraHandlers<Q extends QueueName, H> = [Exclude<keyof H, JobName<Q>>] extends [never]
  ? unknown
  : { [K in Exclude<keyof H, JobName<Q>>]: never };

export interface WorkerOptions extends QueueConnection {
  log: Logger;
  /** Jobs run in parallel by this process; default 1. */
  concurrency?: number;
  /** `false` to call `worker.run()` yourself (e.g. after HTTP is up); default true. */
  autorun?: boolean;
}

/**
 * The consumer of one catalog queue. Only the queue's `owner` service builds it.
 * Each job's data is re-validated before its handler runs: a payload that does
 * not match fails the job once with `InvalidJobPayloadError` (no retries).
 *
 * @example
 * const worker = createWorker('device-commands', {
 *   'delete-user': async (p, { log }) => deleteUser(p.deviceId, p.deviceUserId, log),
 *   'write-user': async (p, { job }) => writeUser(p.user, job),
 * }, { connection: redis, prefix: config.QUEUE_PREFIX, log });
 */
export function createWorker<Q extends QueueName, H extends Handlers<Q>>(
  queue: Q,
  handlers: H & NoExtraHandlers<Q, H>,
  { connection, prefix, log, concurrency = 1, autorun = true }: WorkerOptions,
): Worker {
  assertExactHandlers(queue, Object.keys(handlers));
  assertQueuePrefix(connection, prefix);
  const { owner, defaults } = catalog[queue];
  const queueLog = log.child({ queue, owner });
  // Dispatch is by the runtime string `job.name`; the types were enforced at the call site.
  const byName = handlers as unknown as Record<string, (payload: unknown, context: { job: Job; log: Logger }) => Promise<unknown>>;

  const worker = new Worker(
    queue,
    async (job: Job) => {
      const jobLog = queueLog.child({ job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
      // Throws InvalidJobPayloadError / UnknownJobError, both UnrecoverableError.
      const payload = parsePayload(queue, job.name, job.data);
      const handler = byName[job.name];
      if (!handler) throw new Error(`no handler for ${queue}/${job.name}`); // unreachable after assertExactHandlers
      return handler(payload, { job, log: jobLog });
    },
    {
      connection,
      prefix,
      concurrency,
      autorun,
      // Applies only to jobs added without options (around the catalog).
      removeOnComplete: defaults.removeOnComplete,
      removeOnFail: defaults.removeOnFail,
    },
  );
  worker.on('failed', (job, error) => {
    queueLog.warn(
      { err: error, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade },
      'job failed',
    );
  });
  // Without a listener an 'error' event (e.g. Redis down) would crash the process.
  worker.on('error', (error) => queueLog.error({ err: error }, 'worker error'));
  return worker;
}

function assertExactHandlers(queue: QueueName, keys: string[]): void {
  const expected = Object.keys(catalog[queue].jobs).sort();
  const given = [...keys].sort();
  if (expected.join(',') !== given.join(',')) {
    throw new Error(`handlers for ${queue} must be exactly [${expected.join(', ')}], got [${given.join(', ')}]`);
  }
}
