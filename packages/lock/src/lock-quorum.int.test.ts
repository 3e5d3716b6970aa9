import { afterAll, beforeAll } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, startRedisServers, test, type RedisServers } from '@platform/testkit';
import { LockBusyError, LockLostError, FencingError } from './errors.js';
import { fencedWrite } from './fencing.js';
import { createLockClients, type LockClients } from './lock-clients.js';
import { capturingLogger, fenceOf } from './lock.fixture.js';
import { createLockManager, type HeldLock } from './lock-manager.js';

// Three independent redis-servers of our own on free ports (never the shared
// one): Redlock's quorum is 2 of 3. Seconds-long ttl so a loaded CI box cannot
// make a live holder miss its extension; every wait below is for a state.
const TIMINGS = { ttlMs: 3_000, retries: 2, retryDelayMs: 50, maxHoldMs: 600_000 };
const DEADLINE_MS = 60_000;

let redis: RedisServers;
let lockClients: LockClients;

beforeAll(async () => {
  redis = await startRedisServers(3);
  lockClients = createLockClients(redis.servers.map((s) => s.url), undefined, capturingLogger().log);
});

afterAll(async () => {
  await lockClients?.close();
  await redis?.stop();
});

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${DEADLINE_MS} ms`);
    await sleep(20);
  }
}

describe('Redlock quorum over 3 independent Redis instances', () => {
  test('one instance killed mid-hold: still held and fenced; two killed: lost, and the next fenced write is refused', async ({ db, prefix }) => {
    const holder = capturingLogger();
    const locks = createLockManager({ redis: lockClients.clients, db, log: holder.log, owner: 'holder', keyPrefix: `${prefix}:lock:`, defaults: TIMINGS });
    const contender = createLockManager({ redis: lockClients.clients, db, log: capturingLogger().log, owner: 'contender', keyPrefix: `${prefix}:lock:`, defaults: TIMINGS });
    const resource = `${prefix}-device:1`;
    const writes: number[] = [];
    const write = (lock: HeldLock, n: number) => fencedWrite(db, lock, async () => void writes.push(n));
    const extensions = () => holder.about(resource).filter((l) => l.msg === 'lock extended').length;

    let held: HeldLock | undefined;
    let releaseFn!: () => void;
    const fnDone = new Promise<void>((resolve) => (releaseFn = resolve));
    const outcome = locks.withLock(resource, async (lock) => {
      held = lock;
      await write(lock, 1);
      await fnDone; // hold until the test has killed both instances
    });
    outcome.catch(() => undefined);
    await until('acquire', () => held !== undefined && writes.length === 1);

    // One of three gone: the survivors still form a majority.
    await redis.servers[0]!.kill();
    const before = extensions();
    await until('an extension after the first kill', () => extensions() >= before + 2);
    expect(held!.signal.aborted).toBe(false);
    await write(held!, 2);
    expect(writes).toEqual([1, 2]);
    expect(await fenceOf(db, resource)).toMatchObject({ token: held!.token, holder: 'holder', live: true });
    // Held means held: another owner is refused by both survivors.
    await expect(contender.withLock(resource, async () => 'stolen')).rejects.toBeInstanceOf(LockBusyError);

    // Two of three gone: no majority can extend, the lock runs out.
    await redis.servers[1]!.kill();
    await expect(outcome).rejects.toBeInstanceOf(LockLostError);
    expect(held!.signal.aborted).toBe(true);
    const refused = await write(held!, 3).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(FencingError);
    expect(refused).toMatchObject({ reason: 'lease_expired', token: held!.token });
    expect(writes).toEqual([1, 2]);
    releaseFn();
  });
});
