import type { AlertSink } from '../alerts.js';
import { latestBackup } from '../backup/reader.js';

export interface StalenessInput {
  root: string;
  deviceIds: readonly number[];
  now: Date;
  staleHours: number;
  /** When this process started watching: a device with no backup at all is stale only after staleHours of that. */
  since: Date;
  alert: AlertSink;
}

export interface DeviceFreshness {
  deviceId: number;
  latestAt: Date | null;
  stale: boolean;
}

/**
 * Raises `backup.stale` for every device whose newest backup is older than
 * `staleHours` (scheduler stopped, device unreachable for hours, disk full).
 * Reads the files themselves: they are what a restore would need.
 */
export async function checkStaleness(input: StalenessInput): Promise<DeviceFreshness[]> {
  const limitMs = input.staleHours * 3_600_000;
  const result: DeviceFreshness[] = [];
  for (const deviceId of input.deviceIds) {
    const latest = await latestBackup(input.root, deviceId);
    const reference = latest?.createdAt ?? input.since;
    const stale = input.now.getTime() - reference.getTime() > limitMs;
    result.push({ deviceId, latestAt: latest?.createdAt ?? null, stale });
    if (!stale) continue;
    const ageHours = Math.floor((input.now.getTime() - reference.getTime()) / 3_600_000);
    await input.alert({
      type: 'backup.stale',
      severity: 'medium',
      message: latest
        ? `Latest backup of device ${deviceId} is ${ageHours} h old (limit ${input.staleHours} h): ${latest.file}`
        : `Device ${deviceId} has no backup after ${ageHours} h (limit ${input.staleHours} h)`,
      details: { deviceId, latestBackup: latest?.file ?? null, latestAt: latest?.createdAt.toISOString() ?? null, staleHours: input.staleHours },
      dedupeKey: `backup.stale.${deviceId}`,
    });
  }
  return result;
}
