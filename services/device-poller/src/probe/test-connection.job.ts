import { DeviceNotFoundError, isDeviceError, type DeviceAccess } from '@platform/device-access';
import type { Payload } from '@platform/queues';

export type TestConnectionResult =
  | { ok: true; deviceId: number; serialNumber: string | null; firmwareVersion: string | null; userCount: number; logCount: number; logCapacity: number }
  | { ok: false; deviceId: number; error: { type: string; message: string } };

/**
 * "Test connection" from the console: one read-only session with the device
 * (under its lock, like every device call, so it never interleaves with a
 * sync) that returns what the device says. A device failure is the answer,
 * not a job failure: the person who pressed the button wants the typed error.
 * A disabled device may be tested; that is how one is checked before enabling.
 */
export async function testConnection(devices: DeviceAccess, p: Payload<'device-sync', 'test-connection'>): Promise<TestConnectionResult> {
  try {
    const info = await devices.withDevice(
      p.deviceId,
      async ({ client, reportCounts }) => {
        const got = await client.getInfo();
        reportCounts({ users: got.userCount, logs: got.logCount });
        return { ...got, ...(await client.getIdentity()) };
      },
      { allowDisabled: true },
    );
    return {
      ok: true,
      deviceId: p.deviceId,
      serialNumber: info.serialNumber,
      firmwareVersion: info.firmwareVersion,
      userCount: info.userCount,
      logCount: info.logCount,
      logCapacity: info.logCapacity,
    };
  } catch (error) {
    if (!(isDeviceError(error) || error instanceof DeviceNotFoundError)) throw error;
    return { ok: false, deviceId: p.deviceId, error: { type: error.name, message: error.message } };
  }
}
