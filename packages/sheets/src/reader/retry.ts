import { systemClock, type ReaderClock } from './clock.js';
import { SheetsRequestError } from '../errors.js';

/** Spec 002 RetryConfig: network errors are retried `maxRetries` times with exponential backoff. */
export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  backoffMultiplier: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, initialDelayMs: 1_000, maxDelayMs: 30_000, backoffMultiplier: 2 };

/** What a retry callback learns; seller-sync logs it and writes it to the run's audit. */
export interface RetryEvent {
  operation: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  status: number | null;
  retryAfterMs: number | null;
  error: Error;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
// A Retry-After beyond two minutes is a quota day, not a blip: fail and let the next run try.
const MAX_RETRY_AFTER_MS = 120_000;

interface HttpLikeError {
  status?: number;
  response?: { status?: number; headers?: unknown };
}

export function httpStatus(err: unknown): number | null {
  const e = err as HttpLikeError;
  return e?.response?.status ?? (typeof e?.status === 'number' ? e.status : null);
}

/** `Retry-After` in seconds (or an HTTP date), from a gaxios error. */
export function retryAfterMs(err: unknown, nowMs = Date.now()): number | null {
  const headers = (err as HttpLikeError)?.response?.headers;
  let raw: string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function') raw = (headers as Headers).get('retry-after');
  else if (headers && typeof headers === 'object') raw = (headers as Record<string, string>)['retry-after'];
  if (raw == null || raw === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Network failures (no HTTP answer) and 408/429/5xx are transient; 400/403/404 are not. */
export function isTransient(err: unknown): boolean {
  const status = httpStatus(err);
  return status === null ? true : RETRYABLE_STATUS.has(status);
}

/**
 * Runs `op`, retrying transient failures `policy.maxRetries` times. The n-th retry waits
 * `initialDelayMs * multiplier^(n-1)` capped at `maxDelayMs`, or longer when a 429 says
 * `Retry-After`. Gives up with `SheetsRequestError` carrying the status and attempt count.
 *
 * @example
 * const res = await withRetry('values.get', () => sheets.spreadsheets.values.get(p), DEFAULT_RETRY, (e) => log.warn(e));
 */
export async function withRetry<T>(
  operation: string,
  op: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (event: RetryEvent) => void,
  signal?: AbortSignal,
  clock: Pick<ReaderClock, 'wait'> = systemClock,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const status = httpStatus(err);
      const transient = isTransient(err);
      const after = retryAfterMs(err);
      if (!transient || attempt >= policy.maxRetries || (after !== null && after > MAX_RETRY_AFTER_MS) || signal?.aborted) {
        throw new SheetsRequestError(operation, status, attempt + 1, transient, { cause: err });
      }
      const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffMultiplier ** attempt);
      const delayMs = Math.max(backoff, after ?? 0);
      onRetry?.({ operation, attempt: attempt + 1, delayMs, status, retryAfterMs: after, error: err as Error });
      await clock.wait(delayMs, signal);
    }
  }
}
