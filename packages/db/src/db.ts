import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

const INT8_OID = 20;

export interface DbOptions {
  /** Pool size; see DATABASE_POOL_MAX. */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell services apart. */
  applicationName?: string;
}

/**
 * Opens a pooled connection. Call `db.destroy()` on shutdown.
 *
 * @example
 * const db = createDb(config.DATABASE_URL, { max: 10, applicationName: 'device-poller' });
 */
export function createDb(connectionString: string, options: DbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName,
    // Counts, ids and fencing tokens are int8; every one of ours stays far below
    // 2^53, so numbers beat strings at every call site. A larger one is a bug: fail.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseSafeInt : pg.types.getTypeParser(oid, format as 'text'),
    } as pg.CustomTypesConfig,
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function parseSafeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
}
