import { DeviceClient, type DeviceClientOptions } from '@platform/zk';
import type { DeviceTarget } from './device-row.js';

/** Client options that are the same for every device (timeouts, retry, breaker). */
export type SharedClientOptions = Omit<Partial<DeviceClientOptions>, 'deviceId' | 'host' | 'port' | 'timezone'>;

/**
 * One DeviceClient per device per process, so its circuit breaker remembers
 * failures across jobs: a fresh client per job would start closed every time
 * and keep hammering a dead device. A changed host, port, zone or comm key replaces the
 * client (and resets its breaker): it is effectively another device.
 */
export class ClientPool {
  private readonly clients = new Map<number, { key: string; client: DeviceClient }>();

  constructor(private readonly shared: SharedClientOptions = {}) {}

  get(device: DeviceTarget): DeviceClient {
    const key = `${device.host}:${device.port}:${device.timezone}:${device.commKey ?? ''}`;
    const cached = this.clients.get(device.id);
    if (cached?.key === key) return cached.client;
    const client = new DeviceClient({ ...this.shared, deviceId: String(device.id), host: device.host, port: device.port, timezone: device.timezone, commKey: device.commKey });
    this.clients.set(device.id, { key, client });
    return client;
  }

  /** The cached client of `deviceId`, if one was made. */
  peek(deviceId: number): DeviceClient | undefined {
    return this.clients.get(deviceId)?.client;
  }
}
