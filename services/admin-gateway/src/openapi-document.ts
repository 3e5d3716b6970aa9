import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import openapiTS, { astToString } from 'openapi-typescript';
import { createDb } from '@platform/db';
import { createProducer } from '@platform/queues';
import { createMetrics } from '@platform/runtime';
import { buildApp } from './app.js';

/**
 * The gateway's OpenAPI document, from an app built over clients that never
 * connect (nothing is requested), so generating it needs no database or Redis.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = createDb('postgres://unused@127.0.0.1:1/unused', { max: 1 });
  const connection = new Redis({ lazyConnect: true, enableOfflineQueue: false });
  connection.on('error', () => undefined);
  const app = await buildApp({
    db,
    queues: { producer: createProducer({ connection, prefix: 'openapi' }), connection },
    tokens: { secret: randomBytes(32), issuer: 'openapi', audience: 'openapi', ttlSeconds: 60 },
    cookieSecure: true,
    loginRateLimit: { max: 1, windowSeconds: 1 },
    rateLimitRedis: connection,
    rateLimitPrefix: 'openapi',
    metrics: createMetrics('admin-gateway-openapi'),
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    connection.disconnect();
    await db.destroy();
  }
}

const HEADER = '// Generated from the admin-gateway OpenAPI document by `pnpm --filter @platform/admin-gateway gen:api`. Do not edit.\n';

/** TypeScript types of every path, as openapi-typescript writes them for openapi-fetch. */
export async function openApiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await openApiDocument())));
  return HEADER + astToString(ast);
}
