import pg from 'pg';
import { createLogger } from '@platform/runtime';
import { createTestDatabase, type TestDatabase } from '@platform/testkit';
import { CLIENT_TABLES, createClientSchema } from '../dev-data/client-schema.js';

export const silentLog = createLogger({ service: 'meter-sync-test', level: 'silent' });

export interface SyncDatabases {
  /** Migrated platform database (metering.*). */
  local: pg.Pool;
  /** Client-system database (public.meter, ...). */
  remote: pg.Pool;
  /** Empties both sides, for reuse between property runs. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

const LOCAL_TABLES = ['metering.device_register', 'metering.meter', 'metering.register', 'metering.device'];

/** Two real databases: the local one migrated, the remote one with the client-system schema. */
export async function createSyncDatabases(): Promise<SyncDatabases> {
  const databases: TestDatabase[] = [await createTestDatabase(), await createTestDatabase({ migrated: false })];
  const [localDb, remoteDb] = databases as [TestDatabase, TestDatabase];
  const local = new pg.Pool({ connectionString: localDb.url, max: 3 });
  const remote = new pg.Pool({ connectionString: remoteDb.url, max: 3 });
  // Idle connections ended by a test (pg_terminate_backend) must not crash the worker.
  for (const pool of [local, remote]) pool.on('error', () => undefined);
  await createClientSchema(remote);
  return {
    local,
    remote,
    async reset() {
      await remote.query(`TRUNCATE ${CLIENT_TABLES.join(', ')}`);
      await local.query(`TRUNCATE ${LOCAL_TABLES.join(', ')}`);
    },
    async drop() {
      await Promise.all([local.end(), remote.end()]);
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

/** Multi-row INSERT of plain objects (all with the same keys) into `table`. */
export async function insertRows(pool: pg.Pool, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((c) => `$${params.push(row[c])}`).join(', ')})`);
  await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/** Every row of every table listed, as JSON text, ordered: equal dumps mean equal contents. */
export async function dumpTables(pool: pg.Pool, tables: readonly string[], omit: readonly string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} AS t`);
    out[table] = rows
      .map(({ row }) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
  }
  return out;
}

export const LOCAL_METERING_TABLES = LOCAL_TABLES;
