import { sql } from 'kysely';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import type { Database, Kysely } from '@platform/db';
import { createProducer, type Producer } from '@platform/queues';
import { createLogger, Registry } from '@platform/runtime';
import { createSheetsReader, sellerSheet, startSheetsEmulator, type SellerSeed, type SheetsEmulator } from '@platform/sheets';
import { queueAlertSink, type AlertSink, type SyncAlertInput } from '../alerts/alert-sink.js';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../config/sync-settings.schema.js';
import { createPromMetrics } from '../metrics/sync-metrics.js';
import type { SyncDeps } from '../sync/run-sync.js';

export const SHEET_ID = 'sellers-test';
export const silentLog = createLogger({ service: 'seller-sync-test', level: 'silent' });
// Millisecond backoff: a property's 100 runs must not sleep through real seconds.
export const FAST_RETRY = { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 5, backoffMultiplier: 2 };
// Budget above a 1 s Retry-After (the acceptance storm sends one), still milliseconds per backoff.
export const FAST_QUOTA = { baseMs: 1, maxBackoffMs: 8, jitterMs: 2, budgetMs: 2_000 };

/** One emulator per test file; the database and Redis come from @platform/testkit. */
export async function fileEmulator(): Promise<SheetsEmulator> {
  return startSheetsEmulator();
}

export interface Harness {
  deps: SyncDeps;
  settings: SyncSettings;
  /** Every alert raised through the real queue sink, newest last. */
  alerts: SyncAlertInput[];
  producer: Producer;
  setSheet(sellers: SellerSeed[]): void;
  /** Gap re-syncs the runs scheduled for later (also enqueued on the real queue). */
  resyncs: { syncId: string; sellerNumbers: string[] }[];
}

/** Real deps: @googleapis/sheets against the emulator, real PostgreSQL, alerts enqueued on real Redis. */
export function harness(db: Kysely<Database>, redis: Redis, prefix: string, emu: SheetsEmulator, over: Partial<SyncSettings> = {}): Harness {
  const producer = createProducer({ connection: redis, prefix });
  const sink = queueAlertSink(producer);
  const alerts: SyncAlertInput[] = [];
  const alert: AlertSink = async (a) => {
    alerts.push(a);
    return sink(a);
  };
  const settings: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, retryConfig: FAST_RETRY, ...over };
  const resyncs: Harness['resyncs'] = [];
  const deps: SyncDeps = {
    db,
    log: silentLog,
    alert,
    metrics: createPromMetrics(new Registry()),
    settings: () => settings,
    batchSize: 3,
    reader: (onRetry) =>
      createSheetsReader({ spreadsheetId: SHEET_ID, sheetName: 'Sellers', rootUrl: emu.rootUrl, retry: settings.retryConfig, quotaBackoff: FAST_QUOTA, readsPerMinute: null, onRetry }),
    scheduleResync: async (request) => {
      resyncs.push(request);
      await producer.enqueue('seller-sync', 'resync-gaps', request);
    },
  };
  return { deps, settings, alerts, producer, resyncs, setSheet: (sellers) => void emu.store.putSheet(SHEET_ID, 'Sellers', sellerSheet(sellers)) };
}

/**
 * Between property runs: empty the sellers copy and, with triggers off for this session
 * (superuser test database only), the append-only audit history too.
 */
export async function resetSellers(db: Kysely<Database>): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SET session_replication_role = replica`.execute(conn);
    await sql`DELETE FROM sellers.sync_batches; DELETE FROM sellers.sync_metrics; DELETE FROM sellers.sync_record_logs; DELETE FROM sellers.sync_error_logs; DELETE FROM sellers.sync_audit_logs; DELETE FROM sellers.properties; DELETE FROM sellers.sellers; DELETE FROM sellers.sync_config`.execute(conn);
    await sql`SET session_replication_role = origin`.execute(conn);
  });
}

const word = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[A-Za-z]$/);
const day = fc.integer({ min: Date.UTC(2000, 0, 1) / 864e5, max: Date.UTC(2030, 0, 1) / 864e5 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
const stamp = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t).toISOString());

export const sellerFields = fc.record({
  name: word,
  inquiryDate: day,
  phone: fc.option(fc.stringMatching(/^0\d{2}-\d{4}-\d{4}$/), { nil: null }),
  email: fc.option(fc.constantFrom('a@example.com', 'b@example.org'), { nil: null }),
  address: fc.option(word, { nil: null }),
  status: fc.option(fc.constantFrom('new', 'contacted', 'lost'), { nil: null }),
  notes: fc.option(word, { nil: null }),
  property: fc.option(
    fc.record({
      address: fc.option(word, { nil: null }),
      type: fc.option(fc.constantFrom('land', 'house'), { nil: null }),
      landArea: fc.option(fc.integer({ min: 1, max: 99_999 }).map((n) => n / 100), { nil: null }),
      buildingArea: fc.constant(null),
      price: fc.option(fc.integer({ min: 1, max: 9_000 }).map((n) => n * 10_000), { nil: null }),
    }).filter((p) => Object.values(p).some((v) => v !== null)),
    { nil: null },
  ),
  updatedAt: fc.option(stamp, { nil: null }),
});

/** 0..max sellers with distinct seller numbers. */
export const sellersArb = (max = 8, min = 0) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 999_999 }), { minLength: min, maxLength: max }).chain((nums) =>
    fc.tuple(...nums.map(() => sellerFields)).map((fields): SellerSeed[] => fields.map((f, i) => ({ sellerNumber: `AA${nums[i]}`, ...f }))),
  );
