import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';
import { requestedByName, scheduledOrManual } from './shared.schema.js';

export const syncSellersPayload = z.object({
  /** Row in the sync-run table; progress and audit hang off it. */
  syncId: z.uuid(),
  trigger: scheduledOrManual,
  requestedBy: requestedByName.optional(),
});

/** Seller numbers as the sheet has them, e.g. `AA1042`. */
export const sellerNumber = z.string().regex(/^AA\d+$/, 'must look like AA123');

export const resyncGapsPayload = z.object({
  /** The verification run that found the gaps. */
  syncId: z.uuid(),
  sellerNumbers: z.array(sellerNumber).min(1, 'must list at least one seller').max(10_000),
});

/** Google Sheets -> PostgreSQL sellers (spec 002). */
export const sellerSyncQueue = defineQueue({
  owner: 'seller-sync',
  // Sheets answers 429 under quota; 30 s, 60 s, 120 s, 240 s rides out a quota minute.
  defaults: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 }, ...retention.routine },
  jobs: {
    'sync-sellers': defineJob({
      description: 'Full sheet -> database sync with post-sync verification',
      schema: syncSellersPayload,
      // Spec 002 P17/P39: a trigger while a sync waits or runs must not start a
      // second one; the caller gets the id of the pending job to report on.
      identity: () => ({ dedupeId: 'sync-sellers' }),
    }),
    'resync-gaps': defineJob({
      description: 'Re-sync the sellers a verification found missing or different',
      schema: resyncGapsPayload,
      identity: (p) => ({ jobId: `resync-gaps.${p.syncId}` }),
    }),
  },
});
