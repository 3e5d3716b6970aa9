import { randomUUID } from 'node:crypto';
import type { Database, Kysely } from '@platform/db';
import type { DeviceAccess } from '@platform/device-access';
import { fencedWrite, type LockOptions } from '@platform/lock';
import type { Producer } from '@platform/queues';
import type { Logger } from '@platform/runtime';
import { emitAlert } from '../alerts/alert.js';
import { disappearanceAlert } from '../alerts/disappearance.js';
import { cursorOf, DEFAULT_OVERLAP_MS, selectPunches, type SelectionReason } from './attendance-cursor.js';
import { insertAttendanceBatch, readAttendanceCursor } from './attendance.sql.js';
import { appendAudit, SERVICE_NAME } from './audit.sql.js';
import { upsertUserBatch } from './buffer.sql.js';
import { chunks, partitionUsers } from './device-users.js';
import { recordUserSet } from './history.sql.js';

export interface SyncDeps {
  db: Kysely<Database>;
  devices: DeviceAccess;
  producer: Producer;
  log: Logger;
  /** Rows per transaction: users are written in batches of this size, punches in batches of 5x. */
  batchSize: number;
  /**
   * Punches stamped up to this long before the newest stored one are offered
   * again on an incremental sync (see selectPunches). Default 2 h.
   */
  attendanceOverlapMs?: number;
  /** Batches written at once, each in its own fenced transaction. Default 2. */
  writeConcurrency?: number;
  /** Lock acquire retries after the first attempt (seed 000 Req 7.3: 3). */
  lockRetries?: number;
  /** Extra lock options (e.g. `onAttempt` for a contention metric, `maxHoldMs`). */
  lock?: LockOptions;
}

export interface SyncRequest {
  deviceId: number;
  trigger: 'scheduled' | 'manual' | 'migration';
  requestedBy?: string;
}

export interface SyncSummary {
  runId: string;
  deviceId: number;
  users: number;
  discovered: number;
  rejectedUsers: number;
  conflictsOpened: number;
  logsRead: number;
  /** Punches offered to the store: all of them, or the tail and overlap (attendanceSelection). */
  logsOffered: number;
  logsInserted: number;
  rejectedLogs: number;
  attendanceSelection: SelectionReason;
  historyRecorded: boolean;
  vanished: string[];
  alertJobId: string | null;
}

const USER_ID = /^\d{1,9}$/;

/**
 * One sync of one device, strictly read-only towards it: under `device:<id>`
 * read every user and punch (a read is complete or it throws), then write in
 * fenced transactions of `batchSize` rows, and finally compare the user set
 * with the last one. Nothing is written before both reads succeed, so a
 * failed or incomplete read changes nothing and never counts as users vanishing.
 */
export async function syncDevice(deps: SyncDeps, req: SyncRequest): Promise<SyncSummary> {
  const { db, devices, producer, batchSize } = deps;
  const runId = randomUUID();
  const performedBy = req.requestedBy ? `${SERVICE_NAME}:${req.trigger}:${req.requestedBy}` : `${SERVICE_NAME}:${req.trigger}`;
  const log = deps.log.child({ deviceId: req.deviceId, runId, trigger: req.trigger });

  return devices.withDevice(
    req.deviceId,
    async ({ client, lock, reportCounts }) => {
      const deviceUsers = await client.getUsers();
      const logs = await client.getAttendances();
      reportCounts({ users: deviceUsers.length, logs: logs.length });
      lock.signal.throwIfAborted();

      const { valid, rejected } = partitionUsers(deviceUsers);
      const selection = selectPunches(logs, await readAttendanceCursor(db, req.deviceId), deps.attendanceOverlapMs ?? DEFAULT_OVERLAP_MS);
      const offered = selection.offer.filter((l) => USER_ID.test(l.deviceUserId));
      let rejectedLogs = 0;
      for (const l of logs) if (!USER_ID.test(l.deviceUserId)) rejectedLogs++;
      const summary: SyncSummary = {
        runId, deviceId: req.deviceId, users: deviceUsers.length, discovered: 0, rejectedUsers: rejected.length,
        conflictsOpened: 0, logsRead: logs.length, logsOffered: offered.length, logsInserted: 0, rejectedLogs,
        attendanceSelection: selection.reason, historyRecorded: false, vanished: [], alertJobId: null,
      };
      if (selection.reason !== 'incremental' && selection.reason !== 'no-cursor') {
        log.warn({ reason: selection.reason, logsRead: logs.length }, 'attendance log not a plain append since the last sync; comparing every punch');
      }

      // Users and punches are independent tables: write their batches side by
      // side (PostgreSQL does the work on other cores while we wait).
      const writes = [
        ...chunks(valid, batchSize).map((batch) => async () => {
          const r = await fencedWrite(db, lock, (trx) => upsertUserBatch(trx, batch, { deviceId: req.deviceId, performedBy, mode: 'sync', runId }));
          summary.discovered += r.discovered.length;
          summary.conflictsOpened += r.conflictsOpened;
        }),
        ...chunks(offered, batchSize * 5).map((batch) => async () => {
          // Awaited before the +=: `x += await y` reads x first and loses a concurrent batch's count.
          const inserted = await fencedWrite(db, lock, (trx) => insertAttendanceBatch(trx, req.deviceId, batch));
          summary.logsInserted += inserted;
        }),
      ];
      await runAll(writes, deps.writeConcurrency ?? 2);

      // Last: the set comparison, its audit rows and the alert commit together.
      await fencedWrite(db, lock, async (trx) => {
        const change = await recordUserSet(trx, req.deviceId, valid.map((u) => u.deviceUserId));
        summary.historyRecorded = change.recorded;
        summary.vanished = change.vanished;
        await appendAudit(trx, [
          ...change.vanished.map((id) => ({
            device_id: req.deviceId, operation_type: 'user_disappeared', device_user_id: id, device_user_name: null,
            performed_by: performedBy, service_name: SERVICE_NAME, conflict_id: null,
            details: { runId, previousCount: change.previousCount, count: change.count },
          })),
          ...rejected.map((r) => ({
            device_id: req.deviceId, operation_type: 'device_record_rejected', device_user_id: USER_ID.test(r.deviceUserId) ? r.deviceUserId : null,
            device_user_name: null, performed_by: performedBy, service_name: SERVICE_NAME, conflict_id: null,
            details: { runId, uid: r.uid, reason: r.reason },
          })),
          {
            device_id: req.deviceId, operation_type: 'sync_completed', device_user_id: null, device_user_name: null,
            performed_by: performedBy, service_name: SERVICE_NAME, conflict_id: null,
            details: {
              runId, users: summary.users, discovered: summary.discovered, conflictsOpened: summary.conflictsOpened, logsRead: summary.logsRead,
              logsOffered: summary.logsOffered, logsInserted: summary.logsInserted, attendanceSelection: selection.reason, vanished: change.vanished.length,
              // Committed after every batch above: the next sync may skip what this read stored.
              attendanceCursor: cursorOf(logs),
            },
          },
        ]);
        if (change.vanished.length > 0) {
          log.warn({ vanishedIds: change.vanished, previousCount: change.previousCount, count: change.count }, 'device users disappeared');
          // Enqueued before commit with an id derived from what was compared: a retry after a
          // failed commit sends the same alertId (deduplicated); a commit never goes without its alert.
          summary.alertJobId = await emitAlert(
            producer,
            disappearanceAlert({ deviceId: req.deviceId, previousHistoryId: change.previousHistoryId ?? null, vanished: change.vanished, previousCount: change.previousCount, count: change.count, runId }),
          );
        }
      });
      if (rejected.length > 0) log.warn({ rejected }, 'device user records skipped');
      log.info({ ...summary, vanished: summary.vanished.length }, 'device sync completed');
      return summary;
    },
    { lock: { ...deps.lock, ...(deps.lockRetries === undefined ? {} : { retries: deps.lockRetries }) } },
  );
}

/**
 * Runs `tasks` with at most `concurrency` in flight. On the first failure no
 * new task starts; the ones in flight finish, then the failure is thrown, so
 * nothing is still writing once the job has failed.
 */
async function runAll(tasks: ReadonlyArray<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const failed: unknown[] = [];
  const lane = async () => {
    while (failed.length === 0 && next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        failed.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane));
  if (failed.length > 0) throw failed[0];
}
