import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { meteringEntities } from '../entities/index.js';
import { createSyncDatabases, insertRows, silentLog, type SyncDatabases } from '../testing/sync-databases.fixture.js';
import { runSync } from './run-sync.js';

let dbs: SyncDatabases;
beforeAll(async () => {
  dbs = await createSyncDatabases();
});
afterAll(async () => dbs?.drop());
beforeEach(async () => dbs.reset());

const sync = (tenantId: number) => runSync({ local: dbs.local, remote: dbs.remote, entities: meteringEntities, tenantId, log: silentLog });
const meter = (id: number, element: number, tenant: number, name: string) => ({ id, meter_element_id: element, tenant_id: tenant, name });
const names = async (sql: string) => (await dbs.local.query<{ name: string }>(sql)).rows.map((r) => r.name);

describe('composite keys', () => {
  test('two elements of one meter are two rows, and changing one leaves the other alone', async () => {
    await insertRows(dbs.remote, 'meter', [meter(1, 1, 1, 'element one'), meter(1, 2, 1, 'element two')]);
    expect((await sync(1)).entities.meter).toMatchObject({ inserted: 2, updated: 0 });

    await dbs.remote.query(`UPDATE meter SET name = 'changed' WHERE id = 1 AND meter_element_id = 2`);
    expect((await sync(1)).entities.meter).toMatchObject({ inserted: 0, updated: 1, deleted: 0 });
    expect(await names('SELECT name FROM metering.meter ORDER BY meter_element_id')).toEqual(['element one', 'changed']);

    await dbs.remote.query(`DELETE FROM meter WHERE id = 1 AND meter_element_id = 1`);
    expect((await sync(1)).entities.meter).toMatchObject({ deleted: 1 });
    expect(await names('SELECT name FROM metering.meter')).toEqual(['changed']);
  });
});

describe('tenant isolation', () => {
  test("a tenant's run neither copies nor deletes another tenant's rows", async () => {
    await insertRows(dbs.remote, 'meter', [meter(1, 1, 1, 'mine'), meter(2, 1, 2, 'theirs')]);
    await insertRows(dbs.local, 'metering.meter', [meter(3, 1, 2, 'theirs, only local')]);
    const result = await sync(1);
    expect(result.entities.meter).toMatchObject({ inserted: 1, deleted: 0, remoteRows: 1 });
    expect(await names('SELECT name FROM metering.meter ORDER BY id')).toEqual(['mine', 'theirs, only local']);
    expect(result.verified).toBe(true);
  });
});

describe('dependency order', () => {
  test('deletes links before their register and inserts registers before their links, in one run', async () => {
    await insertRows(dbs.remote, 'device', [{ id: 1, name: 'd1' }]);
    await insertRows(dbs.remote, 'register', [{ id: 1, tenant_id: 1, name: 'old', register: 1 }]);
    await insertRows(dbs.remote, 'device_register', [{ id: 1, device_id: 1, register_id: 1 }]);
    expect((await sync(1)).errors).toEqual([]);

    // Register 1 and its link go; register 2 and a link to it arrive.
    await dbs.remote.query('TRUNCATE register, device_register');
    await insertRows(dbs.remote, 'register', [{ id: 2, tenant_id: 1, name: 'new', register: 2 }]);
    await insertRows(dbs.remote, 'device_register', [{ id: 2, device_id: 1, register_id: 2 }]);
    const result = await sync(1);
    expect(result.errors).toEqual([]);
    expect(result.entities.register).toMatchObject({ inserted: 1, deleted: 1 });
    expect(result.entities.device_register).toMatchObject({ inserted: 1, deleted: 1, skipped: 0 });
  });

  test('a link whose register the remote deleted is removed with it and reported as skipped, not as a failure', async () => {
    await insertRows(dbs.remote, 'device', [{ id: 1, name: 'd1' }]);
    await insertRows(dbs.remote, 'register', [{ id: 1, tenant_id: 1, name: 'r', register: 1 }]);
    await insertRows(dbs.remote, 'device_register', [{ id: 1, device_id: 1, register_id: 1 }]);
    await sync(1);
    await dbs.remote.query('DELETE FROM register');
    const result = await sync(1);
    expect(result.errors).toEqual([]);
    expect(result.entities.device_register).toMatchObject({ deleted: 1, skipped: 1, skippedKeys: [{ device_id: 1, register_id: 1 }] });
    expect(result.verified).toBe(true);
  });
});
