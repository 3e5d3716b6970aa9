import { describe, expect, test } from '@platform/testkit';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import * as schema from './index.js';

const UNIQUE = { code: '23505' };
const FOREIGN_KEY = { code: '23503' };
const CHECK = { code: '23514' };

async function device(db: Kysely<Database>, name: string): Promise<number> {
  return (await db.insertInto('platform.devices').values({ name, host: '10.0.0.9' }).returning('id').executeTakeFirstOrThrow()).id;
}

describe('attendance', () => {
  test('a re-read punch conflicts on (device, user, time) and ON CONFLICT keeps one row', async ({ db }) => {
    const [a, b] = [await device(db, 'att-a'), await device(db, 'att-b')];
    const punch = { device_user_id: '1001', record_time: new Date('2026-03-01T08:00:00Z'), punch: 0 };
    await db.insertInto('attendance.attendance_logs').values({ device_id: a, ...punch }).execute();
    await expect(db.insertInto('attendance.attendance_logs').values({ device_id: a, ...punch }).execute()).rejects.toMatchObject(UNIQUE);

    const reread = await db
      .insertInto('attendance.attendance_logs')
      .values([{ device_id: a, ...punch }, { device_id: b, ...punch }])
      .onConflict((oc) => oc.columns(['device_id', 'device_user_id', 'record_time']).doNothing())
      .executeTakeFirst();
    // Only device b's copy is new: the same user and time on another device is another punch.
    expect(reread.numInsertedOrUpdatedRows).toBe(1n);
  });

  test('buffer users are unique per device, not across devices', async ({ db }) => {
    const [a, b] = [await device(db, 'buf-a'), await device(db, 'buf-b')];
    const user = { device_user_id: '000123', uid: 7, name: 'Ana' };
    await db.insertInto('attendance.device_user_buffer').values([{ device_id: a, ...user }, { device_id: b, ...user }]).execute();
    await expect(db.insertInto('attendance.device_user_buffer').values({ device_id: a, ...user }).execute()).rejects.toMatchObject(UNIQUE);
    // "123" is not "000123": ids are text, leading zeros included.
    await db.insertInto('attendance.device_user_buffer').values({ device_id: a, ...user, device_user_id: '123' }).execute();
  });

  test('a mapping needs a staff row; deleting staff drops the mapping and keeps the buffer row', async ({ db }) => {
    const d = await device(db, 'map');
    await expect(
      db.insertInto('attendance.user_machine_mapping').values({ device_id: d, machine_user_id: '5', person_id: 999_999 }).execute(),
    ).rejects.toMatchObject(FOREIGN_KEY);

    const staff = await db.insertInto('attendance.staff').values({ full_name: 'Bo' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('attendance.user_machine_mapping').values({ device_id: d, machine_user_id: '5', person_id: staff.id }).execute();
    await db
      .insertInto('attendance.device_user_buffer')
      .values({ device_id: d, device_user_id: '5', uid: 5, mapping_status: 'mapped', mapped_to_person_id: staff.id, mapped_at: new Date() })
      .execute();

    await db.deleteFrom('attendance.staff').where('id', '=', staff.id).execute();
    expect(await db.selectFrom('attendance.user_machine_mapping').where('device_id', '=', d).selectAll().execute()).toEqual([]);
    const buffered = await db.selectFrom('attendance.device_user_buffer').where('device_id', '=', d).selectAll().executeTakeFirstOrThrow();
    expect(buffered).toMatchObject({ device_user_id: '5', mapped_to_person_id: null });
  });

  test('a count history row must list exactly user_count ids', async ({ db }) => {
    const d = await device(db, 'count');
    await expect(
      db.insertInto('attendance.device_user_count_history').values({ device_id: d, user_count: 3, user_ids: '["1","2"]' }).execute(),
    ).rejects.toMatchObject(CHECK);
  });
});

describe('other areas', () => {
  test('seller numbers are AA followed by digits', async ({ db }) => {
    const seller = { name: 'S', inquiry_date: '2026-01-31', content_hash: 'h' };
    await expect(db.insertInto('sellers.sellers').values({ ...seller, seller_number: 'AB123' }).execute()).rejects.toMatchObject(CHECK);
    await db.insertInto('sellers.sellers').values({ ...seller, seller_number: 'AA12679' }).execute();
    const row = await db.selectFrom('sellers.sellers').select('inquiry_date').where('seller_number', '=', 'AA12679').executeTakeFirstOrThrow();
    expect(row.inquiry_date).toBe('2026-01-31');
  });

  test('one open alert per dedupe key; acknowledging it lets the next one open', async ({ db }) => {
    const alert = { source: 'seller-sync', severity: 'high', type: 'sync_gap', message: 'gap', dedupe_key: 'seller-sync:gap' } as const;
    const first = await db.insertInto('platform.sync_alerts').values(alert).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('platform.sync_alerts').values(alert).execute()).rejects.toMatchObject(UNIQUE);
    await db
      .updateTable('platform.sync_alerts')
      .set({ acknowledged: true, acknowledged_at: new Date(), acknowledged_by: 'ops' })
      .where('id', '=', first.id)
      .execute();
    await db.insertInto('platform.sync_alerts').values(alert).execute();
  });

  test('a register with device associations cannot be deleted under them', async ({ db }) => {
    await db.insertInto('metering.device').values({ id: 10, name: 'm-dev' }).execute();
    await db.insertInto('metering.register').values({ id: 20, tenant_id: 1, name: 'kWh', register: 40001 }).execute();
    await db.insertInto('metering.device_register').values({ id: 30, device_id: 10, register_id: 20 }).execute();
    await expect(db.deleteFrom('metering.register').where('id', '=', 20).execute()).rejects.toMatchObject(FOREIGN_KEY);
    await expect(db.insertInto('metering.device_register').values({ id: 31, device_id: 10, register_id: 21 }).execute()).rejects.toMatchObject(
      FOREIGN_KEY,
    );
  });
});

// The exported value lists feed validation (zod) in services; the CHECK
// constraints are the database's copy. They must not drift apart.
const ENUMS: Record<string, readonly string[]> = {
  'platform.sync_locks.event': schema.LOCK_EVENTS,
  'platform.device_health.breaker_state': schema.BREAKER_STATES,
  'platform.sync_alerts.severity': schema.ALERT_SEVERITIES,
  'platform.admin_audit_log.outcome': schema.ADMIN_OUTCOMES,
  'platform.admin_users.role': schema.ADMIN_ROLES,
  'attendance.device_user_buffer.mapping_status': schema.MAPPING_STATUSES,
  'attendance.user_conflicts.resolution_strategy': schema.RESOLUTION_STRATEGIES,
  'sellers.sync_audit_logs.trigger_source': schema.TRIGGER_SOURCES,
  'sellers.sync_audit_logs.status': schema.SYNC_RUN_STATUSES,
  'sellers.sync_record_logs.operation': schema.RECORD_OPERATIONS,
  'sellers.sync_record_logs.result': schema.RECORD_RESULTS,
  'sellers.sync_error_logs.error_type': schema.SYNC_ERROR_TYPES,
  'exchange.sync_nodes.role': schema.NODE_ROLES,
  'exchange.change_log.operation': schema.CHANGE_OPERATIONS,
  'exchange.packets.direction': schema.PACKET_DIRECTIONS,
  'exchange.packets.status': schema.PACKET_STATUSES,
  'exchange.object_version_history.conflict_resolution': schema.CONFLICT_RESOLUTIONS,
  'exchange.audit_log.resolution': schema.CONFLICT_RESOLUTIONS,
  'exchange.audit_log.winner': schema.CONFLICT_WINNERS,
  'metering.sync_runs.trigger': schema.TRIGGER_SOURCES,
  'metering.sync_runs.status': schema.METER_SYNC_RUN_STATUSES,
};

test('every enum-like CHECK allows exactly the exported values', async ({ db }) => {
  const { rows } = await sql<{ key: string; def: string }>`
    SELECT n.nspname || '.' || c.relname || '.' || a.attname AS key, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
    WHERE k.contype = 'c' AND cardinality(k.conkey) = 1 AND pg_get_constraintdef(k.oid) LIKE '%ANY%ARRAY%'`.execute(db);
  const inDatabase = Object.fromEntries(rows.map((r) => [r.key, [...r.def.matchAll(/'([^']*)'::/g)].map((m) => m[1]).sort()]));
  expect(inDatabase).toEqual(Object.fromEntries(Object.entries(ENUMS).map(([key, values]) => [key, [...values].sort()])));
});
