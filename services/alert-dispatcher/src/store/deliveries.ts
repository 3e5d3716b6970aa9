import { sql } from 'kysely';
import type { AlertDeliveries, Database, Kysely, SyncAlert } from '@platform/db';
import type { ChannelName } from '../types.js';

type Delivery = AlertDeliveries[string];

/** Attempts kept per channel in `deliveries.<channel>.log`; the count in `attempts` is never cut. */
const ATTEMPT_LOG_LIMIT = 20;

export type AttemptOutcome =
  | { ok: true; messageId: string }
  | { ok: false; error: string; final: boolean };

export function loadAlert(db: Kysely<Database>, id: string): Promise<SyncAlert | undefined> {
  return db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** True when `channel` already delivered `round`: a retried job must not send it again. */
export function alreadySent(alert: SyncAlert, channel: ChannelName, round: number): boolean {
  const delivery = alert.deliveries[channel];
  return delivery?.status === 'sent' && delivery.round === round;
}

/**
 * Records one attempt of `channel` for `round`, with its outcome, in
 * `deliveries.<channel>`. Only this round's job writes this key, and the
 * `notification_round` guard drops the write when a newer round has replaced it.
 */
export async function recordAttempt(
  db: Kysely<Database>,
  alert: SyncAlert,
  channel: ChannelName,
  round: number,
  outcome: AttemptOutcome,
  at: Date,
): Promise<void> {
  const previous: Delivery | undefined = alert.deliveries[channel]?.round === round ? alert.deliveries[channel] : undefined;
  const attempts = (previous?.attempts ?? 0) + 1;
  const entry = outcome.ok ? { at: at.toISOString() } : { at: at.toISOString(), error: outcome.error };
  const log = [...(previous?.log ?? []), entry].slice(-ATTEMPT_LOG_LIMIT);
  const next: Delivery = outcome.ok
    ? { status: 'sent', round, attempts, at: at.toISOString(), messageId: outcome.messageId, log }
    : { status: outcome.final ? 'failed' : 'retrying', round, attempts, at: at.toISOString(), error: outcome.error, log };
  await db
    .updateTable('platform.sync_alerts')
    .set({ deliveries: sql`jsonb_set(deliveries, ${sql.val([channel])}::text[], ${JSON.stringify(next)}::jsonb)` })
    .where('id', '=', alert.id)
    .where('notification_round', '=', round)
    .execute();
  // Later attempts in this job build on what was just written.
  alert.deliveries = { ...alert.deliveries, [channel]: next };
}
