import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { seedClientData } from '../dev-data/generate.js';
import { meteringEntities } from '../entities/index.js';
import { createSyncDatabases, silentLog, type SyncDatabases } from '../testing/sync-databases.fixture.js';
import { runSync } from './run-sync.js';

let dbs: SyncDatabases;
beforeAll(async () => {
  dbs = await createSyncDatabases();
});
afterAll(async () => dbs?.drop());
beforeEach(async () => dbs.reset());

const sync = (tenantId: number) => runSync({ local: dbs.local, remote: dbs.remote, entities: meteringEntities, tenantId, log: silentLog });

describe('runSync on generated dev data', () => {
  test('copies a tenant, verifies it, and a second run writes nothing', async () => {
    await seedClientData(dbs.remote, { tenants: 2, metersPerTenant: 40, registersPerTenant: 10, devices: 5, links: 60 });
    const first = await sync(1);
    expect(first.errors).toEqual([]);
    expect(first.verified).toBe(true);
    expect(first.entities.meter).toMatchObject({ inserted: 40, updated: 0, deleted: 0 });
    expect(first.entities.register).toMatchObject({ inserted: 10 });
    expect(first.entities.device).toMatchObject({ inserted: 5 });
    // Links to tenant 2's registers are skipped until tenant 2 is synced.
    expect(first.entities.device_register!.inserted + first.entities.device_register!.skipped).toBe(60);
    expect(first.entities.device_register!.skipped).toBeGreaterThan(0);

    const second = await sync(1);
    for (const result of Object.values(second.entities)) {
      expect(result).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    }
    expect(second.entities.meter!.rowsRead).toBe(0);
    expect(second.verified).toBe(true);

    const tenant2 = await sync(2);
    expect(tenant2.entities.device_register!.skipped).toBe(0);
    expect(tenant2.entities.device_register!.inserted).toBe(first.entities.device_register!.skipped);
  });
});
