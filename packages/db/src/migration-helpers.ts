import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

// Shared by migrations only. Lives outside `src/migrations/` because the file
// provider loads every module there as a migration. Migrations are history: a
// change here alters what old migrations do on a fresh database, so only add.

/**
 * Makes `schema.table` append-only: UPDATE and DELETE (per row) and TRUNCATE
 * (per statement) raise through `platform.reject_mutation()`. The triggers go
 * when the table is dropped, so `down` needs no counterpart.
 */
export async function makeAppendOnly(db: Kysely<any>, schema: string, table: string): Promise<void> {
  const target = sql.table(`${schema}.${table}`);
  await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${target}
    FOR EACH ROW EXECUTE FUNCTION platform.reject_mutation()`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${target}
    FOR EACH STATEMENT EXECUTE FUNCTION platform.reject_mutation()`.execute(db);
}

/**
 * `column IN ('a', 'b')` for a CHECK constraint. Values are inlined as
 * literals: DDL cannot take bind parameters.
 */
export function oneOf(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** `created_at` and `updated_at`, both `timestamptz NOT NULL DEFAULT now()`. */
export function withTimestamps<T extends CreateTableBuilder<any, any>>(table: T): T {
  return table
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`)) as T;
}

/** `timestamptz NOT NULL DEFAULT now()`, for event times. */
export const now = sql`now()`;
