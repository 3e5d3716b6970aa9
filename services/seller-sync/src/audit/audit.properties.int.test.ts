import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from '../sync/run-sync.js';
import { updateSyncSettings, loadSyncSettings } from '../config/sync-settings.store.js';
import { SyncSettingsError } from '../config/sync-settings.schema.js';
import { fileEmulator, harness, resetSellers, sellersArb } from '../testing/harness.fixture.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';
const trigger = fc.constantFrom('scheduled' as const, 'manual' as const);

describe('audit properties', () => {
  test(`${F}, Property 6: Sync start logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(3), trigger, async (sellers, source) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const before = new Date(Date.now() - 5);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: source });
        const row = await db.selectFrom('sellers.sync_audit_logs').selectAll().where('id', '=', s.runId).executeTakeFirstOrThrow();
        expect(row.trigger_source).toBe(source);
        expect(row.start_time.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 7: Record processing logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const logs = await db.selectFrom('sellers.sync_record_logs').select(['seller_number', 'operation', 'result']).where('audit_log_id', '=', s.runId).execute();
        expect(logs.map((l) => l.seller_number).sort()).toEqual(sellers.map((x) => x.sellerNumber).sort());
        for (const l of logs) expect(l).toMatchObject({ operation: 'create', result: 'success' });
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 9: Sync completion logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const row = await db.selectFrom('sellers.sync_audit_logs').selectAll().where('id', '=', s.runId).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'completed', success_count: sellers.length, failure_count: 0 });
        expect(row.end_time!.getTime()).toBeGreaterThanOrEqual(row.start_time.getTime());
        expect(row.verification_result).toMatchObject({ spreadsheetCount: sellers.length });
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 42: Sync interval validation`, async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -100, max: 2_000 }), fc.double({ min: -5, max: 5, noNaN: true })), async (minutes) => {
        const valid = Number.isInteger(minutes) && minutes >= 1 && minutes <= 1_440;
        const before = await loadSyncSettings(db);
        const result = await updateSyncSettings(db, { syncIntervalMinutes: minutes }, 'admin:test').catch((e: unknown) => e);
        if (valid) expect((await loadSyncSettings(db)).syncIntervalMinutes).toBe(minutes);
        else {
          expect(result).toBeInstanceOf(SyncSettingsError);
          expect((result as SyncSettingsError).issues.join()).toMatch(/syncIntervalMinutes/);
          expect(await loadSyncSettings(db)).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});
