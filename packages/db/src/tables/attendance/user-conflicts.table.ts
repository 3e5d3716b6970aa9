import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject } from '../column-types.js';

export const RESOLUTION_STRATEGIES = ['use_device', 'use_database', 'merge'] as const;
export type ResolutionStrategy = (typeof RESOLUTION_STRATEGIES)[number];

/** `attendance.user_conflicts`: device vs database disagreements; one open row per `(device_id, device_user_id, conflict_type)`. */
export interface UserConflictTable {
  id: GeneratedAlways<number>;
  device_id: number;
  device_user_id: string;
  /** e.g. `attribute_mismatch`, `duplicate_id`. */
  conflict_type: string;
  device_data: JsonObject;
  database_data: JsonObject | null;
  detected_at: Generated<Date>;
  resolved: Generated<boolean>;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_strategy: ResolutionStrategy | null;
  resolution_notes: string | null;
  created_at: Generated<Date>;
}
export type UserConflict = Selectable<UserConflictTable>;
export type NewUserConflict = Insertable<UserConflictTable>;
export type UserConflictUpdate = Updateable<UserConflictTable>;
