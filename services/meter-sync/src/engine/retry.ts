import { setTimeout as sleep } from 'node:timers/promises';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

/**
 * True for errors that say the connection, not the query, failed: network
 * errors, SQLSTATE class 08, server shutdown (57P0x), too many connections.
 */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(message);
}

export interface RetryOptions {
  /** Retries after the first attempt (seed 004: 3). */
  retries: number;
  /** First delay; doubles each retry. */
  baseDelayMs: number;
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

/** Runs `fn` again after a connection error, `retries` times, with exponential backoff. */
export async function retryOnConnectionError<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt > options.retries || !isConnectionError(error)) throw error;
      const delayMs = options.baseDelayMs * 2 ** (attempt - 1);
      options.onRetry?.(attempt, error, delayMs);
      await sleep(delayMs);
    }
  }
}
