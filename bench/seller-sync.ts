// 100,000 sellers from the Sheets emulator into PostgreSQL through seller-sync's full sync
// (fetch, compare, batched upsert, record logs, verification, audit, metrics) vs the raw
// bulk upsert of the same parsed rows (seller-sync's own INSERT/UPDATE statements, nothing
// else) in a second scratch database, in the same run. Targets (issue 8, spec 002):
// sync rate >= 0.5 x raw rate, verification <= 10% of the sync. Also a re-sync with
// nothing changed. Needs PostgreSQL (superuser, creates and drops two databases) and Redis.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createDb, migrateToLatest, type Database, type Kysely } from '@platform/db';
import { createProducer } from '@platform/queues';
import { Registry } from '@platform/runtime';
import { createSheetsReader, generateSellers, sellerSheet, startSheetsEmulator, type SheetSeller } from '@platform/sheets';
import { DEFAULT_SYNC_SETTINGS } from '../services/seller-sync/src/config/sync-settings.schema.js';
import { createPromMetrics } from '../services/seller-sync/src/metrics/sync-metrics.js';
import { runSync, type SyncDeps } from '../services/seller-sync/src/sync/run-sync.js';
import { insertSellers, upsertProperties } from '../services/seller-sync/src/sync/seller.queries.js';
import { queueAlertSink } from '../services/seller-sync/src/alerts/alert-sink.js';

const SELLERS = Number(process.env.BENCH_SELLERS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2_000);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const SYNC_DB = `bench_seller_sync_${process.pid}`;
const RAW_DB = `bench_seller_raw_${process.pid}`;

const admin = createDb(ADMIN_URL, { max: 1 });
const adminSql = (text: string) => sql.raw(text).execute(admin);
async function scratch(name: string): Promise<Kysely<Database>> {
  await adminSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminSql(`CREATE DATABASE ${name}`);
  const db = createDb(urlOf(name), { max: 4 });
  await migrateToLatest(db);
  return db;
}

const emu = await startSheetsEmulator();
emu.store.putSheet('sellers-bench', 'Sellers', sellerSheet(generateSellers(SELLERS, 42)));
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const prefix = `bench-seller-sync-${process.pid}`;
const producer = createProducer({ connection: redis, prefix });
const syncDb = await scratch(SYNC_DB);
const rawDb = await scratch(RAW_DB);
const reader = () => createSheetsReader({ spreadsheetId: 'sellers-bench', sheetName: 'Sellers', rootUrl: emu.rootUrl });

const deps: SyncDeps = {
  db: syncDb,
  log: pino({ level: 'warn' }),
  alert: queueAlertSink(producer),
  metrics: createPromMetrics(new Registry()),
  settings: () => DEFAULT_SYNC_SETTINGS,
  batchSize: BATCH,
  reader: (onRetry) => createSheetsReader({ spreadsheetId: 'sellers-bench', sheetName: 'Sellers', rootUrl: emu.rootUrl, onRetry }),
  scheduleResync: async (request) => {
    await producer.enqueue('seller-sync', 'resync-gaps', request);
  },
};

/** The raw limit: the same rows, the same bulk statements, one transaction per batch, nothing else. */
async function rawUpsert(db: Kysely<Database>, sellers: SheetSeller[]): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < sellers.length; i += BATCH) {
    const batch = sellers.slice(i, i + BATCH);
    await db.transaction().execute(async (trx) => {
      const ids = await insertSellers(trx, batch);
      await upsertProperties(trx, batch.map((seller) => ({ seller, id: ids.get(seller.sellerNumber)! })));
    });
  }
  return performance.now() - t;
}

try {
  const tFetch = performance.now();
  const snapshot = await reader().readAll();
  const fetchMs = performance.now() - tFetch;
  if (snapshot.sellers.length !== SELLERS) throw new Error(`read ${snapshot.sellers.length}/${SELLERS} sellers`);
  const rawMs = await rawUpsert(rawDb, snapshot.sellers);

  const full = await runSync(deps, { id: randomUUID(), trigger: 'manual', requestedBy: 'bench' });
  if (full.status !== 'completed' || full.created !== SELLERS || full.verification?.databaseCount !== SELLERS) {
    throw new Error(`full sync: ${JSON.stringify({ status: full.status, created: full.created, verification: full.verification?.databaseCount, error: full.error })}`);
  }
  const again = await runSync(deps, { id: randomUUID(), trigger: 'scheduled' });
  if (again.created + again.updated !== 0 || again.unchanged !== SELLERS) throw new Error(`re-sync rewrote rows: ${JSON.stringify({ created: again.created, updated: again.updated })}`);
  // Rows the no-change run wrote, per table (target: one audit row, one summary record row).
  const written = async (table: 'sync_audit_logs' | 'sync_record_logs' | 'sync_error_logs' | 'sync_metrics' | 'sync_batches') =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`sellers.${table}`)} WHERE ${sql.ref(table === 'sync_audit_logs' ? 'id' : 'audit_log_id')} = ${again.runId}`.execute(syncDb)).rows[0]!.n);
  const rowsWritten = { audit: await written('sync_audit_logs'), records: await written('sync_record_logs'), errors: await written('sync_error_logs'), metrics: await written('sync_metrics'), batchKeys: await written('sync_batches') };

  const t = full.metrics!.executionTime;
  const r = again.metrics!.executionTime;
  const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
  const rate = (n: number, x: number) => `${Math.round(n / (x / 1000)).toLocaleString('en-US')} rows/s`;
  console.log(`seller-sync bench: ${SELLERS.toLocaleString('en-US')} sellers, batches of ${BATCH}`);
  console.log(`  raw fetch (@googleapis/sheets, parse, validate) ${ms(fetchMs)}`);
  console.log(`  raw bulk upsert (sellers + properties) ${ms(rawMs)}  ${rate(SELLERS, rawMs)}`);
  console.log(`  full sync                              ${ms(t.total)}  ${rate(SELLERS, t.total)}`);
  console.log(`    fetch ${ms(t.fetch)} | compare ${ms(t.compare)} | update ${ms(t.update)} | verify ${ms(t.verify)}`);
  console.log(`  sync rate / raw upsert rate            ${(rawMs / t.total).toFixed(2)}  (target >= 0.50)`);
  console.log(`  sync rate / raw fetch+upsert rate      ${((fetchMs + rawMs) / t.total).toFixed(2)}`);
  console.log(`  verification share of the sync         ${((t.verify / t.total) * 100).toFixed(1)}%  (target <= 10%)`);
  console.log(`  re-sync, nothing changed               ${ms(r.total)}  (fetch ${ms(r.fetch)}, update ${ms(r.update)}, verify ${ms(r.verify)}; ${again.unchanged} unchanged, 0 sellers written)`);
  console.log(`    rows written by it: ${rowsWritten.audit} audit, ${rowsWritten.records} record log (summary of ${again.unchanged} unchanged), ${rowsWritten.errors} error log, ${rowsWritten.metrics} metrics, ${rowsWritten.batchKeys} batch key  (target: 1 audit + 1 summary record row)`);
} finally {
  await producer.close();
  redis.disconnect();
  await syncDb.destroy();
  await rawDb.destroy();
  await adminSql(`DROP DATABASE IF EXISTS ${SYNC_DB} WITH (FORCE)`);
  await adminSql(`DROP DATABASE IF EXISTS ${RAW_DB} WITH (FORCE)`);
  await admin.destroy();
  await emu.close();
}
