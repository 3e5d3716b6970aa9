import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from '../sync/run-sync.js';
import { updateSyncSettings, loadSyncSettings } from '../config/sync-settings.store.js';
import { SyncSettingsError } from '../config/sync-settings.schema.js';
import { corruptCell, sellerSheet } from '@platform/sheets';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID } from '../testing/harness.fixture.js';

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
    // A second sync meets every kind of row: new (create), edited (update), untouched (skip, in the
    // run's one summary row) and invalid (skip/failure with the reason).
    const kinds = fc.array(fc.constantFrom('same', 'edited', 'invalid'), { minLength: 6, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(sellersArb(6), sellersArb(3), kinds, async (old, fresh, kind) => {
        await resetSellers(db);
        h.setSheet(old);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const added = fresh.map((f, i) => ({ ...f, sellerNumber: `AA${2_000_000 + i}` }));
        const next = [...old.map((o, i) => (kind[i] === 'edited' ? { ...o, name: `${o.name}x` } : o)), ...added];
        const rows = sellerSheet(next);
        old.forEach((_, i) => kind[i] === 'invalid' && corruptCell(rows, i + 2, 'missing-name'));
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const logs = await db.selectFrom('sellers.sync_record_logs').select(['seller_number', 'operation', 'result', 'error_message', 'seller_count', 'seller_numbers']).where('audit_log_id', '=', s.runId).execute();
        const expected = new Map<string, string>([
          ...old.map((o, i): [string, string] => [o.sellerNumber, kind[i] === 'same' ? 'skip/success' : kind[i] === 'edited' ? 'update/success' : 'skip/failure']),
          ...added.map((a): [string, string] => [a.sellerNumber, 'create/success']),
        ]);
        const seen = new Map<string, string>();
        for (const l of logs) {
          const numbers = l.seller_numbers ?? [l.seller_number];
          expect(l.seller_count).toBe(numbers.length);
          for (const n of numbers) {
            expect(seen.has(n), `${n} logged twice`).toBe(false);
            seen.set(n, `${l.operation}/${l.result}`);
          }
          if (l.result === 'failure') expect(l.error_message).toContain('name is empty');
        }
        expect(seen).toEqual(expected);
        // At most one summary row per run.
        expect(logs.filter((l) => l.seller_numbers !== null).length).toBe(kind.some((k, i) => k === 'same' && i < old.length) ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 9: Sync completion logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    // Completions of every kind: a clean run, one with invalid rows, one that updates what a
    // first run wrote, and one that fails because the sheet cannot be read.
    const outcome = fc.constantFrom('first' as const, 'second' as const, 'unreadable' as const);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), outcome, async (sellers, bad, how) => {
        await resetSellers(db);
        emu.faults.reset();
        if (how === 'second') {
          h.setSheet(sellers);
          await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        }
        const rows = sellerSheet(how === 'second' ? sellers.map((x, i) => (i % 2 === 0 ? { ...x, name: `${x.name} b` } : x)) : sellers);
        sellers.forEach((_, i) => bad[i] && corruptCell(rows, i + 2, 'missing-name'));
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        if (how === 'unreadable') emu.faults.failNext(50, { kind: 'status', status: 503 });
        const before = Date.now();
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled', final: true });
        emu.faults.reset();
        const row = await db.selectFrom('sellers.sync_audit_logs').selectAll().where('id', '=', s.runId).executeTakeFirstOrThrow();
        const invalid = how === 'unreadable' ? 0 : sellers.filter((_, i) => bad[i]).length;
        expect(row.status).toBe(how === 'unreadable' ? 'failed' : 'completed');
        expect(row.end_time).not.toBeNull();
        expect(row.end_time!.getTime()).toBeGreaterThanOrEqual(row.start_time.getTime());
        expect(row.end_time!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
        expect(row.success_count).toBe(how === 'unreadable' ? 0 : sellers.length - invalid);
        expect(row.failure_count).toBe(invalid);
        expect(row.success_count).toBe(s.created + s.updated + s.unchanged);
        // The verification result is stored as the run saw it, or stays empty when none ran.
        if (how === 'unreadable') expect(row.verification_result).toBeNull();
        else {
          expect(row.verification_result).toEqual(JSON.parse(JSON.stringify(s.verification)));
          expect(row.verification_result).toMatchObject({ spreadsheetCount: sellers.length - invalid, invalidSheetRows: invalid, databaseCount: sellers.length - (how === 'first' ? invalid : 0) });
        }
        expect(row.summary).toMatchObject({ created: s.created, updated: s.updated, unchanged: s.unchanged, invalid, error: how === 'unreadable' ? expect.any(String) : null });
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
