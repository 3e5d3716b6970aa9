import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { Migrator, NO_MIGRATIONS, type Migration, type MigrationProvider, type MigrationResult } from 'kysely/migration';

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

/**
 * Loads `src/migrations/*.ts`. Not kysely's FileMigrationProvider: its
 * `import()` runs inside node_modules, where neither vitest nor tsx transform
 * TypeScript, so under vitest it fails with ERR_UNKNOWN_FILE_EXTENSION. An
 * `import()` from this file goes through whichever loader loaded us.
 */
class MigrationDirectoryProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
      const match = /^(.+)\.(?:ts|js|mts|mjs)$/.exec(file);
      if (!match?.[1] || file.endsWith('.d.ts')) continue;
      migrations[match[1]] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new MigrationDirectoryProvider(),
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
