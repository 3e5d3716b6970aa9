/*
 * Writes console/src/api/schema.d.ts from the gateway's own OpenAPI document,
 * so the console's calls are typed by the routes as they are: a route change
 * that breaks the console fails `pnpm typecheck`. Run after changing a route:
 *   pnpm --filter @platform/admin-gateway gen:api
 * (console/api-schema.test.ts fails while the file is stale.)
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiTypes } from '../../src/openapi-document.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/api/schema.d.ts');
await writeFile(target, await openApiTypes());
console.log(`wrote ${target}`);
process.exit(0);
