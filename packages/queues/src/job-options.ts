import type { JobsOptions } from 'bullmq';
import { catalog, findJob, type JobName, type Payload, type QueueName } from './catalog.js';
import type { JobIdentity } from './define.js';
import { UnknownJobError } from './errors.js';

/**
 * BullMQ rejects custom ids containing ":" (unless they split into exactly 3
 * parts, a legacy repeat shape) and ids that parse as integers. Identities use
 * "." (`delete-user.<uuid>`), which is never an integer and never a key separator.
 */
const FORBIDDEN_IN_ID = /:/;

/** BullMQ options for one job: queue defaults, job overrides, and its identity. */
export function jobOptionsFor<Q extends QueueName, J extends JobName<Q>>(
  queue: Q,
  job: J,
  payload: Payload<Q, J>,
): JobsOptions {
  const definition = findJob(queue, job);
  if (!definition) throw new UnknownJobError(queue, job);
  const identity = definition.identity(payload);
  return { ...catalog[queue].defaults, ...definition.options, ...identityOptions(queue, job, identity) };
}

function identityOptions(queue: string, job: string, identity: JobIdentity): JobsOptions {
  const id = 'jobId' in identity ? identity.jobId : identity.dedupeId;
  if (id.length === 0 || FORBIDDEN_IN_ID.test(id)) {
    // A catalog bug, not bad input: fail loudly in the first test that enqueues it.
    throw new Error(`catalog identity for ${queue}/${job} must be non-empty and free of ":", got "${id}"`);
  }
  if ('jobId' in identity) return { jobId: identity.jobId };
  return {
    // Without a ttl the key lives until the job completes or fails, which is
    // exactly "at most one pending per key"; BullMQ recovers a key whose job vanished.
    deduplication: identity.rerunIfActive
      ? { id: identity.dedupeId, keepLastIfActive: true }
      : { id: identity.dedupeId },
  };
}
