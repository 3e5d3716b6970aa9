import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLIENT_TABLES } from '../dev-data/client-schema.js';
import { meteringEntities } from '../entities/index.js';
import { createSyncDatabases, dumpTables, silentLog, type SyncDatabases } from '../testing/sync-databases.fixture.js';
import { loadWorld, TENANTS, worldArb, type World } from '../testing/world.arbitrary.js';
import { keyColumns } from './metadata.js';
import { runSync } from './run-sync.js';

// Seed 004 Properties 5-7, against two real databases reused across runs.
let dbs: SyncDatabases;
beforeAll(async () => {
  dbs = await createSyncDatabases();
});
afterAll(async () => dbs?.drop());

const sync = (tenantId: number) => runSync({ local: dbs.local, remote: dbs.remote, entities: meteringEntities, tenantId, log: silentLog });

async function arrange(before: World, after: World, presynced: readonly number[]) {
  await dbs.reset();
  await loadWorld(dbs.remote, before);
  for (const t of presynced) expect((await sync(t)).errors).toEqual([]);
  await loadWorld(dbs.remote, after);
}

const scenario = fc.record({
  before: worldArb,
  after: worldArb,
  presynced: fc.subarray([...TENANTS], { maxLength: 2 }),
  tenant: fc.constantFrom(...TENANTS),
});

/** Every local row of every entity, by key, values without `synced_at` (ours, not synced). */
async function snapshot(): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const entity of meteringEntities) {
    const { rows } = await dbs.local.query<Record<string, unknown>>(`SELECT * FROM ${entity.localTable}`);
    out.set(
      entity.name,
      new Map(rows.map(({ synced_at: _ignored, ...row }) => [keyColumns(entity).map((k) => row[k]).join('/'), JSON.stringify(row)])),
    );
  }
  return out;
}

describe('meter-sync correctness properties (seed 004)', () => {
  test('Feature: meter-sync, Property 5: Sync Result Accuracy', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const old = await snapshot();
        const result = await sync(tenant);
        const now = await snapshot();
        for (const entity of meteringEntities) {
          const a = old.get(entity.name)!;
          const b = now.get(entity.name)!;
          const actual = {
            inserted: [...b.keys()].filter((k) => !a.has(k)).length,
            updated: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).length,
            deleted: [...a.keys()].filter((k) => !b.has(k)).length,
          };
          const reported = result.entities[entity.name]!;
          expect({ entity: entity.name, inserted: reported.inserted, updated: reported.updated, deleted: reported.deleted }).toEqual({
            entity: entity.name,
            ...actual,
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: meter-sync, Property 6: Tenant Isolation for Registers', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const registers = async () => (await dbs.local.query<{ id: number; tenant_id: number }>('SELECT id, tenant_id FROM metering.register')).rows;
        const old = await registers();
        await sync(tenant);
        const now = await registers();
        const remoteOfTenant = new Set(after.register.filter((r) => r.tenant_id === tenant).map((r) => r.id));
        // The tenant's local registers are exactly its remote ones...
        expect(new Set(now.filter((r) => r.tenant_id === tenant).map((r) => r.id))).toEqual(remoteOfTenant);
        // ...and no other tenant's register was added, changed or removed (except ids the remote moved to this tenant).
        const others = (rows: typeof now) => rows.filter((r) => r.tenant_id !== tenant && !remoteOfTenant.has(r.id)).map((r) => `${r.id}/${r.tenant_id}`).sort();
        expect(others(now)).toEqual(others(old));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: meter-sync, Property 7: No Remote Database Modification', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ before, after, presynced, tenant }) => {
        await arrange(before, after, presynced);
        const dumpBefore = await dumpTables(dbs.remote, CLIENT_TABLES);
        const result = await sync(tenant);
        expect(result.success).toBe(true);
        expect(await dumpTables(dbs.remote, CLIENT_TABLES)).toEqual(dumpBefore);
      }),
      { numRuns: 100 },
    );
  });
});
