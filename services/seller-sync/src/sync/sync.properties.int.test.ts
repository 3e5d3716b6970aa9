import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { createSheetsReader, sellerSheet, withBlankRows, corruptCell, type BadCell } from '@platform/sheets';
import { runSync } from './run-sync.js';
import { applyBatch } from './apply-batch.js';
import { loadStored } from './seller.queries.js';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID } from '../testing/harness.fixture.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';
const snapshotDb = (db: Parameters<typeof resetSellers>[0]) =>
  db.selectFrom('sellers.sellers').select(['seller_number', 'name', 'inquiry_date', 'version', 'content_hash', 'updated_at']).orderBy('seller_number').execute();

describe('sync properties', () => {
  test(`${F}, Property 37: Upsert behavior`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6, 1), fc.array(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && s.trim() === s), { minLength: 6, maxLength: 6 }), async (sellers, names) => {
        await resetSellers(db);
        h.setSheet(sellers);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const renamed = sellers.map((s, i) => ({ ...s, name: `${names[i]} x`, updatedAt: null }));
        h.setSheet(renamed);
        const second = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        expect(second.created).toBe(0);
        const rows = await snapshotDb(db);
        expect(rows.map((r) => r.seller_number)).toEqual(sellers.map((s) => s.sellerNumber).sort());
        for (const s of renamed) expect(rows.find((r) => r.seller_number === s.sellerNumber)?.name).toBe(s.name);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 38: Sync operation idempotency`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const before = await snapshotDb(db);
        const props = await db.selectFrom('sellers.properties').selectAll().orderBy('id').execute();
        const again = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        expect(again).toMatchObject({ created: 0, updated: 0, unchanged: sellers.length });
        expect(await snapshotDb(db)).toEqual(before);
        expect(await db.selectFrom('sellers.properties').selectAll().orderBy('id').execute()).toEqual(props);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 30: Validation error isolation`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const kinds: BadCell[] = ['seller-number', 'missing-name', 'bad-date', 'missing-date', 'bad-price'];
    await fc.assert(
      fc.asyncProperty(sellersArb(8, 1), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...kinds)), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 2 }), async (sellers, bad, blanks) => {
        await resetSellers(db);
        const rows = withBlankRows(sellerSheet(sellers), blanks.map((b) => b % sellers.length));
        const dataRows = rows.flatMap((r, i) => (i > 0 && r.length > 0 ? [i + 1] : []));
        const badRows = new Map(bad.map(([i, k]) => [dataRows[i % dataRows.length]!, k]));
        for (const [r, k] of badRows) corruptCell(rows, r, k);
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const goodNumbers = dataRows.filter((r) => !badRows.has(r)).map((r) => String(rows[r - 1]![0]));
        expect((await snapshotDb(db)).map((r) => r.seller_number)).toEqual([...goodNumbers].sort());
        const errs = await db.selectFrom('sellers.sync_error_logs').select(['error_message', 'error_type', 'stack_trace']).where('audit_log_id', '=', s.runId).execute();
        expect(errs).toHaveLength(badRows.size);
        for (const r of badRows.keys()) expect(errs.some((e) => e.error_type === 'validation' && e.error_message.startsWith(`row ${r}`) && e.stack_trace)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 32: Required field validation`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), fc.nat(), async (sellers, k) => {
        await resetSellers(db);
        const rows = sellerSheet(sellers);
        if (sellers.length > 0) corruptCell(rows, 2 + (k % sellers.length), k % 2 ? 'missing-name' : 'missing-date');
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const stored = await db.selectFrom('sellers.sellers').select(['seller_number', 'name', 'inquiry_date']).execute();
        expect(stored).toHaveLength(Math.max(0, sellers.length - 1));
        for (const r of stored) expect(r.name.trim() !== '' && r.inquiry_date !== null && r.seller_number !== null).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 33: Seller number format validation`, async ({ db, redis, prefix }) => {
    // The CHECK on sellers.seller_number would refuse a bad number anyway, failing the whole batch:
    // what this tests is that the sync validates first, so a bad number costs its row only.
    const h = harness(db, redis, prefix, emu);
    const junk = fc
      .oneof(fc.string({ maxLength: 6 }), fc.integer().map((n) => `AA${n}x`), fc.integer({ min: 0 }).map((n) => `aa${n}`), fc.constantFrom('AA', ' BB1', 'AA-1', 'AA１２', 'AA 12'))
      .filter((n) => !/^AA\d+$/.test(n.trim()));
    await fc.assert(
      fc.asyncProperty(sellersArb(5), fc.array(junk, { maxLength: 3 }), async (sellers, numbers) => {
        await resetSellers(db);
        const rows = sellerSheet(sellers);
        for (const n of numbers) rows.push([n, 'Name', '2024-01-01']);
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        // Every good seller is synced and only those; every bad number is its own rejected row.
        expect(s).toMatchObject({ status: 'completed', created: sellers.length, invalid: numbers.length });
        const stored = await db.selectFrom('sellers.sellers').select('seller_number').execute();
        expect(stored.map((r) => r.seller_number).sort()).toEqual(sellers.map((x) => x.sellerNumber).sort());
        for (const r of stored) expect(r.seller_number).toMatch(/^AA[0-9]+$/);
        const errors = await db.selectFrom('sellers.sync_error_logs').select('error_message').where('audit_log_id', '=', s.runId).where('error_type', '=', 'validation').execute();
        expect(errors.map((e) => e.error_message.match(/^row (\d+)/)?.[1]).sort()).toEqual(numbers.map((_, j) => String(sellers.length + 2 + j)).sort());
        for (const e of errors) expect(e.error_message).toMatch(/seller number/);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 34: Property record existence validation`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const withProps = await db.selectFrom('sellers.properties as p').innerJoin('sellers.sellers as s', 's.id', 'p.seller_id').select('s.seller_number').execute();
        expect(withProps.map((r) => r.seller_number).sort()).toEqual(sellers.filter((x) => x.property).map((x) => x.sellerNumber).sort());
        expect(s.verification?.integrityIssues).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 40: Optimistic locking`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const reader = createSheetsReader({ spreadsheetId: SHEET_ID, rootUrl: emu.rootUrl, readsPerMinute: null });
    await fc.assert(
      fc.asyncProperty(sellersArb(5, 1), fc.nat(), async (sellers, k) => {
        await resetSellers(db);
        h.setSheet(sellers);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        h.setSheet(sellers.map((s) => ({ ...s, name: `${s.name} v2`, updatedAt: '2025-06-01T00:00:00.000Z' })));
        const snap = await reader.readAll();
        const seen = await loadStored(db, snap.sellers.map((s) => s.sellerNumber));
        // Another writer commits between our read and our write.
        const victim = sellers[k % sellers.length]!.sellerNumber;
        await db.updateTable('sellers.sellers').set((eb) => ({ version: eb('version', '+', 1), name: 'concurrent', source_updated_at: new Date('2025-12-01T00:00:00Z') })).where('seller_number', '=', victim).execute();
        const r = await db.transaction().execute((trx) => applyBatch(trx, snap.sellers, seen, { force: false, runStartedAt: new Date() }));
        const after = await db.selectFrom('sellers.sellers').select(['seller_number', 'name', 'version']).execute();
        // Every row written exactly once more than it was seen; the concurrent write was not overwritten blindly.
        for (const row of after) {
          if (row.seller_number === victim) expect(row).toMatchObject({ name: 'concurrent', version: seen.get(victim)!.version + 1 });
          else expect(row.version).toBe(seen.get(row.seller_number)!.version + 1);
        }
        expect(r.conflicts.map((c) => c.sellerNumber)).toEqual([victim]);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 41: Conflict resolution`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const reader = createSheetsReader({ spreadsheetId: SHEET_ID, rootUrl: emu.rootUrl, readsPerMinute: null });
    const t = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) }).map((x) => new Date(x));
    // The sheet row may carry its own Updated At or none (then the run's start stands for it).
    await fc.assert(
      fc.asyncProperty(sellersArb(4, 1), fc.nat(), fc.option(t, { nil: null }), t, t, async (sellers, k, sheetStamp, runStart, dbAt) => {
        const sheetAt = sheetStamp ?? runStart;
        fc.pre(sheetAt.getTime() !== dbAt.getTime());
        await resetSellers(db);
        h.setSheet(sellers);
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        h.setSheet(sellers.map((s) => ({ ...s, name: 'from sheet', updatedAt: sheetStamp?.toISOString() ?? null })));
        const snap = await reader.readAll();
        const seen = await loadStored(db, snap.sellers.map((s) => s.sellerNumber));
        // Another writer commits between our read and our write.
        const victim = sellers[k % sellers.length]!.sellerNumber;
        await db.updateTable('sellers.sellers').set((eb) => ({ version: eb('version', '+', 1), name: 'from db', source_updated_at: dbAt })).where('seller_number', '=', victim).execute();
        const r = await db.transaction().execute((trx) => applyBatch(trx, snap.sellers, seen, { force: false, runStartedAt: runStart }));
        const sheetWins = sheetAt > dbAt;
        const rows = await db.selectFrom('sellers.sellers').select(['seller_number', 'name', 'version', 'source_updated_at']).execute();
        for (const row of rows) {
          if (row.seller_number !== victim) expect(row).toMatchObject({ name: 'from sheet', version: 2 });
          // The newer copy is kept, and a sheet win is a write of its own (version + 1).
          else expect(row).toMatchObject(sheetWins ? { name: 'from sheet', version: 3, source_updated_at: sheetStamp } : { name: 'from db', version: 2, source_updated_at: dbAt });
        }
        // Logged: only the victim's conflict, with both timestamps, the winner and the version it met.
        expect(r.conflicts).toEqual([{ sellerNumber: victim, winner: sheetWins ? 'sheet' : 'database', sheetUpdatedAt: sheetAt.toISOString(), databaseUpdatedAt: dbAt.toISOString(), databaseVersion: 2 }]);
        const log = r.records.filter((x) => x.sellerNumber === victim);
        expect(log).toEqual([{ sellerNumber: victim, operation: sheetWins ? 'update' : 'skip', result: 'success', errorMessage: expect.stringMatching(/^conflict: /) }]);
        expect(log[0]!.errorMessage).toContain(sheetAt.toISOString());
        expect(log[0]!.errorMessage).toContain(dbAt.toISOString());
        expect(log[0]!.errorMessage).toContain(`kept the ${sheetWins ? 'sheet' : 'database'} copy`);
        expect(r.records.filter((x) => x.sellerNumber !== victim).every((x) => x.errorMessage === null)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
