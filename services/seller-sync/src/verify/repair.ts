import { randomUUID } from 'node:crypto';
import type { SheetsReader } from '@platform/sheets';
import { writeErrorLogs, writeRecordLogs } from '../audit/audit.queries.js';
import { applyBatch } from '../sync/apply-batch.js';
import { commitOnce } from '../sync/commit-once.js';
import { withDbReconnect, type RecoveryAction } from '../sync/db-recovery.js';
import { loadStored } from '../sync/seller.queries.js';
import type { SyncDeps } from '../sync/run-sync.js';
import { compareWithDatabase, type ExpectedSeller } from './verify.queries.js';

export interface RepairResult {
  attempted: string[];
  repaired: string[];
  /** Still missing (or still without their property) after the attempt. */
  remaining: string[];
  error: string | null;
}

/**
 * Re-syncs just these sellers (Property 3): reads their rows again (re-locating any that
 * moved), writes them even if the hash says unchanged, then checks them again.
 */
export async function repairSellers(
  deps: Pick<SyncDeps, 'db' | 'log'>,
  reader: SheetsReader,
  runId: string,
  targets: ExpectedSeller[],
  recovered: (a: RecoveryAction) => void,
): Promise<RepairResult> {
  const { db } = deps;
  const wanted = new Set(targets.map((t) => t.sellerNumber));
  const attempted = [...wanted];
  try {
    let snap = await reader.readRows(targets.map((t) => t.rowNumber));
    let found = snap.sellers.filter((s) => wanted.has(s.sellerNumber));
    if (found.length < wanted.size) {
      const moved = await reader.locate(attempted.filter((n) => !found.some((s) => s.sellerNumber === n)));
      if (moved.size > 0) {
        snap = await reader.readRows([...moved.values()]);
        found = [...found, ...snap.sellers.filter((s) => wanted.has(s.sellerNumber))];
      }
    }
    const stored = await loadStored(db, found.map((s) => s.sellerNumber));
    // One key per repair attempt: retried after a lost COMMIT reply it is not applied (and versioned) twice.
    const key = `repair:${randomUUID()}`;
    await withDbReconnect(db, () =>
      commitOnce(db, runId, key, async (trx) => {
        const res = await applyBatch(trx, found, stored, { force: true, runStartedAt: new Date() });
        await writeRecordLogs(trx, runId, res.records.map((r) => ({ ...r, errorMessage: r.errorMessage ?? 'gap re-sync after verification' })));
        return null;
      }), recovered);
    const again = await compareWithDatabase(db, targets);
    const remaining = [...again.gaps, ...again.missingProperty].map((g) => g.sellerNumber).filter((n) => wanted.has(n));
    const repaired = attempted.filter((n) => !remaining.includes(n));
    if (repaired.length > 0) recovered({ kind: 'gap_resync', at: new Date().toISOString(), detail: `re-synced ${repaired.length} seller(s) verification found missing: ${repaired.slice(0, 50).join(', ')}` });
    return { attempted, repaired, remaining, error: null };
  } catch (err) {
    deps.log.error({ err, runId }, 'gap re-sync failed');
    await writeErrorLogs(db, runId, [{ sellerNumber: null, message: `gap re-sync failed: ${(err as Error).message}`, stack: (err as Error).stack ?? null, type: 'unknown' }]).catch(() => undefined);
    return { attempted, repaired: [], remaining: attempted, error: (err as Error).message };
  }
}
