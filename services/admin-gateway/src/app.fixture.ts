import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createMetrics, createRedis, type RedisClient } from '@platform/runtime';
import { createProducer, type Producer } from '@platform/queues';
import type { AdminRole, Database, Kysely } from '@platform/db';
import { TEST_REDIS_URL } from '@platform/testkit';
import { buildApp } from './app.js';
import { hashPassword } from './auth/password.js';
import { issueToken, type AdminIdentity, type TokenSettings } from './auth/tokens.js';

// Shared by the integration tests: a real app over the per-file database and a
// per-test BullMQ prefix. Not imported by src/ code.

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export const testTokens = (): TokenSettings => ({
  secret: randomBytes(32),
  issuer: 'test-issuer',
  audience: 'test-audience',
  ttlSeconds: 300,
});

export interface TestApp {
  app: FastifyInstance;
  producer: Producer;
  tokens: TokenSettings;
  close(): Promise<void>;
}

async function ready(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', resolve);
    // Only a guard against a dead Redis; a loaded CI box can take seconds to connect.
    setTimeout(() => reject(new Error('test redis not ready within 60 s')), 60_000).unref();
  });
}

export async function startApp(
  { db, prefix }: { db: Kysely<Database>; prefix: string },
  options: { queueRedisUrl?: string; loginRateMax?: number; waitForQueue?: boolean; now?: () => Date } = {},
): Promise<TestApp> {
  const connection = createRedis(options.queueRedisUrl ?? TEST_REDIS_URL, 'producer');
  connection.on('error', () => undefined);
  if (options.waitForQueue ?? true) await ready(connection);
  const rateLimitRedis = createRedis(TEST_REDIS_URL, 'client');
  const producer = createProducer({ connection, prefix });
  const tokens = testTokens();
  const app = await buildApp({
    db,
    queues: { producer, connection },
    tokens,
    cookieSecure: true,
    loginRateLimit: { max: options.loginRateMax ?? 1000, windowSeconds: 60 },
    rateLimitRedis,
    rateLimitPrefix: prefix,
    metrics: createMetrics('admin-gateway-test'),
    now: options.now,
  });
  return {
    app,
    producer,
    tokens,
    async close() {
      await app.close();
      await producer.close();
      connection.disconnect();
      await rateLimitRedis.quit();
    },
  };
}

/** Inserts an account with {@link TEST_PASSWORD} and returns it with a valid token. */
export async function createAccount(
  db: Kysely<Database>,
  tokens: TokenSettings,
  role: AdminRole,
  username = `${role}-${randomUUID().slice(0, 8)}`,
): Promise<AdminIdentity & { token: string; auth: { authorization: string } }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const row = await db
    .insertInto('platform.admin_users')
    .values({ username, password_hash: await passwordHash, role })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  const identity = { adminId: row.id, username, role };
  const { token } = await issueToken(tokens, identity);
  return { ...identity, token, auth: { authorization: `Bearer ${token}` } };
}

export async function insertDevice(db: Kysely<Database>, name = `dev-${randomUUID().slice(0, 8)}`): Promise<number> {
  const row = await db.insertInto('platform.devices').values({ name, host: '127.0.0.1' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
