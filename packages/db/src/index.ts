export { createDb } from './db.js';
export type { DbOptions } from './db.js';
export type { Database } from './database.js';
export { createMigrator, migrateDown, migrateToLatest, migrateToZero, MigrationError, MIGRATIONS_DIR } from './migrator.js';
export type { Kysely, Transaction } from 'kysely';
export * from './tables/sync-lock.table.js';
export * from './tables/lock-fence.table.js';
