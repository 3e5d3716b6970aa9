import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** `attendance.staff`: people that device users map to. */
export interface StaffTable {
  id: GeneratedAlways<number>;
  full_name: string;
  card_number: string | null;
  employee_code: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
