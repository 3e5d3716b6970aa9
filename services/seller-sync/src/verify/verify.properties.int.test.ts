import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { runSync } from '../sync/run-sync.js';
import { verifyAndRepair } from './verify-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb } from '../testing/harness.fixture.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';

/** Syncs `sellers`, deletes `pick` of them behind the service's back, then verifies as a run does. */
async function syncThenLose(h: ReturnType<typeof harness>, sellers: Parameters<typeof h.setSheet>[0], pick: boolean[]) {
  await resetSellers(h.deps.db);
  emu.faults.reset();
  h.setSheet(sellers);
  const run = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
  const lost = sellers.filter((_, i) => pick[i]).map((s) => s.sellerNumber);
  if (lost.length > 0) await h.deps.db.deleteFrom('sellers.sellers').where('seller_number', 'in', lost).execute();
  const reader = h.deps.reader(() => undefined);
  const snap = await reader.readAll();
  return { run, lost, reader, snap };
}

describe('verification properties', () => {
  test(`${F}, Property 1: Verification execution`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        expect(s.verification).toMatchObject({ spreadsheetCount: sellers.length, databaseCount: sellers.length, success: true });
      }),
      { numRuns: 100 },
    );
  });

  const lossCase = fc.tuple(sellersArb(6, 1), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }));

  test(`${F}, Property 2: Gap logging completeness`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu, { autoRecoveryEnabled: false });
    await fc.assert(
      fc.asyncProperty(lossCase, async ([sellers, pick]) => {
        const { run, lost, reader, snap } = await syncThenLose(h, sellers, pick);
        const before = Date.now();
        const v = await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        expect(v.gapsDetected.sort()).toEqual([...lost].sort());
        expect(Date.parse(v.timestamp)).toBeGreaterThanOrEqual(before - 5);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 3: Automatic resync trigger`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(lossCase, async ([sellers, pick]) => {
        const { run, lost, reader, snap } = await syncThenLose(h, sellers, pick);
        const v = await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        expect(v.autoResyncAttempted).toBe(lost.length > 0);
        expect(v.repaired.sort()).toEqual([...lost].sort());
        const back = await db.selectFrom('sellers.sellers').select('seller_number').execute();
        expect(back).toHaveLength(sellers.length);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 4: Alert on resync failure`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(lossCase, async ([sellers, pick]) => {
        fc.pre(pick.slice(0, sellers.length).some(Boolean));
        const { run, reader, snap } = await syncThenLose(h, sellers, pick);
        h.alerts.length = 0;
        emu.faults.failNext(20, { kind: 'status', status: 503 });
        const v = await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        emu.faults.reset();
        expect(v.autoResyncSuccess).toBe(false);
        const alert = h.alerts.find((a) => a.type === 'resync_failed');
        expect(alert?.severity).toBe('high');
        const queued = await h.producer.queue('alerts').getJobs(['waiting']);
        expect(queued.some((j) => j.data.type === 'seller_sync.resync_failed' && j.data.details.runId === run.runId)).toBe(true);
        // Req 7.4: what could not be repaired now is scheduled for later, on the real queue.
        expect(h.resyncs.at(-1)).toEqual({ syncId: run.runId, sellerNumbers: v.remainingGaps.length > 0 ? expect.arrayContaining(v.remainingGaps) : expect.any(Array) });
        expect(await h.producer.queue('seller-sync').getJob(`resync-gaps.${run.runId}`)).toBeTruthy();
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 5: Verification audit logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(lossCase, async ([sellers, pick]) => {
        const { run, reader, snap } = await syncThenLose(h, sellers, pick);
        const v = await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        const row = await db.selectFrom('sellers.sync_audit_logs').select('verification_result').where('id', '=', run.runId).executeTakeFirstOrThrow();
        expect(row.verification_result).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 100 },
    );
  });

  const propertyLoss = fc.tuple(sellersArb(6, 1), fc.nat());

  test(`${F}, Property 35: Integrity issue logging`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu, { autoRecoveryEnabled: false });
    await fc.assert(
      fc.asyncProperty(propertyLoss, async ([sellers, k]) => {
        const owners = sellers.filter((s) => s.property);
        fc.pre(owners.length > 0);
        const { run, reader, snap } = await syncThenLose(h, sellers, []);
        const victim = owners[k % owners.length]!.sellerNumber;
        await db.deleteFrom('sellers.properties').where('seller_id', '=', (eb) => eb.selectFrom('sellers.sellers').select('id').where('seller_number', '=', victim)).execute();
        const v = await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        expect(v.integrityIssues).toEqual([expect.objectContaining({ sellerNumber: victim, issueType: 'missing_property' })]);
        const logs = await db.selectFrom('sellers.sync_error_logs').select(['seller_number', 'error_message']).where('audit_log_id', '=', run.runId).execute();
        expect(logs.some((l) => l.seller_number === victim && l.error_message.includes('missing_property'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 36: Integrity alert creation`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu, { autoRecoveryEnabled: false });
    await fc.assert(
      fc.asyncProperty(propertyLoss, async ([sellers, k]) => {
        const owners = sellers.filter((s) => s.property);
        fc.pre(owners.length > 0);
        const { run, reader, snap } = await syncThenLose(h, sellers, []);
        const victim = owners[k % owners.length]!.sellerNumber;
        await db.deleteFrom('sellers.properties').where('seller_id', '=', (eb) => eb.selectFrom('sellers.sellers').select('id').where('seller_number', '=', victim)).execute();
        h.alerts.length = 0;
        await verifyAndRepair(h.deps, reader, run.runId, snap.sellers, 0, () => undefined);
        const a = h.alerts.find((x) => x.type === 'data_integrity');
        expect(a?.details).toMatchObject({ runId: run.runId, issues: [expect.objectContaining({ sellerNumber: victim })] });
      }),
      { numRuns: 100 },
    );
  });
});
