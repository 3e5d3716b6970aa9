import { randomUUID } from 'node:crypto';
import type { Database, Kysely } from '@platform/db';
import type { JobHandler, Producer } from '@platform/queues';
import type { Clock } from '../types.js';
import type { StaleSync, SyncHealthSource } from './sources.js';

export interface WatchdogDeps {
  db: Kysely<Database>;
  producer: Pick<Producer, 'enqueue'>;
  sources: readonly SyncHealthSource[];
  now: Clock;
}

/**
 * `alerts/check-sync-health`: raises one `no_sync` alert per stale subject,
 * through the alert queue like any other service. The dedupe key is the
 * subject, so a sync that stays broken is one open alert re-notified once per
 * window with its count, not a page every minute.
 */
export function createCheckSyncHealthHandler(deps: WatchdogDeps): JobHandler<'alerts', 'check-sync-health'> {
  return async (_payload, { log }) => {
    const now = deps.now();
    const stale: StaleSync[] = [];
    for (const source of deps.sources) stale.push(...(await source.stale(deps.db, now)));
    for (const s of stale) {
      const last = s.lastSuccessAt ? `last successful sync at ${s.lastSuccessAt.toISOString()}` : 'no successful sync recorded';
      await deps.producer.enqueue('alerts', 'dispatch-alert', {
        alertId: randomUUID(),
        source: s.service,
        type: 'no_sync',
        severity: 'high',
        message: `${s.subject}: ${last}; threshold is ${s.thresholdSeconds} s`,
        details: { subject: s.subject, lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null, thresholdSeconds: s.thresholdSeconds, raisedBy: 'alert-dispatcher' },
        dedupeKey: `no_sync.${s.subject}`,
        occurredAt: now.toISOString(),
      });
    }
    if (stale.length > 0) log.info({ stale: stale.map((s) => s.subject) }, 'no_sync raised');
    return { stale: stale.length };
  };
}
