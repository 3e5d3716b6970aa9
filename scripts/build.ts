/**
 * `pnpm build`: compiles every package and service from src/*.ts to dist/*.js, file by file.
 *
 * esbuild transpiles without type-checking (`pnpm typecheck` is the one type check, over the whole
 * repository as one program). Not `tsc -b`: with packages exporting their TypeScript sources for dev
 * and tests, tsc would need composite project references kept in sync across 17 packages and takes
 * minutes on 2 cores; esbuild needs no per-package config and takes about a second. Not a bundler:
 * file-by-file output keeps `@platform/db`'s migrations a directory the migrator reads at run time,
 * and keeps each package's npm dependencies resolved from its own node_modules as pnpm laid them out.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildableWorkspaces, sourceFiles } from './build/workspaces.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

for (const dir of buildableWorkspaces(root)) {
  if (only.length > 0 && !only.includes(path.basename(dir))) continue;
  const src = path.join(dir, 'src');
  const outdir = path.join(dir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: sourceFiles(src),
    outdir,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`built ${path.relative(root, outdir)}`);
  // admin-gateway also serves the operator console (console/dist, shipped by its `files`): Vite builds it.
  if (path.basename(dir) === 'admin-gateway') {
    execFileSync(process.execPath, ['--import', 'tsx', 'console/scripts/build.ts'], { cwd: dir, stdio: 'inherit' });
  }
}
