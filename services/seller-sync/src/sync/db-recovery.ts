import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Database, Kysely } from '@platform/db';

// Connection-class failures: the server went away or the socket broke (SQLSTATE class 08,
// admin shutdown 57P01-57P03) or the driver lost the connection. Constraint errors are not here.
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && (e.code.startsWith('08') || CONNECTION_CODES.has(e.code))) return true;
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error|terminating connection/i.test(e?.message ?? '');
}

/** A recovery the run performed, kept in its audit summary (Property 31). */
export interface RecoveryAction {
  kind: 'network_retry' | 'db_reconnect' | 'gap_resync';
  at: string;
  detail: string;
}

/**
 * Runs `op`; on a lost connection, reconnects (waits until `SELECT 1` answers, up to
 * `reconnectTimeoutMs`) and runs it once more (spec 002 Req 7.2). `op` must be a whole
 * transaction so the retry starts clean.
 */
export async function withDbReconnect<T>(
  db: Kysely<Database>,
  op: () => Promise<T>,
  onRecovered: (action: RecoveryAction) => void,
  reconnectTimeoutMs = 10_000,
): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!isConnectionError(err)) throw err;
    const started = Date.now();
    for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        await sql`SELECT 1`.execute(db);
        break;
      } catch (again) {
        if (!isConnectionError(again) || Date.now() - started > reconnectTimeoutMs) throw err;
        await sleep(delay);
      }
    }
    const result = await op();
    onRecovered({ kind: 'db_reconnect', at: new Date().toISOString(), detail: `database connection lost (${(err as Error).message}); reconnected after ${Date.now() - started} ms and retried once` });
    return result;
  }
}
