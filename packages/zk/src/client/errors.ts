/** Where a device error happened: which device and which client operation. */
export interface DeviceErrorContext {
  deviceId: string;
  host: string;
  port: number;
  operation: string;
}

/**
 * Base of every error DeviceClient throws. `retryable` marks connection-class
 * failures that the retry policy repeats.
 */
export abstract class DeviceError extends Error {
  readonly deviceId: string;
  readonly host: string;
  readonly port: number;
  readonly operation: string;
  abstract readonly retryable: boolean;

  constructor(ctx: DeviceErrorContext, message: string, options?: { cause?: unknown }) {
    super(`${ctx.operation} on device ${ctx.deviceId} (${ctx.host}:${ctx.port}): ${message}`, options);
    this.deviceId = ctx.deviceId;
    this.host = ctx.host;
    this.port = ctx.port;
    this.operation = ctx.operation;
  }
}

/** Refused, unroutable, or the connection died mid-operation. */
export class DeviceUnreachableError extends DeviceError {
  override readonly name = 'DeviceUnreachableError';
  readonly retryable = true;
}

/** No answer in time (connect, a command, or the whole operation). */
export class DeviceTimeoutError extends DeviceError {
  override readonly name = 'DeviceTimeoutError';
  readonly retryable = true;
}

/** Another client holds the device's single TCP slot and we were reset. */
export class DeviceBusyError extends DeviceError {
  override readonly name = 'DeviceBusyError';
  readonly retryable = true;
}

/** A bulk read delivered fewer (or more) records than the device says it holds. */
export class IncompleteReadError extends DeviceError {
  override readonly name = 'IncompleteReadError';
  readonly retryable = false;
  constructor(
    ctx: DeviceErrorContext,
    readonly expected: number,
    readonly received: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(ctx, `read ${received} of ${expected} records (${detail}); refusing a partial list`, options);
  }
}

/** The device answered CMD_ACK_ERROR (or another reply that is not ACK_OK). */
export class DeviceRejectedError extends DeviceError {
  override readonly name = 'DeviceRejectedError';
  readonly retryable = false;
  constructor(
    ctx: DeviceErrorContext,
    readonly replyCode: number,
    detail: string,
  ) {
    super(ctx, `device replied ${replyCode}: ${detail}`);
  }
}

/**
 * The device wants a comm key and refused ours (or none was configured).
 * Not retried: the same key fails the same way until an operator fixes it.
 */
export class AuthenticationFailedError extends DeviceError {
  override readonly name = 'AuthenticationFailedError';
  readonly retryable = false;
  constructor(ctx: DeviceErrorContext, detail: string) {
    super(ctx, `authentication failed: ${detail}`);
  }
}

/** Bytes or replies that do not follow the protocol as node-zklib speaks it. */
export class DeviceProtocolError extends DeviceError {
  override readonly name = 'DeviceProtocolError';
  readonly retryable = false;
}

/** The breaker is open; no traffic goes to the device until `until`. */
export class CircuitOpenError extends DeviceError {
  override readonly name = 'CircuitOpenError';
  readonly retryable = false;
  constructor(
    ctx: DeviceErrorContext,
    readonly until: Date,
  ) {
    super(ctx, `circuit open after repeated failures; next attempt allowed at ${until.toISOString()}`);
  }
}

/** A user that cannot be written to a device without being altered. Nothing was sent. */
export class InvalidDeviceUserError extends Error {
  override readonly name = 'InvalidDeviceUserError';
  constructor(
    readonly uid: number,
    readonly issues: readonly string[],
  ) {
    super(`device user uid=${uid} is invalid: ${issues.join('; ')}`);
  }
}
