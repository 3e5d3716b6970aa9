import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject } from '../column-types.js';

export const ALERT_SEVERITIES = ['high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Per channel, the state of the current notification round (written by alert-dispatcher):
 * `attempts` counts tries, `log` keeps the last few `{ at, error? }`, `messageId` is the
 * SMTP/webhook idempotency key of the round.
 */
export type AlertDeliveries = Record<
  string,
  {
    status: string;
    at?: string;
    error?: string;
    round?: number;
    attempts?: number;
    messageId?: string;
    log?: { at: string; error?: string }[];
  }
>;

/** `platform.sync_alerts`: alert history (seed 002, all services). One open row per `dedupe_key`; repeats bump `occurrences`. */
export interface SyncAlertTable {
  id: Generated<string>;
  /** Emitting service, e.g. `seller-sync`. */
  source: string;
  severity: AlertSeverity;
  type: string;
  message: string;
  details: JsonObject | null;
  dedupe_key: string;
  occurrences: Generated<number>;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** Per channel delivery status, e.g. `{ email: { status: 'sent', at } }`. */
  deliveries: Generated<AlertDeliveries>;
  acknowledged: Generated<boolean>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  created_at: Generated<Date>;
  /** Start of the current notification round: the dedupe window runs from here. NULL until first notified. */
  notified_at: Date | null;
  /** Number of notification rounds started (0 = never notified, e.g. muted). */
  notification_round: Generated<number>;
}
export type SyncAlert = Selectable<SyncAlertTable>;
export type NewSyncAlert = Insertable<SyncAlertTable>;
export type SyncAlertUpdate = Updateable<SyncAlertTable>;
