import type { ZkErrorLike } from 'node-zklib';
import {
  DeviceBusyError,
  DeviceError,
  DeviceProtocolError,
  DeviceTimeoutError,
  DeviceUnreachableError,
  type DeviceErrorContext,
} from './errors.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE']);

export type Phase = 'connect' | 'operate';

function isZkError(e: unknown): e is ZkErrorLike {
  return typeof e === 'object' && e !== null && !(e instanceof Error) && 'err' in e && 'command' in e;
}

/**
 * Turns whatever node-zklib rejected with (a ZKError, which is not an Error,
 * or a raw socket error) into a typed DeviceError. A reset while connecting
 * means another client holds the device's one TCP slot.
 */
export function toDeviceError(e: unknown, ctx: DeviceErrorContext, phase: Phase): DeviceError {
  if (e instanceof DeviceError) return e;
  const inner: Error & { code?: string } = isZkError(e) ? e.err : e instanceof Error ? e : new Error(String(e));
  const code = inner.code ?? '';
  const message = inner.message ?? String(inner);
  // node-zklib only tries UDP after TCP was refused, so a UDP failure means "refused".
  if (UNREACHABLE.has(code) || (isZkError(e) && e.command === 'UDP CONNECT')) {
    return new DeviceUnreachableError(ctx, `${code || 'connection refused'}: ${message}`, { cause: inner });
  }
  if (RESET.has(code)) {
    return phase === 'connect'
      ? new DeviceBusyError(ctx, `connection reset while connecting (${code}); another client is probably connected`, { cause: inner })
      : new DeviceUnreachableError(ctx, `connection lost (${code})`, { cause: inner });
  }
  if (/TIME ?OUT/i.test(message)) return new DeviceTimeoutError(ctx, message, { cause: inner });
  if (/isn't connected|disconnected/i.test(message)) return new DeviceUnreachableError(ctx, message, { cause: inner });
  return new DeviceProtocolError(ctx, message, { cause: inner });
}
