export { test, describe, expect } from './fixtures.js';
export { createTestDatabase } from './database.js';
export type { TestDatabase, TestDatabaseOptions } from './database.js';
export { waitFor, WAIT_DEADLINE_MS } from './wait-for.js';
export { createTestRedis, deleteKeys, uniquePrefix } from './redis.js';
export { databaseUrl, TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL } from './env.js';
export { ensureTemplate } from './template.js';
export { ManualTimers } from './manual-timers.js';
export { eventually } from './eventually.js';
