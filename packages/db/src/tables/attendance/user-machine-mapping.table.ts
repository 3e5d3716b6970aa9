import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** `attendance.user_machine_mapping`: device user -> staff, unique per `(device_id, machine_user_id)`. Goes with its staff row. */
export interface UserMachineMappingTable {
  id: GeneratedAlways<number>;
  device_id: number;
  /** ZK `userId`: up to 9 digits, kept as text. */
  machine_user_id: string;
  person_id: number;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type UserMachineMapping = Selectable<UserMachineMappingTable>;
export type NewUserMachineMapping = Insertable<UserMachineMappingTable>;
export type UserMachineMappingUpdate = Updateable<UserMachineMappingTable>;
