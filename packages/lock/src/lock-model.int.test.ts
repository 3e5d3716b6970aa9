import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Database, Kysely } from '@platform/db';
import { createTestRedis, describe, expect, test } from '@platform/testkit';
import { FencingError, LockLostError } from './errors.js';
import { fencedWrite, type Fence } from './fencing.js';
import { fenceOf, ledgerOf, makeManager } from './lock.fixture.js';
import type { LockManager } from './lock-manager.js';

interface Model {
  /** Tokens issued so far for this run's resource. */
  issued: number;
  /** Fenced writes accepted so far. */
  writes: number;
}
interface Real {
  db: Kysely<Database>;
  redis: Redis;
  managers: LockManager[];
  resource: string;
  key: string;
}
type LockCommand = fc.AsyncCommand<Model, Real, false>;

/** The guarded effect: one row per accepted write, tagged with the writer's token. */
async function write(db: Kysely<Database>, fence: Fence, writer: string): Promise<void> {
  await fencedWrite(db, fence, (trx) =>
    sql`INSERT INTO lock_model_writes (resource, token, writer) VALUES (${fence.resource}, ${fence.token}, ${writer})`.execute(trx),
  );
}

async function expectRealMatches(model: Model, real: Real): Promise<void> {
  expect((await fenceOf(real.db, real.resource))?.token ?? 0).toBe(model.issued);
  const rows = await sql<{ token: number }>`SELECT token FROM lock_model_writes WHERE resource = ${real.resource} ORDER BY id`.execute(real.db);
  expect(rows.rows).toHaveLength(model.writes);
  // Accepted writes carry strictly increasing tokens: no stale holder wrote after a newer one.
  const tokens = rows.rows.map((r) => Number(r.token));
  expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
  expect(new Set(tokens).size).toBe(tokens.length);
}

/** Up to three processes race for the lock; at most one is ever inside. */
class ContendCommand implements LockCommand {
  constructor(
    readonly writers: number,
    readonly workMs: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    let inside = 0;
    let maxInside = 0;
    const tokens = await Promise.all(
      real.managers.slice(0, this.writers).map((manager, i) =>
        manager.withLock(
          real.resource,
          async (lock) => {
            inside += 1;
            maxInside = Math.max(maxInside, inside);
            await sleep(this.workMs);
            await write(real.db, lock, `writer-${i}`);
            inside -= 1;
            return lock.token;
          },
          { retries: 12, retryDelayMs: 2 },
        ),
      ),
    );
    expect(maxInside).toBe(1);
    expect([...tokens].sort((a, b) => a - b)).toEqual(Array.from({ length: this.writers }, (_, i) => model.issued + i + 1));
    model.issued += this.writers;
    model.writes += this.writers;
    await expectRealMatches(model, real);
  }
  toString = () => `Contend(${this.writers}, ${this.workMs}ms)`;
}

/** Redis loses the key (failover, eviction); a second holder gets in; the first one's write is refused. */
class SupersededCommand implements LockCommand {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const [first, second] = real.managers as [LockManager, LockManager];
    let body: Promise<{ token: number; secondToken: number; refused: unknown }> | undefined;
    const outcome = await first
      .withLock(real.resource, (lock) => {
        body = (async () => {
          await real.redis.del(real.key);
          const secondToken = await second.withLock(real.resource, async (next) => {
            await write(real.db, next, 'second');
            return next.token;
          }, { retries: 0 });
          const refused = await write(real.db, lock, 'first').then(() => 'accepted', (e: unknown) => e);
          return { token: lock.token, secondToken, refused };
        })();
        return body;
      })
      .then(() => 'ok', (e: unknown) => e);
    // The first holder may notice the loss itself (its next extension fails) and
    // return before its body finishes; the body's write must be refused either way.
    if (outcome !== 'ok') expect(outcome).toBeInstanceOf(LockLostError);
    const { token, secondToken, refused } = await body!;
    expect(refused).toBeInstanceOf(FencingError);
    expect(refused).toMatchObject({ token, currentToken: secondToken, reason: 'superseded' });
    model.issued += 2;
    model.writes += 1;
    await expectRealMatches(model, real);
  }
  toString = () => 'Superseded';
}

/** The holder stalls (GC pause, blocked loop) past its ttl; nobody else came, its write is still refused. */
class StalledCommand implements LockCommand {
  constructor(readonly overshootMs: number) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const ttlMs = 60;
    let attempt: Promise<unknown> | undefined;
    let token = 0;
    const outcome = await real.managers[0]!
      .withLock(real.resource, async (lock) => {
        token = lock.token;
        const until = performance.now() + ttlMs + this.overshootMs;
        while (performance.now() < until) {
          // Deliberately blocks the event loop: timers (and so extensions) cannot run.
        }
        attempt = write(real.db, lock, 'stalled').then(() => 'accepted', (e: unknown) => e);
        await attempt;
      }, { ttlMs })
      .then(() => 'ok', (e: unknown) => e);
    if (outcome !== 'ok') expect(outcome).toBeInstanceOf(LockLostError);
    expect(await attempt).toMatchObject({ name: 'FencingError', token, currentToken: token, reason: 'lease_expired' });
    model.issued += 1;
    await expectRealMatches(model, real);
  }
  toString = () => `Stalled(+${this.overshootMs}ms)`;
}

describe('lock model', () => {
  test('mutual exclusion and fencing hold for any sequence of contention, key loss and stalls', async ({ db, redis, prefix }) => {
    await sql`CREATE TABLE lock_model_writes (id serial PRIMARY KEY, resource text NOT NULL, token bigint NOT NULL, writer text NOT NULL)`.execute(db);
    // One Redis connection per "process", as separate services would have.
    const connections = [createTestRedis(), createTestRedis(), createTestRedis()];
    // ttl far above any scheduling hiccup on a loaded CI box: only StalledCommand
    // is meant to outlive its ttl, and it sets its own.
    const managers = connections.map((c, i) => makeManager(c, db, prefix, `proc-${i}`, { ttlMs: 30_000, maxHoldMs: 120_000 }).manager);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.commands(
            [
              fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 })).map(([n, ms]) => new ContendCommand(n, ms)),
              fc.constant(new SupersededCommand()),
              fc.integer({ min: 5, max: 20 }).map((ms) => new StalledCommand(ms)),
            ],
            { maxCommands: 6 },
          ),
          async (cmds) => {
            const resource = `${prefix}-${run++}`;
            const real: Real = { db, redis, managers, resource, key: `${prefix}:lock:${resource}` };
            await fc.asyncModelRun(() => ({ model: { issued: 0, writes: 0 }, real }), cmds);
            // Ledger: every issued token was acquired once and ended once.
            const ledger = await ledgerOf(db, resource);
            const count = (event: string) => ledger.filter((r) => r.event === event).length;
            const issued = (await fenceOf(db, resource))?.token ?? 0;
            expect(count('acquired')).toBe(issued);
            expect(count('released') + count('max_hold_exceeded')).toBe(issued);
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });
});
