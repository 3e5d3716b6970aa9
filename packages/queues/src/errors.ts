import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

export interface PayloadIssue {
  /** `payload.requestedBy.adminId`, `payload.sellerNumbers[2]`. */
  path: string;
  message: string;
}

/**
 * A payload that does not match the catalog schema, on enqueue or on consume.
 * It extends BullMQ's `UnrecoverableError`, so a worker that throws it fails
 * the job at once: retrying cannot fix a payload, and the failed job (with
 * this message) stays in Redis as evidence.
 *
 * @example
 * try { await producer.enqueue('alerts', 'dispatch-alert', input); }
 * catch (e) { if (e instanceof InvalidJobPayloadError) reply.code(400).send({ issues: e.issues }); }
 */
export class InvalidJobPayloadError extends UnrecoverableError {
  override readonly name = 'InvalidJobPayloadError';
  constructor(
    readonly queue: string,
    readonly job: string,
    readonly issues: readonly PayloadIssue[],
  ) {
    super(`invalid payload for ${queue}/${job}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** A job name the catalog does not know for that queue (a raw `Queue.add`, or a newer producer). */
export class UnknownJobError extends UnrecoverableError {
  override readonly name = 'UnknownJobError';
  constructor(
    readonly queue: string,
    readonly job: string,
  ) {
    super(`unknown job "${job}" for queue "${queue}"`);
  }
}

/** zod issues as `payload.a.b[0]: message`, so the error names the field. */
export function toPayloadIssues(issues: readonly z.core.$ZodIssue[]): PayloadIssue[] {
  return issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
      'payload',
    ),
    message: issue.message,
  }));
}
