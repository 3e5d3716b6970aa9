import { sql, type Kysely } from 'kysely';
import { now, oneOf } from '../migration-helpers.js';

// meter-sync run history (issue #7): one row per run of one tenant, written by
// meter-sync, read by admin-gateway (history with counts and duration, and the
// progress of the run in flight). Values inlined: migrations never import app code. A caller may pre-create the row ('queued') and
// pass its id as the job's `runId` to follow it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metering.sync_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('job_id', 'varchar(255)')
    /** `{ phase, entity, done, total }` while running. */
    .addColumn('progress', 'jsonb')
    /** The engine's SyncResult: per-entity counts, skipped keys, verification. */
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('duration_ms', 'integer')
    .addCheckConstraint('sync_runs_trigger_check', oneOf('trigger', ['scheduled', 'manual']))
    .addCheckConstraint('sync_runs_status_check', oneOf('status', ['queued', 'running', 'succeeded', 'failed']))
    .execute();
  // History page: newest runs of one tenant first.
  await db.schema.createIndex('sync_runs_tenant_created_idx').on('metering.sync_runs').expression(sql`tenant_id, created_at DESC`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metering.sync_runs').execute();
}
