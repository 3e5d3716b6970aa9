// Full device sync (10,000 users + 100,000 punches) through device-poller's
// sync job against the emulator, vs the raw node-zklib download of the same
// data in the same run. Target: sync <= 1.25x raw (the platform's own work,
// buffering, conflicts, attendance, audit and history, adds at most 25%).
// Needs PostgreSQL and Redis (DATABASE_URL of a migrated database, REDIS_URL).
import ZKLib from 'node-zklib';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createDb } from '@platform/db';
import { createDeviceAccess } from '@platform/device-access';
import { createLockManager } from '@platform/lock';
import { createProducer } from '@platform/queues';
import { generateLogs, generateUsers, startEmulator } from '@platform/zk';
import { syncDevice } from '../services/device-poller/src/sync/sync-device.job.js';

const out = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args[0] !== 'ok tcp') out(...args);
};

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const LOGS = Number(process.env.BENCH_LOGS ?? 100_000);
const users = generateUsers(USERS, 7);
const emu = await startEmulator({ users, logs: generateLogs(LOGS, users, 7), replyForm: 'chunked', pacingMs: 0 });
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
  if (u.data.length !== USERS || a.data.length !== LOGS) throw new Error(`raw read ${u.data.length}/${USERS} users, ${a.data.length}/${LOGS} logs`);
  return performance.now() - t;
}

try {
  const device = await db.insertInto('platform.devices').values({ name: `${prefix}`, host: '127.0.0.1', port: emu.port }).returning('id').executeTakeFirstOrThrow();
  const locks = createLockManager({ redis, db, log, owner: 'bench', keyPrefix: `${prefix}:lock:` });
  const devices = createDeviceAccess({ db, locks, log });
  const producer = createProducer({ connection: redis, prefix });
  const deps = { db, devices, producer, log, batchSize: Number(process.env.BENCH_BATCH ?? 2_000) };

  const rawFirst = await raw();
  let t = performance.now();
  const first = await syncDevice(deps, { deviceId: device.id, trigger: 'manual' });
  const firstMs = performance.now() - t;
  // Steady state: every user already buffered, every punch already stored.
  t = performance.now();
  const again = await syncDevice(deps, { deviceId: device.id, trigger: 'scheduled' });
  const againMs = performance.now() - t;
  const rawMs = Math.min(rawFirst, await raw());
  // Where the time goes: our client's download alone (completeness checks, raw-byte decode, two sessions).
  t = performance.now();
  await devices.withDevice(device.id, async ({ client }) => [await client.getUsers(), await client.getAttendances()]);
  const clientMs = performance.now() - t;
  out(`users ${USERS}, logs ${LOGS}, batch ${deps.batchSize}`);
  out(`raw node-zklib download      ${rawMs.toFixed(0).padStart(7)} ms`);
  out(`DeviceClient download only   ${clientMs.toFixed(0).padStart(7)} ms  ratio ${(clientMs / rawMs).toFixed(2)}`);
  out(`first sync (all new)         ${firstMs.toFixed(0).padStart(7)} ms  ratio ${(firstMs / rawMs).toFixed(2)}  (discovered ${first.discovered}, inserted ${first.logsInserted})`);
  out(`repeat sync (nothing new)    ${againMs.toFixed(0).padStart(7)} ms  ratio ${(againMs / rawMs).toFixed(2)}  (inserted ${again.logsInserted})`);
  out(`target: ratio <= 1.25`);
  await producer.close();
} finally {
  await emu.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await db.destroy();
}
