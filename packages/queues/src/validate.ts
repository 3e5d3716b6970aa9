import { findJob, type JobName, type Payload, type QueueName } from './catalog.js';
import { InvalidJobPayloadError, toPayloadIssues, UnknownJobError } from './errors.js';

/**
 * Validates `data` against the catalog schema of `queue`/`job` and returns the
 * parsed payload (unknown keys stripped, defaults applied).
 *
 * @throws InvalidJobPayloadError naming every bad field.
 * @throws UnknownJobError when the queue has no such job.
 * @example
 * const payload = parsePayload('device-sync', 'sync-device', job.data);
 */
export function parsePayload<Q extends QueueName, J extends JobName<Q>>(queue: Q, job: J, data: unknown): Payload<Q, J>;
export function parsePayload(queue: QueueName, job: string, data: unknown): unknown;
export function parsePayload(queue: QueueName, job: string, data: unknown): unknown {
  const definition = findJob(queue, job);
  if (!definition) throw new UnknownJobError(queue, job);
  const result = definition.schema.safeParse(data);
  if (!result.success) throw new InvalidJobPayloadError(queue, job, toPayloadIssues(result.error.issues));
  return result.data;
}
