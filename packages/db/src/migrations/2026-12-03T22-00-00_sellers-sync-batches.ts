import { sql, type Kysely } from 'kysely';

// A batch of a seller sync commits at most once (issue #15, "reply lost after commit"). The run
// writes a batch and its key here in one transaction; when the COMMIT's reply is lost and the run
// retries the batch, the retry finds the key, writes nothing and returns the stored result. The
// rows go with their run (ON DELETE CASCADE), so the 90-day retention bounds them too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sellers.sync_batches')
    .addColumn('audit_log_id', 'uuid', (c) => c.notNull().references('sellers.sync_audit_logs.id').onDelete('cascade'))
    .addColumn('batch_key', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sync_batches_pkey', ['audit_log_id', 'batch_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sellers.sync_batches').execute();
}
