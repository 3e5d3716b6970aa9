import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { fencedWrite } from '@platform/lock';
import { createProducer } from '@platform/queues';
import { describe, expect, test, TEST_REDIS_URL } from '@platform/testkit';
import { seedClientData } from './dev-data/generate.js';
import { syncOrder } from './engine/dependency-order.js';
import type { EntityMetadata } from './engine/metadata.js';
import type { SyncResult } from './engine/result.js';
import { runSync } from './engine/run-sync.js';
import { meteringEntities } from './entities/index.js';
import { createJobWorld, settledJob, waitForBlockedEngine, type JobWorld } from './testing/job-world.fixture.js';
import { startService, waitFor, type ServiceProcess } from './testing/service-process.js';
import { silentLog } from './testing/sync-databases.fixture.js';

// Long enough that the holder's extensions (every ttl/3) cannot all be late on a
// loaded CI box while its step is parked; the test then waits out this ttl once.
const LOCK_TTL_MS = 15_000;
// main.ts locks `lock:meter-sync:tenant:<id>` (no per-test prefix): a tenant id no other test uses keeps the key ours.
const TENANT = randomInt(100_000, 900_000_000);
const BLOCKER_REGISTER = 1_015;
const order = syncOrder(meteringEntities);

let world: JobWorld;
beforeAll(async () => {
  world = await createJobWorld();
  await seedClientData(world.remote, { tenants: 1, metersPerTenant: 2_000, registersPerTenant: 200, devices: 40, links: 1_500 });
  await world.remote.query(`UPDATE meter SET tenant_id = $1; UPDATE register SET tenant_id = $1`.replaceAll('$1', String(TENANT)));
});
afterAll(() => world?.close());

/** A table as `key -> row JSON` over the entity's columns (synced_at left out: it is ours, not the remote's). */
type Table = Map<string, string>;
async function readTable(pool: pg.Pool, entity: EntityMetadata, table: string): Promise<Table> {
  const keys = typeof entity.primaryKey === 'string' ? [entity.primaryKey] : entity.primaryKey;
  const cols = entity.columns.map((c) => c.name);
  const where = entity.tenantFiltered ? ` WHERE tenant_id = ${TENANT}` : '';
  const { rows } = await pool.query<Record<string, unknown>>(`SELECT ${cols.join(', ')} FROM ${table}${where}`);
  return new Map(rows.map((r) => [keys.map((k) => String(r[k])).join('/'), JSON.stringify(cols.map((c) => r[c]))]));
}
const readLocal = async () => new Map(await Promise.all(order.map(async (e) => [e.name, await readTable(world.localPool, e, e.localTable)] as const)));
const readRemote = async () => new Map(await Promise.all(order.map(async (e) => [e.name, await readTable(world.remote, e, e.tableName)] as const)));
const restrict = (t: Table, keysOf: Table): Table => new Map([...t].filter(([k]) => keysOf.has(k)));
const same = (a: Table, b: Table) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
function diff(from: Table, to: Table) {
  let inserted = 0, updated = 0, deleted = 0;
  for (const [k, v] of to) if (!from.has(k)) inserted++; else if (from.get(k) !== v) updated++;
  for (const k of from.keys()) if (!to.has(k)) deleted++;
  return { inserted, updated, deleted };
}

/** Client-system changes for the second run: every entity gets deletes, updates and inserts. */
const REMOTE_CHANGES = `
  DELETE FROM device_register WHERE device_id <= 4 OR register_id <= 10 OR id % 30 = 0;
  UPDATE device_register SET updated_at = updated_at + interval '1 day' WHERE id % 30 = 7;
  DELETE FROM device WHERE id <= 4;
  UPDATE device SET name = name || ' (moved)' WHERE id BETWEEN 5 AND 10;
  INSERT INTO device (id, name, active) SELECT g, 'new device ' || g, true FROM generate_series(1001, 1005) g;
  DELETE FROM register WHERE id <= 10;
  UPDATE register SET unit = 'MWh' WHERE id BETWEEN 11 AND 30;
  INSERT INTO register (id, tenant_id, name, register, unit, field_name) SELECT g, ${TENANT}, 'new register ' || g, g, 'kWh', 'f' || g FROM generate_series(1001, 1030) g;
  DELETE FROM meter WHERE id % 20 = 0;
  UPDATE meter SET ip = '192.168.0.' || (id % 250) WHERE id % 20 = 1;
  INSERT INTO meter (id, meter_element_id, tenant_id, device_id, name, active, ip, port, element) SELECT 5000 + g, 1, ${TENANT}, 1001, 'new meter ' || g, true, '10.9.9.' || g, 502, 'A' FROM generate_series(1, 100) g;
  INSERT INTO device_register (id, device_id, register_id) SELECT 9000 + d * 100 + r, d, r FROM generate_series(1001, 1005) d, generate_series(1001, 1010) r;`;

describe('meter-sync worker killed mid-run (real process, SIGKILL)', () => {
  // Two real worker processes boot and sync here; the waits inside add up to minutes on a loaded box.
  test('leaves every table at a committed step boundary, a run row and lock that do not stick, and the next process finishes with exact counts', { timeout: 600_000 }, async ({ redis, prefix }) => {
    const first = await runSync({ local: world.localPool, remote: world.remote, entities: meteringEntities, tenantId: TENANT, log: silentLog });
    expect(first.verified).toBe(true);
    const before = await readLocal();
    await world.remote.query(REMOTE_CHANGES);

    const env = {
      NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: world.local.url, CLIENT_SYSTEM_DATABASE_URL: world.remoteDb.url, REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', METER_SYNC_INTERVAL_MS: '3600000', METER_SYNC_LOCK_TTL_MS: String(LOCK_TTL_MS),
    };
    const processes: ServiceProcess[] = [];
    const producer = createProducer({ connection: redis, prefix });
    // An uncommitted row with the key of one new register: register's upsert step (its UPDATE done,
    // INSERT part-way) waits on it, so the kill lands inside an open step transaction with writes in it.
    const blocker = new pg.Client({ connectionString: world.local.url });
    await blocker.connect();
    const lockKey = `lock:meter-sync:tenant:${TENANT}`;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO metering.register (id, tenant_id, name, register) VALUES ($1, $2, 'blocker', 0)`, [BLOCKER_REGISTER, TENANT]);
      // 1. The real worker boots with the tenant scheduled (first run at once) and is killed mid-step.
      const worker = startService({ ...env, METER_SYNC_TENANTS: String(TENANT) });
      processes.push(worker);
      await waitForBlockedEngine(world.local.url, 120_000).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${worker.output()}`);
      });
      await worker.kill();
      await blocker.query('ROLLBACK');
      // The dead worker's backend ends once it next talks to the closed socket: its step rolls back and
      // the session-level apply lock (which the next run needs) goes with it.
      await waitFor('the killed worker\'s apply lock to be released', async () => {
        const { rows } = await world.localPool.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
          WHERE l.locktype = 'advisory' AND d.datname = current_database()`);
        return rows[0].n === 0;
      }, 120_000, 25);
      const killed = await readLocal();

      // 2. Each table is exactly the state of a committed step: deletes children-first, then upserts parents-first.
      const after = await readRemote(); // what the next run must reach
      const stateOf = (e: EntityMetadata) => {
        const t = killed.get(e.name)!;
        const old = before.get(e.name)!;
        if (same(t, after.get(e.name)!)) return 'upserted';
        if (same(t, restrict(old, after.get(e.name)!))) return 'deleted';
        return same(t, old) ? 'old' : 'torn';
      };
      const steps = [...[...order].reverse().map((e) => ({ e, state: 'deleted' })), ...order.map((e) => ({ e, state: 'upserted' }))];
      const committedSteps = (k: number) => Object.fromEntries(order.map((e) => [e.name, steps.slice(0, k).filter((s) => s.e === e).at(-1)?.state ?? 'old']));
      const states = Object.fromEntries(order.map((e) => [e.name, stateOf(e)]));
      // The kill landed in register's upsert: every delete and meter's upsert committed, nothing of the rest.
      expect(states).toEqual(committedSteps(steps.findIndex((s) => s.e.name === 'register' && s.state === 'upserted')));
      expect(states).toEqual({ device_register: 'deleted', device: 'deleted', register: 'deleted', meter: 'upserted' });
      const orphans = await world.localPool.query(`SELECT count(*)::int AS n FROM metering.device_register l
        WHERE NOT EXISTS (SELECT 1 FROM metering.device d WHERE d.id = l.device_id) OR NOT EXISTS (SELECT 1 FROM metering.register r WHERE r.id = l.register_id)`);
      expect(orphans.rows[0].n).toBe(0);
      const [dead] = await world.local.db.selectFrom('metering.sync_runs').selectAll().where('tenant_id', '=', TENANT).execute();
      expect(dead).toMatchObject({ trigger: 'scheduled', status: 'running', finished_at: null, result: null });

      // 3. The tenant lock lapses with its ttl, and the dead holder's fence with it.
      // Still held with a bounded ttl, or already lapsed if the steps above ran slowly; never -1 (no expiry).
      const pttl = await redis.pttl(lockKey);
      expect(pttl === -2 || (pttl > 0 && pttl <= LOCK_TTL_MS), `pttl ${pttl}`).toBe(true);
      await waitFor('the dead holder\'s lock key to expire', async () => (await redis.exists(lockKey)) === 0, 120_000, 25);
      const [acquired] = await world.local.db.selectFrom('platform.sync_locks').select(['event', 'fencing_token']).where('lock_key', '=', `meter-sync:tenant:${TENANT}`).where('event', '<>', 'extended').execute();
      expect(acquired!.event).toBe('acquired');
      const lateWrite = () => fencedWrite(world.local.db, { resource: `meter-sync:tenant:${TENANT}`, token: acquired!.fencing_token! }, async () => 'written');
      await expect(lateWrite()).rejects.toMatchObject({ name: 'FencingError', reason: 'lease_expired' });

      // 4. A second worker process runs the next (manual, pre-made row) run to the end.
      const next = startService({ ...env, METER_SYNC_TENANTS: '' });
      processes.push(next);
      const runId = randomUUID();
      await world.local.db.insertInto('metering.sync_runs').values({ id: runId, tenant_id: TENANT, trigger: 'manual', status: 'queued' }).execute();
      const job = await producer.enqueue('meter-sync', 'sync-tenant', { runId, tenantId: TENANT, trigger: 'manual' });
      const { job: done, state } = await settledJob(producer, job.id, ['completed', 'failed'], 300_000).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${next.output()}`);
      });
      expect(state, done.failedReason).toBe('completed');
      const row = await world.local.db.selectFrom('metering.sync_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
      expect(row.status).toBe('succeeded');
      const result = row.result as SyncResult;
      expect(result).toMatchObject({ success: true, verified: true });

      // 5. Its counts are the real difference between what the kill left and the end state, which equals the remote.
      const final = await readLocal();
      for (const e of order) {
        expect(same(final.get(e.name)!, after.get(e.name)!), `${e.name} equals the client system`).toBe(true);
        expect({ entity: e.name, ...pick(result.entities[e.name]!) }).toEqual({ entity: e.name, ...diff(killed.get(e.name)!, final.get(e.name)!) });
      }
      expect(result.entities.register).toMatchObject({ inserted: 30, updated: 20, deleted: 0 }); // the killed step's writes were not kept
      // The dead run is closed as interrupted, not left running forever; its token is superseded now.
      const closed = await world.local.db.selectFrom('metering.sync_runs').selectAll().where('id', '=', dead!.id).executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
      expect(closed.finished_at).not.toBeNull();
      await expect(lateWrite()).rejects.toMatchObject({ name: 'FencingError', reason: 'superseded' });
    } finally {
      await Promise.all(processes.map((p) => p.kill()));
      await blocker.end().catch(() => undefined);
      await producer.close();
      await redis.del(lockKey);
    }
  });
});

const pick = (r: { inserted: number; updated: number; deleted: number }) => ({ inserted: r.inserted, updated: r.updated, deleted: r.deleted });
