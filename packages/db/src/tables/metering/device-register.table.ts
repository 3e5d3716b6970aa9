import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `metering.device_register`: device <-> register, key `(device_id, register_id)`; both ends must exist (RESTRICT). */
export interface DeviceRegisterTable {
  /** The remote row id. */
  id: number;
  device_id: number;
  register_id: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  synced_at: Generated<Date>;
}
export type DeviceRegister = Selectable<DeviceRegisterTable>;
export type NewDeviceRegister = Insertable<DeviceRegisterTable>;
export type DeviceRegisterUpdate = Updateable<DeviceRegisterTable>;
