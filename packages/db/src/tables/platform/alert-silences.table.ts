import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * `platform.alert_silences`: an admin mutes alerts of a `source`, a `type`, or
 * both, from `starts_at` until `ends_at` (or `expired_at` when ended early).
 * Muted alerts are still stored in `platform.sync_alerts`; only notifications stop.
 */
export interface AlertSilenceTable {
  id: Generated<string>;
  /** NULL matches every source; at least one of `source`/`type` is set. */
  source: string | null;
  /** NULL matches every type. */
  type: string | null;
  reason: string;
  created_by: string;
  starts_at: Generated<Date>;
  ends_at: Date;
  expired_at: Date | null;
  expired_by: string | null;
  created_at: Generated<Date>;
}
export type AlertSilence = Selectable<AlertSilenceTable>;
export type NewAlertSilence = Insertable<AlertSilenceTable>;
export type AlertSilenceUpdate = Updateable<AlertSilenceTable>;
