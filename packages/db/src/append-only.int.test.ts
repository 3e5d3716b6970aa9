import { describe, expect, test } from '@platform/testkit';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { APPEND_ONLY_TABLES } from './schema-catalog.js';

type AppendOnlyTable = (typeof APPEND_ONLY_TABLES)[number];

// One valid row per append-only table, given the parents it needs, and a
// column to UPDATE (any column: the row trigger rejects every UPDATE).
const ROWS: Record<AppendOnlyTable, { column: string; insert: (db: Kysely<Database>, p: Parents) => Promise<unknown> }> = {
  'platform.sync_locks': {
    column: 'acquired_by',
    insert: (db) => db.insertInto('platform.sync_locks').values({ lock_key: 'device:1', event: 'acquired', acquired_by: 'poller-1' }).execute(),
  },
  'platform.admin_audit_log': {
    column: 'actor',
    insert: (db) => db.insertInto('platform.admin_audit_log').values({ actor: 'admin', action: 'mapping.create', outcome: 'succeeded' }).execute(),
  },
  'attendance.device_user_audit_log': {
    column: 'performed_by',
    insert: (db, p) =>
      db
        .insertInto('attendance.device_user_audit_log')
        .values({ device_id: p.deviceId, operation_type: 'user_discovered', device_user_id: '1001', performed_by: 'device-poller' })
        .execute(),
  },
  'attendance.device_user_count_history': {
    column: 'user_count',
    insert: (db, p) =>
      db
        .insertInto('attendance.device_user_count_history')
        .values({ device_id: p.deviceId, user_count: 2, user_ids: JSON.stringify(['1', '2']) })
        .execute(),
  },
  'sellers.sync_record_logs': {
    column: 'result',
    insert: (db, p) =>
      db
        .insertInto('sellers.sync_record_logs')
        .values({ audit_log_id: p.runId, seller_number: 'AA12679', operation: 'create', result: 'success', occurred_at: new Date() })
        .execute(),
  },
  'sellers.sync_error_logs': {
    column: 'error_message',
    insert: (db, p) =>
      db
        .insertInto('sellers.sync_error_logs')
        .values({ audit_log_id: p.runId, error_message: 'quota', error_type: 'network', occurred_at: new Date() })
        .execute(),
  },
  'exchange.object_version_history': {
    column: 'serialized_data',
    insert: (db, p) =>
      db
        .insertInto('exchange.object_version_history')
        .values({
          entity_uuid: p.entityUuid,
          entity_type: 'DailyReport',
          source_node_id: p.nodeId,
          serialized_data: { date: '2025-12-12' },
          conflict_resolution: 'server_wins',
        })
        .execute(),
  },
  'exchange.audit_log': {
    column: 'details',
    insert: (db, p) =>
      db
        .insertInto('exchange.audit_log')
        .values({ entity_type: 'DailyReport', entity_uuid: p.entityUuid, node_id: p.nodeId, resolution: 'server_wins', winner: 'server' })
        .execute(),
  },
  'exchange.security_events': {
    column: 'event_type',
    insert: (db) => db.insertInto('exchange.security_events').values({ event_type: 'auth_failed', claimed_node: 'DESKTOP-X' }).execute(),
  },
};

interface Parents {
  deviceId: number;
  runId: string;
  nodeId: string;
  entityUuid: string;
}

async function createParents(db: Kysely<Database>): Promise<Parents> {
  const device = await db.insertInto('platform.devices').values({ name: 'gate', host: '10.0.0.5' }).returning('id').executeTakeFirstOrThrow();
  const run = await db
    .insertInto('sellers.sync_audit_logs')
    .values({ start_time: new Date(), trigger_source: 'manual', status: 'in_progress' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const node = await db.insertInto('exchange.sync_nodes').values({ code: 'DESKTOP-1', name: 'Desk 1' }).returning('id').executeTakeFirstOrThrow();
  return { deviceId: device.id, runId: run.id, nodeId: node.id, entityUuid: '6f1c2a7e-8f55-4c3e-9d2b-1a2b3c4d5e6f' };
}

const count = async (db: Kysely<Database>, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n;

describe('append-only tables', () => {
  let parents: Promise<Parents> | undefined;

  test.for(APPEND_ONLY_TABLES)('%s rejects UPDATE, DELETE and TRUNCATE', async (table, { db }) => {
    parents ??= createParents(db);
    const { column, insert } = ROWS[table];
    await insert(db, await parents);
    expect(await count(db, table)).toBe(1);

    const rejected = (op: string) => ({ code: '42501', message: `${op} on ${table} is not allowed: the table is append-only` });
    await expect(sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${sql.ref(column)}`.execute(db)).rejects.toMatchObject(
      rejected('UPDATE'),
    );
    await expect(sql`DELETE FROM ${sql.table(table)}`.execute(db)).rejects.toMatchObject(rejected('DELETE'));
    // CASCADE is the strongest form: it would also empty referencing tables, and
    // without it a referenced table fails on the foreign key before any trigger.
    await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/^TRUNCATE on \S+ is not allowed: the table is append-only$/),
    });
    expect(await count(db, table)).toBe(1);
  });
});
