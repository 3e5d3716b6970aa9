import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';
import { scheduledOrManual } from './shared.schema.js';

export const syncTenantPayload = z.object({
  /** Set by a caller that pre-creates the run row to follow it. */
  runId: z.uuid().optional(),
  tenantId: z.int().positive(),
  trigger: scheduledOrManual,
});

/** Client-system PostgreSQL -> local metering tables (spec 004). */
export const meterSyncQueue = defineQueue({
  owner: 'meter-sync',
  defaults: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...retention.routine },
  jobs: {
    'sync-tenant': defineJob({
      description: 'Sync every configured table of one tenant in dependency order',
      schema: syncTenantPayload,
      identity: (p) => ({ dedupeId: `sync-tenant.${p.tenantId}` }),
    }),
  },
});
