import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Kysely } from '@platform/db';
import { ProblemError } from '../errors.js';
import { sendProblem } from './problem-details.plugin.js';
import { InvalidTokenError, verifyToken, type AdminIdentity, type TokenSettings } from '../auth/tokens.js';

/** Cookie that carries the same token for browsers (Bull Board, /docs), which cannot send a bearer header. */
export const TOKEN_COOKIE = 'admin_token';

/** Reached without a token: probes and scrapes (k8s, Prometheus) and the login itself. */
const OPS_ROUTES = new Set(['/healthz/live', '/healthz/ready', '/metrics']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; null only on public ones. */
    admin: AdminIdentity | null;
  }
  interface FastifyContextConfig {
    /** Marks a route as reachable without a token (only the login). */
    public?: boolean;
  }
}

const unauthorized = (detail: string) => new ProblemError(401, 'Unauthorized', detail);

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return match[1];
  }
  return request.cookies[TOKEN_COOKIE];
}

/** The identity of an authenticated request; routes behind the auth hook may rely on it. */
export function adminOf(request: FastifyRequest): AdminIdentity {
  if (!request.admin) throw new Error(`route ${request.routeOptions.url} read the admin of an unauthenticated request`);
  return request.admin;
}

/**
 * Default-deny: every route needs a valid token unless it is an ops route or
 * says `config: { public: true }`, so a new route group is protected without
 * doing anything. Any method but GET/HEAD/OPTIONS needs the `admin` role,
 * so `viewer` can read everything and change nothing, Bull Board included.
 * The account is re-read per request: disabling it locks the holder out at once,
 * and a role change applies to tokens already issued.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<Database>, tokens: TokenSettings): void {
  app.decorateRequest('admin', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public === true || OPS_ROUTES.has(request.routeOptions.url ?? '')) return;
    try {
      await authenticate(request);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      // Sent here, not thrown: Bull Board's scope has its own error handler that would make it a 500.
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      return sendProblem(request, reply, error);
    }
  });

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = tokenOf(request);
    if (!token) throw unauthorized('a token is required: POST /api/auth/token, then send "Authorization: Bearer <token>"');
    let adminId: string;
    try {
      ({ adminId } = await verifyToken(tokens, token));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthorized(`the token was rejected (${error.reason})`);
      throw error;
    }
    if (!UUID.test(adminId)) throw unauthorized('the token was rejected (unknown subject)');
    const account = await db
      .selectFrom('platform.admin_users')
      .select(['id', 'username', 'role', 'disabled'])
      .where('id', '=', adminId)
      .executeTakeFirst();
    if (!account || account.disabled) throw unauthorized('the account of this token is disabled or gone');
    request.admin = { adminId: account.id, username: account.username, role: account.role };
    if (!READ_METHODS.has(request.method) && account.role !== 'admin') {
      throw new ProblemError(403, 'Forbidden', `role "${account.role}" may only read; ${request.method} needs role "admin"`);
    }
  }
}
