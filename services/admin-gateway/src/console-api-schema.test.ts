import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { openApiTypes } from './openapi-document.js';

const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../console/src/api/schema.d.ts');

describe('console API types', () => {
  // The console compiles against this file; if it lags the routes, a breaking route change would
  // not fail the console's typecheck. Regenerate with `pnpm --filter @platform/admin-gateway gen:api`.
  test('console/src/api/schema.d.ts is what the routes generate now', async () => {
    expect(await readFile(committed, 'utf8')).toBe(await openApiTypes());
  });
});
