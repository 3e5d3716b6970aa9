import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';

export const DOCS_PATH = '/docs';

/**
 * OpenAPI 3.0 built from the same zod schemas that validate requests, so the
 * document cannot drift from the code. Served at /docs (UI) and /docs/json,
 * behind the same auth as the API (a browser uses the login cookie).
 * Register before any route: the document is collected from onRoute.
 */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Platform admin API',
        version: '1.0.0',
        description:
          'Authenticate with POST /api/auth/token and send "Authorization: Bearer <token>" (or rely on the ' +
          'HttpOnly cookie it sets). Errors are RFC 9457 application/problem+json. Long-running actions answer ' +
          '202 with a status URL under /api/jobs.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'admin_token' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    // Ops routes (health, metrics) carry no tag and stay out of the API document.
    hideUntagged: true,
    transform: createJsonSchemaTransform({}),
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
}
