import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import type { Database, Kysely } from '@platform/db';
import { createDeviceAccess, type DeviceAccessOptions } from '@platform/device-access';
import { createLockManager, type LockTimers, type LockTimings } from '@platform/lock';
import { createProducer } from '@platform/queues';
import type { ZkEmulator } from '@platform/zk';
import type { SyncDeps } from './sync/sync-device.job.js';

/** A real pino logger whose JSON lines are kept for assertions. */
export function capturingLogger() {
  const lines: Array<{ level: number; msg: string; [k: string]: unknown }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

// ttl far above any stall of a loaded CI box: a lock lost to a late extension would fail
// tests that are about something else. Tests of expiry set their own keys or clock.
export const FAST_LOCK: Partial<LockTimings> = { ttlMs: 30_000, retries: 3, retryDelayMs: 5, maxHoldMs: 120_000 };

export async function addDevice(db: Kysely<Database>, emu: Pick<ZkEmulator, 'host' | 'port' | 'timezone'>, name: string): Promise<number> {
  const row = await db
    .insertInto('platform.devices')
    .values({ name, host: emu.host, port: emu.port, timezone: emu.timezone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Real lock manager, device access and producer on a per-test prefix. */
export function makeDeps(db: Kysely<Database>, redis: Redis, prefix: string, extra: Partial<DeviceAccessOptions> & { batchSize?: number; lock?: Partial<LockTimings>; timers?: LockTimers } = {}) {
  const { log, lines } = capturingLogger();
  const locks = createLockManager({ redis, db, log, owner: 'device-poller@test', keyPrefix: `${prefix}:lock:`, defaults: { ...FAST_LOCK, ...extra.lock }, ...(extra.timers ? { timers: extra.timers } : {}) });
  const devices = createDeviceAccess({
    db,
    locks,
    log,
    client: { resilience: { attempts: 1, initialDelayMs: 1, failureThreshold: 5, cooldownMs: 500 }, connectTimeoutMs: 1_000, commandTimeoutMs: 2_000 },
    ...extra,
  });
  const producer = createProducer({ connection: redis, prefix });
  const deps: SyncDeps = { db, devices, producer, log, batchSize: extra.batchSize ?? 500 };
  return { deps, locks, devices, producer, log, lines };
}

/**
 * A "device" that accepts TCP connections and never answers, for limits that
 * must be what ends a session (the lock's max hold) rather than the device.
 */
export async function startSilentDevice() {
  const sockets = new Set<Socket>();
  let waiting: Array<() => void> = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    for (const resolve of waiting) resolve();
    waiting = [];
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    timezone: 'UTC',
    /** Resolves at the next client connection. */
    nextConnection: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Drops every open connection (the abandoned session then fails and ends). */
    hangUp: () => {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
