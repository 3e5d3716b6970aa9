import type { DefaultJobOptions, KeepJobs } from 'bullmq';
import type { z } from 'zod';

/** Services that may construct a `Worker`; each queue has exactly one of them as owner. */
export type OwnerService =
  | 'device-poller'
  | 'backup-worker'
  | 'seller-sync'
  | 'meter-sync'
  | 'exchange-hub'
  | 'alert-dispatcher';

/**
 * How a job is recognised as "the same work" when it is enqueued again.
 *
 * - `jobId`: one job per business key, ever (while BullMQ keeps it). A second
 *   `add()` with an id still present in wait/active/delayed OR completed/failed
 *   is a silent no-op that returns the existing id. Right for commands whose
 *   effect must happen at most once (`delete-user` for one `commandId`).
 * - `dedupe`: at most one pending job per key (BullMQ `deduplication: { id }`).
 *   The key is released when the job completes or fails, so the next request
 *   runs again. Right for "please sync device 7": a request made while one is
 *   already waiting joins it. `rerunIfActive` (BullMQ `keepLastIfActive`)
 *   additionally queues one follow-up run when the job is already active, so a
 *   request always gets a run that starts after it was made.
 */
export type JobIdentity =
  | { readonly jobId: string }
  | { readonly dedupeId: string; readonly rerunIfActive?: boolean };

/**
 * Options a catalog entry may set; identity is derived, never configured.
 * Retention is `KeepJobs` only: `true`/`false`/a bare count cannot be written,
 * so nothing is unbounded and failed jobs are never dropped on the spot.
 */
export type CatalogJobOptions = Required<Pick<DefaultJobOptions, 'attempts' | 'backoff'>> &
  Pick<DefaultJobOptions, 'keepLogs' | 'priority'> & {
    removeOnComplete: KeepJobs & { age: number; count: number };
    removeOnFail: KeepJobs & { age: number; count: number };
  };

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Validated on enqueue and again on consume. */
  readonly schema: S;
  /** Derived from the business key only, so the same request always maps to the same id. */
  readonly identity: (payload: z.output<S>) => JobIdentity;
  /** Overrides the queue defaults for this job. */
  readonly options?: Partial<CatalogJobOptions>;
  /** One line for the README table and Bull Board. */
  readonly description: string;
}

export interface QueueDefinition<Jobs extends Record<string, JobDefinition> = Record<string, JobDefinition>> {
  /** The only service that builds a `Worker` for this queue. */
  readonly owner: OwnerService;
  readonly defaults: CatalogJobOptions;
  readonly jobs: Jobs;
}

/**
 * Keeps the schema type of one job so payloads are inferred from it.
 *
 * @example
 * const syncDevice = defineJob({
 *   description: 'Pull users and attendance from one device',
 *   schema: z.object({ deviceId: z.int().positive() }),
 *   identity: (p) => ({ dedupeId: `sync-device.${p.deviceId}` }),
 * });
 */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/**
 * Keeps the literal job names of one queue.
 *
 * @example
 * export const alertsQueue = defineQueue({ owner: 'alert-dispatcher', defaults, jobs: { 'dispatch-alert': dispatchAlert } });
 */
export function defineQueue<const Jobs extends Record<string, JobDefinition>>(
  definition: QueueDefinition<Jobs>,
): QueueDefinition<Jobs> {
  return definition;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Retention presets. Never unbounded (Redis memory) and never `true` for
 * failed jobs: a failed job is the evidence an operator reads in Bull Board.
 * `age` is seconds; eviction runs when another job of the same kind finishes.
 */
export const retention = {
  /** Routine, repeatable work: two days of history shows it runs; failures stay a month. */
  routine: { removeOnComplete: { age: 2 * DAY, count: 1_000 }, removeOnFail: { age: 30 * DAY, count: 5_000 } },
  /**
   * Admin-issued effects (device commands, restores): kept long because a
   * `jobId` only suppresses a duplicate while the job it names is retained.
   */
  audit: { removeOnComplete: { age: 90 * DAY, count: 50_000 }, removeOnFail: { age: 180 * DAY, count: 50_000 } },
} as const satisfies Record<string, Pick<CatalogJobOptions, 'removeOnComplete' | 'removeOnFail'>>;
