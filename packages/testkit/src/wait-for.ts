import { eventually } from './eventually.js';

/**
 * How long a test waits for something that normally takes milliseconds. CI runs
 * the suite on a loaded 2-core box, where a poll loop can be starved for seconds;
 * a deadline this far out only ever fires when the awaited state never comes.
 */
export const WAIT_DEADLINE_MS = 60_000;

/**
 * {@link eventually} that also returns what it waited for: polls `probe` until it
 * returns something other than `undefined`/`false`. Assert that state, never how
 * long it took.
 *
 * @example
 * const row = await waitFor('the run row', () => db.selectFrom('runs').selectAll().executeTakeFirst());
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = WAIT_DEADLINE_MS, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  let found: T | undefined;
  await eventually(
    async () => {
      const value = await probe();
      if (value === undefined || value === false) return false;
      found = value;
      return true;
    },
    { timeoutMs, everyMs, what },
  );
  return found as T;
}
