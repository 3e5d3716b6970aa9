import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AlertDeliveries, Database, Kysely } from '@platform/db';
import type { AlertPayload, ChannelName } from '../types.js';
import { activeSilence } from './silences.js';

export interface RecordOptions {
  now: Date;
  /** Repeats within this many seconds of the last notification are counted, not notified. */
  windowSeconds: number;
  /** Channels a new notification round must deliver to. */
  channels: readonly ChannelName[];
}

export interface RecordedAlert {
  /** The grouped history row (`platform.sync_alerts.id`). */
  syncAlertId: string;
  /** The notification round this alert must deliver; null when folded into an open round or muted. */
  round: number | null;
  silenceId: string | null;
  occurrences: number;
  /** This alertId was recorded before: the job is a retry and must not count it again. */
  replay: boolean;
}

/**
 * The stored key is scoped by source: two services that happen to pick the
 * same key must not fold into one row that names only the first of them.
 * Without a key, identical alerts (same type and message) still group: a loop
 * raising the same failure must not become an e-mail storm.
 */
export function dedupeKeyOf(alert: AlertPayload): string {
  // 63 (source) + 1 + 200 (key) fits the 300-character column.
  if (alert.dedupeKey) return `${alert.source}/${alert.dedupeKey}`;
  const digest = createHash('sha256').update(alert.message).digest('hex').slice(0, 16);
  return `${alert.source}/${alert.type}.${digest}`;
}

/**
 * Stores one alert, idempotently by `alertId`: a new dedupe key inserts a row,
 * a repeat folds into the open row (occurrences, last_seen_at, highest
 * severity, latest message). It opens a new notification round unless the
 * alert is muted or the key was notified less than the window ago. One
 * transaction: the upsert's row lock serializes concurrent repeats of a key,
 * so exactly one of them opens a round.
 */
export async function recordAlert(db: Kysely<Database>, alert: AlertPayload, options: RecordOptions): Promise<RecordedAlert> {
  return db.transaction().execute(async (trx) => {
    const receipt = await trx
      .selectFrom('platform.alert_receipts as r')
      .innerJoin('platform.sync_alerts as a', 'a.id', 'r.sync_alert_id')
      .select(['r.sync_alert_id', 'r.round', 'r.silence_id', 'a.occurrences'])
      .where('r.alert_id', '=', alert.alertId)
      .executeTakeFirst();
    if (receipt) {
      const { sync_alert_id, round, silence_id, occurrences } = receipt;
      return { syncAlertId: sync_alert_id, round, silenceId: silence_id, occurrences, replay: true };
    }

    const occurredAt = new Date(alert.occurredAt);
    const row = await trx
      .insertInto('platform.sync_alerts')
      .values({
        id: alert.alertId,
        source: alert.source,
        type: alert.type,
        severity: alert.severity,
        message: alert.message,
        details: alert.details ?? null,
        dedupe_key: dedupeKeyOf(alert),
        first_seen_at: occurredAt,
        last_seen_at: occurredAt,
      })
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .where(sql<boolean>`NOT acknowledged`)
          .doUpdateSet({
            occurrences: sql`platform.sync_alerts.occurrences + 1`,
            last_seen_at: sql`GREATEST(platform.sync_alerts.last_seen_at, excluded.last_seen_at)`,
            message: sql`excluded.message`,
            details: sql`excluded.details`,
            severity: sql`CASE WHEN 'high' IN (platform.sync_alerts.severity, excluded.severity) THEN 'high'
              WHEN 'medium' IN (platform.sync_alerts.severity, excluded.severity) THEN 'medium' ELSE 'low' END`,
          }),
      )
      .returning(['id', 'occurrences', 'notified_at', 'notification_round'])
      .executeTakeFirstOrThrow();

    const silence = await activeSilence(trx, alert.source, alert.type, options.now);
    const windowOpen =
      row.notified_at !== null && options.now.getTime() - row.notified_at.getTime() < options.windowSeconds * 1000;
    let round: number | null = null;
    if (!silence && !windowOpen) {
      round = row.notification_round + 1;
      await trx
        .updateTable('platform.sync_alerts')
        .set({ notification_round: round, notified_at: options.now, deliveries: freshDeliveries(round, options) })
        .where('id', '=', row.id)
        .execute();
    }

    await trx
      .insertInto('platform.alert_receipts')
      .values({ alert_id: alert.alertId, sync_alert_id: row.id, round, silence_id: silence?.id ?? null, occurred_at: occurredAt })
      .execute();
    return { syncAlertId: row.id, round, silenceId: silence?.id ?? null, occurrences: row.occurrences, replay: false };
  });
}

function freshDeliveries(round: number, { now, channels }: RecordOptions): AlertDeliveries {
  const at = now.toISOString();
  const deliveries: AlertDeliveries = { log: { status: 'sent', round, at } };
  for (const channel of channels) deliveries[channel] = { status: 'pending', round, attempts: 0, log: [] };
  return deliveries;
}
