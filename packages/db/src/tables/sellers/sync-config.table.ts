import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonText } from '../column-types.js';

/** `sellers.sync_config`: hot-reloadable settings, one row per key. */
export interface SyncConfigTable {
  id: Generated<string>;
  config_key: string;
  /** Any JSON value: `JSON.stringify(value)` on write. */
  config_value: JsonText<unknown>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}
export type SyncConfig = Selectable<SyncConfigTable>;
export type NewSyncConfig = Insertable<SyncConfigTable>;
export type SyncConfigUpdate = Updateable<SyncConfigTable>;
