import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** `platform.device_health`: last contact, failures and circuit breaker per device (written by device-poller). */
export interface DeviceHealthTable {
  device_id: number;
  last_contact_at: Date | null;
  last_success_at: Date | null;
  consecutive_failures: Generated<number>;
  breaker_state: Generated<BreakerState>;
  breaker_opened_at: Date | null;
  user_count: number | null;
  log_count: number | null;
  last_error: string | null;
  updated_at: Generated<Date>;
}
export type DeviceHealth = Selectable<DeviceHealthTable>;
export type NewDeviceHealth = Insertable<DeviceHealthTable>;
export type DeviceHealthUpdate = Updateable<DeviceHealthTable>;
