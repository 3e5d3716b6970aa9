export { createLockManager, DEFAULT_TIMINGS } from './lock-manager.js';
export type { HeldLock, LockManager, LockManagerOptions, LockOptions, LockTimings } from './lock-manager.js';
export { createLockClients } from './lock-clients.js';
export type { LockClients } from './lock-clients.js';
export { fencedWrite } from './fencing.js';
export type { Fence } from './fencing.js';
export { FencingError, LockBusyError, LockError, LockHoldExceededError, LockLostError } from './errors.js';
export { systemTimers } from './timers.js';
export type { LockTimers } from './timers.js';
