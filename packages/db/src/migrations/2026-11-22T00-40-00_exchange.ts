import { sql, type Kysely } from 'kysely';
import { makeAppendOnly, now, oneOf, withTimestamps } from '../migration-helpers.js';

// Seed 003: hub-and-spoke exchange of numbered, acknowledged, gzipped packets.
// Nodes are disabled, never deleted: their packets, version history and
// security events reference them with ON DELETE RESTRICT.
const TABLES = ['sync_nodes', 'sync_changes', 'packets', 'object_version_history', 'audit_log', 'security_events'];
const RESOLUTIONS = ['server_wins', 'latest_timestamp', 'client_wins', 'manual'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('exchange').execute();

  await db.schema
    .createTable('exchange.sync_nodes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('role', 'varchar(10)', (c) => c.notNull().defaultTo('node').check(oneOf('role', ['hub', 'node'])))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // A hash (never the token itself) of the node's bearer token (Property 26).
    .addColumn('token_hash', 'varchar(128)')
    .addColumn('schema_version', 'varchar(50)')
    .addColumn('last_sync_in', 'timestamptz')
    .addColumn('last_sync_out', 'timestamptz')
    .addColumn('received_packet_no', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`received_packet_no >= 0`))
    .addColumn('sent_packet_no', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`sent_packet_no >= 0`))
    .$call(withTimestamps)
    .execute();
  // A star has one centre.
  await db.schema
    .createIndex('sync_nodes_single_hub')
    .on('exchange.sync_nodes')
    .column('role')
    .unique()
    .where(sql<boolean>`role = 'hub'`)
    .execute();

  await db.schema
    .createTable('exchange.sync_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'varchar(10)', (c) => c.notNull().check(oneOf('operation', ['INSERT', 'UPDATE', 'DELETE'])))
    // NULL until the change is put in a packet to `node_id`.
    .addColumn('packet_no', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // The packet builder's scan: this node's unsent changes in sequence order.
  await db.schema
    .createIndex('sync_changes_pending_idx')
    .on('exchange.sync_changes')
    .columns(['node_id', 'id'])
    .where(sql<boolean>`packet_no IS NULL`)
    .execute();
  await db.schema.createIndex('sync_changes_node_packet_idx').on('exchange.sync_changes').columns(['node_id', 'packet_no']).execute();

  // Outgoing packets stay until acknowledged (Property 6). An incoming packet is
  // recorded in the transaction that applies it, so the primary key turns a
  // redelivery into a conflict instead of a second application.
  await db.schema
    .createTable('exchange.packets')
    .addColumn('node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('direction', 'varchar(10)', (c) => c.notNull().check(oneOf('direction', ['outgoing', 'incoming'])))
    .addColumn('packet_no', 'bigint', (c) => c.notNull().check(sql`packet_no >= 1`))
    .addColumn('status', 'varchar(15)', (c) =>
      c.notNull().check(oneOf('status', ['pending', 'sent', 'acknowledged', 'applied', 'rejected'])),
    )
    .addColumn('entity_count', 'integer', (c) => c.notNull().check(sql`entity_count >= 0`))
    .addColumn('schema_version', 'varchar(50)', (c) => c.notNull())
    // Gzipped envelope; may be dropped once acknowledged, the checksum stays.
    .addColumn('payload', 'bytea')
    .addColumn('payload_sha256', 'char(64)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addPrimaryKeyConstraint('packets_pkey', ['node_id', 'direction', 'packet_no'])
    .execute();
  await db.schema.createIndex('packets_status_idx').on('exchange.packets').columns(['direction', 'status']).execute();

  await db.schema
    .createTable('exchange.object_version_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('source_node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('packet_no', 'bigint')
    .addColumn('arrival_time', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('serialized_data', 'jsonb', (c) => c.notNull())
    .addColumn('conflict_resolution', 'varchar(20)', (c) => c.notNull().check(oneOf('conflict_resolution', RESOLUTIONS)))
    .execute();
  await db.schema
    .createIndex('object_version_history_entity_idx')
    .on('exchange.object_version_history')
    .columns(['entity_type', 'entity_uuid'])
    .execute();
  await makeAppendOnly(db, 'exchange', 'object_version_history');

  // Every conflict resolution decision (Property 12).
  await db.schema
    .createTable('exchange.audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull())
    .addColumn('node_id', 'uuid', (c) => c.notNull().references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('resolution', 'varchar(20)', (c) => c.notNull().check(oneOf('resolution', RESOLUTIONS)))
    .addColumn('winner', 'varchar(10)', (c) => c.notNull().check(oneOf('winner', ['server', 'client'])))
    .addColumn('version_id', 'uuid', (c) => c.references('exchange.object_version_history.id').onDelete('restrict'))
    .addColumn('details', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('exchange_audit_log_entity_idx').on('exchange.audit_log').columns(['entity_type', 'entity_uuid']).execute();
  await db.schema.createIndex('exchange_audit_log_created_at_idx').on('exchange.audit_log').column('created_at').execute();
  await makeAppendOnly(db, 'exchange', 'audit_log');

  // Rejected authentication and the like (Property 28). `claimed_node` is what
  // the caller said it was: it may name no node at all, so it is no FK.
  await db.schema
    .createTable('exchange.security_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('node_id', 'uuid', (c) => c.references('exchange.sync_nodes.id').onDelete('restrict'))
    .addColumn('claimed_node', 'varchar(200)')
    .addColumn('remote_addr', 'varchar(100)')
    .addColumn('details', 'jsonb')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('security_events_occurred_at_idx').on('exchange.security_events').column('occurred_at').execute();
  await makeAppendOnly(db, 'exchange', 'security_events');
}

export async function down(db: Kysely<any>): Promise<void> {
  // Table by table, no CASCADE: anything added here by hand makes `down` fail.
  for (const table of TABLES.toReversed()) await db.schema.dropTable(`exchange.${table}`).execute();
  await db.schema.dropSchema('exchange').execute();
}
