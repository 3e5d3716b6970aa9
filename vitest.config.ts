import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One vitest project per workspace package, generated here so a new package
// needs no config file of its own; `vitest --project db` runs just one.
const workspaceDirs = [
  ...['packages', 'services'].flatMap((group) =>
    readdirSync(group, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(group, d.name, 'package.json')))
      .map((d) => join(group, d.name)),
  ),
  'e2e',
];

export default defineConfig({
  test: {
    // Integration tests talk to real PostgreSQL/Redis and property tests run
    // 100 cases each, so the 5 s default is too tight on a 2-core CI box. This is
    // only a hang guard: on a heavily loaded box 100-run properties took 115-120 s.
    // Hooks get the same guard: three PGlite nodes booting in a beforeAll took longer than 120 s
    // on a box loaded by stress-ng and parallel work.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Most test time is spent waiting on PostgreSQL, Redis and sockets, so three
    // workers overlap that waiting on our 2-core machines (vitest's default is cores - 1 = 1).
    maxWorkers: 3,
    // node-zklib prints "ok tcp" on every connect; thousands of them bury real output.
    onConsoleLog: (log) => !log.startsWith('ok tcp'),
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    projects: workspaceDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/').at(-1)!,
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      },
    })),
  },
});
