import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

const INT8_OID = 20;
const DATE_OID = 1082;

export interface DbOptions {
  /** Pool size; see DATABASE_POOL_MAX. */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell services apart. */
  applicationName?: string;
  /**
   * Called when an idle pooled connection fails (server restart, admin
   * termination). The pool drops that connection and opens a new one on the
   * next query; without a listener pg would throw the error and kill the process.
   */
  onIdleError?: (error: Error) => void;
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
        oid === INT8_OID ? parseSafeInt : oid === DATE_OID ? keepDate : pg.types.getTypeParser(oid, format as 'text'),
    } as pg.CustomTypesConfig,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  // A connection that dies while checked out (failover, killed backend) makes pg emit 'error'
  // on that client, which pg-pool only listens to while it is idle: unhandled, it kills the
  // process. The running query still rejects, so callers see the error and may retry, and
  // the pool drops the dead client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

// A calendar date (seller inquiry_date) has no time zone; pg's default turns it
// into local midnight, which shifts the day for any zone west of the server.
function keepDate(value: string): string {
  return value;
}

function parseSafeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
}
