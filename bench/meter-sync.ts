// meter-sync on 1,000,000 meter rows: the engine against the raw limit, a
// PostgreSQL COPY pipe of the same rows from the client system into a table
// shaped like metering.meter, measured in the same run on the same server.
//   (a) initial sync vs raw COPY pipe   target: sync rate >= 1/2 raw rate
//   (b) re-sync, nothing changed        target: <= 1/4 of (a), zero rows written
//   (c) re-sync after 1% of rows changed
// usage: pnpm --filter @platform/bench meter-sync   (METERS=1000000 by default)
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createClientSchema, meterEntity, runSync, seedClientData, type SyncResult } from '@platform/meter-sync';
import { createLogger } from '@platform/runtime';
import { createDb, migrateToLatest } from '@platform/db';

const METERS = Number(process.env.METERS ?? 1_000_000);
const log = createLogger({ service: 'bench-meter-sync', level: 'warn' });
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL = 'bench_meter_sync_local';
const REMOTE = 'bench_meter_sync_remote';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const urlOf = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

for (const name of [LOCAL, REMOTE]) {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
}
const migrator = createDb(urlOf(LOCAL), { max: 1 });
await migrateToLatest(migrator);
await migrator.destroy();
const local = new pg.Pool({ connectionString: urlOf(LOCAL), max: 2 });
const remote = new pg.Pool({ connectionString: urlOf(REMOTE), max: 2 });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** The raw limit: COPY TO from the client system piped straight into COPY FROM locally. */
async function rawCopy(): Promise<number> {
  await local.query('DROP TABLE IF EXISTS public.raw_meter');
  await local.query('CREATE TABLE public.raw_meter (LIKE metering.meter INCLUDING ALL)');
  const columns = meterEntity.columns.map((c) => c.name).join(', ');
  const [src, dst] = [await remote.connect(), await local.connect()];
  try {
    const sink = dst.query(copyFrom(`COPY public.raw_meter (${columns}) FROM STDIN`));
    await pipeline(src.query(copyTo(`COPY (SELECT ${columns} FROM meter WHERE tenant_id = 1) TO STDOUT`)), sink);
    return Number(sink.rowCount);
  } finally {
    src.release();
    dst.release();
  }
}

const sync = () => runSync({ local, remote, entities: [meterEntity], tenantId: 1, log });
const written = (r: SyncResult) => r.entities.meter!.inserted + r.entities.meter!.updated + r.entities.meter!.deleted;
const summary = (r: SyncResult) => {
  const m = r.entities.meter!;
  return `read ${m.rowsRead}, inserted ${m.inserted}, updated ${m.updated}, deleted ${m.deleted}, verified ${r.verified}`;
};

try {
  await createClientSchema(remote);
  const seeded = await timed(() =>
    seedClientData(remote, { tenants: 1, metersPerTenant: METERS, registersPerTenant: 0, devices: 1000, links: 0 }),
  );
  await remote.query('VACUUM ANALYZE meter');
  console.log(`seeded ${METERS} meter rows in ${seconds(seeded.ms)} s`);

  const raw = await timed(rawCopy);
  const initial = await timed(sync);
  if (!initial.value.success || !initial.value.verified) throw new Error(`initial sync failed: ${JSON.stringify(initial.value.errors)}`);
  await local.query('VACUUM ANALYZE metering.meter');
  const unchanged = await timed(sync);
  const changed = await remote.query('UPDATE meter SET name = name || \' v2\' WHERE id % 100 = 0');
  const onePercent = await timed(sync);

  const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
  console.log('');
  console.log('| case | time (s) | rows/s | ratio | target | result |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| raw COPY pipe remote -> local | ${seconds(raw.ms)} | ${rate(raw.value, raw.ms)} | 1 | | ${raw.value} rows |`);
  const a = raw.ms / initial.ms;
  console.log(`| (a) initial sync | ${seconds(initial.ms)} | ${rate(METERS, initial.ms)} | ${a.toFixed(2)} of raw rate | >= 0.50 | ${a >= 0.5 ? 'met' : 'MISSED'}: ${summary(initial.value)} |`);
  const b = unchanged.ms / initial.ms;
  const bOk = b <= 0.25 && written(unchanged.value) === 0;
  console.log(`| (b) re-sync, unchanged | ${seconds(unchanged.ms)} | | ${b.toFixed(2)} of (a) | <= 0.25, 0 written | ${bOk ? 'met' : 'MISSED'}: ${summary(unchanged.value)} |`);
  const c = onePercent.ms / initial.ms;
  console.log(`| (c) re-sync, ${changed.rowCount} rows (1%) changed | ${seconds(onePercent.ms)} | | ${c.toFixed(2)} of (a) | | ${summary(onePercent.value)} |`);
} finally {
  await Promise.all([local.end(), remote.end()]);
  for (const name of [LOCAL, REMOTE]) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
