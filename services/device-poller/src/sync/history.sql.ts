import { sql } from 'kysely';
import type { Database, Transaction } from '@platform/db';

export interface UserSetChange {
  /** A history row was written (first poll, or the id set differs from the last row). */
  recorded: boolean;
  previousCount: number | null;
  count: number;
  /** In the last recorded set, not in this one, and not removed by an admin delete command since it was last seen. */
  vanished: string[];
  appeared: string[];
  /** id of the history row this poll was compared with (null on the first poll). */
  previousHistoryId: number | null;
}

/**
 * Compares a complete user set with the device's last recorded one and
 * appends a history row when it changed (Property 25). Users a `device-commands`
 * delete was requested for since a sync last saw them are expected, not a disappearance.
 * Must run under the device lock, or two pollers could both compare with the same row.
 */
export async function recordUserSet(trx: Transaction<Database>, deviceId: number, ids: readonly string[]): Promise<UserSetChange> {
  const current = [...new Set(ids)].sort();
  const prev = await trx
    .selectFrom('attendance.device_user_count_history')
    .select(['id', 'user_ids', 'recorded_at'])
    .where('device_id', '=', deviceId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const before = new Set(prev?.user_ids ?? []);
  const now = new Set(current);
  const missing = [...before].filter((id) => !now.has(id));
  const appeared = current.filter((id) => !before.has(id));
  let vanished = missing;
  if (prev && missing.length > 0) {
    // A delete command writes `user_delete_requested` under the device lock before it touches
    // the device, so a request at or after the last sync that saw the user explains its absence,
    // whatever the command's outcome or how a sync interleaved with it: the sync may run before
    // the command's final `user_deleted` row (written after the lock), or the device may apply
    // the delete and then drop the connection (`user_delete_failed`). A request followed by a
    // sync that still saw the user explains nothing later: last_seen_at has moved past it.
    const deleted = await trx
      .selectFrom('attendance.device_user_audit_log as a')
      .leftJoin('attendance.device_user_buffer as b', (j) => j.onRef('b.device_id', '=', 'a.device_id').onRef('b.device_user_id', '=', 'a.device_user_id'))
      .select('a.device_user_id')
      .where('a.device_id', '=', deviceId)
      .where('a.operation_type', 'in', ['user_delete_requested', 'user_deleted'])
      .where('a.device_user_id', '=', sql<string>`ANY(${missing}::varchar[])`)
      .where(sql<boolean>`a.occurred_at >= COALESCE(b.last_seen_at, ${prev.recorded_at})`)
      .execute();
    const byCommand = new Set(deleted.map((r) => r.device_user_id));
    vanished = missing.filter((id) => !byCommand.has(id));
  }
  const changed = !prev || missing.length > 0 || appeared.length > 0;
  if (changed) {
    await trx
      .insertInto('attendance.device_user_count_history')
      .values({ device_id: deviceId, user_count: current.length, user_ids: JSON.stringify(current) })
      .execute();
  }
  return { recorded: changed, previousCount: prev ? before.size : null, count: current.length, vanished: vanished.sort(), appeared, previousHistoryId: prev?.id ?? null };
}
