import type { Database, Kysely } from '@platform/db';
import type { Logger } from '@platform/runtime';
import type { JobHandler } from '@platform/queues';
import type { Channel } from '../channels/channel.js';
import { toNotification } from '../channels/notification.js';
import { alreadySent, loadAlert, recordAttempt } from '../store/deliveries.js';
import { recordAlert } from '../store/record-alert.js';
import type { Clock } from '../types.js';
import { logAlert } from './alert-log.js';
import { ChannelDeliveryError } from './errors.js';
import type { DispatchMetrics } from './metrics.js';

export interface DispatchDeps {
  db: Kysely<Database>;
  channels: readonly Channel[];
  now: Clock;
  windowSeconds: number;
  /** Receives the alert lines (the log channel). */
  alertLog: Logger;
  metrics: DispatchMetrics;
}

export type DispatchResult =
  | { syncAlertId: string; outcome: 'grouped' | 'silenced' | 'superseded' }
  | { syncAlertId: string; outcome: 'notified'; round: number; sent: string[] };

/**
 * `alerts/dispatch-alert`: store (idempotently), log, then deliver the round
 * this alert opened to every channel in parallel. A failed channel fails the
 * job, BullMQ retries it with the catalog backoff, and the retry skips the
 * channels whose `deliveries` already say `sent` for this round: a channel
 * that is down neither blocks nor duplicates the others.
 */
export function createDispatchAlertHandler(deps: DispatchDeps): JobHandler<'alerts', 'dispatch-alert'> {
  const channelNames = deps.channels.map((c) => c.name);
  return async (payload, { job, log }): Promise<DispatchResult> => {
    const receivedAt = deps.now();
    const recorded = await recordAlert(deps.db, payload, { now: receivedAt, windowSeconds: deps.windowSeconds, channels: channelNames });
    if (!recorded.replay) {
      logAlert(deps.alertLog, payload, recorded, receivedAt);
      const outcome = recorded.silenceId ? 'silenced' : recorded.round === null ? 'grouped' : 'notified';
      deps.metrics.alerts.inc({ severity: payload.severity, outcome });
    }
    const { syncAlertId, round } = recorded;
    if (round === null) return { syncAlertId, outcome: recorded.silenceId ? 'silenced' : 'grouped' };

    const alert = await loadAlert(deps.db, syncAlertId);
    // A newer round (after the window) carries the newer count; this one is moot.
    if (!alert || alert.notification_round !== round) return { syncAlertId, outcome: 'superseded' };
    const notification = toNotification(alert, round);
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const pending = deps.channels.filter((c) => !alreadySent(alert, c.name, round));

    const results = await Promise.all(
      pending.map(async (channel) => {
        try {
          const messageId = await channel.send(notification);
          deps.metrics.latency.observe({ channel: channel.name }, (Date.now() - job.timestamp) / 1000);
          deps.metrics.deliveries.inc({ channel: channel.name, result: 'sent' });
          await recordAttempt(deps.db, alert, channel.name, round, { ok: true, messageId }, deps.now());
          return { channel: channel.name, error: undefined };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.metrics.deliveries.inc({ channel: channel.name, result: final ? 'failed' : 'retrying' });
          log.warn({ channel: channel.name, syncAlertId, round, final, err: error }, 'alert delivery failed');
          await recordAttempt(deps.db, alert, channel.name, round, { ok: false, error: message, final }, deps.now());
          return { channel: channel.name, error: message };
        }
      }),
    );
    const failures = Object.fromEntries(results.filter((r) => r.error !== undefined).map((r) => [r.channel, r.error as string]));
    if (Object.keys(failures).length > 0) throw new ChannelDeliveryError(syncAlertId, round, failures);
    return { syncAlertId, outcome: 'notified', round, sent: results.map((r) => r.channel) };
  };
}
