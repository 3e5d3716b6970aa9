import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once `condition` holds, checking every `everyMs`; rejects after
 * `timeoutMs` (a guard against hanging, far above any wait a loaded CI box
 * needs, never a performance bound).
 *
 * @example
 * await eventually(async () => (await countRows()) === 3);
 */
export async function eventually(condition: () => boolean | Promise<boolean>, { timeoutMs = 60_000, everyMs = 5, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
