import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedClientData } from '../dev-data/generate.js';
import { meteringEntities } from '../entities/index.js';
import { createSyncDatabases, silentLog, type SyncDatabases } from '../testing/sync-databases.fixture.js';
import { runSync, type SyncProgress } from './run-sync.js';

let dbs: SyncDatabases;
beforeAll(async () => {
  dbs = await createSyncDatabases();
});
afterAll(async () => dbs?.drop());

/** What a killed worker looks like to PostgreSQL: its session ends and the open transaction rolls back. */
async function killEngineSessions(): Promise<void> {
  const admin = new pg.Client({ connectionString: (dbs.local.options as { connectionString: string }).connectionString });
  await admin.connect();
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  await admin.end();
}

describe('a run interrupted by a killed worker', () => {
  test('leaves every table before or after its step, and the next run completes with exact counts', async () => {
    await seedClientData(dbs.remote, { tenants: 1, metersPerTenant: 400, registersPerTenant: 30, devices: 10, links: 200 });
    const killAt = (progress: SyncProgress) => progress.phase === 'upsert' && progress.entity === 'device_register';
    await expect(
      runSync({
        local: dbs.local,
        remote: dbs.remote,
        entities: meteringEntities,
        tenantId: 1,
        log: silentLog,
        retry: { retries: 0 },
        onProgress: async (p) => (killAt(p) ? killEngineSessions() : undefined),
      }),
    ).rejects.toThrow();

    const count = async (table: string) => Number((await dbs.local.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    // Steps that committed are whole; the killed one left nothing.
    expect(await count('metering.meter')).toBe(400);
    expect(await count('metering.register')).toBe(30);
    expect(await count('metering.device_register')).toBe(0);

    const next = await runSync({ local: dbs.local, remote: dbs.remote, entities: meteringEntities, tenantId: 1, log: silentLog });
    expect(next.verified).toBe(true);
    expect(next.entities.meter).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(next.entities.device_register).toMatchObject({ inserted: 200, updated: 0, deleted: 0, skipped: 0 });
    expect(await count('metering.device_register')).toBe(200);
  });
});
