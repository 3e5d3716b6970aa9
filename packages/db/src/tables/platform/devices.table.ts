import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** `platform.devices`: one row per ZK device we poll. Disabled, never deleted (history references it). */
export interface DeviceTable {
  id: GeneratedAlways<number>;
  name: string;
  host: string;
  port: Generated<number>;
  /** IANA zone of the device clock, e.g. `Asia/Tokyo`. */
  timezone: Generated<string>;
  enabled: Generated<boolean>;
  comm_key: number | null;
  poll_interval_seconds: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type Device = Selectable<DeviceTable>;
export type NewDevice = Insertable<DeviceTable>;
export type DeviceUpdate = Updateable<DeviceTable>;
