import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { createLockManager } from '@platform/lock';
import { createWorker } from '@platform/queues';
import { corruptCell, generateSellers, sellerSheet } from '@platform/sheets';
import { describe, expect, test } from '@platform/testkit';
import { startRun } from '../audit/audit.queries.js';
import { RetryLaterError, sellerSyncHandlers } from '../jobs/seller-sync.jobs.js';
import { fileEmulator, harness, resetSellers, SHEET_ID, silentLog } from '../testing/harness.fixture.js';
import { verifyAndRepair } from '../verify/verify-sync.js';
import { runSync } from './run-sync.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const status = async (db: Parameters<typeof resetSellers>[0], id: string) =>
  (await db.selectFrom('sellers.sync_audit_logs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
/** Waits for a condition (generous deadline: CI is a loaded 2-core box). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('every failure is alerted, nothing is left in_progress', () => {
  test('a run that fails (sheet not shared: 403) raises a high sync_failed alert and closes its row failed', async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    h.setSheet(generateSellers(3, 1));
    emu.store.setShared(SHEET_ID, false);
    try {
      const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
      expect(s).toMatchObject({ status: 'failed', retryable: false });
      expect(await status(db, s.runId)).toBe('failed');
      expect(h.alerts.find((a) => a.type === 'sync_failed')).toMatchObject({ severity: 'high', message: expect.stringContaining('HTTP 403') });
      const queued = await h.producer.queue('alerts').getJobs(['waiting']);
      expect(queued.map((j) => j.data.type)).toContain('seller_sync.sync_failed');
    } finally {
      emu.store.setShared(SHEET_ID, true);
    }
  });

  test('a run where most rows are invalid alerts with the most common reasons; the threshold is a setting', async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const rows = sellerSheet(generateSellers(10, 2));
    for (const r of [2, 3, 4, 5, 6, 7]) corruptCell(rows, r, 'bad-date');
    corruptCell(rows, 8, 'missing-name');
    emu.store.putSheet(SHEET_ID, 'Sellers', rows);
    const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
    expect(s).toMatchObject({ status: 'completed', invalid: 7, created: 3 });
    const alert = h.alerts.find((a) => a.type === 'invalid_rows');
    expect(alert?.severity).toBe('high');
    expect(alert?.message).toMatch(/^7 of 10 sheet rows \(70 %\) failed validation \(threshold 10 %\); most common: inquiry date "…" is not a date \(expected YYYY-MM-DD\) \(6\); name is empty \(1\)$/);
    h.alerts.length = 0;
    h.settings.invalidRowAlertPercent = 70;
    await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
    expect(h.alerts.filter((a) => a.type === 'invalid_rows')).toEqual([]);
  });

  test('a run left in_progress by a dead process is closed as failed by the next run', async ({ db, redis, prefix }) => {
    await resetSellers(db);
    const h = harness(db, redis, prefix, emu);
    h.setSheet(generateSellers(2, 3));
    const dead = randomUUID();
    await startRun(db, { id: dead, trigger: 'scheduled', requestedBy: null });
    const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
    expect(s.status).toBe('completed');
    expect(await status(db, dead)).toBe('failed');
    const left = await db.selectFrom('sellers.sync_audit_logs').select('id').where('status', '=', 'in_progress').execute();
    expect(left).toEqual([]);
  });

  test('a 429 storm past the reader budget fails the job for the queue to retry; the last attempt alerts', async ({ db, redis, prefix }) => {
    await resetSellers(db);
    const h = harness(db, redis, prefix, emu);
    h.setSheet(generateSellers(2, 4));
    const locks = createLockManager({ redis, db, log: silentLog, owner: 'test', keyPrefix: `${prefix}lock:` });
    const handlers = sellerSyncHandlers(h.deps, locks);
    const syncId = randomUUID();
    const job = (attemptsMade: number) => ({ job: { id: 'j1', attemptsMade, opts: { attempts: 5 } }, log: silentLog }) as never;
    emu.faults.failNext(1_000, { kind: 'status', status: 429 });
    try {
      await expect(handlers['sync-sellers']({ syncId, trigger: 'manual' }, job(0))).rejects.toBeInstanceOf(RetryLaterError);
      expect(await status(db, syncId)).toBe('failed');
      expect(h.alerts.filter((a) => a.type === 'sync_failed')).toEqual([]);
      await expect(handlers['sync-sellers']({ syncId, trigger: 'manual' }, job(4))).resolves.toEqual({ runId: syncId, status: 'failed' });
      expect(h.alerts.find((a) => a.type === 'sync_failed')?.message).toContain('HTTP 429');
    } finally {
      emu.faults.reset();
    }
    // The quota minute passed: the queue's next attempt reopens the same run and completes it.
    await expect(handlers['sync-sellers']({ syncId, trigger: 'manual' }, job(1))).resolves.toEqual({ runId: syncId, status: 'completed' });
    expect(await status(db, syncId)).toBe('completed');
  });

  test('gap re-sync that cannot finish now is scheduled and runs later on the queue', async ({ db, redis, prefix }) => {
    await resetSellers(db);
    const h = harness(db, redis, prefix, emu);
    const sellers = generateSellers(4, 5);
    h.setSheet(sellers);
    emu.faults.reset();
    const first = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
    expect(first.status).toBe('completed');
    // AA2 is lost behind the service's back; the repair meets a Sheets outage.
    await db.deleteFrom('sellers.sellers').where('seller_number', '=', 'AA2').execute();
    const reader = h.deps.reader(() => undefined);
    const snap = await reader.readAll();
    emu.faults.failNext(40, { kind: 'status', status: 503 });
    const v = await verifyAndRepair(h.deps, reader, first.runId, snap.sellers, 0, () => undefined);
    emu.faults.reset();
    expect(v).toMatchObject({ autoResyncSuccess: false, resyncScheduled: true, remainingGaps: ['AA2'] });
    const locks = createLockManager({ redis, db, log: silentLog, owner: 'test', keyPrefix: `${prefix}lock:` });
    const worker = createWorker('seller-sync', sellerSyncHandlers(h.deps, locks), { connection: redis, prefix, log: silentLog });
    try {
      await until(async () => (await db.selectFrom('sellers.sellers').select('seller_number').where('seller_number', '=', 'AA2').execute()).length === 1, 'the scheduled re-sync to restore AA2');
      const job = await h.producer.queue('seller-sync').getJob(`resync-gaps.${first.runId}`);
      await until(async () => (await job?.getState()) === 'completed', 'the resync-gaps job to complete');
    } finally {
      await worker.close();
    }
  });
});
