import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { createLockManager } from '@platform/lock';
import { createWorker } from '@platform/queues';
import { corruptCell, sellerSheet } from '@platform/sheets';
import { describe, expect, test, waitFor } from '@platform/testkit';
import type { Progress } from '../audit/audit.queries.js';
import { runSync } from '../sync/run-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID, silentLog } from '../testing/harness.fixture.js';
import { lockedSync, sellerSyncHandlers } from './seller-sync.jobs.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';

// A bounded poll with a deadline far beyond scheduling stalls on a loaded CI box.
const until = <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => waitFor(what, probe);

describe('manual sync properties', () => {
  test(`${F}, Property 14: Manual sync execution`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const locks = createLockManager({ redis, db, log: silentLog, owner: 'test', keyPrefix: `${prefix}lock:` });
    const worker = createWorker('seller-sync', sellerSyncHandlers(h.deps, locks), { connection: redis, prefix, log: silentLog });
    try {
      await fc.assert(
        fc.asyncProperty(sellersArb(5), fc.stringMatching(/^[a-z]{1,12}$/), async (sellers, admin) => {
          await resetSellers(db);
          h.setSheet(sellers);
          const syncId = randomUUID();
          // What admin-gateway enqueues for "sync now".
          const job = await h.producer.enqueue('seller-sync', 'sync-sellers', { syncId, trigger: 'manual', requestedBy: admin });
          // Until the job (not only the run row) is done: a trigger while it is active joins it.
          await until(async () => ((await h.producer.queue('seller-sync').getJobState(job.id)) === 'completed' ? true : undefined), `manual sync ${syncId}`);
          const row = await db.selectFrom('sellers.sync_audit_logs').selectAll().where('id', '=', syncId).executeTakeFirstOrThrow();
          expect(row).toMatchObject({ trigger_source: 'manual', requested_by: admin, status: 'completed', success_count: sellers.length });
          // Full sync (every seller written) and verified.
          expect(row.verification_result).toMatchObject({ success: true, spreadsheetCount: sellers.length, databaseCount: sellers.length, gapsDetected: [] });
          const n = await db.selectFrom('sellers.sellers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(Number(n.n)).toBe(sellers.length);
        }),
        { numRuns: 100 },
      );
    } finally {
      await worker.close();
    }
  });

  test(`${F}, Property 15: Sync progress reporting`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    // Every progress write, as a reader polling the run row would see it.
    await sql`CREATE TABLE IF NOT EXISTS public.progress_seen (run_id uuid, at bigserial, progress jsonb)`.execute(db);
    await sql`CREATE OR REPLACE FUNCTION public.keep_progress() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO public.progress_seen (run_id, progress) VALUES (NEW.id, NEW.progress); RETURN NEW; END $$`.execute(db);
    await sql`CREATE OR REPLACE TRIGGER keep_progress AFTER INSERT OR UPDATE OF progress ON sellers.sync_audit_logs FOR EACH ROW EXECUTE FUNCTION public.keep_progress()`.execute(db);
    await fc.assert(
      fc.asyncProperty(sellersArb(8, 1), fc.nat({ max: 2 }), fc.integer({ min: 1, max: 4 }), async (sellers, nBad, batchSize) => {
        await resetSellers(db);
        const rows = sellerSheet(sellers);
        const bad = Math.min(nBad, sellers.length);
        for (let i = 0; i < bad; i++) corruptCell(rows, 2 + i, 'bad-date');
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        h.deps.batchSize = batchSize;
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'manual' });
        const seen = (await sql<{ progress: Progress }>`SELECT progress FROM public.progress_seen WHERE run_id = ${s.runId} ORDER BY at`.execute(db)).rows.map((r) => r.progress);
        const good = sellers.length - bad;
        const syncing = seen.filter((p) => p.phase === 'syncing');
        // One update per batch, each counting what that batch processed; errors start at the bad rows.
        expect(syncing.map((p) => p.processed)).toEqual(Array.from({ length: Math.ceil(good / batchSize) }, (_, i) => Math.min(good, (i + 1) * batchSize)));
        for (const p of syncing) expect(p).toMatchObject({ total: good, success: p.processed, errors: bad });
        const order = ['detecting', 'syncing', 'verifying', 'done'];
        const phases = seen.map((p) => order.indexOf(p.phase));
        expect(phases).toEqual([...phases].sort((a, b) => a - b));
        expect(seen[0]!.phase).toBe('detecting');
        expect(seen.at(-1)).toMatchObject({ phase: 'done', processed: good, errors: bad });
        expect(seen.some((p) => p.phase === 'verifying')).toBe(true);
      }),
      { numRuns: 100 },
    );
    await sql`DROP TRIGGER keep_progress ON sellers.sync_audit_logs`.execute(db);
  });

  test(`${F}, Property 16: Sync completion summary`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(8, 1), fc.array(fc.constantFrom('new', 'changed', 'same', 'bad'), { minLength: 8, maxLength: 8 }), async (sellers, fate) => {
        await resetSellers(db);
        const kind = sellers.map((_, i) => fate[i]!);
        // Before: everything but the "new" ones is in the database.
        h.setSheet(sellers.filter((_, i) => kind[i] !== 'new'));
        await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const rows = sellerSheet(sellers.map((x, i) => (kind[i] === 'changed' ? { ...x, name: `${x.name} renamed`, updatedAt: null } : x)));
        kind.forEach((k, i) => k === 'bad' && corruptCell(rows, 2 + i, 'missing-name'));
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'manual', requestedBy: 'ana' });
        const count = (k: string) => kind.filter((x) => x === k).length;
        const row = await db.selectFrom('sellers.sync_audit_logs').select(['summary', 'status', 'success_count', 'failure_count']).where('id', '=', s.runId).executeTakeFirstOrThrow();
        expect(row.status).toBe('completed');
        expect(row.summary).toMatchObject({ created: count('new'), updated: count('changed'), unchanged: count('same'), invalid: count('bad'), failed: 0 });
        expect(row).toMatchObject({ success_count: sellers.length - count('bad'), failure_count: count('bad') });
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 39: Concurrent sync prevention`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const locks = createLockManager({ redis, db, log: silentLog, owner: 'test', keyPrefix: `${prefix}lock:` });
    await fc.assert(
      fc.asyncProperty(sellersArb(4, 1), fc.integer({ min: 1, max: 3 }), async (sellers, others) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const first = randomUUID();
        // Hold the first sync inside its first batch (its record-log insert waits on this lock).
        const { running, rest } = await db.transaction().execute(async (trx) => {
          await sql`LOCK TABLE sellers.sync_record_logs IN EXCLUSIVE MODE`.execute(trx);
          const running = lockedSync(h.deps, locks, { id: first, trigger: 'scheduled' });
          await until(async () => ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db)).rows[0]!.n > 0 ? true : undefined), 'the first sync to block');
          const rest = await Promise.all(Array.from({ length: others }, () => lockedSync(h.deps, locks, { id: randomUUID(), trigger: 'manual' })));
          return { running, rest };
        });
        expect((await running).status).toBe('completed');
        for (const r of rest) expect(r).toEqual({ status: 'skipped', reason: 'a seller sync is already running' });
        const runs = await db.selectFrom('sellers.sync_audit_logs').select('id').execute();
        expect(runs.map((r) => r.id)).toEqual([first]);
      }),
      { numRuns: 100 },
    );
  });
});
