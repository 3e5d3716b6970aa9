import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * `platform.alert_receipts`: one row per alert job received (by `alertId`),
 * pointing at the grouped `platform.sync_alerts` row it was stored in. Makes
 * storing an alert idempotent under BullMQ's at-least-once delivery.
 */
export interface AlertReceiptTable {
  alert_id: string;
  sync_alert_id: string;
  /** Notification round this alert opened; NULL when folded into an open round or muted. */
  round: number | null;
  /** The silence that muted it, if any. */
  silence_id: string | null;
  occurred_at: Date;
  received_at: Generated<Date>;
}
export type AlertReceipt = Selectable<AlertReceiptTable>;
export type NewAlertReceipt = Insertable<AlertReceiptTable>;
export type AlertReceiptUpdate = Updateable<AlertReceiptTable>;
