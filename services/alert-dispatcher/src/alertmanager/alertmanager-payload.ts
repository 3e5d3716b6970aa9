import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PayloadInput } from '@platform/queues';

/** Alertmanager's webhook body (version 4), the fields we use; others are ignored. */
export const alertmanagerWebhook = z.object({
  version: z.literal('4', { message: 'only Alertmanager webhook version "4" is understood' }),
  status: z.enum(['firing', 'resolved']),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()).refine((l) => typeof l.alertname === 'string' && l.alertname.length > 0, 'labels.alertname is required'),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: z.iso.datetime({ offset: true }),
        fingerprint: z.string().min(1).max(64),
        generatorURL: z.string().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhook>;
type AlertmanagerAlert = AlertmanagerWebhook['alerts'][number];

/** Alertmanager's severities onto ours; anything unknown is the mildest. */
const SEVERITY: Record<string, 'high' | 'medium' | 'low'> = { critical: 'high', warning: 'medium', info: 'low' };

/**
 * One firing Alertmanager alert as a platform alert. The id is derived from the alert's
 * fingerprint and start, so Alertmanager's retries and repeats of one firing episode are the same
 * alert (the receipt makes them no-ops), and a new episode is a new alert of the same dedupe key.
 */
export function toPlatformAlert(alert: AlertmanagerAlert): PayloadInput<'alerts', 'dispatch-alert'> {
  const name = alert.labels.alertname!;
  const hash = createHash('sha256').update(`${alert.fingerprint}/${alert.startsAt}`).digest('hex');
  const alertId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  const summary = alert.annotations.summary ?? name;
  const message = alert.annotations.description ? `${summary}: ${alert.annotations.description}` : summary;
  return {
    alertId,
    source: 'alertmanager',
    type: name.slice(0, 100),
    severity: SEVERITY[alert.labels.severity ?? ''] ?? 'low',
    message: message.slice(0, 4_000),
    details: { labels: alert.labels, annotations: alert.annotations, generatorURL: alert.generatorURL, fingerprint: alert.fingerprint },
    dedupeKey: `${name}.${alert.fingerprint}`.slice(0, 200),
    occurredAt: alert.startsAt,
  };
}
