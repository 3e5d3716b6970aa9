import { test as base } from 'vitest';
import { createTestDatabase } from './database.js';
import { createTestRedis, deleteKeys, uniquePrefix } from './redis.js';

/**
 * vitest `test` with real infrastructure:
 * - `database` / `db`: a fresh migrated PostgreSQL database per test file;
 * - `redis`: one connection per file;
 * - `prefix`: a Redis key / BullMQ prefix unique to each test, cleaned after it.
 *
 * @example
 * import { test } from '@platform/testkit';
 * test('stores a row', async ({ db, prefix }) => { ... });
 */
export const test = base
  .extend('database', { scope: 'file' }, async ({}, { onCleanup }) => {
    const database = await createTestDatabase();
    onCleanup(() => database.drop());
    return database;
  })
  .extend('db', { scope: 'file' }, async ({ database }) => database.db)
  .extend('redis', { scope: 'file' }, async ({}, { onCleanup }) => {
    const redis = createTestRedis();
    onCleanup(async () => {
      await redis.quit();
    });
    return redis;
  })
  .extend('prefix', async ({ redis }, { onCleanup }) => {
    const prefix = uniquePrefix();
    onCleanup(async () => {
      await deleteKeys(redis, prefix);
    });
    return prefix;
  });

export { describe, expect } from 'vitest';
