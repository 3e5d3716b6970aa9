import type { Database, DeviceHealth, Kysely } from '@platform/db';
import type { HeldLock, LockManager, LockOptions } from '@platform/lock';
import type { Logger } from '@platform/runtime';
import { DeviceError, type BreakerState, type DeviceClient } from '@platform/zk';
import { ClientPool, type SharedClientOptions } from './client-pool.js';
import { listEnabledDevices, loadDevice, type DeviceTarget } from './device-row.js';
import { recordFailure, recordSuccess } from './health.js';

/** What the caller's function gets while it holds the device. */
export interface DeviceSession {
  /** The process-wide client of this device (its breaker state is shared by all jobs). */
  client: DeviceClient;
  /** `token` for `fencedWrite`; `signal` aborts when the lock is lost or given up. */
  lock: HeldLock;
  device: DeviceTarget;
  /** Counts seen in this session; stored in `platform.device_health` when the session succeeds. */
  reportCounts(counts: { users?: number; logs?: number }): void;
}

export interface DeviceAccessOptions {
  db: Kysely<Database>;
  locks: LockManager;
  log: Logger;
  /** Timeouts, retry and breaker settings for every DeviceClient. */
  client?: SharedClientOptions;
  /** Called with the stored health row after each session that touched the device (metrics, alerts). */
  onHealth?: (health: DeviceHealth, device: DeviceTarget) => void | Promise<void>;
}

export interface WithDeviceOptions {
  /** Lock timings / abort signal for `device:<id>`; defaults are the lock manager's. */
  lock?: LockOptions;
  /** Admin commands may address a disabled device; polling never does. */
  allowDisabled?: boolean;
}

export interface DeviceAccess {
  /**
   * Loads the device row, takes `device:<id>`, runs `fn` with the device's
   * client, records health, and releases the lock whatever happened.
   */
  withDevice<T>(deviceId: number, fn: (session: DeviceSession) => Promise<T>, options?: WithDeviceOptions): Promise<T>;
  /** Breaker state of the cached client, or null if this process never used the device. */
  breakerState(deviceId: number): BreakerState | null;
  listEnabledDevices(): Promise<DeviceTarget[]>;
}

/** The lock resource of one device; every service that talks to devices uses this name. */
export const deviceLockResource = (deviceId: number): string => `device:${deviceId}`;

/** True when `error` (or a cause in its chain) came from the device client. */
export function isDeviceError(error: unknown): error is DeviceError {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DeviceError) return true;
  }
  return false;
}

/**
 * The one way a service talks to a ZK device (device-poller and backup-worker).
 * A DeviceClient session opens and closes its TCP connection per call, so there
 * is nothing to disconnect here beyond what each call already does.
 *
 * @example
 * const devices = createDeviceAccess({ db, locks, log, client: { resilience: { attempts: 3 } } });
 * const users = await devices.withDevice(7, async ({ client, lock, reportCounts }) => {
 *   const users = await client.getUsers();
 *   reportCounts({ users: users.length });
 *   await fencedWrite(db, lock, (trx) => saveSnapshot(trx, users));
 *   return users;
 * });
 */
export function createDeviceAccess(options: DeviceAccessOptions): DeviceAccess {
  const { db, locks, log } = options;
  const pool = new ClientPool(options.client);

  async function afterSession(device: DeviceTarget, write: () => Promise<DeviceHealth>): Promise<void> {
    try {
      const health = await write();
      await options.onHealth?.(health, device);
    } catch (error) {
      // Health is telemetry: failing to store it must not turn a good sync into a failed job.
      log.error({ deviceId: device.id, err: error }, 'device health update failed');
    }
  }

  return {
    async withDevice(deviceId, fn, opts = {}) {
      const device = await loadDevice(db, deviceId, opts.allowDisabled ?? false);
      const client = pool.get(device);
      return locks.withLock(
        deviceLockResource(device.id),
        async (lock) => {
          const counts: { users: number | null; logs: number | null } = { users: null, logs: null };
          const reportCounts = (c: { users?: number; logs?: number }) => {
            if (c.users !== undefined) counts.users = c.users;
            if (c.logs !== undefined) counts.logs = c.logs;
          };
          try {
            const result = await fn({ client, lock, device, reportCounts });
            await afterSession(device, () => recordSuccess(db, device.id, { breaker: client.breakerState, userCount: counts.users, logCount: counts.logs }));
            return result;
          } catch (error) {
            // Only device failures count toward health; a database error says nothing about the device.
            if (isDeviceError(error)) {
              log.warn({ deviceId: device.id, err: error, breaker: client.breakerState }, 'device call failed');
              await afterSession(device, () => recordFailure(db, device.id, { breaker: client.breakerState, error }));
            }
            throw error;
          }
        },
        opts.lock,
      );
    },
    breakerState(deviceId) {
      return pool.peek(deviceId)?.breakerState ?? null;
    },
    listEnabledDevices: () => listEnabledDevices(db),
  };
}
