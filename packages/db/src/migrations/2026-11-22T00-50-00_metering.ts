import type { Kysely } from 'kysely';
import { now } from '../migration-helpers.js';

// Seed 004: local copies of the "client system" tables. Ids are the remote
// ones, copied as they are, so identities are BY DEFAULT (the sync supplies
// them). `synced_at` is ours: when the row was last written by meter-sync.
const TABLES = ['device', 'meter', 'register', 'device_register'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('metering').execute();

  await db.schema
    .createTable('metering.device')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'varchar(255)')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // Meters sync first and depend on nothing (seed 004), so `device_id` is a
  // plain column, not a foreign key into metering.device.
  await db.schema
    .createTable('metering.meter')
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('meter_element_id', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'integer')
    .addColumn('name', 'varchar(255)')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('ip', 'varchar(100)')
    .addColumn('port', 'integer')
    .addColumn('element', 'varchar(100)')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('meter_pkey', ['id', 'meter_element_id'])
    .execute();
  await db.schema.createIndex('meter_tenant_idx').on('metering.meter').column('tenant_id').execute();
  await db.schema.createIndex('meter_device_idx').on('metering.meter').column('device_id').execute();

  await db.schema
    .createTable('metering.register')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('register', 'integer', (c) => c.notNull())
    .addColumn('unit', 'varchar(50)')
    .addColumn('field_name', 'varchar(100)')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('register_tenant_idx').on('metering.register').column('tenant_id').execute();

  // RESTRICT, not CASCADE: a cascade would delete associations the sync never
  // counted, and seed 004 Property 5 wants counts that match the changes. The
  // sync deletes associations before the rows they point at.
  await db.schema
    .createTable('metering.device_register')
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('metering.device.id').onDelete('restrict'))
    .addColumn('register_id', 'integer', (c) => c.notNull().references('metering.register.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('device_register_pkey', ['device_id', 'register_id'])
    .execute();
  await db.schema.createIndex('device_register_register_idx').on('metering.device_register').column('register_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Table by table, no CASCADE: anything added here by hand makes `down` fail.
  for (const table of TABLES.toReversed()) await db.schema.dropTable(`metering.${table}`).execute();
  await db.schema.dropSchema('metering').execute();
}
