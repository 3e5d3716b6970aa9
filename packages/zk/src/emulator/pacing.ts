import { setTimeout as sleep } from 'node:timers/promises';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Waits before the next packet of a chunked reply. node-zklib handles at most
 * one packet per socket 'data' event, so two packets coalesced into one read
 * lose data. Two setImmediate hops guarantee a full event-loop poll phase
 * (where an in-process client reads) between writes even at `ms` = 0; a
 * client in another process needs real time (`ms` >= ~20, see README).
 */
export async function pace(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
  await turn();
  await turn();
}
