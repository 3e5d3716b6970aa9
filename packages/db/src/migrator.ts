import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, NO_MIGRATIONS, type Kysely, type MigrationResult } from 'kysely';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A migration failed; kysely's migrator reports this instead of throwing. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly migration: string | undefined,
    readonly direction: 'up' | 'down',
    override readonly cause: unknown,
    /** What ran before the failure (Success), the failure (Error), and what was skipped (NotExecuted). */
    readonly results: readonly MigrationResult[] = [],
  ) {
    super(`migration ${migration ?? '(unknown)'} failed going ${direction}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    migrationTableSchema: 'platform',
  });
}

async function run(db: Kysely<any>, direction: 'up' | 'down', step: (m: Migrator) => ReturnType<Migrator['migrateToLatest']>) {
  // The migrator keeps its bookkeeping tables in `platform`; it must exist first.
  await db.schema.createSchema('platform').ifNotExists().execute();
  const { error, results = [] } = await step(createMigrator(db));
  if (error) throw new MigrationError(results.find((r) => r.status === 'Error')?.migrationName, direction, error, results);
  return results;
}

/** Applies every pending migration; throws {@link MigrationError} on failure. */
export function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  return run(db, 'up', (m) => m.migrateToLatest());
}

/** Reverts the most recent migration. */
export function migrateDown(db: Kysely<any>): Promise<MigrationResult[]> {
  return run(db, 'down', (m) => m.migrateDown());
}

/** Reverts every migration, leaving an empty database (bar the bookkeeping tables). */
export function migrateToZero(db: Kysely<any>): Promise<MigrationResult[]> {
  return run(db, 'down', (m) => m.migrateTo(NO_MIGRATIONS));
}
