import { sql, type Kysely } from 'kysely';

// seller-sync history stays bounded:
// 1. One record-log row can stand for many sellers: a run writes per-seller rows for what it
//    created / updated / failed / skipped on purpose, and ONE summary row for the sellers it found
//    unchanged (`seller_count`, `seller_numbers`), instead of 100 000 identical `skip` rows.
// 2. Spec 002 keeps audit logs 90 days. The append-only rule still refuses every UPDATE and every
//    DELETE of a row younger than 90 days; only expired rows may be deleted (batched purge).
const LOG_TABLES = ['sync_record_logs', 'sync_error_logs'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sellers.sync_record_logs')
    .addColumn('seller_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seller_numbers', sql`text[]`)
    .execute();
  await sql`ALTER TABLE sellers.sync_record_logs ADD CONSTRAINT sync_record_logs_summary_count_check
    CHECK (seller_numbers IS NULL OR seller_count = cardinality(seller_numbers))`.execute(db);
  await sql`CREATE INDEX sync_record_logs_seller_numbers_idx ON sellers.sync_record_logs USING gin (seller_numbers)`.execute(db);
  await sql`CREATE INDEX sync_record_logs_occurred_at_idx ON sellers.sync_record_logs (occurred_at)`.execute(db);
  await sql`CREATE INDEX sync_error_logs_occurred_at_idx ON sellers.sync_error_logs (occurred_at)`.execute(db);

  await sql`
    CREATE FUNCTION sellers.reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - interval '90 days' THEN
        RETURN OLD;
      END IF;
      -- Same wording as platform.reject_mutation: only a DELETE of an expired row gets through.
      RAISE EXCEPTION '% on %.% is not allowed: the table is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  for (const table of LOG_TABLES) {
    await sql`DROP TRIGGER ${sql.id(`${table}_append_only`)} ON ${sql.table(`sellers.${table}`)}`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(`sellers.${table}`)}
      FOR EACH ROW EXECUTE FUNCTION sellers.reject_mutation()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of LOG_TABLES) {
    await sql`DROP TRIGGER ${sql.id(`${table}_append_only`)} ON ${sql.table(`sellers.${table}`)}`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(`sellers.${table}`)}
      FOR EACH ROW EXECUTE FUNCTION platform.reject_mutation()`.execute(db);
  }
  await sql`DROP FUNCTION sellers.reject_mutation()`.execute(db);
  await sql`DROP INDEX sellers.sync_error_logs_occurred_at_idx`.execute(db);
  await sql`DROP INDEX sellers.sync_record_logs_occurred_at_idx`.execute(db);
  await sql`DROP INDEX sellers.sync_record_logs_seller_numbers_idx`.execute(db);
  await db.schema.alterTable('sellers.sync_record_logs').dropConstraint('sync_record_logs_summary_count_check').execute();
  await db.schema.alterTable('sellers.sync_record_logs').dropColumn('seller_numbers').dropColumn('seller_count').execute();
}
