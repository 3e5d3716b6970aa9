export { DeviceClient, type DeviceClientOptions, type DeviceIdentity, type DeviceInfo } from './client/device-client.js';
export type { BreakerState, ResilienceOptions } from './client/resilience.js';
export {
  DeviceError,
  DeviceUnreachableError,
  DeviceTimeoutError,
  DeviceBusyError,
  IncompleteReadError,
  DeviceRejectedError,
  AuthenticationFailedError,
  DeviceProtocolError,
  CircuitOpenError,
  InvalidDeviceUserError,
  type DeviceErrorContext,
} from './client/errors.js';
export { makeCommKey, checkCommKey, COMM_KEY_MAX } from './protocol/comm-key.js';
export { type FingerTemplate, MAX_TEMPLATE_SIZE, templateIssues, byUidFinger } from './protocol/template-record.js';
export type { DeviceUser } from './protocol/user-record.js';
export type { AttendanceRecord } from './protocol/attendance-record.js';
export { startEmulator, createEmulator, type ZkEmulator, type EmulatorOptions } from './emulator/emulator.js';
export type { ReplyForm } from './emulator/session.js';
export { DeviceState, InvalidSeedError } from './emulator/device-state.js';
export { Faults } from './emulator/faults.js';
export { generateUsers, generateLogs, prng } from './emulator/seed.js';
export { readSeedFile } from './emulator/seed-file.js';
