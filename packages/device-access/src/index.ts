export { createDeviceAccess, deviceLockResource, isDeviceError } from './device-access.js';
export type { DeviceAccess, DeviceAccessOptions, DeviceSession, WithDeviceOptions } from './device-access.js';
export type { SharedClientOptions } from './client-pool.js';
export { loadDevice, listEnabledDevices } from './device-row.js';
export type { DeviceTarget } from './device-row.js';
export { recordFailure, recordSuccess, toDbBreakerState } from './health.js';
export { DeviceDisabledError, DeviceNotFoundError } from './errors.js';
