import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database, Kysely } from '@platform/db';
import { fencedWrite, FencingError } from '@platform/lock';
import { createProducer } from '@platform/queues';
import { describe, expect, test, TEST_REDIS_URL } from '@platform/testkit';
import { generateLogs, generateUsers, startEmulator, type AttendanceRecord, type DeviceUser, type ZkEmulator } from '@platform/zk';
import { startService, waitFor, type ServiceProcess } from './testing/service-process.js';

// ~400 user transactions of 5 rows; the test parks one in the middle (see below),
// so the kill lands among the batches on a fast box and a loaded one alike.
const USERS = 2_000;
const LOGS = 10_000;
const BATCH = 5;
// The dead holder's key and lease lapse within this ttl once nobody extends them.
const LOCK_TTL_MS = 15_000;

let emu: ZkEmulator;
const users: DeviceUser[] = generateUsers(USERS, 11);
const logs: AttendanceRecord[] = generateLogs(LOGS, users, 11);
beforeAll(async () => {
  // Paced chunks: the client is another process (pacing 0 is only safe in-process).
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 5, users, logs });
});
afterAll(() => emu.close());

/** Backends of this test's database waiting on a lock (pg_locks is cluster-wide: other test files wait too). */
async function waitingOnLocks(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE NOT l.granted AND a.datname = current_database()`.execute(db);
  return rows[0]!.n;
}

/** Holds an uncommitted buffer row until rollBack(): a writer of the same user waits on it. */
function parkUser(db: Kysely<Database>, row: { device_id: number; device_user_id: string; uid: number }) {
  let parked!: () => void;
  let release!: () => void;
  const parkedNow = new Promise<void>((resolve) => (parked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const rolledBack = new Error('rolled back on purpose');
  const done = db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('attendance.device_user_buffer').values(row).execute();
      parked();
      await released;
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  return { parked: parkedNow, rollBack: () => (release(), done) };
}

const slices = <T>(xs: readonly T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
const punchKey = (userId: string, at: Date) => `${userId}@${at.toISOString()}`;

async function snapshot(db: Kysely<Database>, deviceId: number) {
  const buffer = await db.selectFrom('attendance.device_user_buffer').selectAll().where('device_id', '=', deviceId).execute();
  const audit = await db.selectFrom('attendance.device_user_audit_log').select(['operation_type', 'device_user_id', 'details']).where('device_id', '=', deviceId).execute();
  const punches = await db.selectFrom('attendance.attendance_logs').select(['device_user_id', 'record_time', 'user_sn', 'verify_type', 'punch']).where('device_id', '=', deviceId).execute();
  const history = await db.selectFrom('attendance.device_user_count_history').select('user_count').where('device_id', '=', deviceId).execute();
  const ledger = await db.selectFrom('platform.sync_locks').select(['event', 'fencing_token']).where('lock_key', '=', `device:${deviceId}`).orderBy('id').execute();
  return { buffer, audit, punches, history, ledger: ledger.filter((e) => e.event !== 'extended') };
}

describe('device-poller worker killed mid-sync (real process, SIGKILL)', () => {
  test('leaves only whole batches and a lock that lapses; a new worker process completes the next sync exactly', async ({ db, database, redis, prefix }) => {
    // main.ts locks `lock:device:<id>` (no per-test prefix): an id no other database uses keeps the key ours.
    const deviceId = randomInt(100_000_000, 2_000_000_000);
    await sql`INSERT INTO platform.devices (id, name, host, port, timezone) OVERRIDING SYSTEM VALUE
              VALUES (${deviceId}, ${`kill-${prefix}`}, ${emu.host}, ${emu.port}, ${emu.timezone})`.execute(db);
    const lockKey = `lock:device:${deviceId}`;
    const resource = `device:${deviceId}`;
    const env = {
      NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix,
      HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', SYNC_BATCH_SIZE: String(BATCH), SYNC_CONCURRENCY: '1', DEVICE_LOCK_TTL_MS: String(LOCK_TTL_MS),
      // Hang guards, not limits: a loaded CI box read 6,547 of 10,000 paced punches inside the 10 s default.
      DEVICE_CONNECT_TIMEOUT_MS: '60000', DEVICE_COMMAND_TIMEOUT_MS: '120000',
    };
    const producer = createProducer({ connection: redis, prefix });
    const processes: ServiceProcess[] = [];
    const start = () => {
      const p = startService(env);
      processes.push(p);
      return p;
    };
    const alive = (p: ServiceProcess) => {
      if (p.child.exitCode !== null) throw new Error(`device-poller exited with ${p.child.exitCode}:\n${p.output()}`);
    };
    try {
      // 1. The real worker boots, schedules the enabled device (first run at once) and syncs it.
      // The kill must land mid-sync however fast or slow the box is, so the test
      // parks the sync itself: an uncommitted buffer row for a user in the middle
      // makes that user's batch wait on our transaction, while the batches around
      // it commit. Then the worker is killed with that batch in flight.
      const parked = users[USERS / 2]!;
      const blocker = parkUser(db, { device_id: deviceId, device_user_id: parked.userId, uid: parked.uid });
      await blocker.parked;
      const first = start();
      await waitFor('the sync to commit batches and wait on the parked user', async () => {
        alive(first);
        const row = await db.selectFrom('attendance.device_user_buffer').select((e) => e.fn.countAll<number>().as('n')).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
        return row.n >= USERS / 4 && (await waitingOnLocks(db)) > 0;
      }, 120_000, 10);
      await first.kill();
      await blocker.rollBack();

      // 2. What the dead worker left: whole batches only.
      const dead = await snapshot(db, deviceId);
      // Earlier attempts may have failed and been retried (a device read cut short on a loaded box
      // fails before anything is written); each of those released its lock. The last hold is the
      // one the kill ended: acquired and never released.
      const events = dead.ledger.map((e) => e.event);
      expect(events.at(-1)).toBe('acquired');
      expect(events.slice(0, -1)).toEqual(events.slice(0, -1).map((_, i) => (i % 2 === 0 ? 'acquired' : 'released')));
      const deadToken = dead.ledger.at(-1)!.fencing_token!;
      const buffered = new Set(dead.buffer.map((b) => b.device_user_id));
      // The kill landed mid-sync, not before the first or after the last batch.
      expect(buffered.size).toBeGreaterThan(0);
      expect(buffered.size).toBeLessThan(USERS);
      // A user batch is one transaction: buffer rows + their `user_discovered` audit rows, so the two sets are equal...
      const discovered = dead.audit.filter((a) => a.operation_type === 'user_discovered').map((a) => a.device_user_id!);
      expect(new Set(discovered)).toEqual(buffered);
      expect(discovered).toHaveLength(buffered.size);
      // ...and each batch (BATCH consecutive users in uid order) is stored entirely or not at all.
      for (const batch of slices(users, BATCH)) expect([0, batch.length]).toContain(batch.filter((u) => buffered.has(u.userId)).length);
      // Punch batches (5 x BATCH, device order) likewise.
      const stored = new Set(dead.punches.map((p) => punchKey(p.device_user_id, p.record_time)));
      for (const batch of slices(logs, BATCH * 5)) expect([0, batch.length]).toContain(batch.filter((l) => stored.has(punchKey(l.deviceUserId, l.recordTime))).length);
      // The closing transaction never ran: no summary, no count history, no attendance cursor to skip from.
      expect(dead.audit.filter((a) => a.operation_type === 'sync_completed')).toEqual([]);
      expect(dead.history).toEqual([]);

      // 3. The lock is not stuck: nobody extends the dead holder's key any more, so it
      // runs out within its ttl (Redis's own clock), and so does its fence.
      const pttl = await redis.pttl(lockKey);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(LOCK_TTL_MS);
      await waitFor('the dead holder\'s lock key to expire', async () => (await redis.exists(lockKey)) === 0, 120_000, 25);
      const lateWrite = () => fencedWrite(db, { resource, token: deadToken }, async () => 'written');
      await expect(lateWrite()).rejects.toMatchObject({ name: 'FencingError', reason: 'lease_expired', token: deadToken });

      // 4. A second worker process takes the next sync and completes it.
      const second = start();
      const job = await producer.enqueue('device-sync', 'sync-device', { deviceId, trigger: 'manual', requestedBy: 'worker-kill-test' });
      const finished = await waitFor('the next sync job to finish', async () => {
        alive(second);
        const j = await producer.queue('device-sync').getJob(job.id);
        const state = await j?.getState();
        return state === 'completed' || state === 'failed' ? { state, j: j! } : undefined;
      }, 300_000, 50);
      expect(finished.state, finished.j.failedReason).toBe('completed');
      expect(finished.j.returnvalue).toMatchObject({ users: USERS, logsRead: LOGS, discovered: USERS - buffered.size, rejectedUsers: 0 });

      // 5. Exact data: every user and punch once, no duplicate audit, one history row, a fresh fence.
      const next = await snapshot(db, deviceId);
      const expectedUsers = users.map((u) => ({ device_user_id: u.userId, uid: u.uid, name: u.name, card_number: u.cardNumber === 0 ? null : String(u.cardNumber), privilege: u.privilege, group_id: u.groupId, mapping_status: 'unmapped' }));
      const byId = (a: { device_user_id: string }, b: { device_user_id: string }) => a.device_user_id.localeCompare(b.device_user_id);
      expect(next.buffer.map((b) => ({ device_user_id: b.device_user_id, uid: b.uid, name: b.name, card_number: b.card_number, privilege: b.privilege, group_id: b.group_id, mapping_status: b.mapping_status })).sort(byId)).toEqual(expectedUsers.sort(byId));
      const discoveredAll = next.audit.filter((a) => a.operation_type === 'user_discovered').map((a) => a.device_user_id!);
      expect(discoveredAll).toHaveLength(USERS);
      expect(new Set(discoveredAll).size).toBe(USERS);
      expect(next.punches).toHaveLength(LOGS);
      const storedAll = new Map(next.punches.map((p) => [punchKey(p.device_user_id, p.record_time), p]));
      for (const l of logs) expect(storedAll.get(punchKey(l.deviceUserId, l.recordTime))).toMatchObject({ user_sn: l.userSn, verify_type: l.verifyType, punch: l.state });
      expect(next.history).toEqual([{ user_count: USERS }]);
      expect(next.audit.filter((a) => a.operation_type === 'sync_completed').length).toBeGreaterThanOrEqual(1);
      // The next holder got a newer token and released it; the dead token is now superseded, not just expired.
      const after = next.ledger.slice(dead.ledger.length);
      expect(after.map((e) => e.event)).toEqual(expect.arrayContaining(['acquired', 'released']));
      expect(after.every((e) => e.fencing_token! > deadToken)).toBe(true);
      expect(await redis.exists(lockKey)).toBe(0);
      const refused = await lateWrite().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(FencingError);
      expect(refused).toMatchObject({ reason: 'superseded', token: deadToken });
    } finally {
      await Promise.all(processes.map((p) => p.kill()));
      await producer.close();
      await redis.del(lockKey);
    }
  });
});
