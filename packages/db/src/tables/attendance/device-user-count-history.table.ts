import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { JsonText, AppendOnly } from '../column-types.js';

/** `attendance.device_user_count_history`: user count and ids per poll. Append-only; `user_count` must equal the array length. */
interface DeviceUserCountHistoryColumns {
  id: GeneratedAlways<number>;
  device_id: number;
  user_count: number;
  /** `JSON.stringify(ids)` on insert. */
  user_ids: JsonText<string[]>;
  recorded_at: Generated<Date>;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type DeviceUserCountHistoryTable = AppendOnly<DeviceUserCountHistoryColumns>;
export type DeviceUserCountHistory = Selectable<DeviceUserCountHistoryTable>;
export type NewDeviceUserCountHistory = Insertable<DeviceUserCountHistoryTable>;
