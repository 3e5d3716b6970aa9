import { sql, type Kysely } from 'kysely';
import { makeAppendOnly, now, oneOf, withTimestamps } from '../migration-helpers.js';

// Seed 002: the Google Sheets "sellers" copy and the audit trail of each sync.
// The spec's ON DELETE CASCADE from the per-record logs is RESTRICT here: the
// logs are append-only evidence, so their parent run can never be deleted.
const TABLES = ['sellers', 'properties', 'sync_audit_logs', 'sync_record_logs', 'sync_error_logs', 'sync_metrics', 'sync_config'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('sellers').execute();

  await db.schema
    .createTable('sellers.sellers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The AA12679 incident was a seller missing from the copy; this key is how
    // gaps are found, so it is unique and well-formed (Properties 32, 33, 37).
    .addColumn('seller_number', 'varchar(50)', (c) => c.notNull().unique().check(sql`seller_number ~ '^AA[0-9]+$'`))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('inquiry_date', 'date', (c) => c.notNull())
    .addColumn('phone', 'varchar(50)')
    .addColumn('email', 'varchar(255)')
    .addColumn('address', 'text')
    .addColumn('status', 'varchar(100)')
    .addColumn('notes', 'text')
    // Sheet columns without a column of their own, kept rather than dropped.
    .addColumn('extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Optimistic locking (Property 40): UPDATE ... WHERE version = $seen.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // Hash of the normalised sheet row: an unchanged row is skipped, not rewritten.
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('sheet_row', 'integer')
    .addColumn('source_updated_at', 'timestamptz')
    .$call(withTimestamps)
    .execute();
  await db.schema.createIndex('sellers_inquiry_date_idx').on('sellers.sellers').column('inquiry_date').execute();

  // One sheet row carries one property today; `position` leaves room for more.
  await db.schema
    .createTable('sellers.properties')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('seller_id', 'bigint', (c) => c.notNull().references('sellers.sellers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(1).check(sql`position >= 1`))
    .addColumn('address', 'text')
    .addColumn('property_type', 'varchar(100)')
    .addColumn('land_area', 'numeric(12, 2)')
    .addColumn('building_area', 'numeric(12, 2)')
    .addColumn('price', 'numeric(14, 2)')
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .$call(withTimestamps)
    .addUniqueConstraint('properties_seller_position_key', ['seller_id', 'position'])
    .execute();

  // One row per sync run, updated once when it completes (so not append-only).
  await db.schema
    .createTable('sellers.sync_audit_logs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz')
    .addColumn('trigger_source', 'varchar(20)', (c) => c.notNull().check(oneOf('trigger_source', ['scheduled', 'manual'])))
    // `cancelled` beyond the spec's three: a manual sync can be cancelled.
    .addColumn('status', 'varchar(20)', (c) =>
      c.notNull().check(oneOf('status', ['in_progress', 'completed', 'failed', 'cancelled'])),
    )
    .addColumn('success_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verification_result', 'jsonb')
    .$call(withTimestamps)
    .execute();
  await db.schema.createIndex('sync_audit_logs_start_time_idx').on('sellers.sync_audit_logs').expression(sql`start_time DESC`).execute();
  await db.schema.createIndex('sync_audit_logs_status_idx').on('sellers.sync_audit_logs').column('status').execute();

  await db.schema
    .createTable('sellers.sync_record_logs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('audit_log_id', 'uuid', (c) => c.notNull().references('sellers.sync_audit_logs.id').onDelete('restrict'))
    .addColumn('seller_number', 'varchar(50)', (c) => c.notNull())
    .addColumn('operation', 'varchar(20)', (c) => c.notNull().check(oneOf('operation', ['create', 'update', 'skip'])))
    .addColumn('result', 'varchar(20)', (c) => c.notNull().check(oneOf('result', ['success', 'failure'])))
    .addColumn('error_message', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('sync_record_logs_audit_log_idx').on('sellers.sync_record_logs').column('audit_log_id').execute();
  await db.schema.createIndex('sync_record_logs_seller_number_idx').on('sellers.sync_record_logs').column('seller_number').execute();
  await makeAppendOnly(db, 'sellers', 'sync_record_logs');

  await db.schema
    .createTable('sellers.sync_error_logs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('audit_log_id', 'uuid', (c) => c.references('sellers.sync_audit_logs.id').onDelete('restrict'))
    .addColumn('seller_number', 'varchar(50)')
    .addColumn('error_message', 'text', (c) => c.notNull())
    .addColumn('stack_trace', 'text')
    .addColumn('error_type', 'varchar(20)', (c) =>
      c.notNull().check(oneOf('error_type', ['network', 'validation', 'database', 'unknown'])),
    )
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('sync_error_logs_audit_log_idx').on('sellers.sync_error_logs').column('audit_log_id').execute();
  await makeAppendOnly(db, 'sellers', 'sync_error_logs');

  await db.schema
    .createTable('sellers.sync_metrics')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('audit_log_id', 'uuid', (c) => c.notNull().unique().references('sellers.sync_audit_logs.id').onDelete('cascade'))
    .addColumn('execution_time', 'jsonb', (c) => c.notNull())
    .addColumn('throughput', 'jsonb', (c) => c.notNull())
    .addColumn('errors', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('sellers.sync_config')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('config_key', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('config_value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_by', 'varchar(255)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Table by table, no CASCADE: anything added here by hand makes `down` fail.
  for (const table of TABLES.toReversed()) await db.schema.dropTable(`sellers.${table}`).execute();
  await db.schema.dropSchema('sellers').execute();
}
