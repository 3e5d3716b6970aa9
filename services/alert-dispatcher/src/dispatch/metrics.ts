import { Counter, Histogram, type Registry } from '@platform/runtime';

export interface DispatchMetrics {
  alerts: Counter<'severity' | 'outcome'>;
  deliveries: Counter<'channel' | 'result'>;
  latency: Histogram<'channel'>;
}

/** Registered on the service registry; labels are bounded (3 severities, 3 outcomes, 2 channels). */
export function createDispatchMetrics(registry: Registry): DispatchMetrics {
  return {
    alerts: new Counter({
      name: 'alert_dispatcher_alerts_total',
      help: 'Alerts received, by what happened to them: notified (opened a round), grouped (inside the dedupe window) or silenced',
      labelNames: ['severity', 'outcome'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'alert_dispatcher_deliveries_total',
      help: 'Delivery attempts per channel: sent, retrying or failed (attempts exhausted)',
      labelNames: ['channel', 'result'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'alert_dispatcher_delivery_seconds',
      help: 'From the alert job being enqueued to the channel accepting it',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
  };
}
