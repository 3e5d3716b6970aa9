import { randomUUID } from 'node:crypto';
import type { Database, Kysely } from '@platform/db';
import type { DeviceAccess } from '@platform/device-access';
import { fencedWrite } from '@platform/lock';
import { upsertUserBatch } from '../sync/buffer.sql.js';
import { chunks, partitionUsers } from '../sync/device-users.js';

export interface DeviceMigration {
  deviceId: number;
  /** Users read from the device (a complete read, or `error` is set). */
  read: number;
  /** Users with no user_machine_mapping. */
  unmapped: string[];
  /** Rows this run inserted into the buffer; 0 on a re-run. */
  inserted: number;
  rejected: number;
  error: string | null;
}

export interface MigrationProgress {
  deviceId: number;
  index: number;
  total: number;
  done: boolean;
}

/**
 * Seed 000 Requirement 10: read every configured device and put its users in
 * the buffer. Insert-only (existing buffer rows are left exactly as they are),
 * so a second run changes nothing (Property 29). One device failing does not
 * stop the others; its error is in the summary.
 */
export async function migrateBuffer(
  deps: { db: Kysely<Database>; devices: DeviceAccess; batchSize: number },
  opts: { deviceIds?: number[]; performedBy: string; onProgress?: (p: MigrationProgress) => void },
): Promise<DeviceMigration[]> {
  const ids = opts.deviceIds ?? (await deps.devices.listEnabledDevices()).map((d) => d.id);
  const runId = randomUUID();
  const results: DeviceMigration[] = [];
  for (const [index, deviceId] of ids.entries()) {
    opts.onProgress?.({ deviceId, index, total: ids.length, done: false });
    const result: DeviceMigration = { deviceId, read: 0, unmapped: [], inserted: 0, rejected: 0, error: null };
    try {
      await deps.devices.withDevice(deviceId, async ({ client, lock, reportCounts }) => {
        const users = await client.getUsers();
        reportCounts({ users: users.length });
        const { valid, rejected } = partitionUsers(users);
        result.read = users.length;
        result.rejected = rejected.length;
        for (const batch of chunks(valid, deps.batchSize)) {
          const r = await fencedWrite(deps.db, lock, (trx) => upsertUserBatch(trx, batch, { deviceId, performedBy: opts.performedBy, mode: 'populate', runId }));
          result.inserted += r.discovered.length;
          result.unmapped.push(...r.unmapped);
        }
      });
    } catch (error) {
      result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    results.push(result);
    opts.onProgress?.({ deviceId, index: index + 1, total: ids.length, done: true });
  }
  return results;
}
