import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a test waits for something that normally takes milliseconds. CI runs
 * the suite on a loaded 2-core box, where a poll loop can be starved for seconds;
 * a deadline this far out only ever fires when the awaited state never comes.
 */
export const WAIT_DEADLINE_MS = 60_000;

/**
 * Polls `probe` until it returns something other than `undefined`/`false` and
 * returns it. Tests assert the state they waited for, never how long it took.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = WAIT_DEADLINE_MS, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
