import { sql } from 'kysely';
import { z } from 'zod';
import { ADMIN_ROLES } from '@platform/db';
import { decoyHash, verifyPassword } from '../auth/password.js';
import { issueToken } from '../auth/tokens.js';
import { ProblemError } from '../errors.js';
import { adminOf, TOKEN_COOKIE } from '../plugins/auth.plugin.js';
import { problems } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const credentials = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

const tokenResponse = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
  role: z.enum(ADMIN_ROLES),
});

/** Login: a short-lived bearer token, also set as an HttpOnly cookie for browser pages (Bull Board, /docs). */
export const authRoutes: RouteGroup = {
  name: 'auth',
  register(app, { db, tokens, cookieSecure, loginRateLimit }) {
    app.post(
      '/api/auth/token',
      {
        config: {
          public: true,
          // Per client IP, counted in Redis so a guesser cannot spread attempts over replicas.
          rateLimit: { max: loginRateLimit.max, timeWindow: loginRateLimit.windowSeconds * 1000 },
        },
        schema: {
          tags: ['auth'],
          summary: 'Exchange username and password for a token',
          security: [],
          body: credentials,
          response: { 200: tokenResponse, ...problems(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const account = await db
          .selectFrom('platform.admin_users')
          .select(['id', 'username', 'role', 'disabled', 'password_hash'])
          .where(sql<string>`lower(username)`, '=', username.toLowerCase())
          .executeTakeFirst();
        const ok = await verifyPassword(account?.password_hash ?? (await decoyHash()), password);
        if (!account || !ok || account.disabled) {
          request.log.warn({ username, reason: !account ? 'unknown user' : !ok ? 'bad password' : 'disabled' }, 'login refused');
          // One message for every cause: the caller must not learn which usernames exist.
          throw new ProblemError(401, 'Unauthorized', 'unknown username, wrong password or disabled account');
        }
        const { token, expiresAt } = await issueToken(tokens, { adminId: account.id, username: account.username, role: account.role });
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('platform.admin_users').set({ last_login_at: sql<Date>`now()` }).where('id', '=', account.id).execute();
          await trx
            .insertInto('platform.admin_audit_log')
            .values({
              actor: account.username,
              action: 'auth.login',
              target_type: 'admin_user',
              target_id: account.id,
              outcome: 'succeeded',
              request_id: request.id,
              details: { role: account.role },
            })
            .execute();
        });
        reply.setCookie(TOKEN_COOKIE, token, {
          httpOnly: true,
          secure: cookieSecure,
          // Strict: a cross-site form cannot ride the cookie into a mutating call (CSRF).
          sameSite: 'strict',
          path: '/',
          expires: expiresAt,
        });
        return { token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString(), role: account.role };
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Who the token belongs to (the console asks on load; a 401 sends it to the login page)',
          response: { 200: z.object({ adminId: z.string(), username: z.string(), role: z.enum(ADMIN_ROLES) }), ...problems(401) },
        },
      },
      async (request) => {
        const { adminId, username, role } = adminOf(request);
        return { adminId, username, role };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { public: true },
        schema: { tags: ['auth'], summary: 'Clear the token cookie', security: [], response: { 204: z.undefined() } },
      },
      async (_request, reply) => reply.clearCookie(TOKEN_COOKIE, { path: '/' }).code(204).send(),
    );
  },
};
