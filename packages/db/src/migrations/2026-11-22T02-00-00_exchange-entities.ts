import { sql, type Kysely } from 'kysely';
import { now } from '../migration-helpers.js';

// Seed 003's example entities (a brigade; a daily report with its lines) and
// the quarantine of changes the hub refused. Entity tables share one shape:
// uuid identity, UTC updated_at, soft delete, and the node that wrote the
// current version (the source of a losing version in object_version_history).
const TABLES = ['quarantine', 'daily_report_lines', 'daily_reports', 'brigades'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange.brigades')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('foreman', 'varchar(200)')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('origin_node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .execute();

  await db.schema
    .createTable('exchange.daily_reports')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('date', 'date', (c) => c.notNull())
    // Soft deletes keep a brigade row forever, so RESTRICT never blocks normal work.
    .addColumn('brigade_id', 'uuid', (c) => c.notNull().references('exchange.brigades.uuid').onDelete('restrict'))
    .addColumn('notes', 'varchar(2000)')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('origin_node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .execute();
  await db.schema.createIndex('daily_reports_brigade_idx').on('exchange.daily_reports').column('brigade_id').execute();

  // Lines travel inside their report and are replaced with it; `position` keeps their order.
  await db.schema
    .createTable('exchange.daily_report_lines')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('report_uuid', 'uuid', (c) => c.notNull().references('exchange.daily_reports.uuid').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('done', 'boolean', (c) => c.notNull())
    .addUniqueConstraint('daily_report_lines_position_key', ['report_uuid', 'position'])
    .execute();

  // A change the hub refused (invalid data, missing parent): kept with its reason
  // so it is reported and can be fixed, while the changes behind it carry on.
  await db.schema
    .createTable('exchange.quarantine')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('packet_no', 'bigint', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'varchar(10)', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('code', 'varchar(50)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('quarantine_open_idx')
    .on('exchange.quarantine')
    .columns(['node_id', 'id'])
    .where(sql<boolean>`resolved_at IS NULL`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(`exchange.${table}`).execute();
}
