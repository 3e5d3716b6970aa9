import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, type RedisClient } from '@platform/runtime';
import { scanKeys } from '@platform/testkit';

/** Workers log through this; `silent` keeps test output readable. */
export const silentLog = createLogger({ service: 'queues-test', level: 'silent' });

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** Every Redis key under `prefix` (SCAN, as the testkit cleans them; every master of a cluster). */
export async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  return scanKeys(redis, `${prefix}:*`);
}
