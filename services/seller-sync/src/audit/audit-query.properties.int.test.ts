import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { corruptCell, sellerSheet, type BadCell } from '@platform/sheets';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from '../sync/run-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID } from '../testing/harness.fixture.js';
import { queryAuditLogs } from './audit-query.js';
import { writeErrorLogs, writeRecordLogs } from './audit.queries.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';
const DAY = 864e5;

describe('audit error and query properties', () => {
  test(`${F}, Property 8: Error logging completeness`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    // Faults that leave the seller number readable, so the error can name its seller.
    const kinds: BadCell[] = ['missing-name', 'bad-date', 'missing-date', 'bad-price'];
    await fc.assert(
      fc.asyncProperty(sellersArb(6, 1), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...kinds)), { maxLength: 3 }), fc.boolean(), async (sellers, bad, sheetDown) => {
        await resetSellers(db);
        emu.faults.reset();
        const rows = sellerSheet(sellers);
        const badRows = new Map(bad.map(([i, k]) => [2 + (i % sellers.length), k]));
        for (const [r, k] of badRows) corruptCell(rows, r, k);
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        // Four 503s outlast the three retries: a sync-wide (network) error with no seller.
        if (sheetDown) emu.faults.failNext(4, { kind: 'status', status: 503 });
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        emu.faults.reset();
        const errs = await db.selectFrom('sellers.sync_error_logs').selectAll().where('audit_log_id', '=', s.runId).execute();
        for (const e of errs) expect(e.error_message.length > 0 && (e.stack_trace ?? '').includes('Error')).toBe(true);
        if (sheetDown) {
          expect(errs).toEqual([expect.objectContaining({ seller_number: null, error_type: 'network', error_message: expect.stringContaining('503') })]);
          return;
        }
        expect(errs).toHaveLength(badRows.size);
        for (const r of badRows.keys()) {
          const seller = String(rows[r - 1]![0]);
          expect(errs.filter((e) => e.seller_number === seller && e.error_message.startsWith(`row ${r} (${seller})`))).toHaveLength(1);
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 10: Audit log query filtering`, async ({ db }) => {
    const sellers = ['AA1', 'AA2', 'AA3', 'AA4'];
    const run = fc.record({
      // Whole days on purpose too: a run exactly on a query's start/end bound must be included (both inclusive).
      minutesAgo: fc.oneof(fc.integer({ min: 0, max: 30 * 24 * 60 }), fc.integer({ min: 0, max: 30 }).map((d) => d * 24 * 60)),
      status: fc.constantFrom('in_progress' as const, 'completed' as const, 'failed' as const, 'cancelled' as const),
      records: fc.subarray(sellers),
      errors: fc.subarray(sellers),
    });
    const query = fc.record(
      {
        startDaysAgo: fc.integer({ min: 0, max: 31 }),
        endDaysAgo: fc.integer({ min: 0, max: 31 }),
        successStatus: fc.boolean(),
        sellerNumber: fc.constantFrom(...sellers, 'AA9'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(run, { maxLength: 8 }), query, async (runs, q) => {
        await resetSellers(db);
        const now = Date.now();
        const stored = runs.map((r) => ({ ...r, id: randomUUID(), start: new Date(now - r.minutesAgo * 60_000) }));
        for (const r of stored) {
          await db.insertInto('sellers.sync_audit_logs').values({ id: r.id, start_time: r.start, trigger_source: 'scheduled', status: r.status }).execute();
          await writeRecordLogs(db, r.id, r.records.map((n) => ({ sellerNumber: n, operation: 'update', result: 'success', errorMessage: null })));
          await writeErrorLogs(db, r.id, r.errors.map((n) => ({ sellerNumber: n, message: 'bad', stack: null, type: 'validation' })));
        }
        const startDate = q.startDaysAgo === undefined ? undefined : new Date(now - q.startDaysAgo * DAY);
        const endDate = q.endDaysAgo === undefined ? undefined : new Date(now - q.endDaysAgo * DAY);
        const got = await queryAuditLogs(db, { startDate, endDate, successStatus: q.successStatus, sellerNumber: q.sellerNumber });
        const want = stored.filter(
          (r) =>
            (!startDate || r.start >= startDate) &&
            (!endDate || r.start <= endDate) &&
            (q.successStatus === undefined || (q.successStatus ? r.status === 'completed' : r.status === 'failed' || r.status === 'cancelled')) &&
            (q.sellerNumber === undefined || r.records.includes(q.sellerNumber) || r.errors.includes(q.sellerNumber)),
        );
        expect(got.map((r) => r.id).sort()).toEqual(want.map((r) => r.id).sort());
        // Newest first.
        expect(got.map((r) => r.start_time.getTime())).toEqual([...got.map((r) => r.start_time.getTime())].sort((a, b) => b - a));
      }),
      { numRuns: 100 },
    );
  });
});
