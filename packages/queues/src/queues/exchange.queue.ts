import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';

export const preparePacketsPayload = z.object({ nodeId: z.uuid() });

export const purgeAcknowledgedPayload = z.object({
  /** Absent: every node. */
  nodeId: z.uuid().optional(),
});

/** Hub side of the offline-first packet exchange (spec 003). */
export const exchangeQueue = defineQueue({
  owner: 'exchange-hub',
  defaults: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...retention.routine },
  jobs: {
    'prepare-packets': defineJob({
      description: 'Build the next numbered outgoing packets for one node',
      schema: preparePacketsPayload,
      // Changes that land while packets are being built must reach the node:
      // a request during a run queues exactly one follow-up run.
      identity: (p) => ({ dedupeId: `prepare-packets.${p.nodeId}`, rerunIfActive: true }),
    }),
    'purge-acknowledged': defineJob({
      description: 'Delete packets the node has acknowledged',
      schema: purgeAcknowledgedPayload,
      identity: (p) => ({ dedupeId: `purge-acknowledged.${p.nodeId ?? 'all'}` }),
    }),
  },
});
