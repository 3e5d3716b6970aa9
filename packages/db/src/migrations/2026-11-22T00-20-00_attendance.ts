import { sql, type Kysely } from 'kysely';
import { makeAppendOnly, now, oneOf, withTimestamps } from '../migration-helpers.js';

// Seed 000 (device user persistence) for many devices: every device-scoped row
// carries device_id and is unique per device. ZK user ids (`userId`) are digit
// strings of at most 9 characters, so they are varchar(9), not integers: "007"
// and "7" are different users. `uid` is the device's internal 1..65535 index.
const TABLES = [
  'staff',
  'user_machine_mapping',
  'device_user_buffer',
  'user_conflicts',
  'device_user_audit_log',
  'device_user_count_history',
  'attendance_logs',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('attendance').execute();

  await db.schema
    .createTable('attendance.staff')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('full_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('card_number', 'varchar(50)')
    .addColumn('employee_code', 'varchar(50)', (c) => c.unique())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .$call(withTimestamps)
    .execute();

  // Deleting a staff member removes their mappings and nothing else: the
  // device user stays on the device and in the buffer (seed 000, Property 9).
  await db.schema
    .createTable('attendance.user_machine_mapping')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('platform.devices.id').onDelete('restrict'))
    .addColumn('machine_user_id', 'varchar(9)', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('attendance.staff.id').onDelete('cascade'))
    .addColumn('created_by', 'varchar(100)')
    .$call(withTimestamps)
    .addUniqueConstraint('user_machine_mapping_device_user_key', ['device_id', 'machine_user_id'])
    .execute();
  await db.schema.createIndex('user_machine_mapping_person_idx').on('attendance.user_machine_mapping').column('person_id').execute();

  await db.schema
    .createTable('attendance.device_user_buffer')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('platform.devices.id').onDelete('restrict'))
    .addColumn('device_user_id', 'varchar(9)', (c) => c.notNull())
    .addColumn('uid', 'integer', (c) => c.notNull().check(sql`uid BETWEEN 1 AND 65535`))
    .addColumn('name', 'varchar(255)')
    .addColumn('card_number', 'varchar(50)')
    .addColumn('privilege', 'integer')
    .addColumn('password', 'varchar(50)')
    .addColumn('group_id', 'integer')
    .addColumn('timezone_id', 'integer')
    .addColumn('discovered_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('mapping_status', 'varchar(20)', (c) =>
      c.notNull().defaultTo('unmapped').check(oneOf('mapping_status', ['unmapped', 'mapped', 'conflict', 'ignored'])),
    )
    // SET NULL, not CASCADE: the buffer row is the record of a device user and
    // must survive the staff row; the next sync sees it unmapped again.
    .addColumn('mapped_to_person_id', 'integer', (c) => c.references('attendance.staff.id').onDelete('set null'))
    .addColumn('mapped_at', 'timestamptz')
    .addColumn('notes', 'text')
    .$call(withTimestamps)
    .addUniqueConstraint('device_user_buffer_device_user_key', ['device_id', 'device_user_id'])
    .execute();
  await db.schema.createIndex('device_user_buffer_status_idx').on('attendance.device_user_buffer').column('mapping_status').execute();
  await db.schema.createIndex('device_user_buffer_last_seen_idx').on('attendance.device_user_buffer').column('last_seen_at').execute();

  await db.schema
    .createTable('attendance.user_conflicts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('platform.devices.id').onDelete('restrict'))
    .addColumn('device_user_id', 'varchar(9)', (c) => c.notNull())
    .addColumn('conflict_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('device_data', 'jsonb', (c) => c.notNull())
    .addColumn('database_data', 'jsonb')
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('resolved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'varchar(100)')
    .addColumn('resolution_strategy', 'varchar(50)', (c) =>
      c.check(oneOf('resolution_strategy', ['use_device', 'use_database', 'merge'])),
    )
    .addColumn('resolution_notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // Property 13 needs who and how for every resolution.
    .addCheckConstraint(
      'user_conflicts_resolution_complete',
      sql`NOT resolved OR (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND resolution_strategy IS NOT NULL)`,
    )
    .execute();
  await db.schema.createIndex('user_conflicts_resolved_idx').on('attendance.user_conflicts').column('resolved').execute();
  await db.schema.createIndex('user_conflicts_device_user_idx').on('attendance.user_conflicts').columns(['device_id', 'device_user_id']).execute();
  // A poll every 5 minutes must not log the same open conflict again each time.
  await db.schema
    .createIndex('user_conflicts_open_key')
    .on('attendance.user_conflicts')
    .columns(['device_id', 'device_user_id', 'conflict_type'])
    .unique()
    .where(sql<boolean>`NOT resolved`)
    .execute();

  // device_id is NULL for operations that concern no single device.
  await db.schema
    .createTable('attendance.device_user_audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.references('platform.devices.id').onDelete('restrict'))
    .addColumn('operation_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('device_user_id', 'varchar(9)')
    .addColumn('device_user_name', 'varchar(255)')
    .addColumn('performed_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('service_name', 'varchar(100)')
    .addColumn('conflict_id', 'bigint', (c) => c.references('attendance.user_conflicts.id').onDelete('restrict'))
    .addColumn('details', 'jsonb')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('device_user_audit_log_operation_idx').on('attendance.device_user_audit_log').column('operation_type').execute();
  await db.schema
    .createIndex('device_user_audit_log_device_user_idx')
    .on('attendance.device_user_audit_log')
    .columns(['device_id', 'device_user_id'])
    .execute();
  await db.schema.createIndex('device_user_audit_log_occurred_at_idx').on('attendance.device_user_audit_log').column('occurred_at').execute();
  await makeAppendOnly(db, 'attendance', 'device_user_audit_log');

  await db.schema
    .createTable('attendance.device_user_count_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('platform.devices.id').onDelete('restrict'))
    .addColumn('user_count', 'integer', (c) => c.notNull())
    .addColumn('user_ids', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // The count is what disappearance alerts compare; it must match the list.
    .addCheckConstraint(
      'device_user_count_history_count_matches',
      sql`jsonb_typeof(user_ids) = 'array' AND jsonb_array_length(user_ids) = user_count`,
    )
    .execute();
  await db.schema
    .createIndex('device_user_count_history_device_recorded_idx')
    .on('attendance.device_user_count_history')
    .columns(['device_id', 'recorded_at'])
    .execute();
  await makeAppendOnly(db, 'attendance', 'device_user_count_history');

  // Devices return their whole log on every read; the unique key makes a
  // re-read an ON CONFLICT DO NOTHING instead of a duplicate.
  await db.schema
    .createTable('attendance.attendance_logs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('platform.devices.id').onDelete('restrict'))
    .addColumn('device_user_id', 'varchar(9)', (c) => c.notNull())
    .addColumn('user_sn', 'integer')
    .addColumn('record_time', 'timestamptz', (c) => c.notNull())
    .addColumn('verify_type', 'smallint')
    .addColumn('punch', 'smallint')
    .addColumn('ingested_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('attendance_logs_device_user_time_key', ['device_id', 'device_user_id', 'record_time'])
    .execute();
  await db.schema.createIndex('attendance_logs_device_time_idx').on('attendance.attendance_logs').columns(['device_id', 'record_time']).execute();
  await db.schema.createIndex('attendance_logs_record_time_idx').on('attendance.attendance_logs').column('record_time').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Table by table, no CASCADE: anything added here by hand makes `down` fail
  // loudly instead of vanishing with the schema.
  for (const table of TABLES.toReversed()) await db.schema.dropTable(`attendance.${table}`).execute();
  await db.schema.dropSchema('attendance').execute();
}
