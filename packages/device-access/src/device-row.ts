import type { Database, Device, Kysely } from '@platform/db';
import { DeviceDisabledError, DeviceNotFoundError } from './errors.js';

/** What a caller needs to reach one device, read fresh from `platform.devices` on every use. */
export interface DeviceTarget {
  id: number;
  name: string;
  host: string;
  port: number;
  /** IANA zone of the device clock. */
  timezone: string;
  /** ZK comm key, or null; DeviceClient answers a device's ACK_UNAUTH with CMD_AUTH. */
  commKey: number | null;
  enabled: boolean;
  pollIntervalSeconds: number;
}

/** Loads one device; `DeviceNotFoundError` / `DeviceDisabledError` (unless `allowDisabled`). */
export async function loadDevice(db: Kysely<Database>, deviceId: number, allowDisabled = false): Promise<DeviceTarget> {
  const row = await db.selectFrom('platform.devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
  if (!row) throw new DeviceNotFoundError(deviceId);
  if (!row.enabled && !allowDisabled) throw new DeviceDisabledError(row.id, row.name);
  return toTarget(row);
}

function toTarget(row: Device): DeviceTarget {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    timezone: row.timezone,
    commKey: row.comm_key,
    enabled: row.enabled,
    pollIntervalSeconds: row.poll_interval_seconds,
  };
}

/** Enabled devices, by id. */
export async function listEnabledDevices(db: Kysely<Database>): Promise<DeviceTarget[]> {
  const rows = await db.selectFrom('platform.devices').selectAll().where('enabled', '=', true).orderBy('id').execute();
  return rows.map(toTarget);
}
