import { type Kysely } from 'kysely';

// seller-sync (issue #8): the run row carries what admin-gateway shows and asks for.
// Progress and cancellation live in PostgreSQL (not only in the BullMQ job) so the
// gateway reads one table and a cancel survives a worker restart.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sellers.sync_audit_logs')
    // Admin who triggered a manual run; NULL for scheduled ones.
    .addColumn('requested_by', 'varchar(255)')
    // { phase: detecting|syncing|verifying, total, processed, success, errors }, updated between batches.
    .addColumn('progress', 'jsonb')
    // Completion summary: { created, updated, unchanged, invalid, conflicts, recoveries, ... }.
    .addColumn('summary', 'jsonb')
    // Cooperative cancel: the worker checks this between batches and stops at a batch boundary.
    .addColumn('cancel_requested_at', 'timestamptz')
    .addColumn('cancel_requested_by', 'varchar(255)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sellers.sync_audit_logs')
    .dropColumn('cancel_requested_by')
    .dropColumn('cancel_requested_at')
    .dropColumn('summary')
    .dropColumn('progress')
    .dropColumn('requested_by')
    .execute();
}
