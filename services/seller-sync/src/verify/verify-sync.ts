import type { SheetSeller, SheetsReader } from '@platform/sheets';
import { storeVerification, writeErrorLogs } from '../audit/audit.queries.js';
import { withDbReconnect, type RecoveryAction } from '../sync/db-recovery.js';
import type { SyncDeps } from '../sync/run-sync.js';
import { repairSellers } from './repair.js';
import { compareWithDatabase, type IntegrityIssue } from './verify.queries.js';

/** Spec 002 SyncVerificationResult, plus what the repair left. Stored in the run's audit row. */
export interface VerificationResult {
  success: boolean;
  /** Valid seller rows in the sheet (what the database must hold). */
  spreadsheetCount: number;
  invalidSheetRows: number;
  databaseCount: number;
  gapsDetected: string[];
  integrityIssues: IntegrityIssue[];
  autoResyncAttempted: boolean;
  autoResyncSuccess: boolean;
  repaired: string[];
  remainingGaps: string[];
  resyncError: string | null;
  /** The sellers still missing were handed to a later `resync-gaps` job. */
  resyncScheduled: boolean;
  timestamp: string;
}

// A resync-gaps payload holds at most this many seller numbers (queue catalog).
const MAX_RESYNC_SELLERS = 10_000;

/** Post-sync verification (Properties 1-5, 32-36): compare, alert, repair, record. */
export async function verifyAndRepair(
  deps: SyncDeps,
  reader: SheetsReader,
  runId: string,
  sellers: SheetSeller[],
  invalidCount: number,
  recovered: (a: RecoveryAction) => void,
): Promise<VerificationResult> {
  const { db, log } = deps;
  const settings = deps.settings();
  const reconnecting = <T>(op: () => Promise<T>) => withDbReconnect(db, op, recovered);
  const expected = sellers.map((s) => ({ sellerNumber: s.sellerNumber, rowNumber: s.rowNumber, hasProperty: s.property !== null }));
  let cmp = await reconnecting(() => compareWithDatabase(db, expected));
  const timestamp = new Date().toISOString();
  const gapsDetected = cmp.gaps.map((g) => g.sellerNumber);
  if (gapsDetected.length > 0) log.warn({ runId, gaps: gapsDetected, detectedAt: timestamp }, 'verification found sellers missing from the database');
  if (gapsDetected.length > settings.syncGapThreshold) {
    await deps.alert({
      type: 'sync_gap',
      severity: 'medium',
      message: `verification found ${gapsDetected.length} seller(s) missing from the database (threshold ${settings.syncGapThreshold})`,
      details: { runId, gaps: gapsDetected.slice(0, 200), detectedAt: timestamp },
    });
  }
  const targets = [...cmp.gaps, ...cmp.missingProperty];
  let repair = { attempted: [] as string[], repaired: [] as string[], remaining: targets.map((t) => t.sellerNumber), error: null as string | null };
  let resyncScheduled = false;
  if (targets.length > 0 && settings.autoRecoveryEnabled) {
    repair = await repairSellers(deps, reader, runId, targets, recovered);
    cmp = await reconnecting(() => compareWithDatabase(db, expected));
    if (repair.remaining.length > 0) {
      await deps.scheduleResync({ syncId: runId, sellerNumbers: repair.remaining.slice(0, MAX_RESYNC_SELLERS) });
      resyncScheduled = true;
      await deps.alert({
        type: 'resync_failed',
        severity: 'high',
        message: `automatic re-sync could not repair ${repair.remaining.length} seller(s) now (a later re-sync is scheduled): ${repair.remaining.slice(0, 20).join(', ')}`,
        details: { runId, remaining: repair.remaining.slice(0, 200), error: repair.error },
      });
    }
  }
  if (cmp.issues.length > 0) {
    await reconnecting(() => writeErrorLogs(db, runId, cmp.issues.map((i) => ({ sellerNumber: i.sellerNumber, message: `integrity: ${i.issueType}${i.fieldName ? ` (${i.fieldName})` : ''}: ${i.description}`, stack: null, type: 'validation' }))));
    await deps.alert({
      type: 'data_integrity',
      severity: 'medium',
      message: `verification found ${cmp.issues.length} data integrity issue(s), e.g. ${cmp.issues[0]!.description}`,
      details: { runId, issues: cmp.issues.slice(0, 100) },
    });
  }
  const remainingGaps = cmp.gaps.map((g) => g.sellerNumber);
  const result: VerificationResult = {
    success: remainingGaps.length === 0 && cmp.issues.length === 0,
    spreadsheetCount: sellers.length,
    invalidSheetRows: invalidCount,
    databaseCount: cmp.databaseCount,
    gapsDetected,
    integrityIssues: cmp.issues,
    autoResyncAttempted: repair.attempted.length > 0,
    autoResyncSuccess: repair.attempted.length > 0 && repair.remaining.length === 0,
    repaired: repair.repaired,
    remainingGaps,
    resyncError: repair.error,
    resyncScheduled,
    timestamp,
  };
  await reconnecting(() => storeVerification(db, runId, result));
  return result;
}
