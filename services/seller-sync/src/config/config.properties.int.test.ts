import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { readSellerSyncSettings } from '@platform/db';
import { createProducer } from '@platform/queues';
import { describe, expect, test, waitFor } from '@platform/testkit';
import { applySchedule } from '../jobs/schedule.js';
import { checkConsecutiveFailures } from '../sync/failure-streak.js';
import { runSync } from '../sync/run-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb, silentLog } from '../testing/harness.fixture.js';
import { verifyAndRepair } from '../verify/verify-sync.js';
import { SyncSettingsError, type SyncSettings } from './sync-settings.schema.js';
import { loadSyncSettings, updateSyncSettings, watchSyncSettings } from './sync-settings.store.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';

/** Writes `value` for `key`; returns the stored settings, or the validation error with nothing written. */
async function configure(db: Parameters<typeof loadSyncSettings>[0], key: keyof SyncSettings, value: unknown) {
  const before = await loadSyncSettings(db);
  const r = await updateSyncSettings(db, { [key]: value }, 'admin:test').catch((e: unknown) => e);
  if (r instanceof SyncSettingsError) {
    expect(r.issues.join()).toContain(key);
    expect(await loadSyncSettings(db)).toEqual(before);
    return null;
  }
  expect((await loadSyncSettings(db))[key]).toEqual(value);
  return loadSyncSettings(db);
}

describe('configuration properties', () => {
  test(`${F}, Property 43: Failure threshold configuration`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const threshold = fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -3, max: 0 }), fc.constant(2.5), fc.constant('3'));
    await fc.assert(
      fc.asyncProperty(threshold, fc.array(fc.boolean(), { maxLength: 8 }), async (t, outcomes) => {
        await resetSellers(db);
        const s = await configure(db, 'consecutiveFailureThreshold', t);
        const valid = typeof t === 'number' && Number.isInteger(t) && t >= 1;
        expect(s !== null).toBe(valid);
        if (!s) return;
        // Applied: the alert fires exactly when the newest `t` finished runs all failed.
        for (const [i, failed] of outcomes.entries()) {
          await db.insertInto('sellers.sync_audit_logs').values({ id: randomUUID(), start_time: new Date(Date.now() - (outcomes.length - i) * 60_000), trigger_source: 'scheduled', status: failed ? 'failed' : 'completed' }).execute();
        }
        h.alerts.length = 0;
        const fired = await checkConsecutiveFailures(db, h.deps.alert, s.consecutiveFailureThreshold);
        const tail = outcomes.slice(-s.consecutiveFailureThreshold);
        expect(fired).toBe(tail.length === s.consecutiveFailureThreshold && tail.every(Boolean));
        expect(h.alerts.filter((a) => a.type === 'consecutive_failures')).toHaveLength(fired ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 44: Gap threshold configuration`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const threshold = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(-1), fc.constant(1.5), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(threshold, sellersArb(6, 1), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), async (g, sellers, lose) => {
        await resetSellers(db);
        const s = await configure(db, 'syncGapThreshold', g);
        expect(s !== null).toBe(typeof g === 'number' && Number.isInteger(g) && g >= 0);
        if (!s) return;
        h.deps.settings = () => ({ ...s, retryConfig: h.settings.retryConfig, autoRecoveryEnabled: false });
        h.setSheet(sellers);
        const run = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const lost = sellers.filter((_, i) => lose[i]).map((x) => x.sellerNumber);
        if (lost.length > 0) await db.deleteFrom('sellers.sellers').where('seller_number', 'in', lost).execute();
        h.alerts.length = 0;
        const reader = h.deps.reader(() => undefined);
        await verifyAndRepair(h.deps, reader, run.runId, (await reader.readAll()).sellers, 0, () => undefined);
        expect(h.alerts.filter((a) => a.type === 'sync_gap')).toHaveLength(lost.length > s.syncGapThreshold ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 45: Recovery toggle configuration`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const toggle = fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, null));
    await fc.assert(
      fc.asyncProperty(toggle, sellersArb(5, 1), fc.nat(), async (on, sellers, k) => {
        await resetSellers(db);
        const s = await configure(db, 'autoRecoveryEnabled', on);
        expect(s !== null).toBe(typeof on === 'boolean');
        if (!s) return;
        h.deps.settings = () => ({ ...s, retryConfig: h.settings.retryConfig });
        h.setSheet(sellers);
        const run = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const victim = sellers[k % sellers.length]!.sellerNumber;
        await db.deleteFrom('sellers.sellers').where('seller_number', '=', victim).execute();
        const reader = h.deps.reader(() => undefined);
        const v = await verifyAndRepair(h.deps, reader, run.runId, (await reader.readAll()).sellers, 0, () => undefined);
        expect(v.autoResyncAttempted).toBe(on);
        expect(v.remainingGaps).toEqual(on ? [] : [victim]);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 46: Hot configuration reload`, async ({ db, redis, prefix }) => {
    const producer = createProducer({ connection: redis, prefix });
    await resetSellers(db);
    let changes = 0;
    const watcher = await watchSyncSettings(db, {
      pollMs: 10,
      log: silentLog,
      // What main.ts does: a new interval re-upserts the schedule.
      onChange: async (next, previous) => {
        changes++;
        if (next.syncIntervalMinutes !== previous.syncIntervalMinutes) await applySchedule(producer, next);
      },
    });
    await applySchedule(producer, watcher.current());
    const patch = fc.record(
      {
        syncIntervalMinutes: fc.integer({ min: 1, max: 1_440 }),
        consecutiveFailureThreshold: fc.integer({ min: 1, max: 100 }),
        syncGapThreshold: fc.integer({ min: 0, max: 1_000 }),
        noSyncThresholdMinutes: fc.integer({ min: 1, max: 10_080 }),
        autoRecoveryEnabled: fc.boolean(),
        invalidRowAlertPercent: fc.integer({ min: 0, max: 100 }),
        retryConfig: fc
          .record({ maxRetries: fc.integer({ min: 0, max: 10 }), initialDelayMs: fc.integer({ min: 0, max: 600_000 }), maxDelayMs: fc.integer({ min: 0, max: 600_000 }), backoffMultiplier: fc.integer({ min: 10, max: 100 }).map((n) => n / 10) })
          .map((r) => ({ ...r, maxDelayMs: Math.max(r.maxDelayMs, r.initialDelayMs) })),
        alertConfig: fc.oneof(
          fc.record({ emailEnabled: fc.constant(true), emailRecipients: fc.uniqueArray(fc.constantFrom('a@example.org', 'b@example.org', 'ops@example.com'), { minLength: 1 }) }),
          fc.record({ emailEnabled: fc.constant(false), emailRecipients: fc.constantFrom([], ['a@example.org']) }),
        ),
      },
      { requiredKeys: [] },
    );
    try {
      await fc.assert(
        fc.asyncProperty(patch, async (p) => {
          const before = watcher.current();
          const changesBefore = changes;
          const next = await updateSyncSettings(db, p, 'admin:test');
          // No restart: the running watcher sees it within a few polls.
          const every = async () => (await producer.queue('seller-sync').getJobScheduler('sync-sellers'))?.every;
          // Wait for the state (not a fixed number of polls): a loaded box can starve the 10 ms poller for seconds.
          await waitFor('the watcher and the schedule to pick up the new settings', async () =>
            JSON.stringify(watcher.current()) === JSON.stringify(next) && (await every()) === next.syncIntervalMinutes * 60_000,
          );
          expect(watcher.current()).toEqual(next);
          // Every key, retryConfig and alertConfig included, is what the stores now hold.
          for (const key of Object.keys(p) as (keyof typeof p)[]) expect(watcher.current()[key]).toEqual(p[key]);
          expect(await readSellerSyncSettings(db)).toEqual(next);
          expect(changes).toBe(changesBefore + (JSON.stringify(next) === JSON.stringify(before) ? 0 : 1));
          expect(await every()).toBe(next.syncIntervalMinutes * 60_000);
        }),
        { numRuns: 100 },
      );
    } finally {
      watcher.stop();
      await producer.close();
    }
  });
});
