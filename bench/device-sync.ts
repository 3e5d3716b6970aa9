// Full device sync (10,000 users + 100,000 punches) through device-poller's
// sync job against the emulator, vs the raw node-zklib download of the same
// data in the same run. Target: sync <= 1.25x raw (the platform's own work,
// buffering, conflicts, attendance, audit and history, adds at most 25%).
// Also prints the floors that bound a sync on this machine, measured in the
// same run, so a miss can be read as "which floor is in the way".
// Needs PostgreSQL and Redis (DATABASE_URL of a migrated database, REDIS_URL).
import ZKLib from 'node-zklib';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { sql } from 'kysely';
import { createDb } from '@platform/db';
import { createDeviceAccess } from '@platform/device-access';
import { createLockManager } from '@platform/lock';
import { createProducer } from '@platform/queues';
import { generateLogs, generateUsers, startEmulator } from '@platform/zk';
import { syncDevice, type SyncSummary } from '../services/device-poller/src/sync/sync-device.job.js';

const out = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args[0] !== 'ok tcp') out(...args);
};

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const LOGS = Number(process.env.BENCH_LOGS ?? 100_000);
const NEW_LOGS = Number(process.env.BENCH_NEW_LOGS ?? 1_000);
const users = generateUsers(USERS, 7);
const logs = generateLogs(LOGS + NEW_LOGS, users, 7);
const emu = await startEmulator({ users, logs: logs.slice(0, LOGS), replyForm: 'chunked', pacingMs: 0 });
const db = createDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/platform', { max: 4 });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const prefix = `bench-device-sync-${process.pid}`;
const log = pino({ level: 'warn' });

async function raw(): Promise<number> {
  const t = performance.now();
  const zk = new ZKLib('127.0.0.1', emu.port, 60_000, 0);
  await zk.createSocket();
  const u = await zk.getUsers();
  const a = await zk.getAttendances();
  await zk.disconnect();
  const logCount = emu.state.logCount;
  if (u.data.length !== USERS || a.data.length !== logCount) throw new Error(`raw read ${u.data.length}/${USERS} users, ${a.data.length}/${logCount} logs`);
  return performance.now() - t;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/** Best of `runs`, like the raw figure: on a shared machine single samples swing 2x. */
async function best<T>(runs: number, fn: () => Promise<T>): Promise<[number, T]> {
  let top = await timed(fn);
  for (let i = 1; i < runs; i++) {
    const next = await timed(fn);
    if (next[0] < top[0]) top = next;
  }
  return top;
}

/** PostgreSQL alone: the same rows written by one statement each, rolled back. */
async function pgFloor(deviceId: number, other: number): Promise<{ ingest: number; touch: number }> {
  const rows = logs.slice(0, LOGS);
  const [ingest] = await timed(() =>
    db.transaction().execute(async (trx) => {
      await sql`INSERT INTO attendance.attendance_logs (device_id, device_user_id, user_sn, record_time, verify_type, punch)
        SELECT ${other}::int, t.* FROM unnest(${rows.map((l) => l.deviceUserId)}::varchar[], ${rows.map((l) => l.userSn)}::int[],
          ${rows.map((l) => l.recordTime.toISOString())}::timestamptz[], ${rows.map((l) => l.verifyType)}::smallint[], ${rows.map((l) => l.state)}::smallint[]) AS t`.execute(trx);
      throw new Rollback();
    }).catch(ignoreRollback),
  );
  // Property 6 (last_seen_at advances every sync) makes every sync rewrite every buffered user.
  const [touch] = await timed(() =>
    db.transaction().execute(async (trx) => {
      await sql`UPDATE attendance.device_user_buffer SET last_seen_at = now() WHERE device_id = ${deviceId}`.execute(trx);
      throw new Rollback();
    }).catch(ignoreRollback),
  );
  return { ingest, touch };
}
class Rollback extends Error {}
const ignoreRollback = (e: unknown) => {
  if (!(e instanceof Rollback)) throw e;
};

try {
  const [device, scratch] = await db.insertInto('platform.devices').values([{ name: prefix, host: '127.0.0.1', port: emu.port }, { name: `${prefix}-floor`, host: '127.0.0.1', port: 1 }]).returning('id').execute();
  const locks = createLockManager({ redis, db, log, owner: 'bench', keyPrefix: `${prefix}:lock:` });
  const devices = createDeviceAccess({ db, locks, log });
  const producer = createProducer({ connection: redis, prefix });
  const deps = { db, devices, producer, log, batchSize: Number(process.env.BENCH_BATCH ?? 2_000) };
  const sync = (trigger: 'manual' | 'scheduled') => timed(() => syncDevice(deps, { deviceId: device!.id, trigger }));

  const rawFirst = await raw();
  const [firstMs, first] = await sync('manual');
  // Steady state: every user already buffered, every punch already stored.
  const [againMs, again] = await best(3, () => sync('scheduled').then(([, s]) => s));
  const rawMid = await raw();
  // A normal poll: NEW_LOGS punches appended since the last sync.
  emu.state.addLogs(logs.slice(LOGS));
  const [newMs, withNew] = await sync('scheduled');
  const rawMs = Math.min(rawFirst, rawMid, await raw());
  // Our client's download alone (completeness checks, one decode of the tapped bytes, two sessions).
  const [clientMs] = await best(3, () => devices.withDevice(device!.id, async ({ client }) => [await client.getUsers(), await client.getAttendances()]));
  const floor = await pgFloor(device!.id, scratch!.id);

  const row = (label: string, ms: number, note = '') => out(`${label.padEnd(44)}${ms.toFixed(0).padStart(7)} ms  ratio ${(ms / rawMs).toFixed(2)}${note ? `  ${note}` : ''}`);
  const what = (s: SyncSummary) => `(discovered ${s.discovered}, offered ${s.logsOffered}, inserted ${s.logsInserted}, ${s.attendanceSelection})`;
  out(`users ${USERS}, logs ${LOGS} (+${NEW_LOGS}), batch ${deps.batchSize}; ratio = ms / raw node-zklib download; first and +new syncs are single runs`);
  out(`${'raw node-zklib download (the limit, best of 3)'.padEnd(44)}${rawMs.toFixed(0).padStart(7)} ms`);
  row('DeviceClient download only (best of 3)', clientMs);
  row('first sync (all new)', firstMs, what(first));
  row('repeat sync (nothing new, best of 3)', againMs, what(again));
  row(`repeat sync (${NEW_LOGS} new punches)`, newMs, what(withNew));
  out('floors (PostgreSQL alone, one statement, rolled back):');
  // One statement on one core; the sync's two write lanes can beat it, not by 2x on a shared 2-core box.
  row(`  store ${LOGS} punches (one statement)`, floor.ingest, 'every first sync stores these');
  row(`  advance last_seen_at of ${USERS} users`, floor.touch, 'paid by every sync (Property 6)');
  out(`target: ratio <= 1.25  first ${firstMs / rawMs <= 1.25 ? 'met' : 'MISSED'}, repeat ${againMs / rawMs <= 1.25 ? 'met' : 'MISSED'}, repeat+new ${newMs / rawMs <= 1.25 ? 'met' : 'MISSED'}`);
  await producer.close();
} finally {
  await emu.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await db.destroy();
}
