// Fleet sweep: BENCH_DEVICES (500) emulated ZK devices, each on its own
// loopback port with BENCH_USERS (200) users and BENCH_PUNCHES (2,000) punches,
// swept by real device-poller processes (`services/device-poller/src/main.ts`,
// its own poll schedules), once with 1 process and once with 3.
// Prints per run: full-sweep time (first scheduled -> last synced), devices/s,
// p50/p99 lag schedule -> sync, and the speed-up; plus, measured in the same
// run, the raw floor (bare node-zklib download of one device, x devices) and
// the lock + queue overhead per device (an empty withLock and an empty BullMQ
// job round trip). Target: 3 processes sweep 500 devices in < 5 min (the poll window).
// Needs PostgreSQL (creates and drops its own databases) and Redis (REDIS_URL).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import ZKLib from 'node-zklib';
import pg from 'pg';
import { pino } from 'pino';
import { createDb } from '@platform/db';
import { createLockManager } from '@platform/lock';
import { createRedis } from '@platform/runtime';
import { generateLogs, generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';

const out = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args[0] !== 'ok tcp') out(...args);
};

const DEVICES = Number(process.env.BENCH_DEVICES ?? 500);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const PUNCHES = Number(process.env.BENCH_PUNCHES ?? 2_000);
const PROCESS_COUNTS = (process.env.BENCH_PROCESSES ?? '1,3').split(',').map(Number);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const POLL_WINDOW_MS = 300_000;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = pino({ level: 'warn' });

const dbUrl = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const children = new Set<ChildProcess>();

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function run(args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: path.join(REPO, cwd), env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A migrated database of its own with one row per emulator. */
async function fleetDatabase(name: string, emulators: ZkEmulator[]): Promise<void> {
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const migrate = run(['src/bin/migrate.ts', 'up'], 'packages/db', { DATABASE_URL: dbUrl(name) });
  const [code] = await once(migrate, 'exit');
  if (code !== 0) throw new Error(`migrate exited ${code}`);
  if (emulators.length === 0) return;
  const db = createDb(dbUrl(name), { max: 2 });
  await db
    .insertInto('platform.devices')
    .values(emulators.map((e, i) => ({ name: `fleet-${i + 1}`, host: '127.0.0.1', port: e.port, timezone: 'UTC', enabled: true, poll_interval_seconds: POLL_WINDOW_MS / 1000 })))
    .execute();
  await db.destroy();
}

/** The floor: bare node-zklib reading one device (users + punches), best of 3. */
async function rawDeviceMs(emu: ZkEmulator): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const zk = new ZKLib('127.0.0.1', emu.port, 60_000, 0);
    await zk.createSocket();
    await zk.getUsers();
    await zk.getAttendances();
    await zk.disconnect();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Mean cost of an empty withLock (Redis + fence + ledger) and of an empty job's round trip. */
async function overheadMs(database: string): Promise<{ lockMs: number; queueMs: number }> {
  const db = createDb(dbUrl(database), { max: 2 });
  const redis = createRedis(REDIS_URL, 'worker');
  const prefix = `{bench-fleet-${process.pid}}`;
  const locks = createLockManager({ redis, db, log, owner: 'bench', keyPrefix: `${prefix}:lock:` });
  const n = 200;
  let t = performance.now();
  for (let i = 0; i < n; i++) await locks.withLock(`device:overhead-${i % 10}`, async () => undefined);
  const lockMs = (performance.now() - t) / n;
  const queue = new Queue('overhead', { connection: redis, prefix });
  const worker = new Worker('overhead', async () => undefined, { connection: createRedis(REDIS_URL, 'worker'), prefix });
  const done = new Set<string>();
  worker.on('completed', (job) => done.add(job.id!));
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const job = await queue.add('noop', {}, { removeOnComplete: true });
    while (!done.has(job.id!)) await sleep(1);
  }
  const queueMs = (performance.now() - t) / n;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await db.destroy();
  return { lockMs, queueMs };
}

interface Sweep {
  processes: number;
  sweepMs: number;
  lagP50: number;
  lagP99: number;
  failed: number;
  /** Devices whose first sync finished (all of them unless the deadline passed). */
  synced: number;
}

/** Starts `processes` device-pollers on a fresh database and waits until every device's first scheduled sync finished. */
async function sweep(processes: number, emulators: ZkEmulator[]): Promise<Sweep> {
  const database = `platform_fleet_${process.pid}_${processes}`;
  await fleetDatabase(database, emulators);
  const prefix = `{bench-fleet-${process.pid}-${processes}}`;
  const redis = createRedis(REDIS_URL, 'client');
  const queue = new Queue('device-sync', { connection: redis, prefix });
  const pollers: ChildProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const env = { DATABASE_URL: dbUrl(database), REDIS_URL, QUEUE_PREFIX: prefix, HTTP_PORT: String(await freePort()), LOG_LEVEL: 'error', DATABASE_POOL_MAX: '4', NODE_ENV: 'production' };
      pollers.push(run(['src/main.ts'], 'services/device-poller', env));
    }
    // Each device's first scheduler iteration runs at once: that burst is the sweep.
    const firstRun = new Map<number, { scheduled: number; finished: number; failed: boolean; reason?: string }>();
    const deadline = Date.now() + 4 * POLL_WINDOW_MS;
    while (firstRun.size < DEVICES) {
      // Past four poll windows the row is reported as incomplete rather than waited for.
      if (Date.now() > deadline) break;
      for (const state of ['completed', 'failed'] as const) {
        for (const job of await queue.getJobs([state], 0, -1)) {
          if (job.name !== 'sync-device' || !job.finishedOn) continue;
          const deviceId = job.data.deviceId as number;
          const scheduled = job.timestamp + (job.opts.delay ?? 0);
          const known = firstRun.get(deviceId);
          if (!known || scheduled < known.scheduled) firstRun.set(deviceId, { scheduled, finished: job.finishedOn, failed: state === 'failed', reason: job.failedReason });
        }
      }
      await sleep(1_000);
    }
    const runs = [...firstRun.values()];
    const reasons = new Set(runs.filter((r) => r.failed).map((r) => r.reason));
    if (reasons.size > 0) out(`${processes} process(es): failed syncs: ${[...reasons].join(' | ')}`);
    const lags = runs.map((r) => r.finished - r.scheduled).sort((a, b) => a - b);
    const sweepMs = Math.max(...runs.map((r) => r.finished)) - Math.min(...runs.map((r) => r.scheduled));
    return { processes, sweepMs, lagP50: percentile(lags, 50), lagP99: percentile(lags, 99), failed: runs.filter((r) => r.failed).length, synced: runs.length };
  } finally {
    for (const p of pollers) p.kill('SIGTERM');
    await Promise.all(pollers.map((p) => (p.exitCode === null && p.signalCode === null ? once(p, 'exit') : undefined)));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis.disconnect();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
const emulators: ZkEmulator[] = [];
try {
  for (let i = 0; i < DEVICES; i++) {
    const users = generateUsers(USERS, i + 1);
    emulators.push(await startEmulator({ users, logs: generateLogs(PUNCHES, users, i + 1), replyForm: 'chunked', pacingMs: 0 }));
  }
  const raw = await rawDeviceMs(emulators[0]!);
  const overheadDb = `platform_fleet_${process.pid}_overhead`;
  await fleetDatabase(overheadDb, []);
  const overhead = await overheadMs(overheadDb).finally(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${overheadDb} WITH (FORCE)`)));
  const results: Sweep[] = [];
  for (const n of PROCESS_COUNTS) results.push(await sweep(n, emulators));

  const rawSweepMs = raw * DEVICES;
  out(`\ndevice fleet: ${DEVICES} devices x ${USERS} users + ${PUNCHES} punches, device-poller SYNC_CONCURRENCY 2 per process`);
  out(`raw floor: bare node-zklib read of one device ${raw.toFixed(0)} ms -> ${(rawSweepMs / 1000).toFixed(1)} s for the fleet one at a time`);
  out(`overhead per device: withLock ${overhead.lockMs.toFixed(1)} ms, queue round trip ${overhead.queueMs.toFixed(1)} ms (${(((overhead.lockMs + overhead.queueMs) / raw) * 100).toFixed(1)} % of the raw read)`);
  out('processes | synced | sweep s | devices/s | lag p50 s | lag p99 s | failed | sweep / raw serial | speed-up | < 5 min');
  for (const r of results) {
    const speedup = results[0]!.sweepMs / r.sweepMs;
    out(
      `${String(r.processes).padStart(9)} | ${`${r.synced}/${DEVICES}`.padStart(6)} | ${(r.sweepMs / 1000).toFixed(1).padStart(7)} | ${(DEVICES / (r.sweepMs / 1000)).toFixed(2).padStart(9)} | ${(r.lagP50 / 1000).toFixed(1).padStart(9)} | ${(r.lagP99 / 1000).toFixed(1).padStart(9)} | ${String(r.failed).padStart(6)} | ${(r.sweepMs / rawSweepMs).toFixed(2).padStart(18)} | ${speedup.toFixed(2).padStart(8)} | ${r.synced === DEVICES && r.sweepMs < POLL_WINDOW_MS ? 'yes' : 'NO'}`,
    );
  }
} finally {
  await Promise.all(emulators.map((e) => e.close()));
}
process.exit(0);
