import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

export const MAPPING_STATUSES = ['unmapped', 'mapped', 'conflict', 'ignored'] as const;
export type MappingStatus = (typeof MAPPING_STATUSES)[number];

/** `attendance.device_user_buffer`: every user seen on a device, unique per `(device_id, device_user_id)`. */
export interface DeviceUserBufferTable {
  id: GeneratedAlways<number>;
  device_id: number;
  /** ZK `userId`: up to 9 digits, kept as text. */
  device_user_id: string;
  /** Device-internal index, 1..65535. */
  uid: number;
  name: string | null;
  card_number: string | null;
  privilege: number | null;
  password: string | null;
  group_id: number | null;
  timezone_id: number | null;
  discovered_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  mapping_status: Generated<MappingStatus>;
  mapped_to_person_id: number | null;
  mapped_at: Date | null;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type DeviceUserBuffer = Selectable<DeviceUserBufferTable>;
export type NewDeviceUserBuffer = Insertable<DeviceUserBufferTable>;
export type DeviceUserBufferUpdate = Updateable<DeviceUserBufferTable>;
