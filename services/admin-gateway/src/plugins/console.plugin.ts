import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `pnpm --filter @platform/admin-gateway build:console` writes the console. */
export const CONSOLE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../console/dist');
/** Placeholder in the built index.html, replaced per response by the nonce of that response's CSP. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Strict policy: scripts only from this origin (no inline, no eval), styles from
 * this origin plus the one <style> Mantine injects for its CSS variables, which
 * carries this response's nonce. No frames, no plugins, no foreign connects.
 */
export const consoleCsp = (nonce: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');

/**
 * Serves the operator console at `/` (the API stays under `/api`). Assets are
 * public (the login page is one of them); every API call they make goes
 * through the usual auth. Client-side routes (`/devices`, `/staff`) get
 * index.html, so a reload keeps the page. Without a build, `/` says how to make one.
 */
export async function registerConsole(app: FastifyInstance, dist = CONSOLE_DIST): Promise<void> {
  const indexFile = path.join(dist, 'index.html');
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile, 'utf8') : '';
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) => {
    if (!built) return reply.code(503).type('text/plain').send('console not built: run `pnpm --filter @platform/admin-gateway build:console`');
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', consoleCsp(nonce))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .type('text/html')
      .send(index.replaceAll(NONCE_PLACEHOLDER, nonce));
  };
  if (built) {
    // Assets are public (the login page is made of them); @fastify/static takes no route config,
    // so its routes are marked public as they are added, in a scope of their own.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), public: true };
      });
      await scope.register(fastifyStatic, {
      root: path.join(dist, 'assets'),
      prefix: '/assets/',
      // Hashed file names: cache for a year, immutable.
      immutable: true,
      maxAge: '365d',
        setHeaders: (reply) => {
          reply.header('x-content-type-options', 'nosniff');
        },
      });
    });
  }
  app.get('/', { config: { public: true } }, sendIndex);
  for (const page of CONSOLE_PAGES) app.get(`/${page}`, { config: { public: true } }, sendIndex);
}

/** Client-side routes of the console (kept in step with console/src/pages.tsx). */
export const CONSOLE_PAGES = ['login', 'devices', 'staff', 'buffer', 'conflicts', 'audit-log', 'alerts', 'backups', 'monitoring', 'seller-sync', 'meter-sync', 'exchange'] as const;
