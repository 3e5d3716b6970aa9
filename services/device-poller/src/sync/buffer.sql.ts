import { sql } from 'kysely';
import type { Transaction, Database } from '@platform/db';
import type { BufferInput } from './device-users.js';

export interface UserBatchResult {
  /** Rows in the batch (all now present in the buffer). */
  seen: number;
  /** device_user_ids inserted into the buffer by this batch. */
  discovered: string[];
  /** Conflicts opened by this batch (an already open one is not recorded again). */
  conflictsOpened: number;
  /** device_user_ids in the batch with no user_machine_mapping (seed 000 Req 10.3). */
  unmapped: string[];
}

export interface UserBatchOptions {
  deviceId: number;
  performedBy: string;
  /** `sync`: refresh attributes and advance last_seen_at. `populate` (migration): insert missing rows only. */
  mode: 'sync' | 'populate';
  runId: string;
}

/**
 * One statement per batch: buffer upsert, conflict detection and the audit
 * rows for both (data-modifying CTEs all run, referenced or not). A mapped
 * user is in conflict when the device name differs from the staff name cut
 * to the 24 characters a device can hold, or the card numbers differ; the
 * open-conflict unique index makes a repeat of the same conflict a no-op.
 * Neither the staff row nor the device is ever changed here (Property 11).
 */
export async function upsertUserBatch(trx: Transaction<Database>, users: readonly BufferInput[], o: UserBatchOptions): Promise<UserBatchResult> {
  if (users.length === 0) return { seen: 0, discovered: [], conflictsOpened: 0, unmapped: [] };
  const col = <K extends keyof BufferInput>(k: K) => users.map((u) => u[k]);
  const onConflict =
    o.mode === 'sync'
      ? sql`DO UPDATE SET uid = excluded.uid, name = excluded.name, card_number = excluded.card_number,
          privilege = excluded.privilege, group_id = excluded.group_id, last_seen_at = now(), updated_at = now(),
          mapping_status = CASE
            WHEN b.mapping_status = 'ignored' THEN 'ignored'
            WHEN excluded.mapped_to_person_id IS NULL THEN 'unmapped'
            ELSE excluded.mapping_status END,
          mapped_to_person_id = excluded.mapped_to_person_id,
          mapped_at = CASE WHEN excluded.mapped_to_person_id IS NULL THEN NULL ELSE COALESCE(b.mapped_at, now()) END`
      : sql`DO NOTHING`;
  const result = await sql<{ seen: number; discovered: string[] | null; conflicts: number; unmapped: string[] | null }>`
    WITH input AS (
      SELECT * FROM unnest(${col('deviceUserId')}::varchar[], ${col('uid')}::int[], ${col('name')}::varchar[],
                           ${col('cardNumber')}::varchar[], ${col('privilege')}::int[], ${col('groupId')}::int[])
        AS t(device_user_id, uid, name, card_number, privilege, group_id)
    ), joined AS (
      SELECT i.*, m.person_id, s.full_name, s.card_number AS staff_card,
             m.person_id IS NOT NULL AND (i.name IS DISTINCT FROM left(s.full_name, 24) OR i.card_number IS DISTINCT FROM s.card_number) AS mismatch
      FROM input i
      LEFT JOIN attendance.user_machine_mapping m ON m.device_id = ${o.deviceId} AND m.machine_user_id = i.device_user_id
      LEFT JOIN attendance.staff s ON s.id = m.person_id
    ), upserted AS (
      INSERT INTO attendance.device_user_buffer AS b
        (device_id, device_user_id, uid, name, card_number, privilege, group_id, mapping_status, mapped_to_person_id, mapped_at)
      SELECT ${o.deviceId}::int, device_user_id, uid, name, card_number, privilege, group_id,
             CASE WHEN person_id IS NULL THEN 'unmapped' WHEN mismatch THEN 'conflict' ELSE 'mapped' END,
             person_id, CASE WHEN person_id IS NULL THEN NULL ELSE now() END
      FROM joined
      ON CONFLICT (device_id, device_user_id) ${onConflict}
      RETURNING b.device_user_id, b.name, b.mapping_status, (xmax = 0) AS inserted
    ), conflicts AS (
      INSERT INTO attendance.user_conflicts (device_id, device_user_id, conflict_type, device_data, database_data)
      SELECT ${o.deviceId}::int, device_user_id, 'attribute_mismatch',
             jsonb_build_object('uid', uid, 'name', name, 'cardNumber', card_number, 'privilege', privilege, 'groupId', group_id),
             jsonb_build_object('personId', person_id, 'fullName', full_name, 'cardNumber', staff_card)
      FROM joined WHERE mismatch
      ON CONFLICT (device_id, device_user_id, conflict_type) WHERE NOT resolved DO NOTHING
      RETURNING id, device_user_id, device_data, database_data
    ), audit AS (
      INSERT INTO attendance.device_user_audit_log
        (device_id, operation_type, device_user_id, device_user_name, performed_by, service_name, conflict_id, details)
      SELECT ${o.deviceId}::int, 'user_discovered', device_user_id, name, ${o.performedBy}::text, 'device-poller', NULL,
             jsonb_build_object('mappingStatus', mapping_status, 'runId', ${o.runId}::text, 'mode', ${o.mode}::text)
      FROM upserted WHERE inserted
      UNION ALL
      SELECT ${o.deviceId}::int, 'conflict_detected', device_user_id, device_data->>'name', ${o.performedBy}::text, 'device-poller', id,
             jsonb_build_object('deviceData', device_data, 'databaseData', database_data, 'runId', ${o.runId}::text)
      FROM conflicts
    )
    SELECT (SELECT count(*) FROM input)::int AS seen,
           (SELECT array_agg(device_user_id) FROM upserted WHERE inserted) AS discovered,
           (SELECT count(*) FROM conflicts)::int AS conflicts,
           (SELECT array_agg(device_user_id) FROM joined WHERE person_id IS NULL) AS unmapped`.execute(trx);
  const row = result.rows[0]!;
  return { seen: row.seen, discovered: row.discovered ?? [], conflictsOpened: row.conflicts, unmapped: row.unmapped ?? [] };
}
