import { sql, type Kysely } from 'kysely';

// Core of the `platform` schema: the append-only guard every audit table uses,
// and the lock ledger + fencing table behind @platform/lock.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('platform').ifNotExists().execute();

  // Audit rows are evidence: the database itself refuses to change or remove
  // them, so neither a bug nor a hand-typed query can rewrite history.
  await sql`
    CREATE FUNCTION platform.reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on %.% is not allowed: the table is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);

  // Every lock event, for operators and Property 17 ("both events logged").
  await db.schema
    .createTable('platform.sync_locks')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('lock_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('event', 'varchar(30)', (c) =>
      c.notNull().check(sql`event IN ('acquired', 'released', 'extended', 'extend_failed', 'max_hold_exceeded', 'acquire_failed')`),
    )
    .addColumn('acquired_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('fencing_token', 'bigint')
    .addColumn('acquired_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('details', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sync_locks_key_created_idx').on('platform.sync_locks').columns(['lock_key', 'created_at']).execute();
  await sql`CREATE TRIGGER sync_locks_append_only BEFORE UPDATE OR DELETE ON platform.sync_locks
    FOR EACH ROW EXECUTE FUNCTION platform.reject_mutation()`.execute(db);
  await sql`CREATE TRIGGER sync_locks_no_truncate BEFORE TRUNCATE ON platform.sync_locks
    FOR EACH STATEMENT EXECUTE FUNCTION platform.reject_mutation()`.execute(db);

  // One row per lock resource: the current fencing token and lease. PostgreSQL,
  // not Redis, issues the token, so the check and the guarded write share one
  // source of truth and one transaction.
  await db.schema
    .createTable('platform.lock_fences')
    .addColumn('resource', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('token', 'bigint', (c) => c.notNull())
    .addColumn('holder', 'varchar(200)', (c) => c.notNull())
    .addColumn('lease_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.lock_fences').execute();
  await db.schema.dropTable('platform.sync_locks').execute();
  await sql`DROP FUNCTION platform.reject_mutation()`.execute(db);
  // The `platform` schema itself stays: it holds kysely's migration bookkeeping.
}
