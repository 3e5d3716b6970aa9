import { sql } from 'kysely';
import { afterAll } from 'vitest';
import { describe, expect, test, waitFor } from '@platform/testkit';
import { corruptCell, generateSellers, sellerSheet, withBlankRows, type BadCell } from '@platform/sheets';
import { runSync } from './sync/run-sync.js';
import { fileEmulator, harness, SHEET_ID } from './testing/harness.fixture.js';
import { randomUUID } from 'node:crypto';

const emu = await fileEmulator();
afterAll(() => emu.close());

describe('seller-sync acceptance', () => {
  test('5% bad rows, 3 blank rows and a 429 storm: every good row once, every bad row reported, zero gaps', async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    h.deps.batchSize = 50;
    const rows = withBlankRows(sellerSheet(generateSellers(400, 11)), [37, 180, 399]);
    const kinds: BadCell[] = ['seller-number', 'missing-name', 'bad-date', 'missing-date', 'bad-price'];
    // 20 of 400 = 5%: every 20th data row, skipping the blank ones.
    const bad = new Map<number, BadCell>();
    for (let r = 2; bad.size < 20; r += 20) if ((rows[r - 1]?.length ?? 0) > 0) bad.set(r, kinds[bad.size % kinds.length]!), corruptCell(rows, r, kinds[bad.size % kinds.length]!);
    emu.store.putSheet(SHEET_ID, 'Sellers', rows);
    // The storm: three 429s in a row (Retry-After 0 and 1) then a 503, on top of the read quota.
    emu.faults.failNext(2, { kind: 'status', status: 429, retryAfterSeconds: 0 }).failNext(1, { kind: 'status', status: 429, retryAfterSeconds: 1 });
    emu.faults.settings.readsPerMinute = 60;

    const summary = await runSync(h.deps, { id: randomUUID(), trigger: 'manual', requestedBy: 'ana' });
    expect(summary.status).toBe('completed');
    expect(summary.created).toBe(380);
    expect(summary.invalid).toBe(20);
    expect(summary.recoveries.filter((r) => r.kind === 'network_retry')).toHaveLength(3);
    const good = rows.slice(1).filter((r, i) => r.length > 0 && !bad.has(i + 2)).map((r) => String(r[0]));
    const stored = await db.selectFrom('sellers.sellers').select('seller_number').execute();
    expect(stored.map((s) => s.seller_number).sort()).toEqual([...good].sort());
    const errors = await db.selectFrom('sellers.sync_error_logs').select(['error_message', 'error_type']).where('audit_log_id', '=', summary.runId).execute();
    for (const [row] of bad) expect(errors.some((e) => e.error_type === 'validation' && e.error_message.startsWith(`row ${row}`))).toBe(true);
    expect(errors).toHaveLength(20);
    expect(summary.verification).toMatchObject({ gapsDetected: [], remainingGaps: [], spreadsheetCount: 380, databaseCount: 380 });
    const audit = await db.selectFrom('sellers.sync_audit_logs').selectAll().where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ status: 'completed', success_count: 380, failure_count: 20, requested_by: 'ana' });
  });

  test('rows deleted behind the service are found by the next verification and re-synced, with the repair audited', async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    h.deps.batchSize = 100;
    emu.faults.reset();
    await sql`SET session_replication_role = replica; DELETE FROM sellers.properties; DELETE FROM sellers.sellers; SET session_replication_role = origin`.execute(db);
    h.setSheet(generateSellers(200, 12));
    const first = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
    expect(first.created).toBe(200);
    // Behind the service's back, while the next (no-change) sync runs: after it compared, before it verifies.
    // Holding the record-log table makes the sync wait at its first batch's log insert.
    let running!: ReturnType<typeof runSync>;
    await db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE sellers.sync_record_logs IN EXCLUSIVE MODE`.execute(trx);
      running = runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
      // Must throw if the sync never blocks: carrying on would delete before it reads, and prove nothing.
      await waitFor('the sync to block on the locked table', async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db)).rows[0]!.n > 0);
      await trx.deleteFrom('sellers.sellers').where('seller_number', 'in', ['AA7', 'AA150', 'AA12']).execute();
    });
    const second = await running;
    expect(second.status).toBe('completed');
    expect(second.verification?.gapsDetected.sort()).toEqual(['AA12', 'AA150', 'AA7']);
    expect(second.verification).toMatchObject({ autoResyncAttempted: true, autoResyncSuccess: true, remainingGaps: [] });
    expect(await db.selectFrom('sellers.sellers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 200 });
    const audit = await db.selectFrom('sellers.sync_audit_logs').select(['verification_result', 'summary']).where('id', '=', second.runId).executeTakeFirstOrThrow();
    expect(audit.verification_result).toMatchObject({ repaired: expect.arrayContaining(['AA7', 'AA12', 'AA150']) });
    expect(JSON.stringify(audit.summary)).toContain('gap_resync');
    const repairLogs = await db.selectFrom('sellers.sync_record_logs').select(['seller_number', 'operation']).where('audit_log_id', '=', second.runId).where('error_message', '=', 'gap re-sync after verification').execute();
    expect(repairLogs.map((r) => r.seller_number).sort()).toEqual(['AA12', 'AA150', 'AA7']);
  });
});
