import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Kysely } from '@platform/db';
import type { TokenSettings } from '../auth/tokens.js';
import type { Queues } from '../jobs.js';

/** What route groups may use; built once in `buildApp`. */
export interface RouteDeps {
  db: Kysely<Database>;
  queues: Queues;
  tokens: TokenSettings;
  /** `Secure` on the token cookie; off only for plain-HTTP local development. */
  cookieSecure: boolean;
  loginRateLimit: { max: number; windowSeconds: number };
  /** The instant "the last 24 h" and similar windows end at; the wall clock unless a caller pins it. */
  now?: () => Date;
}

export type ZodApp = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/**
 * One file per group of routes. Adding a group is that file plus one line in
 * `routes/index.ts`; auth (default-deny, admin for writes), validation,
 * problem details, metrics and OpenAPI apply to it without further wiring.
 */
export interface RouteGroup {
  name: string;
  register(app: ZodApp, deps: RouteDeps): void | Promise<void>;
}
