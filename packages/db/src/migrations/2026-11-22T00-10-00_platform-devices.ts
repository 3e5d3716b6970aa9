import { sql, type Kysely } from 'kysely';
import { makeAppendOnly, now, oneOf, withTimestamps } from '../migration-helpers.js';

// Devices (the specs assume one; we poll many), their health, the alert
// history every service feeds, and the audit trail of admin API actions.
export async function up(db: Kysely<any>): Promise<void> {
  // Devices are disabled, never deleted: attendance and audit rows point at
  // them with ON DELETE RESTRICT, and that history must outlive the device.
  await db.schema
    .createTable('platform.devices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull().defaultTo(4370).check(sql`port BETWEEN 1 AND 65535`))
    // Devices keep local wall-clock time; record times are read in this zone.
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // ZK "comm key": a numeric password, 0..999999; NULL means none set.
    .addColumn('comm_key', 'integer', (c) => c.check(sql`comm_key BETWEEN 0 AND 999999`))
    .addColumn('poll_interval_seconds', 'integer', (c) => c.notNull().defaultTo(300).check(sql`poll_interval_seconds >= 1`))
    .$call(withTimestamps)
    .execute();

  // Written by the poller on every contact, so it lives apart from the
  // admin-edited configuration row (no lost updates between the two writers).
  await db.schema
    .createTable('platform.device_health')
    .addColumn('device_id', 'integer', (c) => c.primaryKey().references('platform.devices.id').onDelete('cascade'))
    .addColumn('last_contact_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`consecutive_failures >= 0`))
    .addColumn('breaker_state', 'varchar(10)', (c) =>
      c.notNull().defaultTo('closed').check(oneOf('breaker_state', ['closed', 'open', 'half_open'])),
    )
    .addColumn('breaker_opened_at', 'timestamptz')
    .addColumn('user_count', 'integer')
    .addColumn('log_count', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // Seed 002 `sync_alerts`, widened for every service. Repeats of an open alert
  // fold into one row (occurrences, last_seen_at) instead of paging again.
  await db.schema
    .createTable('platform.sync_alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('severity', 'varchar(10)', (c) => c.notNull().check(oneOf('severity', ['high', 'medium', 'low'])))
    .addColumn('type', 'varchar(50)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb')
    .addColumn('dedupe_key', 'varchar(300)', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull().defaultTo(1).check(sql`occurrences >= 1`))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // Per channel: {"email": {"status": "sent", "at": "..."}, "webhook": {...}}.
    .addColumn('deliveries', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('acknowledged', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'varchar(255)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('sync_alerts_ack_complete', sql`NOT acknowledged OR acknowledged_at IS NOT NULL`)
    .execute();
  await db.schema.createIndex('sync_alerts_created_at_idx').on('platform.sync_alerts').expression(sql`created_at DESC`).execute();
  await db.schema.createIndex('sync_alerts_acknowledged_idx').on('platform.sync_alerts').column('acknowledged').execute();
  // One open alert per key: concurrent dispatchers fold repeats with
  // INSERT ... ON CONFLICT (dedupe_key) WHERE NOT acknowledged DO UPDATE.
  await db.schema
    .createIndex('sync_alerts_open_dedupe_key')
    .on('platform.sync_alerts')
    .column('dedupe_key')
    .unique()
    .where(sql<boolean>`NOT acknowledged`)
    .execute();

  await db.schema
    .createTable('platform.admin_audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(100)')
    .addColumn('target_id', 'varchar(200)')
    .addColumn('outcome', 'varchar(10)', (c) => c.notNull().check(oneOf('outcome', ['accepted', 'succeeded', 'failed', 'rejected'])))
    .addColumn('request_id', 'varchar(100)')
    .addColumn('details', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('admin_audit_log_created_at_idx').on('platform.admin_audit_log').column('created_at').execute();
  await db.schema.createIndex('admin_audit_log_target_idx').on('platform.admin_audit_log').columns(['target_type', 'target_id']).execute();
  await makeAppendOnly(db, 'platform', 'admin_audit_log');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.admin_audit_log').execute();
  await db.schema.dropTable('platform.sync_alerts').execute();
  await db.schema.dropTable('platform.device_health').execute();
  await db.schema.dropTable('platform.devices').execute();
}
