import type { Database, Transaction } from '@platform/db';
import type { SheetSeller } from '@platform/sheets';
import type { RecordLogEntry } from '../audit/audit.queries.js';
import { contentHash } from './content-hash.js';
import { insertSellers, loadStored, updateSellers, upsertProperties, type StoredSeller } from './seller.queries.js';

/** A concurrent-update conflict and how it was resolved (Property 41). */
export interface ConflictRecord {
  sellerNumber: string;
  winner: 'sheet' | 'database';
  sheetUpdatedAt: string;
  databaseUpdatedAt: string;
  databaseVersion: number;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  conflicts: ConflictRecord[];
  records: RecordLogEntry[];
}

/**
 * Writes one batch in the caller's transaction: inserts new sellers, updates changed ones
 * under optimistic locking, skips unchanged ones (same content hash) unless `force`, and
 * resolves version conflicts by timestamp: the newer of the sheet row's `Updated At` (or
 * the run's start when the sheet has none) and the stored row's wins.
 */
export async function applyBatch(
  trx: Transaction<Database>,
  batch: SheetSeller[],
  stored: Map<string, StoredSeller>,
  options: { force: boolean; runStartedAt: Date },
): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, failed: 0, conflicts: [], records: [] };
  const toInsert: SheetSeller[] = [];
  const toUpdate: SheetSeller[] = [];
  for (const s of batch) {
    const seen = stored.get(s.sellerNumber);
    if (!seen) toInsert.push(s);
    else if (options.force || seen.contentHash !== contentHash(s)) toUpdate.push(s);
    else {
      result.unchanged++;
      result.records.push({ sellerNumber: s.sellerNumber, operation: 'skip', result: 'success', errorMessage: null });
    }
  }
  const inserted = await insertSellers(trx, toInsert);
  const updated = await updateSellers(trx, toUpdate, toUpdate.map((s) => stored.get(s.sellerNumber)!.version));
  const written: { seller: SheetSeller; id: number }[] = [];
  for (const s of toInsert) {
    const id = inserted.get(s.sellerNumber);
    if (id === undefined) continue;
    written.push({ seller: s, id });
    result.created++;
    result.records.push({ sellerNumber: s.sellerNumber, operation: 'create', result: 'success', errorMessage: null });
  }
  for (const s of toUpdate) {
    const id = updated.get(s.sellerNumber);
    if (id === undefined) continue;
    written.push({ seller: s, id });
    result.updated++;
    result.records.push({ sellerNumber: s.sellerNumber, operation: 'update', result: 'success', errorMessage: null });
  }
  const conflicted = [...toInsert.filter((s) => !inserted.has(s.sellerNumber)), ...toUpdate.filter((s) => !updated.has(s.sellerNumber))];
  if (conflicted.length > 0) written.push(...(await resolveConflicts(trx, conflicted, options.runStartedAt, result)));
  await upsertProperties(trx, written);
  return result;
}

async function resolveConflicts(trx: Transaction<Database>, sellers: SheetSeller[], runStartedAt: Date, result: BatchResult) {
  const now = await loadStored(trx, sellers.map((s) => s.sellerNumber));
  const written: { seller: SheetSeller; id: number }[] = [];
  for (const s of sellers) {
    const current = now.get(s.sellerNumber);
    const sheetAt = s.updatedAt ?? runStartedAt;
    if (!current) {
      // Deleted since we looked: the sheet is the only copy left.
      const id = (await insertSellers(trx, [s])).get(s.sellerNumber);
      if (id !== undefined) written.push({ seller: s, id }), result.created++;
      result.records.push({ sellerNumber: s.sellerNumber, operation: 'create', result: id === undefined ? 'failure' : 'success', errorMessage: 'conflict: row vanished during the sync; re-inserted from the sheet' });
      if (id === undefined) result.failed++;
      continue;
    }
    const conflict: ConflictRecord = {
      sellerNumber: s.sellerNumber,
      winner: sheetAt.getTime() >= current.changedAt.getTime() ? 'sheet' : 'database',
      sheetUpdatedAt: sheetAt.toISOString(),
      databaseUpdatedAt: current.changedAt.toISOString(),
      databaseVersion: current.version,
    };
    result.conflicts.push(conflict);
    const why = `conflict: database version ${current.version} changed during the sync; sheet ${conflict.sheetUpdatedAt} vs database ${conflict.databaseUpdatedAt}, kept the ${conflict.winner} copy`;
    if (conflict.winner === 'database') {
      result.unchanged++;
      result.records.push({ sellerNumber: s.sellerNumber, operation: 'skip', result: 'success', errorMessage: why });
      continue;
    }
    const id = (await updateSellers(trx, [s], [current.version])).get(s.sellerNumber);
    if (id === undefined) {
      result.failed++;
      result.records.push({ sellerNumber: s.sellerNumber, operation: 'update', result: 'failure', errorMessage: `${why}; changed again, left for the next sync` });
    } else {
      written.push({ seller: s, id });
      result.updated++;
      result.records.push({ sellerNumber: s.sellerNumber, operation: 'update', result: 'success', errorMessage: why });
    }
  }
  return written;
}
