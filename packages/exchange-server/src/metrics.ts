import { Counter, Histogram, type Registry } from '@platform/runtime';

export interface HubMetrics {
  requests: Counter<'outcome'>;
  authFailures: Counter<'reason'>;
  entitiesApplied: Counter;
  entitiesSent: Counter;
  conflicts: Counter;
  duration: Histogram;
}

/** The hub's metrics; labels are bounded (error codes, auth reasons). */
export function createHubMetrics(registry: Registry): HubMetrics {
  return {
    requests: new Counter({ name: 'exchange_sync_requests_total', help: 'Sync requests by outcome', labelNames: ['outcome'], registers: [registry] }),
    authFailures: new Counter({ name: 'exchange_auth_failures_total', help: 'Refused sync requests by reason', labelNames: ['reason'], registers: [registry] }),
    entitiesApplied: new Counter({ name: 'exchange_entities_applied_total', help: 'Entities received from nodes and applied', registers: [registry] }),
    entitiesSent: new Counter({ name: 'exchange_entities_sent_total', help: 'Entities sent to nodes (retransmissions included)', registers: [registry] }),
    conflicts: new Counter({ name: 'exchange_conflicts_total', help: 'Conflicts resolved', registers: [registry] }),
    duration: new Histogram({ name: 'exchange_sync_duration_seconds', help: 'Time to handle one sync request', buckets: [0.005, 0.02, 0.1, 0.5, 2, 10], registers: [registry] }),
  };
}
