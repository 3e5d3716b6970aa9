import type { RedisClient } from '@platform/runtime';
import { InvalidJobPayloadError, type JobName, type PayloadInput, type Producer, type QueueName } from '@platform/queues';
import { QueueUnavailableError } from './errors.js';

/** What a 202 answers: the job and where to watch it. */
export interface AcceptedJob {
  queue: QueueName;
  jobId: string;
  statusUrl: string;
}

export const jobStatusUrl = (queue: QueueName, jobId: string) =>
  `/api/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(jobId)}`;

/** The producer and the ioredis connection under it (`createRedis(url, 'producer')`). */
export interface Queues {
  producer: Producer;
  connection: RedisClient;
}

/**
 * Enqueues through the typed catalog, turning "Redis is down" into a 503
 * instead of a hang or a 500. Call it last inside the transaction of the
 * change it belongs to: if it throws, the transaction rolls back and nothing
 * is half-applied.
 */
export async function enqueue<Q extends QueueName, J extends JobName<Q>>(
  queues: Queues,
  queue: Q,
  job: J,
  payload: PayloadInput<Q, J>,
): Promise<AcceptedJob> {
  // BullMQ waits for the first "ready" of a connection that never connected;
  // checking first keeps a dead Redis at boot a fast 503 as well.
  if (queues.connection.status !== 'ready') throw new QueueUnavailableError(queue, new Error(queues.connection.status));
  try {
    const added = await queues.producer.enqueue(queue, job, payload);
    return { queue, jobId: added.id, statusUrl: jobStatusUrl(queue, added.id) };
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) throw error;
    throw new QueueUnavailableError(queue, error);
  }
}
