import { sql, type Kysely } from 'kysely';
import { now, oneOf } from '../migration-helpers.js';

// Fan-out from one ordered change log instead of a queue row per change per
// node (`sync_changes`): at 10 nodes the queue wrote 9 rows per uploaded change
// and end-to-end sync stalled near 1,000 changes/s. Each node now keeps a
// cursor into the log; packets are cut from shared, immutable segments.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange.change_log')
    // Positions are assigned under a transaction-level advisory lock held to
    // commit (see appendChangeLog), so a committed position is never followed
    // by a lower one becoming visible: a cursor cannot skip a row.
    .addColumn('position', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'varchar(10)', (c) => c.notNull().check(oneOf('operation', ['INSERT', 'UPDATE', 'DELETE'])))
    // The node the change came from never gets it back (unless targeted).
    .addColumn('origin_node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    // Set: only this node gets it (a conflict's winner, a quarantined change's hub version, an initial image).
    .addColumn('target_node_id', 'uuid', (c) => c.references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // Conflict detection: "a change to this entity after the node's cursor".
  await db.schema.createIndex('change_log_entity_idx').on('exchange.change_log').columns(['entity_uuid', 'position']).execute();

  // A cut of the log, built once (entities read, serialised, gzipped) and served
  // to every node whose cursor is at `start_position`; immutable, so a resent
  // packet carries the same entities. Dropped with the log below every cursor.
  await db.schema
    .createTable('exchange.log_segments')
    .addColumn('start_position', 'bigint', (c) => c.primaryKey())
    .addColumn('end_position', 'bigint', (c) => c.notNull())
    .addColumn('entity_count', 'integer', (c) => c.notNull().check(sql`entity_count >= 0`))
    .addColumn('payload', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('log_segments_range', sql`end_position > start_position`)
    .execute();

  // The last log position the node acknowledged (everything up to it is delivered or not for it).
  await db.schema.alterTable('exchange.sync_nodes').addColumn('log_cursor', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`log_cursor >= 0`)).execute();
  // An outgoing packet is the node's view of the segment starting at `log_from`; acknowledging it moves the cursor to `log_to`.
  await db.schema.alterTable('exchange.packets').addColumn('log_from', 'bigint').addColumn('log_to', 'bigint').execute();

  await db.schema.dropTable('exchange.sync_changes').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange.sync_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'varchar(10)', (c) => c.notNull().check(oneOf('operation', ['INSERT', 'UPDATE', 'DELETE'])))
    .addColumn('packet_no', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('sync_changes_pending_idx').on('exchange.sync_changes').columns(['node_id', 'id']).where(sql<boolean>`packet_no IS NULL`).execute();
  await db.schema.createIndex('sync_changes_node_packet_idx').on('exchange.sync_changes').columns(['node_id', 'packet_no']).execute();
  await db.schema.alterTable('exchange.packets').dropColumn('log_from').dropColumn('log_to').execute();
  await db.schema.alterTable('exchange.sync_nodes').dropColumn('log_cursor').execute();
  await db.schema.dropTable('exchange.log_segments').execute();
  await db.schema.dropTable('exchange.change_log').execute();
}
