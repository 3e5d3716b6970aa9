import type { ConnectionOptions } from 'bullmq';
import { hashTagOf, QUEUE_PREFIX_PATTERN } from '@platform/runtime';

/**
 * Checks a BullMQ prefix before any queue or worker uses it. BullMQ's Lua
 * scripts touch several keys of one queue at once; on Redis Cluster they
 * must all hash to one slot, which only a `{hash tag}` in the prefix
 * guarantees (without it the first script fails with CROSSSLOT).
 */
export function assertQueuePrefix(connection: ConnectionOptions, prefix: string): void {
  if (prefix.length === 0 || !QUEUE_PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`queue prefix ${JSON.stringify(prefix)} is invalid: letters, digits, ":", "_" or "-", with at most one non-empty {hash tag}`);
  }
  if ((connection as { isCluster?: boolean }).isCluster === true && hashTagOf(prefix) === null) {
    throw new RangeError(
      `queue prefix ${JSON.stringify(prefix)} has no {hash tag}; on Redis Cluster set QUEUE_PREFIX to e.g. {${prefix}} so each queue's keys share a slot`,
    );
  }
}
