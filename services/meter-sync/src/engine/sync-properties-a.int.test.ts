import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { meteringEntities } from '../entities/index.js';
import { createSyncDatabases, dumpTables, LOCAL_METERING_TABLES, silentLog, type SyncDatabases } from '../testing/sync-databases.fixture.js';
import { loadWorld, TENANTS, worldArb } from '../testing/world.arbitrary.js';
import { runSync } from './run-sync.js';

// Seed 004 Properties 1-4, against two real databases reused across runs.
let dbs: SyncDatabases;
beforeAll(async () => {
  dbs = await createSyncDatabases();
});
afterAll(async () => dbs?.drop());

const sync = (tenantId: number) => runSync({ local: dbs.local, remote: dbs.remote, entities: meteringEntities, tenantId, log: silentLog });
const tenantArb = fc.constantFrom(...TENANTS);
const localState = () => dumpTables(dbs.local, LOCAL_METERING_TABLES, ['synced_at']);

/** Local side synced from `before` for some tenants, then the remote replaced by `after`. */
async function arrange(before: Parameters<typeof loadWorld>[1], after: Parameters<typeof loadWorld>[1], presynced: readonly number[]) {
  await dbs.reset();
  await loadWorld(dbs.remote, before);
  for (const t of presynced) expect((await sync(t)).errors).toEqual([]);
  await loadWorld(dbs.remote, after);
}

const scenario = fc.record({
  before: worldArb,
  after: worldArb,
  presynced: fc.subarray([...TENANTS], { maxLength: 2 }),
  tenant: tenantArb,
});

describe('meter-sync correctness properties (seed 004)', () => {
  test('Feature: meter-sync, Property 1: Register Sync Idempotence', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const once = await sync(tenant);
        const stateOnce = await localState();
        const twice = await sync(tenant);
        expect(await localState()).toEqual(stateOnce);
        expect(once.verified && twice.verified).toBe(true);
        for (const entity of Object.values(twice.entities)) {
          expect({ entity: entity.entity, inserted: entity.inserted, updated: entity.updated, deleted: entity.deleted }).toEqual({
            entity: entity.entity, inserted: 0, updated: 0, deleted: 0,
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: meter-sync, Property 2: Device Register Referential Integrity', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const result = await sync(tenant);
        const { rows } = await dbs.local.query<{ dangling: number }>(
          `SELECT count(*)::int AS dangling FROM metering.device_register dr
           WHERE NOT EXISTS (SELECT 1 FROM metering.device d WHERE d.id = dr.device_id)
              OR NOT EXISTS (SELECT 1 FROM metering.register r WHERE r.id = dr.register_id)`,
        );
        expect(rows[0]!.dangling).toBe(0);
        // Every remote link is either copied or skipped (and counted), never silently lost.
        const localLinks = await dbs.local.query('SELECT 1 FROM metering.device_register');
        expect(localLinks.rowCount).toBe(after.device_register.length - result.entities.device_register!.skipped);
        const localRegisters = new Set((await dbs.local.query<{ id: number }>('SELECT id FROM metering.register')).rows.map((r) => r.id));
        const remoteDevices = new Set(after.device.map((d) => d.id));
        const expectedSkipped = after.device_register.filter((l) => !remoteDevices.has(l.device_id) || !localRegisters.has(l.register_id as number));
        expect(result.entities.device_register!.skipped).toBe(expectedSkipped.length);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: meter-sync, Property 3: Register Deletion Consistency', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const beforeIds = (await dbs.local.query<{ id: number }>('SELECT id FROM metering.register WHERE tenant_id = $1', [tenant])).rows.map((r) => r.id);
        await sync(tenant);
        const remoteIds = new Set(after.register.filter((r) => r.tenant_id === tenant).map((r) => r.id));
        const afterIds = new Set((await dbs.local.query<{ id: number }>('SELECT id FROM metering.register')).rows.map((r) => r.id));
        for (const id of beforeIds) if (!remoteIds.has(id)) expect(afterIds.has(id), `register ${id} should be deleted`).toBe(false);
        const tenantIds = (await dbs.local.query<{ id: number }>('SELECT id FROM metering.register WHERE tenant_id = $1', [tenant])).rows.map((r) => r.id);
        expect(new Set(tenantIds)).toEqual(remoteIds);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: meter-sync, Property 4: Device Register Deletion Consistency', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const key = (l: Record<string, unknown>) => `${l.device_id}/${l.register_id}`;
        const beforeKeys = (await dbs.local.query('SELECT device_id, register_id FROM metering.device_register')).rows.map(key);
        await sync(tenant);
        const remoteKeys = new Set(after.device_register.map(key));
        const afterKeys = new Set((await dbs.local.query('SELECT device_id, register_id FROM metering.device_register')).rows.map(key));
        for (const k of beforeKeys) if (!remoteKeys.has(k)) expect(afterKeys.has(k), `link ${k} should be deleted`).toBe(false);
        for (const k of afterKeys) expect(remoteKeys.has(k)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
