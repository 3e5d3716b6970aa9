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

/**
 * Google's advice for 429 (which carries no Retry-After): truncated exponential backoff,
 * wait `min(base * 2^n + random(0..jitterMs), maxBackoffMs)`, keep retrying at the cap until
 * `budgetMs` of waiting is spent, then fail (retryable) so the queue's own backoff takes over.
 */
export interface QuotaBackoff {
  baseMs: number;
  maxBackoffMs: number;
  jitterMs: number;
  /** Total wait one call may spend on 429s; a per-minute quota refills within 60 s. */
  budgetMs: number;
}

export const DEFAULT_QUOTA_BACKOFF: QuotaBackoff = { baseMs: 1_000, maxBackoffMs: 32_000, jitterMs: 1_000, budgetMs: 120_000 };

/** The n-th (0-based) wait after a 429: `min(base * 2^n + jitter, max)`; `random` in [0, 1). */
export function quotaDelayMs(n: number, q: QuotaBackoff, random: () => number = Math.random): number {
  return Math.min(q.baseMs * 2 ** n + Math.floor(random() * q.jitterMs), q.maxBackoffMs);
}

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

export interface RetryOptions {
  policy: RetryPolicy;
  quota?: QuotaBackoff;
  onRetry?: (event: RetryEvent) => void;
  signal?: AbortSignal;
  random?: () => number;
  /** Waits go through here (tests record them instead of timing them). */
  clock?: Pick<ReaderClock, 'wait'>;
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
 * Runs `op`, retrying transient failures. Network errors, 408 and 5xx: `policy.maxRetries` times,
 * the n-th retry waiting `initialDelayMs * multiplier^(n-1)` capped at `maxDelayMs`. 429: Google's
 * truncated exponential backoff with jitter until the quota budget is spent (a `Retry-After`, which
 * Google does not send, is honoured when present). Gives up with `SheetsRequestError` carrying the
 * status and attempt count.
 *
 * @example
 * const res = await withRetry('values.get', () => sheets.spreadsheets.values.get(p), { policy: DEFAULT_RETRY, onRetry: (e) => log.warn(e) });
 */
export async function withRetry<T>(operation: string, op: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, onRetry, signal } = options;
  const quota = options.quota ?? DEFAULT_QUOTA_BACKOFF;
  let otherRetries = 0;
  let quotaRetries = 0;
  let quotaWaitedMs = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const status = httpStatus(err);
      const transient = isTransient(err);
      const after = retryAfterMs(err);
      const fail = () => new SheetsRequestError(operation, status, attempt + 1, transient, { cause: err });
      if (!transient || signal?.aborted || (after !== null && after > MAX_RETRY_AFTER_MS)) throw fail();
      let delayMs: number;
      if (status === 429) {
        delayMs = Math.max(quotaDelayMs(quotaRetries, quota, options.random), after ?? 0);
        if (quotaWaitedMs + delayMs > quota.budgetMs) throw fail();
        quotaRetries++;
        quotaWaitedMs += delayMs;
      } else {
        if (otherRetries >= policy.maxRetries) throw fail();
        delayMs = Math.max(Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffMultiplier ** otherRetries), after ?? 0);
        otherRetries++;
      }
      onRetry?.({ operation, attempt: attempt + 1, delayMs, status, retryAfterMs: after, error: err as Error });
      await (options.clock ?? systemClock).wait(delayMs, signal);
    }
  }
}
