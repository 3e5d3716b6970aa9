import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { FencingError } from './errors.js';
import { extendFence, fencedWrite } from './fencing.js';
import { makeManager } from './lock.fixture.js';

describe('fencedWrite', () => {
  test('refuses a token for a resource that never had one, writing nothing', async ({ db, prefix }) => {
    const resource = `${prefix}-none`;
    let ran = false;
    const error = await fencedWrite(db, { resource, token: 1 }, async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FencingError);
    expect(error).toMatchObject({ resource, token: 1, currentToken: null, reason: 'never_issued' });
    expect(ran).toBe(false);
  });

  test('a new holder\'s token bump waits for a guarded write already in progress', async ({ db, redis, prefix }) => {
    await sql`CREATE TABLE fence_wait_writes (token bigint NOT NULL)`.execute(db);
    const first = makeManager(redis, db, prefix, 'first', { ttlMs: 1_000 }).manager;
    const second = makeManager(redis, db, prefix, 'second', { ttlMs: 1_000 }).manager;
    const resource = `${prefix}-wait`;
    let writeFinishedAt = 0;
    let secondStartedAt = 0;
    await first
      .withLock(resource, async (lock) => {
        let insideWrite!: () => void;
        const guarded = new Promise<void>((resolve) => (insideWrite = resolve));
        const write = fencedWrite(db, lock, async (trx) => {
          insideWrite();
          await sleep(150);
          await sql`INSERT INTO fence_wait_writes VALUES (${lock.token})`.execute(trx);
          writeFinishedAt = performance.now();
        });
        await guarded;
        // Redis forgets the first holder while its write holds FOR KEY SHARE on the fence row.
        await redis.del(`${prefix}:lock:${resource}`);
        await second.withLock(resource, async () => {
          secondStartedAt = performance.now();
        }, { retries: 0 });
        await write;
      })
      .catch(() => undefined);
    expect(writeFinishedAt).toBeGreaterThan(0);
    expect(secondStartedAt).toBeGreaterThan(writeFinishedAt);
    expect((await sql<{ token: number }>`SELECT token FROM fence_wait_writes`.execute(db)).rows).toEqual([{ token: 1 }]);
  });

  test('the holder\'s lease extension does not wait for its own guarded write in progress', async ({ db, redis, prefix }) => {
    const { manager } = makeManager(redis, db, prefix, 'long-writer', { ttlMs: 5_000 });
    const resource = `${prefix}-extend`;
    await manager.withLock(resource, async (lock) => {
      let insideWrite!: () => void;
      let finishWrite!: () => void;
      const inside = new Promise<void>((resolve) => (insideWrite = resolve));
      const parked = new Promise<void>((resolve) => (finishWrite = resolve));
      const write = fencedWrite(db, lock, async () => {
        insideWrite();
        await parked;
        return 'written';
      });
      await inside;
      // If the extension queued behind the write's row lock, this fails after 30 s instead of hanging.
      const extended = await db
        .transaction()
        .execute(async (trx) => {
          await sql`SET LOCAL lock_timeout = '30s'`.execute(trx);
          return extendFence(trx, lock, 60_000);
        })
        .finally(finishWrite);
      expect(extended).toBeInstanceOf(Date);
      expect(await write).toBe('written');
    });
  });
});
