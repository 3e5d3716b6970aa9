import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { createDb } from '@platform/db';
import { createLogger } from '@platform/runtime';
import { createSheetsReader, SheetsRequestError, type RetryEvent } from '@platform/sheets';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from './run-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID } from '../testing/harness.fixture.js';
import { startPgProxy } from '../testing/pg-proxy.fixture.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';

/** A logger whose JSON lines the test can read back. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ service: 'seller-sync-test', level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });
  return { log, lines };
}

// Statements a run sends (raw SQL upper case, kysely's lower case) with how often a run of
// 4+ new sellers in batches of 3 sends each at least: the connection can die in any of them.
const CUT_POINTS: [marker: string, atLeast: number][] = [
  ['INSERT INTO sellers.sync_audit_logs', 1],
  ['from "sellers"."sellers"', 2],
  ['INSERT INTO sellers.sellers', 2],
  ['INSERT INTO sellers.sync_record_logs', 2],
  ['update "sellers"."sync_audit_logs"', 3],
  ['insert into "sellers"."sync_metrics"', 1],
];
const cutPoint = fc.constantFrom(...CUT_POINTS).chain(([marker, atLeast]) => fc.tuple(fc.constant(marker), fc.integer({ min: 1, max: atLeast })));

describe('recovery properties', () => {
  test(`${F}, Property 28: Network error retry`, async () => {
    const policy = fc.record({
      initialDelayMs: fc.integer({ min: 1, max: 4 }),
      backoffMultiplier: fc.integer({ min: 1, max: 3 }),
      maxDelayMs: fc.integer({ min: 4, max: 12 }),
    });
    const fault = fc.oneof(
      fc.constantFrom(500, 502, 503).map((status) => ({ kind: 'status' as const, status })),
      fc.constant({ kind: 'status' as const, status: 429 as const }),
      fc.constant({ kind: 'drop' as const }),
    );
    // 429 (no Retry-After, like Google) rides the quota backoff; network errors and 5xx the retryConfig.
    const quota = { baseMs: 1, maxBackoffMs: 4, jitterMs: 0, budgetMs: 10 };
    await fc.assert(
      fc.asyncProperty(policy, fc.array(fault, { maxLength: 7 }), async (p, faults) => {
        emu.faults.reset();
        emu.store.putSheet(SHEET_ID, 'Sellers', [['Seller Number', 'Name', 'Inquiry Date'], ['AA1', 'Ana', '2024-01-01']]);
        for (const f of faults) emu.faults.failNext(1, f);
        const events: RetryEvent[] = [];
        const reader = createSheetsReader({ spreadsheetId: SHEET_ID, rootUrl: emu.rootUrl, readsPerMinute: null, retry: { maxRetries: 3, ...p }, quotaBackoff: quota, onRetry: (e) => events.push(e) });
        const result = await reader.readAll().catch((e: unknown) => e);
        // Model: the first request (metadata) meets the faults in order.
        const expected: { status: number | null; delayMs: number }[] = [];
        let network = 0;
        let quotaN = 0;
        let waited = 0;
        let gaveUp = false;
        for (const f of faults) {
          const status = f.kind === 'drop' ? null : f.status;
          if (status === 429) {
            const d = Math.min(quota.baseMs * 2 ** quotaN, quota.maxBackoffMs);
            if (waited + d > quota.budgetMs) { gaveUp = true; break; }
            waited += d;
            quotaN++;
            expected.push({ status, delayMs: d });
          } else {
            if (network >= 3) { gaveUp = true; break; }
            expected.push({ status, delayMs: Math.min(p.maxDelayMs, p.initialDelayMs * p.backoffMultiplier ** network) });
            network++;
          }
        }
        expect(events.map((e) => ({ status: e.status, delayMs: e.delayMs }))).toEqual(expected);
        expect(events.filter((e) => e.status !== 429).length).toBeLessThanOrEqual(3);
        if (gaveUp) {
          expect(result).toBeInstanceOf(SheetsRequestError);
          expect(result).toMatchObject({ attempts: expected.length + 1, retryable: true });
        } else expect((result as { sellers: unknown[] }).sellers).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
    emu.faults.reset();
  });

  test(`${F}, Property 29: Database reconnection`, async ({ database, redis, prefix }) => {
    const proxy = await startPgProxy(database.url);
    const viaProxy = createDb(proxy.url, { max: 3 });
    try {
      const h = harness(viaProxy, redis, prefix, emu);
      await fc.assert(
        fc.asyncProperty(sellersArb(7, 4), cutPoint, async (sellers, [marker, nth]) => {
          await resetSellers(database.db);
          h.setSheet(sellers);
          const cutsBefore = proxy.cuts;
          proxy.cutOn(marker, nth);
          const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
          proxy.cutOn('never sent by anyone \u0000', 1);
          expect(proxy.cuts).toBe(cutsBefore + 1);
          // Reconnected and retried once: the run finished and nothing is missing or doubled.
          expect(s.status).toBe('completed');
          expect(s.recoveries.filter((r) => r.kind === 'db_reconnect')).toHaveLength(1);
          const stored = await database.db.selectFrom('sellers.sellers').select('seller_number').execute();
          expect(stored.map((r) => r.seller_number).sort()).toEqual(sellers.map((x) => x.sellerNumber).sort());
          const logs = await database.db.selectFrom('sellers.sync_record_logs').select('seller_number').where('audit_log_id', '=', s.runId).execute();
          expect(logs).toHaveLength(sellers.length);
        }),
        { numRuns: 100 },
      );
    } finally {
      await viaProxy.destroy();
      await proxy.close();
    }
  });

  test(`${F}, Property 31: Recovery action logging`, async ({ database, redis, prefix }) => {
    const proxy = await startPgProxy(database.url);
    const viaProxy = createDb(proxy.url, { max: 3 });
    try {
      const h = harness(viaProxy, redis, prefix, emu);
      const kind = fc.constantFrom('network_retry' as const, 'db_reconnect' as const);
      await fc.assert(
        fc.asyncProperty(sellersArb(6, 4), kind, fc.integer({ min: 1, max: 3 }), async (sellers, k, n) => {
          await resetSellers(database.db);
          emu.faults.reset();
          h.setSheet(sellers);
          const { log, lines } = capturedLog();
          h.deps.log = log;
          if (k === 'network_retry') emu.faults.failNext(n, { kind: 'status', status: 503 });
          else proxy.cutOn(CUT_POINTS[n]![0]);
          const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
          proxy.cutOn('never sent by anyone \u0000', 1);
          const expected = k === 'network_retry' ? n : 1;
          expect(s.status).toBe('completed');
          // Logged as it happened ...
          const logged = lines.filter((l) => l.msg === 'automatic recovery' && (l.recovery as { kind: string }).kind === k);
          expect(logged).toHaveLength(expected);
          expect(logged.every((l) => l.runId === s.runId)).toBe(true);
          // ... and kept in the run's audit row.
          const row = await database.db.selectFrom('sellers.sync_audit_logs').select('summary').where('id', '=', s.runId).executeTakeFirstOrThrow();
          const recoveries = (row.summary as { recoveries: { kind: string; detail: string; at: string }[] }).recoveries.filter((r) => r.kind === k);
          expect(recoveries).toHaveLength(expected);
          for (const r of recoveries) expect(r.detail.length > 0 && !Number.isNaN(Date.parse(r.at))).toBe(true);
        }),
        { numRuns: 100 },
      );
    } finally {
      await viaProxy.destroy();
      await proxy.close();
    }
  });
});
