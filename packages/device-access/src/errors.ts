/** No `platform.devices` row has this id. Nothing was locked or contacted. */
export class DeviceNotFoundError extends Error {
  override readonly name = 'DeviceNotFoundError';
  constructor(readonly deviceId: number) {
    super(`device ${deviceId} does not exist in platform.devices`);
  }
}

/**
 * The device row says `enabled = false`. Disabled devices are kept for their
 * history but never contacted; enable the row to talk to the device again.
 */
export class DeviceDisabledError extends Error {
  override readonly name = 'DeviceDisabledError';
  constructor(
    readonly deviceId: number,
    readonly deviceName: string,
  ) {
    super(`device ${deviceId} (${deviceName}) is disabled; set platform.devices.enabled = true to contact it`);
  }
}
