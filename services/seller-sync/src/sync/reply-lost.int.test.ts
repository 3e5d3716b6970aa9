import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { createDb } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from './run-sync.js';
import { UNCHANGED_SUMMARY } from '../audit/audit.queries.js';
import { fileEmulator, harness, resetSellers, sellersArb } from '../testing/harness.fixture.js';
import { startPgProxy } from '../testing/pg-proxy.fixture.js';

const emu = await fileEmulator();
afterAll(() => emu.close());

// Issue #15, Deliver 5: the server committed a batch, the reply never came back, the run
// reconnects and retries the batch. Nothing may be written twice.
describe('reply lost after commit', () => {
  test('a batch whose COMMIT succeeded but whose reply was lost is retried without duplicate record logs or versions', async ({ database, redis, prefix }) => {
    const proxy = await startPgProxy(database.url);
    const viaProxy = createDb(proxy.url, { max: 3 });
    try {
      const direct = harness(database.db, redis, prefix, emu);
      const h = harness(viaProxy, redis, prefix, emu);
      const fate = fc.constantFrom('new' as const, 'same' as const, 'changed' as const);
      await fc.assert(
        fc.asyncProperty(sellersArb(10, 1), fc.array(fate, { minLength: 10, maxLength: 10 }), fc.nat(), async (sellers, fates, pick) => {
          const plan = sellers.map((s, i) => ({ seller: s, fate: fates[i]! }));
          // Batches of 3 in sheet order; a batch writes record logs only if it creates or updates.
          const writing = [];
          for (let i = 0; i < plan.length; i += h.deps.batchSize) if (plan.slice(i, i + h.deps.batchSize).some((p) => p.fate !== 'same')) writing.push(i);
          fc.pre(writing.length > 0);
          await resetSellers(database.db);
          direct.setSheet(plan.filter((p) => p.fate !== 'new').map((p) => p.seller));
          expect((await runSync(direct.deps, { id: randomUUID(), trigger: 'scheduled' })).status).toBe('completed');
          const sheet = plan.map((p) => (p.fate === 'changed' ? { ...p.seller, name: `${p.seller.name} v` } : p.seller));
          h.setSheet(sheet);

          const cutsBefore = proxy.cuts;
          proxy.loseCommitReplyAfter('INSERT INTO sellers.sync_record_logs', 1 + (pick % writing.length));
          const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
          proxy.disarm();
          expect(proxy.cuts).toBe(cutsBefore + 1);

          const count = (f: string) => plan.filter((p) => p.fate === f).length;
          expect(s).toMatchObject({ status: 'completed', created: count('new'), updated: count('changed'), unchanged: count('same'), conflicts: [] });
          expect(s.recoveries.filter((r) => r.kind === 'db_reconnect')).toHaveLength(1);
          // One version step per changed seller, none for the others.
          const rows = await database.db.selectFrom('sellers.sellers').select(['seller_number', 'version', 'name']).execute();
          const byNumber = new Map(rows.map((r) => [r.seller_number, r]));
          expect(rows).toHaveLength(plan.length);
          for (const [i, p] of plan.entries()) expect(byNumber.get(p.seller.sellerNumber)).toMatchObject({ version: p.fate === 'changed' ? 2 : 1, name: sheet[i]!.name });
          // Every seller logged exactly once by this run: its own row, or inside the unchanged summary row.
          const logs = await database.db.selectFrom('sellers.sync_record_logs').select(['seller_number', 'operation', 'result', 'seller_numbers']).where('audit_log_id', '=', s.runId).execute();
          const logged = logs.flatMap((l) => (l.seller_number === UNCHANGED_SUMMARY ? l.seller_numbers! : [l.seller_number]));
          expect(logged.sort()).toEqual(plan.map((p) => p.seller.sellerNumber).sort());
          const ops = new Map(logs.filter((l) => l.seller_number !== UNCHANGED_SUMMARY).map((l) => [l.seller_number, `${l.operation}/${l.result}`]));
          for (const p of plan) if (p.fate !== 'same') expect(ops.get(p.seller.sellerNumber)).toBe(p.fate === 'new' ? 'create/success' : 'update/success');
        }),
        { numRuns: 100 },
      );
    } finally {
      await viaProxy.destroy();
      await proxy.close();
    }
  });
});
