/** Base class so callers can `catch (e) { if (e instanceof LockError) ... }` once. */
export abstract class LockError extends Error {
  abstract readonly resource: string;
}

/** Every acquire attempt found the lock held (or Redis unreachable); `attempts` = 1 + retries. */
export class LockBusyError extends LockError {
  override readonly name = 'LockBusyError';
  constructor(
    readonly resource: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(`lock "${resource}" is busy: not acquired after ${attempts} attempt(s)`, options);
  }
}

/** The lock could no longer be extended (taken over or expired) while `fn` ran. */
export class LockLostError extends LockError {
  override readonly name = 'LockLostError';
  constructor(
    readonly resource: string,
    readonly token: number,
    options?: ErrorOptions,
  ) {
    super(`lock "${resource}" (token ${token}) was lost before the work finished`, options);
  }
}

/** `fn` held the lock past `maxHoldMs`; the lock was given up. */
export class LockHoldExceededError extends LockError {
  override readonly name = 'LockHoldExceededError';
  constructor(
    readonly resource: string,
    readonly token: number,
    readonly maxHoldMs: number,
  ) {
    super(`lock "${resource}" (token ${token}) held longer than ${maxHoldMs} ms and was given up`);
  }
}

/**
 * A fenced write was refused: `token` is not the current one for `resource`
 * (`currentToken`, null if none was ever issued) or its lease has run out.
 */
export class FencingError extends LockError {
  override readonly name = 'FencingError';
  constructor(
    readonly resource: string,
    readonly token: number,
    readonly currentToken: number | null,
    readonly reason: 'superseded' | 'lease_expired' | 'never_issued',
  ) {
    super(`fenced write on "${resource}" with token ${token} refused: ${reason} (current token ${currentToken ?? 'none'})`);
  }
}
